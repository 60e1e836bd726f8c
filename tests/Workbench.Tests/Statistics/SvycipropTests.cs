using Workbench.Statistics;
using static Workbench.Tests.Statistics.SurveyFixtures;

namespace Workbench.Tests.Statistics;

/// <summary>
/// Every fixture row of survey-expected.csv: expected values from R 4.2.2 survey 4.1-1, script
/// tests/Workbench.Tests/Fixtures/Statistics/make-fixtures.R. Tolerances (relative): 1e-9 for the point estimate, SE,
/// design effect and the closed-form intervals (mean, asin, xlogit, beta), 1e-7 for logit (R fits it by IRLS), 1e-6 for
/// likelihood (R's profile spline). Where R is undefined (no events, all events, df 0, empty domain) Workbench must
/// return a flagged result with finite bounds in [0, 1] instead.
/// </summary>
public class SvycipropTests
{
    internal static void AssertClose(double? expected, double actual, double tolerance, string what)
    {
        Assert.True(expected.HasValue, $"{what}: R gave NA");
        var e = expected!.Value;
        var err = Math.Abs(actual - e);
        Assert.True(err <= tolerance * Math.Abs(e) || (e == 0 && err <= 1e-15),
            $"{what}: expected {e:R}, got {actual:R} (|diff| {err:E3}, tolerance {tolerance:E0} relative)");
    }

    internal static void Check(string key, double tolerance)
    {
        var e = All[key];
        var a = Actual(e);
        Assert.Equal(e.N, a.N);
        Assert.Equal(e.Events, a.Events);
        Assert.Equal(e.Excluded, a.Excluded);
        Assert.Equal(e.Df, a.Df);
        AssertClose(e.SumW, a.SumWeights, 1e-12, "sum of weights");
        AssertClose(e.Kish, a.KishN, 1e-12, "Kish n");
        if (e.Se is null && e.N > 0)
        {
            // R's variance is NaN (lonely "average" with every stratum of the domain lonely): no SE, flagged [0, 1].
            Assert.Null(a.StdError);
            Assert.Null(a.DesignEffect);
            Assert.Equal((0.0, 1.0), (a.Lower, a.Upper));
            Assert.Contains("no stratum to average", a.Note);
            AssertClose(e.Mean, a.Estimate, 1e-9, "estimate");
            return;
        }
        Assert.NotNull(a.StdError);
        Assert.All(new[] { a.Estimate, a.StdError.Value, a.Lower, a.Upper, a.SumWeights, a.KishN }, v => Assert.True(double.IsFinite(v)));
        Assert.InRange(a.Lower, 0, a.Estimate);
        Assert.InRange(a.Upper, a.Estimate, 1);
        if (e.IsEdge)
        {
            Assert.NotNull(a.Note);
            return;
        }
        AssertClose(e.Mean, a.Estimate, 1e-9, "estimate");
        AssertClose(e.Se, a.StdError.Value, 1e-9, "standard error");
        AssertClose(e.Deff, a.DesignEffect!.Value, 1e-9, "design effect");
        if (e.Lower is null || e.Upper is null)
        {
            // R's own numerics break down here (df = 1: the profile misses the cutoff, or pnorm(qt(.)) rounds to 0);
            // the checks above already require finite bounds in [0, 1] around the estimate.
            return;
        }
        if (a.Note is not null && (e.Method is "mean" or "asin"))
        {
            // Truncated where R returns a bound outside [0, 1] (mean) or folded back (asin): only the other bound must match.
            Assert.Contains("truncated", a.Note);
            if (a.Lower > 0) AssertClose(e.Lower, a.Lower, tolerance, "lower");
            if (a.Upper < 1) AssertClose(e.Upper, a.Upper, tolerance, "upper");
            return;
        }
        Assert.Null(a.Note);
        AssertClose(e.Lower, a.Lower, tolerance, "lower");
        AssertClose(e.Upper, a.Upper, tolerance, "upper");
    }

    public static IEnumerable<object[]> LogitRows => Keys("logit");
    public static IEnumerable<object[]> LikelihoodRows => Keys("likelihood");
    public static IEnumerable<object[]> AsinRows => Keys("asin");
    public static IEnumerable<object[]> BetaRows => Keys("beta");
    public static IEnumerable<object[]> MeanRows => Keys("mean");
    public static IEnumerable<object[]> XLogitRows => Keys("xlogit");

    [Theory, MemberData(nameof(LogitRows))]
    public void Logit_FixtureRow_MatchesR(string key) => Check(key, 1e-7);

    [Theory, MemberData(nameof(LikelihoodRows))]
    public void Likelihood_FixtureRow_MatchesR(string key) => Check(key, 1e-6);

    [Theory, MemberData(nameof(AsinRows))]
    public void Asin_FixtureRow_MatchesR(string key) => Check(key, 1e-9);

    [Theory, MemberData(nameof(BetaRows))]
    public void KornGraubard_FixtureRow_MatchesR(string key) => Check(key, 1e-9);

    [Theory, MemberData(nameof(MeanRows))]
    public void Mean_FixtureRow_MatchesR(string key) => Check(key, 1e-9);

    [Theory, MemberData(nameof(XLogitRows))]
    public void XLogit_FixtureRow_MatchesR(string key) => Check(key, 1e-9);
}
