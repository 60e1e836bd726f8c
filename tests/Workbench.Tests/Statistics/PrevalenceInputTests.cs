using Workbench.Data;
using Workbench.Statistics;

namespace Workbench.Tests.Statistics;

/// <summary>Bad input and edge cases of the survey estimator: clear errors with file:line:column, or flagged results.</summary>
public class PrevalenceInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-prev-").FullName;
    private static readonly SurveyDesign Full = new(Weight: "weight", Strata: "stratum", Cluster: "cluster");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv(string text)
    {
        var path = Path.Combine(_dir, $"t{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    // Two strata with two clusters each; line numbers start at 2 for the first data row.
    private const string Good = "stratum,cluster,weight,y,dom\nA,a1,1.5,1,x\nA,a1,2,0,y\nA,a2,1,0,x\nB,b1,3,1,y\nB,b2,2.5,0,x\nB,b2,1,1,y\n";

    private static DataValidationException Fails(Action act) => Assert.Throws<DataValidationException>(act);

    [Fact]
    public void ReadCsv_ValidFile_EqualsInMemoryArrays()
    {
        var (data, by) = SurveyData.ReadCsv(Csv(Good), "y", Full, "dom");
        var fromCsv = Prevalence.EstimateBy(data, by, Full);
        var mem = new SurveyData([1, 0, 0, 1, 0, 1], [1.5, 2, 1, 3, 2.5, 1], ["A", "A", "A", "B", "B", "B"], ["a1", "a1", "a2", "b1", "b2", "b2"]);
        var fromArrays = Prevalence.EstimateBy(mem, ["x", "y", "x", "y", "x", "y"], Full);
        Assert.Equal(fromArrays, fromCsv);
        Assert.Equal(["all", "x", "y"], fromCsv.Select(r => r.Domain));
    }

    [Fact]
    public void ReadCsv_ByNaQuotedNaOrEmpty_NoDomainAndCounted()
    {
        // R read.csv reads NA and "NA" as missing (write.csv writes NA); an empty domain field is missing as well.
        var text = Good.Replace("A,a1,2,0,y", "A,a1,2,0,NA", StringComparison.Ordinal)
            .Replace("B,b1,3,1,y", "B,b1,3,1,\"NA\"", StringComparison.Ordinal)
            .Replace("B,b2,1,1,y", "B,b2,1,1,", StringComparison.Ordinal);
        var path = Csv(text);
        var (data, by) = SurveyData.ReadCsv(path, "y", Full, "dom");
        Assert.Equal(new[] { "x", null, "x", null, "x", null }, by!.AsEnumerable());
        var rows = Prevalence.EstimateBy(data, by, Full);
        Assert.Equal(["all", "x"], rows.Select(r => r.Domain));
        Assert.Equal((3, 0), (rows[0].MissingDomain, rows[1].MissingDomain));
        var raw = CsvColumns.Read(path, ["y", "stratum", "cluster", "weight", "dom"]);
        Assert.Equal(rows, Prevalence.EstimateBy(raw, "y", "dom", Full));
    }

    [Fact]
    public void ReadCsv_QuotedFieldsCrlfAndBom_ReadLikeCsvColumns()
    {
        var text = "\uFEFF" + Good.Replace("\n", "\r\n", StringComparison.Ordinal).Replace("A,a1,2,0,y", "\"A\",\"a1\",\"2\",0,\"y\"", StringComparison.Ordinal);
        var path = Csv(text);
        var (data, by) = SurveyData.ReadCsv(path, "y", Full, "dom");
        var raw = CsvColumns.Read(path, ["y", "weight", "stratum", "cluster", "dom"]);
        Assert.Equal(Prevalence.EstimateBy(raw, "y", "dom", Full), Prevalence.EstimateBy(data, by, Full));
        Assert.Equal(raw.Lines, data.Source!.Lines);
    }

    [Theory]
    [InlineData("A,a1,0,1,x", "weight column 'weight' has '0'")]
    [InlineData("A,a1,-2,1,x", "weight column 'weight' has '-2'")]
    [InlineData("A,a1,,1,x", "weight column 'weight' is empty")]
    [InlineData("A,a1,1e400,1,x", "weight column 'weight' has '1e400'")]
    public void Weights_MissingZeroNegative_ErrorNamesLineAndColumn(string badRow, string message)
    {
        var path = Csv(Good.Replace("A,a1,2,0,y", badRow, StringComparison.Ordinal));
        var ex = Fails(() => SurveyData.ReadCsv(path, "y", Full));
        var e = Assert.Single(ex.Errors);
        Assert.Equal((path, 3, 3), (e.File, e.Line, e.Column));
        Assert.Contains(message, e.Message);
        Assert.Contains("positive", e.Message);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("yes")]
    [InlineData("0.5")]
    public void Outcome_NotZeroOne_ErrorNamesValue(string value)
    {
        var path = Csv(Good.Replace("A,a1,2,0,y", $"A,a1,2,{value},y", StringComparison.Ordinal));
        var e = Assert.Single(Fails(() => SurveyData.ReadCsv(path, "y", Full)).Errors);
        Assert.Equal((3, 4), (e.Line, e.Column));
        Assert.Contains($"'{value}'; expected 0 or 1", e.Message);
    }

    [Fact]
    public void Outcome_EmptyOrNA_IsExcludedAndCounted()
    {
        var path = Csv(Good.Replace("A,a1,2,0,y", "A,a1,2,NA,y", StringComparison.Ordinal).Replace("B,b2,1,1,y", "B,b2,1,,y", StringComparison.Ordinal));
        var (data, by) = SurveyData.ReadCsv(path, "y", Full, "dom");
        var r = Prevalence.EstimateBy(data, by, Full);
        Assert.Equal((4, 2), (r[0].N, r[0].Excluded));
        Assert.Equal((1, 2), (r[2].N, r[2].Excluded));
    }

    [Fact]
    public void Cluster_InTwoStrata_ErrorsUnlessNest()
    {
        var path = Csv(Good.Replace("B,b1,3,1,y", "B,a2,3,1,y", StringComparison.Ordinal));
        var (data, _) = SurveyData.ReadCsv(path, "y", Full);
        var e = Assert.Single(Fails(() => Prevalence.Estimate(data, Full)).Errors);
        Assert.Equal((path, 5, 2), (e.File, e.Line, e.Column));
        Assert.Contains("cluster 'a2' is in stratum 'B' here but in stratum 'A' at line 4", e.Message);
        Assert.Contains("--nest", e.Message);
        // With nest, a2 in stratum B is a different cluster from a2 in stratum A.
        var nested = Prevalence.Estimate(data, Full with { Nest = true });
        Assert.Equal(4 - 2, nested.Df);
    }

    [Fact]
    public void LonelyPsu_DefaultFail_NamesStratumLineAndFix()
    {
        var path = Csv(Good.Replace("B,b2,2.5,0,x\nB,b2,1,1,y\n", "", StringComparison.Ordinal));
        var (data, _) = SurveyData.ReadCsv(path, "y", Full);
        var e = Assert.Single(Fails(() => Prevalence.Estimate(data, Full)).Errors);
        Assert.Equal((path, 5, 2), (e.File, e.Line, e.Column));
        Assert.Contains("stratum 'B' has a single cluster", e.Message);
        Assert.Contains("--lonely-psu certainty|adjust|average", e.Message);
    }

    [Fact]
    public void LonelyPsuAverage_EveryStratumLonely_FlaggedWithoutStandardErrorInsteadOfNaN()
    {
        var data = new SurveyData([1, 0, 1, 0], null, ["A", "A", "B", "B"], ["a", "a", "b", "b"]);
        var r = Prevalence.Estimate(data, new SurveyDesign(LonelyPsu: LonelyPsu.Average));
        Assert.Equal((0.5, (double?)null, (double?)null, 0.0, 1.0), (r.Estimate, r.StdError, r.DesignEffect, r.Lower, r.Upper));
        Assert.Contains("no stratum to average", r.Note);
        var certainty = Prevalence.Estimate(data, new SurveyDesign(LonelyPsu: LonelyPsu.Certainty));
        Assert.Equal(0, certainty.StdError);
    }

    [Fact]
    public void EmptyDomain_AllOutcomesMissing_FlaggedRowNotNaN()
    {
        var data = new SurveyData([1, 0, null, null, 0, 1], null, null, null);
        var r = Prevalence.EstimateBy(data, ["x", "x", "z", "z", "x", "x"]);
        var z = r.Single(e => e.Domain == "z");
        Assert.Equal((0, 2, 0.0, 1.0), (z.N, z.Excluded, z.Lower, z.Upper));
        Assert.Contains("empty domain", z.Note);
        Assert.Null(z.DesignEffect);
    }

    [Fact]
    public void ZeroEvents_ClopperPearsonBoundsAndNote()
    {
        var data = SurveyData.FromBooleans([false, false, false, false, false], [1, 2, 3, 4, 5]);
        foreach (var method in Enum.GetValues<CiMethod>())
        {
            var r = Prevalence.Estimate(data, null, method);
            Assert.Equal((0.0, 0.0), (r.Estimate, r.Lower));
            Assert.Equal(1 - Math.Pow(0.025, 1.0 / 5), r.Upper, 12);
            Assert.Contains("Clopper-Pearson", r.Note);
        }
    }

    [Fact]
    public void AllEvents_UpperOneAndNote()
    {
        var r = Prevalence.Estimate(SurveyData.FromBooleans([true, true, true], [1, 2, 3]), null, CiMethod.Beta);
        Assert.Equal((1.0, 1.0), (r.Estimate, r.Upper));
        Assert.Equal(Math.Pow(0.025, 1.0 / 3), r.Lower, 12);
        Assert.NotNull(r.Note);
    }

    [Fact]
    public void SingleCluster_DomainDfZero_FlaggedZeroOneInterval()
    {
        var data = new SurveyData([1, 0, 1, 0, 0, 1], null, null, ["a", "a", "b", "b", "c", "c"]);
        var r = Prevalence.EstimateBy(data, ["d", "d", "e", "e", "e", "e"]).Single(e => e.Domain == "d");
        Assert.Equal((0, 0.0, 1.0), (r.Df, r.Lower, r.Upper));
        Assert.Contains("no degrees of freedom", r.Note);
    }

    [Fact]
    public void ArraysOfDifferentLength_ArgumentException() =>
        Assert.Throws<ArgumentException>(() => Prevalence.Estimate(new SurveyData([1, 0], [1.0])));

    [Fact]
    public void SimpleMethod_WithWeights_ArgumentException() =>
        Assert.Throws<ArgumentException>(() => Prevalence.EstimateBy(new SurveyData([1, 0], [1.0, 2.0]), null, ProportionMethod.Wilson));

    [Fact]
    public void SimpleMethod_SimpleRandomSample_UsesProportionInterval()
    {
        var r = Prevalence.EstimateBy(SurveyData.FromBooleans([true, false, false, true, false]), null, ProportionMethod.ClopperPearson)[0];
        var p = Proportion.Interval(2, 5, ProportionMethod.ClopperPearson);
        Assert.Equal((p.Lower, p.Upper, "clopper-pearson"), (r.Lower, r.Upper, r.Method));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(95.0)]
    public void Level_OutsideZeroOne_Throws(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Prevalence.Estimate(SurveyData.FromBooleans([true, false]), null, CiMethod.Logit, level));

    [Fact]
    public void MissingColumn_ErrorListsHeader()
    {
        var ex = Fails(() => SurveyData.ReadCsv(Csv(Good), "told", Full));
        Assert.Contains("column 'told' not found in the header; the header has: stratum, cluster, weight, y, dom", ex.Message);
    }

    [Fact]
    public void Estimate_DoesNotMutateInputs()
    {
        double?[] y = [1, 0, 1, 0];
        double[] w = [1, 2, 3, 4];
        Prevalence.Estimate(new SurveyData(y, w), null, CiMethod.Likelihood);
        Assert.Equal([1, 0, 1, 0], y);
        Assert.Equal([1.0, 2, 3, 4], w);
    }
}

/// <summary>The reader's fast decimal path must give exactly what double.Parse gives.</summary>
public class SurveyCsvNumberTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("0.1")]
    [InlineData("123.456")]
    [InlineData("9007199254740993")]
    [InlineData("0.30000000000000004")]
    [InlineData("1e3")]
    [InlineData("2.5E-3")]
    [InlineData("00012.5000")]
    [InlineData("178.92299999999997")]
    public void Weight_ParsedExactlyAsDoubleParse(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-num-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, $"y,w\n1,{text}\n0,1\n");
            var (data, _) = SurveyData.ReadCsv(path, "y", new SurveyDesign(Weight: "w"));
            Assert.Equal(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), data.Weights![0]);
        }
        finally { File.Delete(path); }
    }
}

