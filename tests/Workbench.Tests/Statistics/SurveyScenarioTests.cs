using static Workbench.Tests.Statistics.SurveyFixtures;

namespace Workbench.Tests.Statistics;

/// <summary>
/// The scenarios the issue names, each pinned to its fixture row (expected values from R 4.2.2 survey 4.1-1,
/// script Fixtures/Statistics/make-fixtures.R; tolerances as in <see cref="SvycipropTests"/>).
/// </summary>
public class SurveyScenarioTests
{
    [Fact]
    public void KornGraubard_DomainWithEmptyPsu_MatchesR()
    {
        // Nobody aged 12-13 in the third cluster of stratum 2: that cluster counts as zeros, and the domain has one
        // cluster fewer (df 30 instead of 31).
        const string key = "stratified-cluster|affected|age|12-13|beta|0.95";
        Assert.Equal(30, All[key].Df);
        Assert.Equal(31, All["stratified-cluster|affected|age|14-15|beta|0.95"].Df);
        SvycipropTests.Check(key, 1e-9);
    }

    [Fact]
    public void Logit_RareOutcome_MatchesR()
    {
        const string key = "stratified-cluster|rare|none|all|logit|0.95";
        Assert.InRange((double)All[key].Events / All[key].N, 0.01, 0.03);
        SvycipropTests.Check(key, 1e-7);
    }

    [Theory]
    [InlineData("stratified-cluster|told_no_one|sex|girl|likelihood|0.90")]
    [InlineData("stratified-cluster|told_no_one|none|all|likelihood|0.95")]
    public void Likelihood_OutcomeDefinedOnlyAmongAffected_MatchesR(string key)
    {
        Assert.True(All[key].Excluded > 0);
        SvycipropTests.Check(key, 1e-6);
    }

    [Fact]
    public void Mean_WeightsOnlyDesign_MatchesR() => SvycipropTests.Check("weights-only|affected|sex|boy|mean|0.90", 1e-9);

    [Fact]
    public void XLogit_SimpleRandomSample_MatchesR()
    {
        const string key = "srs|affected|none|all|xlogit|0.95";
        Assert.Equal(All[key].N - 1, All[key].Df);
        SvycipropTests.Check(key, 1e-9);
    }

    [Theory]
    [InlineData("lonely-certainty|affected|none|all|asin|0.95")]
    [InlineData("lonely-adjust|affected|none|all|asin|0.95")]
    [InlineData("lonely-average|affected|none|all|asin|0.95")]
    public void Asin_LonelyPsuOptions_MatchR(string key) => SvycipropTests.Check(key, 1e-9);

    [Fact]
    public void LonelyPsuOptions_GiveDifferentStandardErrors()
    {
        var se = new[] { "certainty", "adjust", "average" }
            .Select(o => Actual(All[$"lonely-{o}|affected|none|all|mean|0.95"]).StdError).ToArray();
        Assert.Equal(3, se.Distinct().Count());
    }

    [Fact]
    public void NestedClusterLabels_EqualUniqueLabels()
    {
        var nested = Actual(All["nested-cluster|affected|age|16-17|likelihood|0.95"]);
        var unique = Actual(All["stratified-cluster|affected|age|16-17|likelihood|0.95"]);
        Assert.Equal(unique.StdError!.Value, nested.StdError!.Value, 14);
        Assert.Equal(unique.Lower, nested.Lower, 12);
    }
}
