using System.CommandLine;
using System.Text.Json;
using Workbench.Cli.Commands;
using Workbench.Data;
using Workbench.Statistics;

namespace Workbench.Tests.Statistics;

/// <summary>
/// <c>workbench survey</c> and the bad input of issue 17: every case gives exit code 2 and a message that names the
/// problem and the fix, never NaN. The numbers themselves are checked against R in <see cref="SurveyEstimatorTests"/>;
/// here the command is checked to print the same numbers as the library (golden files pin the table layout).
/// </summary>
public class SurveyCommandTests
{
    private static readonly string Dir = Path.Combine(SurveyFixtures.Dir, "estimators");
    private static readonly string Waves = Path.Combine(Dir, "waves.csv");
    private static readonly string[] Design = ["--weight", "weight", "--strata", "stratum", "--cluster", "cluster"];

    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand { new SurveyCommand().Build() };
        var parse = root.Parse(["survey", .. args]);
        Assert.Empty(parse.Errors);
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static string Temp(string name, string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), "workbench-survey-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Total_ByTwoColumns_JsonEqualsLibrary()
    {
        var (code, json, err) = Run(["total", Waves, "--variable", "physical_sv", .. Design, "--by", "wave,sex", "--format", "json"]);
        Assert.True(code == 0, err);
        var sample = SurveySample.ReadCsv(Waves, new SurveyDesign("weight", "stratum", "cluster"), ["physical_sv"], ["wave", "sex"]);
        var expected = SurveyEstimators.Total(sample, "physical_sv", new SurveyOptions { By = ["wave", "sex"] });
        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Domain["wave"], rows[i].GetProperty("domain").GetProperty("wave").GetString());
            Assert.Equal(expected[i].Estimate, rows[i].GetProperty("estimate").GetDouble());
            Assert.Equal(expected[i].StdError!.Value, rows[i].GetProperty("se").GetDouble());
            Assert.Equal(expected[i].Upper, rows[i].GetProperty("upper").GetDouble());
            Assert.Equal(["domain", "statistic", "n", "sumWeights", "estimate", "se", "lower", "upper", "df", "deff", "level"],
                rows[i].EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public void Contrast_TwoWaves_PrintsDifferenceAndRatioWithP()
    {
        var (code, json, err) = Run(["contrast", Waves, "--variable", "physical_sv", .. Design, "--by", "wave", "--levels", "2023,2019", "--format", "json"]);
        Assert.True(code == 0, err);
        var parts = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(["difference", "ratio"], parts.Select(p => p.GetProperty("contrast").GetString()));
        Assert.All(parts, p => Assert.InRange(p.GetProperty("p").GetDouble(), 0, 1));
        var (code2, table, _) = Run(["contrast", Waves, "--variable", "physical_sv", .. Design, "--by", "wave", "--levels", "2023,2019"]);
        Assert.Equal(0, code2);
        Assert.Contains("2023 - 2019", table);
    }

    [Fact]
    public void Glm_Binomial_CsvHasOddsRatios()
    {
        var (code, csv, err) = Run(["glm", Waves, "--formula", "physical_sv ~ sex + age", .. Design, "--format", "csv"]);
        Assert.True(code == 0, err);
        var lines = csv.TrimEnd().Split('\n');
        Assert.Equal("term,estimate,se,statistic,p,lower,upper,oddsRatio,oddsRatioLower,oddsRatioUpper,df,level", lines[0]);
        Assert.Equal(["(Intercept)", "sexM", "age"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.DoesNotContain("NaN", csv);
    }

    [Fact]
    public void Quantile_ByDomain_JsonEqualsLibraryWithProbability()
    {
        var file = Path.Combine(Dir, "apistrat.csv");
        var (code, json, err) = Run(["quantile", file, "--variable", "api00", "--quantile", "0.5,0.9", "--weight", "pw", "--strata", "stype", "--fpc", "fpc", "--by", "stype", "--format", "json"]);
        Assert.True(code == 0, err);
        var sample = SurveySample.ReadCsv(file, new SurveyDesign("pw", "stype") { Fpc = ["fpc"] }, ["api00"], ["stype"]);
        var expected = SurveyEstimators.Quantile(sample, "api00", [0.5, 0.9], new SurveyOptions { By = ["stype"] });
        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(6, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Probability!.Value, rows[i].GetProperty("quantile").GetDouble());
            Assert.Equal(expected[i].Estimate, rows[i].GetProperty("estimate").GetDouble());
            Assert.Equal(expected[i].Lower, rows[i].GetProperty("lower").GetDouble());
            Assert.Equal(expected[i].StdError!.Value, rows[i].GetProperty("se").GetDouble());
            Assert.Equal(["domain", "statistic", "quantile", "n", "sumWeights", "estimate", "se", "lower", "upper", "df", "deff", "level"],
                rows[i].EnumerateObject().Select(p => p.Name));
        }
        var (code2, csv, _) = Run(["quantile", file, "--variable", "api00", "--quantile", "0.5", "--weight", "pw", "--strata", "stype", "--format", "csv"]);
        Assert.Equal(0, code2);
        Assert.StartsWith("domain,statistic,quantile,n,", csv, StringComparison.Ordinal);
        var (code3, table, _) = Run(["quantile", file, "--variable", "api00", "--quantile", "0.01", "--weight", "pw", "--strata", "stype", "--by", "stype"]);
        Assert.Equal(0, code3);
        Assert.Contains("Woodruff", table);
        Assert.Contains("R gives NaN", table);
        Assert.DoesNotContain("NaN ", table);
    }

    [Theory]
    [InlineData("50", "strictly between 0 and 1")]
    [InlineData("0", "strictly between 0 and 1")]
    [InlineData("median", "expected numbers separated by commas")]
    public void Quantile_BadProbability_ExitsTwoWithFix(string quantile, string message)
    {
        var (code, output, err) = Run(["quantile", Waves, "--variable", "age", "--quantile", quantile, .. Design]);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, err);
    }

    [Fact]
    public void Quantile_WithoutProbabilityOrOnNonNumericColumn_ExitsTwo()
    {
        var (code, _, err) = Run(["quantile", Waves, "--variable", "age", .. Design]);
        Assert.Equal(2, code);
        Assert.Contains("quantile needs --quantile", err);
        var (code2, _, err2) = Run(["quantile", Waves, "--variable", "sex", "--quantile", "0.5", .. Design]);
        Assert.Equal(2, code2);
        Assert.Contains("expected a finite number", err2);
        var (code3, _, err3) = Run(["mean", Waves, "--variable", "age", "--quantile", "0.5", .. Design]);
        Assert.Equal(2, code3);
        Assert.Contains("--quantile applies to the quantile estimator", err3);
    }

    [Fact]
    public void ReplicateWeights_MissingOrNegative_ThrowsNamingRowAndColumn()
    {
        var numbers = new Dictionary<string, double?[]>
        {
            ["w"] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            ["repw1"] = [1, 1, 1, 1, 1, 1, 1, 1, 1, -2],
            ["repw2"] = [1, 1, null, 1, 1, 1, 1, 1, 1, 1],
            ["y"] = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
        };
        var design = new SurveyDesign("w") { Replicates = new ReplicateWeights("repw", ReplicateType.JK1) };
        var ex = Assert.Throws<DataValidationException>(() => SurveySample.FromColumns(design, numbers));
        Assert.Contains("replicate weight 'repw1' has -2; expected a non-negative finite number", ex.Message);
        Assert.Contains("replicate weight 'repw2' is empty; replicate weights may not be missing", ex.Message);
    }

    [Theory]
    [InlineData("physical_sv ~ sex:age", "needs both main effects in the model; add sex (or write sex*age)")]
    [InlineData("physical_sv ~ sex * age * wave", "interactions are two-way")]
    [InlineData("physical_sv ~ sex + sex:sex", "crosses a column with itself")]
    public void Glm_UnsupportedInteraction_ExitsTwoWithFix(string formula, string message)
    {
        var (code, output, err) = Run(["glm", Waves, "--formula", formula, .. Design]);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, err);
    }

