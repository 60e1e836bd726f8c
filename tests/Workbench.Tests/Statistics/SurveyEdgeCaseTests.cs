using System.Globalization;
using System.Text.Json;
using Workbench.Cli.Commands;
using Workbench.Statistics;
using static Workbench.Tests.Statistics.SurveyFixtures;

namespace Workbench.Tests.Statistics;

/// <summary>
/// The survey edge cases of issue 11 against R 4.2.2 survey 4.1-1 (script Fixtures/Statistics/make-edge-fixtures.R):
/// the likelihood interval at large design effects and small df, a domain column with missing values, and lonely
/// clusters per domain. Tolerances as in <see cref="SvycipropTests"/> (1e-6 for likelihood, 1e-9 closed forms).
/// </summary>
public class SurveyEdgeCaseTests
{
    private static readonly string Edge = Path.Combine(Dir, "survey-edge.csv");
    private static readonly string Likelihood = Path.Combine(Dir, "survey-likelihood.csv");
    private static readonly string[] Design = ["--weight", "weight", "--strata", "stratum", "--cluster", "cluster"];

    [Theory]
    [InlineData("likelihood|y|scenario|df3-spread3.2|likelihood|0.99")]
    [InlineData("likelihood|y|scenario|df2-spread3.2|likelihood|0.95")]
    [InlineData("likelihood|y|scenario|df1-spread0.8|likelihood|0.90")]
    public void Likelihood_LargeDesignEffectSmallDf_MatchesR(string key)
    {
        // The profile's tail probability pnorm(qt(alpha/2, df) sqrt(lambda)) is below 1e-40 here: the old t quantile
        // gave [0, 1].
        var e = All[key];
        Assert.True(e.Df <= 3 && e.Deff > 9, $"df {e.Df}, deff {e.Deff}");
        SvycipropTests.Check(key, 1e-6);
        Assert.True(Actual(e).Lower > 0);
    }

    public static IEnumerable<object[]> RStops() =>
        All.Values.Where(e => e.RError != "" && e.Method == "likelihood").Select(e => new object[] { e.Key });

    [Theory, MemberData(nameof(RStops))]
    public void Likelihood_WhereRStops_FlaggedZeroOneInterval(string key)
    {
        // R stops ("'from' must be a finite number" at df 1 when the scaled tail underflows; "zero or negative
        // denominator df" at df 0); Workbench reports the estimate with [0, 1] and says why.
        var a = Actual(All[key]);
        Assert.Equal((0.0, 1.0), (a.Lower, a.Upper));
        Assert.Contains("undefined", a.Note);
    }