/// <summary>The fast reader's label coding (by UTF-8 bytes) agrees with reading the columns as strings.</summary>
public class SurveyCsvLabelTests
{
    [Fact]
    public void ReadCsv_ManyAndNonAsciiLabels_SameAsCsvColumns()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-lab-{Guid.NewGuid():N}.csv");
        try
        {
            var rng = new Random(7);
            var sb = new System.Text.StringBuilder("stratum,cluster,weight,y,region\n");
            for (var i = 0; i < 3000; i++)
            {
                var h = rng.Next(5);
                sb.Append($"Straat-é{h},c{h}-{rng.Next(60)},{1 + rng.Next(9)}.5,{rng.Next(2)},{(i % 7 == 0 ? "" : "régio" + rng.Next(12))}\n");
            }
            File.WriteAllText(path, sb.ToString());
            var design = new SurveyDesign(Weight: "weight", Strata: "stratum", Cluster: "cluster");
            var (data, by) = SurveyData.ReadCsv(path, "y", design, "region");
            var raw = Workbench.Data.CsvColumns.Read(path, ["y", "weight", "stratum", "cluster", "region"]);
            Assert.Equal(raw.Values["region"], by);
            Assert.Equal(raw.Values["cluster"], data.Clusters);
            var expected = Prevalence.EstimateBy(raw, "y", "region", design, CiMethod.Likelihood);
            Assert.Equal(expected, Prevalence.EstimateBy(data, by, design, CiMethod.Likelihood));
            Assert.Equal(13, expected.Count);
        }
        finally { File.Delete(path); }
    }
}
