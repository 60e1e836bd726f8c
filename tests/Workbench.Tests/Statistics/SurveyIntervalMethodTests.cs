using Workbench.Claims;
using Workbench.Estimation;
using Workbench.Statistics;

namespace Workbench.Tests.Statistics;

/// <summary>
/// The one method type (<see cref="SurveyIntervalMethod"/>), the options record (<see cref="PrevalenceOptions"/>) and the
/// shared result shape (<see cref="IIntervalEstimate"/>). The numbers themselves are checked against R in
/// SvycipropTests and ProportionTests; these tests protect that the new entry points give the same numbers as the old.
/// </summary>
public sealed class SurveyIntervalMethodTests
{
    private static readonly SurveyData Data = new([1, 0, 0, 1, 0, 1, 1, 0], [1.5, 2, 1, 3, 2.5, 1, 2, 1],
        ["A", "A", "A", "A", "B", "B", "B", "B"], ["a1", "a1", "a2", "a2", "b1", "b1", "b2", "b2"]);
    private static readonly string?[] By = ["x", "y", "x", "y", "x", "y", "x", "y"];
    private static readonly SurveyDesign Full = new(Weight: "weight", Strata: "stratum", Cluster: "cluster");

    public static TheoryData<CiMethod> SurveyMethods() => [.. Enum.GetValues<CiMethod>()];

    [Theory, MemberData(nameof(SurveyMethods))]
    public void Options_EverySvycipropMethod_EqualsPositionalEntryPoint(CiMethod method)
    {
        var positional = Prevalence.EstimateBy(Data, By, Full, method, 0.9);
        var options = Prevalence.EstimateBy(Data, By, new PrevalenceOptions { Design = Full, Method = method, Level = 0.9 });
        Assert.Equal(positional, options);
        Assert.All(options, r => Assert.Equal(Prevalence.MethodName(method), r.Method));
    }

    [Fact]
    public void Options_ClassicalMethod_EqualsProportionMethodEntryPoint()
    {
        var srs = Data with { Weights = null, Strata = null, Clusters = null };
        var old = Prevalence.EstimateBy(srs, By, ProportionMethod.WilsonCorrected);
        var now = Prevalence.EstimateBy(srs, By, new PrevalenceOptions { Method = SurveyIntervalMethod.WilsonCorrected });
        Assert.Equal(old, now);
        Assert.All(now, r => Assert.Equal("wilson-cc", r.Method));
    }

    [Fact]
    public void Options_ClassicalMethodOnComplexDesign_ThrowsNamingTheSurveyMethods()
    {
        var ex = Assert.Throws<ArgumentException>(() => Prevalence.EstimateBy(Data, By, new PrevalenceOptions { Design = Full, Method = SurveyIntervalMethod.Jeffreys }));
        Assert.Contains("the jeffreys interval assumes a simple random sample", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(logit, likelihood, asin, beta, mean, xlogit)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Options_LevelOutsideZeroOne_ThrowsWhenSet(double level)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PrevalenceOptions { Level = level });
        Assert.Contains("between 0 and 1 (exclusive), e.g. 0.95", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryListedName_RoundTripsAndUnknownListsTheNames()
    {
        foreach (var m in SurveyIntervalMethod.All)
        {
            Assert.Same(m, SurveyIntervalMethod.Parse(m.Name.ToUpperInvariant()));
            Assert.Equal(m.Name, m.ToString());
        }
        Assert.Equal(SurveyIntervalMethod.All.Count, SurveyIntervalMethod.All.Select(m => m.Name).Distinct().Count());
        var ex = Assert.Throws<ArgumentException>(() => SurveyIntervalMethod.Parse("exact"));
        Assert.Contains("expected one of logit, likelihood, asin, beta, mean, xlogit, wilson, wilson-cc, clopper-pearson, jeffreys, agresti-coull, wald", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conversions_EveryEnumValue_HasAValueOfTheRightFamily()
    {
        foreach (var m in Enum.GetValues<CiMethod>())
            Assert.False(((SurveyIntervalMethod)m).RequiresSimpleRandomSample);
        foreach (var m in Enum.GetValues<ProportionMethod>())
            Assert.True(((SurveyIntervalMethod)m).RequiresSimpleRandomSample);
        Assert.Equal(["logit", "likelihood", "asin", "beta", "mean", "xlogit"], SurveyIntervalMethod.Names(simpleRandomSample: false));
    }

    [Fact]
    public void Percent_ProportionEstimates_TimesHundredAndCountsRefused()
    {
        IIntervalEstimate survey = Prevalence.Estimate(Data, Full, CiMethod.Beta);
        var pct = survey.Percent();
        Assert.Equal((survey.Estimate * 100, survey.Lower * 100, survey.Upper * 100, survey.Level, EstimateKind.Percent),
            (pct.Estimate, pct.Lower, pct.Upper, pct.Level, pct.Kind));
        IIntervalEstimate count = new IntervalEstimate(100, 80, 130, 0.95, EstimateKind.Count);
        Assert.Throws<ArgumentException>(() => count.Percent());
        Assert.Equal(new IntervalEstimate(10, 8, 13, 0.95, EstimateKind.Count), count.Scaled(0.1));
    }

    [Fact]
    public void ClaimsRecordPercent_SurveyAndProportion_SameAsScalingByHand()
    {
        var survey = Prevalence.Estimate(Data, Full, CiMethod.Beta);
        var simple = Proportion.Interval(3, 8, ProportionMethod.Jeffreys);
        var a = Claims.Claims.RecordPercent("survey-test", survey);
        Assert.Equal((survey.Estimate * 100, survey.Lower * 100, survey.Upper * 100, survey.Level), (a.Value, a.Lower, a.Upper, a.Level));
        var b = Claims.Claims.RecordPercent("proportion-test", simple);
        Assert.Equal((simple.Estimate * 100, simple.Lower * 100, simple.Upper * 100), (b.Value, b.Lower, b.Upper));
        var c = Claims.Claims.Record("yearly-test", new IntervalEstimate(100, 80, 130, 0.95, EstimateKind.Count), scale: 1.0 / 4);
        Assert.Equal((25.0, 20.0, 32.5), (c.Value, c.Lower, c.Upper));
    }
}