    [Fact]
    public void Glm_Interaction_NamesTermsAsR()
    {
        var (code, csv, err) = Run(["glm", Waves, "--formula", "physical_sv ~ sex * age", .. Design, "--format", "csv"]);
        Assert.True(code == 0, err);
        Assert.Equal(["(Intercept)", "sexM", "age", "sexM:age"], csv.TrimEnd().Split('\n').Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Chisq_TwoStageTable_JsonEqualsLibrary()
    {
        var file = Path.Combine(Dir, "apiclus2.csv");
        var (code, json, err) = Run(["chisq", file, "--row", "stype", "--col", "sch_wide", "--cluster", "dnum,snum", "--fpc", "fpc1,fpc2", "--format", "json"]);
        Assert.True(code == 0, err);
        var sample = SurveySample.ReadCsv(file, new SurveyDesign(Cluster: "dnum") { Subclusters = ["snum"], Fpc = ["fpc1", "fpc2"] }, [], ["stype", "sch_wide"]);
        var expected = SurveyEstimators.Chisq(sample, "stype", "sch_wide");
        var o = JsonDocument.Parse(json).RootElement[0];
        Assert.Equal(expected.Statistic, o.GetProperty("statistic").GetDouble());
        Assert.Equal(expected.P, o.GetProperty("p").GetDouble());
        Assert.Equal(expected.NumDf, o.GetProperty("ndf").GetDouble());
    }

    [Fact]
    public void Chisq_WithoutCol_ExitsTwoAskingForBoth()
    {
        var (code, _, err) = Run(["chisq", Waves, "--row", "sex", .. Design]);
        Assert.Equal(2, code);
        Assert.Contains("chisq needs --row COL --col COL", err);
    }

    [Fact]
    public void ReplicatePrefix_MatchingNoColumn_ExitsTwoNamingTheFix()
    {
        var (code, _, err) = Run(["mean", Waves, "--variable", "physical_sv", "--weight", "weight", "--replicate-weights", "repw", "--replicate-type", "JK1"]);
        Assert.Equal(2, code);
        Assert.Contains("no column name starts with the replicate weight prefix 'repw'", err);
        Assert.Contains("Give the common start of the replicate weight columns", err);
    }

    [Fact]
    public void Fpc_SmallerThanSample_ExitsTwoNamingLineAndFix()
    {
        var file = Temp("fpc.csv", "s,c,w,y,N\na,1,2,1,2\na,2,2,0,2\na,3,2,1,2\nb,4,2,1,9\nb,5,2,0,9\n");
        var (code, _, err) = Run(["mean", file, "--variable", "y", "--weight", "w", "--strata", "s", "--cluster", "c", "--fpc", "N"]);
        Assert.Equal(2, code);
        Assert.Contains(":2:5:", err.Replace(file, ""), StringComparison.Ordinal);
        Assert.Contains("the population cannot be smaller than the sample", err);
    }

    [Fact]
    public void Fpc_GivenForOneOfTwoStages_ExitsTwoAskingForEveryStage()
    {
        var (code, _, err) = Run(["mean", Path.Combine(Dir, "apiclus2.csv"), "--variable", "api00", "--cluster", "dnum,snum", "--fpc", "fpc1"]);
        Assert.Equal(2, code);
        Assert.Contains("give one fpc column per stage", err);
    }

    [Fact]
    public void Margins_NotCoveringACategory_ExitsTwoNamingTheRowToAdd()
    {
        var margins = Temp("margins-partial.csv", "variable,category,population\nsex,F,1000\n");
        var (code, _, err) = Run(["total", Waves, "--variable", "physical_sv", .. Design, "--calibrate", margins, "--calibration", "poststratify"]);
        Assert.Equal(2, code);
        Assert.Contains("category 'M' of 'sex' is not in the margins", err);
        Assert.Contains("add a row sex,M,<population>", err);
    }

    [Fact]
    public void Margins_NotSummingToTheSameTotal_ExitsTwo()
    {
        var margins = Temp("margins-sum.csv", "variable,category,population\nsex,F,1000\nsex,M,1000\nwave,2019,1500\nwave,2023,1000\n");
        var (code, _, err) = Run(["total", Waves, "--variable", "physical_sv", .. Design, "--calibrate", margins]);
        Assert.Equal(2, code);
        Assert.Contains("every margin must sum to the same population size", err);
    }

    [Fact]
    public void Margins_CategoryWithoutRespondents_ExitsTwo()
    {
        var margins = Temp("margins-extra.csv", "variable,category,population\nsex,F,1000\nsex,M,1000\nsex,X,10\n");
        var (code, _, err) = Run(["mean", Waves, "--variable", "physical_sv", .. Design, "--calibrate", margins, "--calibration", "poststratify"]);
        Assert.Equal(2, code);
        Assert.Contains("no respondent has that category", err);
    }

    [Fact]
    public void Formula_UnknownColumn_ExitsTwoListingTheColumns()
    {
        var (code, _, err) = Run(["glm", Waves, "--formula", "physical_sv ~ sex + agegroup", .. Design]);
        Assert.Equal(2, code);
        Assert.Contains("column 'agegroup' not found in the header", err);
        Assert.Contains("the header has: respondent_id, wave, sex", err);
    }

    [Fact]
    public void Glm_SingularModel_ExitsTwoNamingTheTerm()
    {
        var file = Temp("singular.csv", "y,a,b,w\n1,1,2,1\n0,2,4,1\n1,3,6,2\n0,4,8,1\n1,5,10,1\n0,1,2,3\n");
        var (code, _, err) = Run(["glm", file, "--formula", "y ~ a + b", "--weight", "w"]);
        Assert.Equal(2, code);
        Assert.Contains("the model is singular: term 'b'", err);
        Assert.Contains("Remove the term", err);
    }

    [Fact]
    public void Replicate_FayWithoutRho_ExitsTwoAskingForRho()
    {
        var (code, _, err) = Run(["mean", Path.Combine(Dir, "nhanes-fay.csv"), "--variable", "HI_CHOL", "--weight", "WTMEC2YR", "--replicate-weights", "repw", "--replicate-type", "Fay"]);
        Assert.Equal(2, code);
        Assert.Contains("Fay replicate weights need rho", err);
    }

    [Fact]
    public void Replicate_WithStrata_ExitsTwo()
    {
        var (code, _, err) = Run(["mean", Path.Combine(Dir, "nhanes-fay.csv"), "--variable", "HI_CHOL", "--weight", "WTMEC2YR", "--strata", "SDMVSTRA",
            "--replicate-weights", "repw", "--replicate-type", "Fay", "--rho", "0.3"]);
        Assert.Equal(2, code);
        Assert.Contains("remove --strata, --cluster and --fpc", err);
    }

    [Fact]
    public void Contrast_UnknownLevel_ExitsTwoListingDomains()
    {
        var (code, _, err) = Run(["contrast", Waves, "--variable", "physical_sv", .. Design, "--by", "sex", "--levels", "F,X"]);
        Assert.Equal(2, code);
        Assert.Contains("domain 'X' is not in the data; the domains of sex are: F, M", err);
    }

    [Fact]
    public void SampleWithoutFpcColumnFromMemory_WeightsFromFpc_MatchTheirProduct()
    {
        // R svydesign without weights but with fpc: weight = N_h / n_h per stage.
        var sample = SurveySample.FromColumns(new SurveyDesign(Strata: "s") { Fpc = ["N"] },
            new Dictionary<string, double?[]> { ["N"] = [10, 10, 30, 30, 30], ["y"] = [1, 0, 1, 1, 0] },
            new Dictionary<string, string?[]> { ["s"] = ["a", "a", "b", "b", "b"] });
        Assert.Equal([5.0, 5, 10, 10, 10], sample.Weights());
        var total = SurveyEstimators.Total(sample, "y").Single();
        Assert.Equal(25, total.Estimate, 12);
    }

    [Fact]
    public void LonelyStratum_Fail_ThrowsNamingTheRule()
    {
        var ex = Assert.Throws<DataValidationException>(() => SurveySample.FromColumns(new SurveyDesign(Strata: "s", Cluster: "c"),
            new Dictionary<string, double?[]> { ["y"] = [1, 0, 1] },
            new Dictionary<string, string?[]> { ["s"] = ["a", "a", "b"], ["c"] = ["1", "2", "3"] }));
        Assert.Contains("--lonely-psu certainty|adjust|average", ex.Message);
    }
}
