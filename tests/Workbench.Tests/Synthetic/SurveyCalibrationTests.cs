using Workbench.Claims;
using Workbench.Synthetic;

namespace Workbench.Tests.Synthetic;

/// <summary>
/// The survey sample reproduces the factsheet's survey figures as simple weighted means (the point estimate of R
/// survey's svymean/svyby; cross-checked in data-samples/scripts/check-survey.R, output check-survey.out.txt).
/// </summary>
public sealed class SurveyCalibrationTests
{
    private static readonly Ledger Ledger = Ledger.Load(RepoPaths.Sample("published-figures.csv"));
    private static readonly Workbench.Data.RawColumns Raw = RepoPaths.Read(SurveySexualViolence.Name,
        "sex", "age", "stratum", "cluster", "weight", "physical_sv", "told_no_one", "offender_known", "offender_peer");
    private static readonly string[] Sex = Raw.Strings("sex");
    private static readonly double[] Weight = Raw.Doubles("weight", double.NaN);
    private static readonly double[] Sv = Raw.Doubles("physical_sv", double.NaN);

    private static double Percent(string column, Func<int, bool> domain)
    {
        var y = Raw.Doubles(column, double.NaN);
        return 100 * RepoPaths.WeightedMean(y, Weight, i => domain(i) && !double.IsNaN(y[i]));
    }

    [Theory]
    [InlineData("girls-physical-sv", "physical_sv", "F", false, 48)]
    [InlineData("boys-physical-sv", "physical_sv", "M", false, 17)]
    [InlineData("girls-told-no-one", "told_no_one", "F", true, 25)]
    [InlineData("boys-told-no-one", "told_no_one", "M", true, 36)]
    [InlineData("offenders-known-to-child", "offender_known", null, true, 77)]
    [InlineData("offenders-peers", "offender_peer", null, true, 46)]
    public void WeightedEstimate_RoundsToPublishedFigure(string id, string column, string? sex, bool affectedOnly, double printed)
    {
        var p = Percent(column, i => (sex is null || Sex[i] == sex) && (!affectedOnly || Sv[i] == 1));
        Assert.Equal(printed, Ledger[id].Value);
        Assert.True(Ledger[id].IsReproducedBy(p), $"{id}: weighted {p:F3}% is outside {Ledger[id].Band}");
        // Calibrated near the centre of the band, not at its edge.
        Assert.InRange(p, printed - 0.2, printed + 0.2);
    }

    [Fact]
    public void WeightedOverallPrevalence_IsOneInThree()
    {
        var p = Percent("physical_sv", _ => true) / 100;
        Assert.True(Ledger["children-physical-sv"].IsReproducedBy(p), $"{p:F4}");
        Assert.Equal(3, Math.Round(1 / p));
    }

    [Fact]
    public void UnweightedEstimates_DifferVisiblyFromWeighted()
    {
        double Unweighted(string sex) => 100 * Enumerable.Range(0, Sv.Length).Where(i => Sex[i] == sex).Average(i => Sv[i]);
        Assert.True(Unweighted("F") - Percent("physical_sv", i => Sex[i] == "F") >= 1.0);
        Assert.True(Unweighted("M") - Percent("physical_sv", i => Sex[i] == "M") >= 1.0);
        var overallUnweighted = 100 * Sv.Average();
        Assert.True(overallUnweighted - Percent("physical_sv", _ => true) >= 3.0);
    }

    [Fact]
    public void Design_HasNestedClustersInFiveToTenStrata()
    {
        Assert.True(Sv.Length >= 5000);
        var stratum = Raw.Strings("stratum");
        var cluster = Raw.Strings("cluster");
        var strataOfCluster = Enumerable.Range(0, cluster.Length).GroupBy(i => cluster[i]).ToDictionary(g => g.Key, g => g.Select(i => stratum[i]).Distinct().Count());
        Assert.All(strataOfCluster.Values, n => Assert.Equal(1, n));
        var clustersPerStratum = Enumerable.Range(0, cluster.Length).GroupBy(i => stratum[i]).Select(g => g.Select(i => cluster[i]).Distinct().Count()).ToList();
        Assert.InRange(clustersPerStratum.Count, 5, 10);
        Assert.All(clustersPerStratum, n => Assert.True(n >= 3));
        Assert.All(Weight, w => Assert.True(w > 0));
        Assert.All(Raw.Doubles("age", double.NaN), a => Assert.InRange(a, 18, 25));
    }

    [Fact]
    public void FollowUpItems_AreEmptyExactlyWhenNotAffected()
    {
        foreach (var column in new[] { "told_no_one", "offender_known", "offender_peer" })
        {
            var values = Raw.Values[column];
            for (var i = 0; i < Sv.Length; i++) Assert.Equal(Sv[i] == 1, values[i] is not null);
        }
    }
}
