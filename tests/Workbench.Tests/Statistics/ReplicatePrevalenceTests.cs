using System.Globalization;
using Workbench.Statistics;

namespace Workbench.Tests.Statistics;

/// <summary>
/// Prevalence with replicate weights (<see cref="Prevalence.EstimateBy(SurveySample, string, string?, PrevalenceOptions?)"/>,
/// <c>workbench prevalence --replicate-weights</c>) against R 4.2.2 survey 4.1-1 <c>svyciprop</c> on <c>svrepdesign</c>:
/// every row of Fixtures/Statistics/estimators/prevalence-replicate-expected.csv, written by
/// Fixtures/Statistics/make-replicate-prevalence-fixtures.R (JK1, bootstrap, BRR with missing outcomes, Fay; methods
/// logit, asin, beta, mean, xlogit; overall and by domain). Tolerances (relative): estimates and SEs 1e-9, bounds
/// 1e-7 (logit 1e-6 and its estimate 1e-7: R fits and refits every replicate by IRLS); counts and df exactly; "mean"
/// bounds outside [0, 1] are truncated with a note, as without replicate weights.
/// </summary>
public class ReplicatePrevalenceTests
{
    private static readonly string Dir = Path.Combine(SurveyFixtures.Dir, "estimators");
    private static readonly Lazy<List<Dictionary<string, string>>> Rows =
        new(() => SurveyEstimatorTests.ReadCsv(Path.Combine(Dir, "prevalence-replicate-expected.csv")));

    public static IEnumerable<object[]> Groups() =>
        Rows.Value.Select(r => (r["case"], r["method"], r["level"])).Distinct().Select(g => new object[] { g.Item1, g.Item2, g.Item3 });

    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    internal static SurveySample Sample(Dictionary<string, string> r) =>
        SurveySample.ReadCsv(Path.Combine(Dir, r["file"]),
            new SurveyDesign(r["weight"])
            {
                Replicates = new ReplicateWeights("repw", Enum.Parse<ReplicateType>(r["reptype"], true))
                {
                    Rho = r["rho"] is "" ? null : Num(r["rho"]),
                    Scale = r["scale_exact"] is "NA" ? null : Num(r["scale_exact"]),
                },
            }, [r["outcome"]], [r["by"]]);

    private static void Close(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected) || Math.Abs(actual - expected) <= 1e-14,
            $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [MemberData(nameof(Groups))]
    public void EstimateBy_ReplicateDesign_MatchesRSvyciprop(string name, string method, string level)
    {
        var expected = Rows.Value.Where(r => r["case"] == name && r["method"] == method && r["level"] == level).ToList();
        var first = expected[0];
        var results = Prevalence.EstimateBy(Sample(first), first["outcome"], first["by"],
            new PrevalenceOptions { Method = SurveyIntervalMethod.Parse(method), Level = Num(level) });
        Assert.Equal(expected.Select(e => e["domain"]), results.Select(r => r.Domain));
        var bounds = method == "logit" ? 1e-6 : 1e-7;
        foreach (var (e, a) in expected.Zip(results))
        {
            var what = $"{name} {method} {level} {e["domain"]}";
            Assert.Equal((int)Num(e["n"]), a.N);
            Assert.Equal((int)Num(e["df"]), a.Df);
            // R's logit estimate is expit of the IRLS coefficient: the weighted mean to glm.fit's tolerance.
            Close(Num(e["estimate"]), a.Estimate, method == "logit" ? 1e-7 : 1e-9, what + " estimate");
            Close(Num(e["se"]), a.StdError!.Value, 1e-9, what + " SE");
            // "mean" bounds beyond [0, 1] are truncated with a note (R reports them untruncated).
            if (Num(e["lower"]) < 0) { Assert.Equal(0, a.Lower); Assert.Contains("truncated", a.Note); }
            else Close(Num(e["lower"]), a.Lower, bounds, what + " lower");
            if (Num(e["upper"]) > 1) { Assert.Equal(1, a.Upper); Assert.Contains("truncated", a.Note); }
            else Close(Num(e["upper"]), a.Upper, bounds, what + " upper");
        }
    }

    [Fact]
    public void EstimateBy_ReplicateDesignWithLikelihood_ThrowsNamingTheMethodsRSupports()
    {
        var sample = Sample(Rows.Value[0]);
        var ex = Assert.Throws<ArgumentException>(() =>
            Prevalence.EstimateBy(sample, "sch_wide", "stype", new PrevalenceOptions { Method = SurveyIntervalMethod.Likelihood }));
        Assert.Contains("use --method logit", ex.Message);
    }

    [Fact]
    public void PrevalenceCommand_ReplicateWeights_JsonEqualsLibrary()
    {
        var file = Path.Combine(Dir, "nhanes-fay.csv");
        var (code, json, err) = PrevalenceCliTests.Run([file, "--outcome", "HI_CHOL", "--weight", "WTMEC2YR", "--replicate-weights", "repw",
            "--replicate-type", "Fay", "--rho", "0.3", "--by", "race", "--method", "beta", "--format", "json"]);
        Assert.True(code == 0, err);
        var expected = Rows.Value.Where(r => r["case"] == "fay" && r["method"] == "beta").ToList();
        var rows = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var (e, a) in expected.Zip(rows))
        {
            Close(Num(e["lower"]), a.GetProperty("lower").GetDouble(), 1e-7, "fay beta lower " + e["domain"]);
            Close(Num(e["upper"]), a.GetProperty("upper").GetDouble(), 1e-7, "fay beta upper " + e["domain"]);
        }
    }

    [Theory]
    [InlineData("--method", "likelihood", "no likelihood interval on replicate-weight designs")]
    [InlineData("--method", "wilson", "assumes an unweighted simple random sample")]
    [InlineData("--strata", "SDMVSTRA", "remove --strata, --cluster and --fpc")]
    public void PrevalenceCommand_ReplicateWeightsWithBadOption_ExitsTwoWithFix(string option, string value, string message)
    {
        var file = Path.Combine(Dir, "nhanes-brr.csv");
        var (code, output, err) = PrevalenceCliTests.Run([file, "--outcome", "HI_CHOL", "--weight", "WTMEC2YR", "--replicate-weights", "repw", "--replicate-type", "BRR", option, value]);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, err);
    }

    [Fact]
    public void PrevalenceCommand_ReplicateTypeWithoutPrefix_ExitsTwo()
    {
        var (code, _, err) = PrevalenceCliTests.Run([Path.Combine(Dir, "nhanes-brr.csv"), "--outcome", "HI_CHOL", "--replicate-type", "BRR"]);
        Assert.Equal(2, code);
        Assert.Contains("give --replicate-weights PREFIX and --replicate-type TYPE together", err);
    }
}
