using System.Diagnostics;
using Workbench.Estimation;
using Workbench.Randomness;
using Workbench.Synthetic;
using Xunit.Abstractions;

namespace Workbench.Tests.Estimation;

/// <summary>
/// Coverage of the Dutch design's intervals against a known truth: synthetic populations like
/// <c>trafficking-registrations</c> (five registries, 2015-2019, the yearly totals and registry dependence of
/// <see cref="TraffickingPopulationModel.Default"/>), each year's victims spread over the registration patterns
/// multinomially by the model's probabilities, so that the tables vary as the bootstrap assumes.
/// </summary>
public class CoverageTests(ITestOutputHelper output)
{
    // One population group (adult men, labour exploitation, cross-border: every registry sees some) and no individual
    // heterogeneity, so the log-linear model class holds the truth and coverage measures the intervals, not model bias.
    private static readonly TraffickingPopulationModel Model = TraffickingPopulationModel.Default with
    {
        Groups = [TraffickingPopulationModel.Default.Groups.Single(g => g is { AgeGroup: "adult", Sex: "M", Exploitation: "labour", Domestic: "cross_border" }) with { Share = 1 }],
        HeterogeneitySd = 0,
    };

    internal static CaptureHistories Population(int replicate)
    {
        var k = Model.Lists.Count;
        var probabilities = Model.PatternProbabilities(Model.Groups[0]);
        var rows = new List<IReadOnlyList<int>>();
        var counts = new List<long>();
        var years = new List<IReadOnlyList<string>>();
        foreach (var year in Model.Years)
        {
            var cells = Xoshiro256.ForReplicate(2026, replicate * 16 + year - 2015).Multinomial(Model.TruePopulation(year), probabilities);
            for (var p = 1; p < 1 << k; p++)
            {
                rows.Add(Enumerable.Range(0, k).Select(i => (p >> i) & 1).ToArray());
                counts.Add(cells[p]);
                years.Add([year.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }
        return CaptureHistories.FromRows(Model.Lists, rows, counts, ["year"], years);
    }

    /// <summary>200 populations, model search on BIC, parametric bootstrap of 200 replicates: the 95% intervals for
    /// each year and for the total cover the truth in 90-99% of the populations.</summary>
    [Fact]
    public void Parametric_TraffickingLikePopulations_95PercentIntervalsCoverTheTruth90To99Percent()
    {
        const int populations = 200;
        var watch = Stopwatch.StartNew();
        var coveredYear = new int[populations];
        var coveredTotal = new bool[populations];
        var years = Model.Years.ToArray();
        var truthTotal = years.Sum(Model.TruePopulation);
        Parallel.For(0, populations, new ParallelOptions { MaxDegreeOfParallelism = 2 }, rep =>
        {
            var r = MultipleSystems.Estimate(Population(rep), new MseOptions
            {
                Method = Selection.Search, Ci = IntervalMethod.Parametric, Nboot = 200, Seed = rep + 1, MaxDegreeOfParallelism = 1,
            });
            coveredTotal[rep] = r.Lower <= truthTotal && truthTotal <= r.Upper;
            for (var y = 0; y < years.Length; y++)
            {
                var l = r.Levels[y];
                if (l.Lower <= Model.TruePopulation(years[y]) && Model.TruePopulation(years[y]) <= l.Upper) coveredYear[rep]++;
            }
        });
        var yearShare = coveredYear.Sum() / (double)(populations * years.Length);
        var totalShare = coveredTotal.Count(c => c) / (double)populations;
        output.WriteLine($"coverage per year {yearShare:P1} of {populations * years.Length}, total {totalShare:P1} of {populations}, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.InRange(yearShare, 0.90, 0.99);
        Assert.InRange(totalShare, 0.90, 0.99);
    }
}