    [Fact]
    public void Likelihood_DfOneDomains_OtherDomainsKeepTheirValues()
    {
        // Regression: a df = 1 domain threw IndexOutOfRangeException in the profile spline and lost the whole table.
        var (code, stdout, stderr) = PrevalenceCliTests.Run([Likelihood, "--outcome", "y", .. Design, "--by", "scenario", "--method", "likelihood", "--format", "json"]);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("domain").GetString()!);
        Assert.Equal(13, rows.Count);
        Assert.Contains("note: domain 'df1-spread0.8'", stderr);
        foreach (var e in All.Values.Where(e => e.Design == "likelihood" && e.Method == "likelihood" && e.Level == 0.95 && e.Lower is not null))
        {
            SvycipropTests.AssertClose(e.Lower, rows[e.Domain].GetProperty("lower").GetDouble(), 1e-6, $"{e.Domain} lower");
            SvycipropTests.AssertClose(e.Upper, rows[e.Domain].GetProperty("upper").GetDouble(), 1e-6, $"{e.Domain} upper");
        }
    }

    [Fact]
    public void ProfileSpline_UnsortedParameterValues_SortedAsR()
    {
        // A saturated profile has z in order but not the parameter (R spline() sorts by x first).
        var (x, y) = ProfileSpline.Spline([-32.5, -48.4, -16.6, -0.65, 15.3], [-43, -43, -28.2, 0, 38.5]);
        Assert.Equal(15, x.Length);
        Assert.Equal(-48.4, x[0]);
        Assert.Equal(15.3, x[^1]);
        Assert.All(y, v => Assert.True(double.IsFinite(v)));
    }

    public static IEnumerable<object[]> ByFormats() => [["NA"], [""]];

    [Theory, MemberData(nameof(ByFormats))]
    public void ByColumn_MissingValue_IsNoDomainAndCountedAsR(string missing)
    {
        // R write.csv writes a missing value as NA; an empty field is missing as well. svyby drops those rows from
        // the domains but they stay in the design, so every domain equals R's.
        var dir = Directory.CreateTempSubdirectory("wb-edge-").FullName;
        var path = Path.Combine(dir, "edge.csv");
        File.WriteAllLines(path, File.ReadAllLines(Edge).Select(l => { var f = l.Split(','); if (f[3] == "NA") f[3] = missing; return string.Join(',', f); }));
        IReadOnlyList<SurveyEstimate> results;
        try { results = PrevalenceCommand.Run(path, "y", DesignFor("edge-certainty"), "region", "logit", 0.95); }
        finally { Directory.Delete(dir, recursive: true); }
        Assert.Equal(["all", "east", "north", "south", "west"], results.Select(r => r.Domain));
        var expectedMissing = All["edge-certainty|y|region|east|logit|0.95"].MissingBy;
        Assert.Equal(51, expectedMissing);
        Assert.Equal(expectedMissing, results[0].MissingDomain);
        Assert.All(results.Skip(1), r => Assert.Equal(0, r.MissingDomain));
        foreach (var r in results)
        {
            var e = All[$"edge-certainty|y|{(r.Domain == "all" ? "none" : "region")}|{r.Domain}|logit|0.95"];
            Assert.Equal((e.N, e.Excluded, e.Df), (r.N, r.Excluded, r.Df));
            SvycipropTests.AssertClose(e.Mean, r.Estimate, 1e-9, $"{r.Domain} estimate");
            SvycipropTests.AssertClose(e.Se, r.StdError!.Value, 1e-9, $"{r.Domain} se");
        }
    }

    [Fact]
    public void ByColumn_MissingValues_CountedInEveryFormat()
    {
        string[] args = [Edge, "--outcome", "y", .. Design, "--by", "region", "--lonely-psu", "average"];
        var (_, table, _) = PrevalenceCliTests.Run(args);
        PrevalenceCliTests.Golden("prevalence-edge-by-region-average.txt", table);
        Assert.Contains("51 respondents have no domain value (empty or NA)", table);
        var (_, json, _) = PrevalenceCliTests.Run([.. args, "--format", "json"]);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(51, doc.RootElement[0].GetProperty("missingDomain").GetInt32());
        var (_, csv, _) = PrevalenceCliTests.Run([.. args, "--format", "csv"]);
        var lines = csv.Split('\n');
        Assert.Equal("51", lines[1].Split(',')[Array.IndexOf(lines[0].Split(','), "missingDomain")]);
    }

    [Fact]
    public void LonelyPsuAverage_DomainInLonelyStrataOnly_FlaggedOthersEstimated()
    {
        // R: svyby gives NaN for 'east' (its strata S3 and S4 each have one cluster) and values for the rest.
        var (code, stdout, stderr) = PrevalenceCliTests.Run([Edge, "--outcome", "y", .. Design, "--by", "region", "--lonely-psu", "average", "--format", "json"]);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var east = doc.RootElement.EnumerateArray().Single(r => r.GetProperty("domain").GetString() == "east");
        Assert.Equal(JsonValueKind.Null, east.GetProperty("se").ValueKind);
        Assert.Equal(JsonValueKind.Null, east.GetProperty("deff").ValueKind);
        Assert.Equal((0.0, 1.0), (east.GetProperty("lower").GetDouble(), east.GetProperty("upper").GetDouble()));
        Assert.Null(All["edge-average|y|region|east|logit|0.95"].Se);
        Assert.Contains("note: domain 'east': every stratum of this domain has a single cluster", stderr);
        foreach (var r in doc.RootElement.EnumerateArray().Where(r => r.GetProperty("domain").GetString() != "east"))
        {
            var d = r.GetProperty("domain").GetString()!;
            var e = All[$"edge-average|y|{(d == "all" ? "none" : "region")}|{d}|logit|0.95"];
            SvycipropTests.AssertClose(e.Se, r.GetProperty("se").GetDouble(), 1e-9, $"{d} se");
            // At df = 1 R's logit interval is [0, NA] (pnorm underflow; the documented convention differs).
            if (e.Df > 1) SvycipropTests.AssertClose(e.Lower, r.GetProperty("lower").GetDouble(), 1e-7, $"{d} lower");
        }
    }

    [Fact]
    public void LonelyPsuFail_NamesStrataAndTheDomainsRStopsFor()
    {
        var (code, stdout, stderr) = PrevalenceCliTests.Run([Edge, "--outcome", "y", .. Design, "--by", "region"]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("stratum 'S3' has a single cluster (PSU)", stderr);
        Assert.Contains("stratum 'S4' has a single cluster (PSU)", stderr);
        foreach (var e in LonelyFail.Values)
        {
            var named = e.Domain == "all" ? "('all')" : $"'{e.Domain}'";
            if (e.RError != "")
            {
                Assert.Contains("Stratum (S3) has only one PSU", e.RError);
                Assert.Contains(named, stderr);
            }
            else Assert.DoesNotContain(named, stderr);
        }
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"survey-edge.csv:"), stderr);
    }
}
