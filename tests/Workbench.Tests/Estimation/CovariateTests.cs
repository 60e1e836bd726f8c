using System.Globalization;
using Workbench.Estimation;

namespace Workbench.Tests.Estimation;

/// <summary>Covariates as factors (the Dutch design): estimates per level that add up to the total.</summary>
public class CovariateTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Estimation", name);

    private static CaptureHistories Table() =>
        CaptureHistoryCsv.Read(Fixture("covariate.csv"), new CaptureCsvOptions { Count = "count", Covariates = ["year"] }).All;

    /// <summary>Expected values from R 4.2.2 glm, script Fixtures/Estimation/covariate-glm.R; tolerance 1e-7 relative, deviance 1e-6.</summary>
    [Fact]
    public void Fixed_ListByYearInteraction_MatchesRGlmPerYearAndTotal()
    {
        var r = MultipleSystems.Estimate(Table(), new MseOptions { Method = Selection.Fixed, Model = "[12,3,1:year]" });
        Assert.Equal("[12,3,1:year]", r.ModelNotation);
        Assert.Contains(r.Model, t => t.SequenceEqual(["police", "year"]));
        var expected = File.ReadAllLines(Fixture("covariate-glm.csv")).Skip(1)
            .Select(l => l.Split(',').Select(s => s.Trim('"')).ToArray()).ToDictionary(f => f[0]);
        double E(string level, int i) => double.Parse(expected[level][i], CultureInfo.InvariantCulture);
        Assert.Equal(E("total", 5), r.Deviance, 1e-6);
        Assert.Equal((int)E("total", 6), r.Df);
        Assert.Equal(1, r.Estimate / E("total", 2), 1e-7);
        Assert.Equal(1, r.Lower / E("total", 3), 1e-7);
        Assert.Equal(1, r.Upper / E("total", 4), 1e-7);
        foreach (var year in new[] { "2019", "2020" })
        {
            var l = Assert.Single(r.Levels, x => x.Level == year);
            Assert.Equal("year", l.Covariate);
            Assert.Equal((long)E(year, 1), l.Observed);
            Assert.Equal(1, l.Estimate / E(year, 2), 1e-7);
            Assert.Equal(1, l.Lower / E(year, 3), 1e-7);
            Assert.Equal(1, l.Upper / E(year, 4), 1e-7);
        }
    }

    [Theory]
    [InlineData(Selection.Bic)]
    [InlineData(Selection.Aic)]
    [InlineData(Selection.Stepwise)]
    [InlineData(Selection.MainEffects)]
    public void Levels_AddUpToTheTotal(Selection method)
    {
        var r = MultipleSystems.Estimate(Table(), new MseOptions { Method = method });
        Assert.Equal(r.Estimate, r.Levels.Sum(l => l.Estimate), 1e-6);
        Assert.Equal(r.Observed, r.Levels.Sum(l => l.Observed));
        Assert.Equal(r.DarkFigure, r.Cells.Where(c => c.Observed is null).Sum(c => c.Fitted), 1e-6);
        Assert.All(r.Levels, l => Assert.True(l.Lower < l.Estimate && l.Estimate < l.Upper));
    }

    private static CaptureHistories Synthetic(long seed, int stream, long[] truth, double[] firstListEffect)
    {
        var rows = new List<IReadOnlyList<int>>();
        var counts = new List<long>();
        var years = new List<IReadOnlyList<string>>();
        for (var y = 0; y < truth.Length; y++)
        {
            var h = SyntheticCaptures.Draw(["A", "B", "C"], truth[y], [firstListEffect[y], -1.1, -0.9], [(0b011, 0.5)], seed, stream * 10 + y);
            for (var p = 1; p < 8; p++)
            {
                rows.Add([p & 1, (p >> 1) & 1, (p >> 2) & 1]);
                counts.Add(h.CountsByCell[p]);
                years.Add([(2019 + y).ToString(CultureInfo.InvariantCulture)]);
            }
        }
        return CaptureHistories.FromRows(["A", "B", "C"], rows, counts, ["year"], years);
    }

    [Fact]
    public void Bic_CaptureRateOfOneListChangesByYear_SelectsListByYearInteraction()
    {
        var h = Synthetic(3, 0, [3000, 3000, 3000], [-2.0, -1.0, 0.0]);
        var r = MultipleSystems.Estimate(h);
        Assert.Contains(r.Model, t => t.SequenceEqual(["A", "year"]));
        Assert.Equal(3, r.Levels.Count);
    }

    /// <summary>Seeded synthetic populations per year (2,000 / 2,500 / 3,000 true): most per-year intervals cover the truth.</summary>
    [Fact]
    public void PerYear_SyntheticPopulation_IntervalsCoverTheTruthMostly()
    {
        long[] truth = [2000, 2500, 3000];
        int covered = 0, total = 0;
        for (var rep = 0; rep < 15; rep++)
        {
            var r = MultipleSystems.Estimate(Synthetic(17, rep, truth, [-1.5, -1.0, -0.8]));
            for (var y = 0; y < 3; y++)
            {
                var l = r.Levels[y];
                Assert.Equal((2019 + y).ToString(CultureInfo.InvariantCulture), l.Level);
                total++;
                if (l.Lower <= truth[y] && truth[y] <= l.Upper) covered++;
            }
        }
        Assert.True(covered >= 0.8 * total, $"covered {covered} of {total}");
    }

    [Fact]
    public void Profile_WithCovariates_ExplainsTheAlternative()
    {
        var ex = Assert.Throws<MseModelException>(() => MultipleSystems.Estimate(Table(), new MseOptions { Ci = IntervalMethod.Profile }));
        Assert.Contains("use wald or a bootstrap", ex.Message);
    }

    [Fact]
    public void Bca_WithCovariates_Runs()
    {
        var r = MultipleSystems.Estimate(Table(), new MseOptions { Method = Selection.Stepwise, Ci = IntervalMethod.Bca, Nboot = 30 });
        Assert.True(r.Lower < r.Estimate && r.Estimate < r.Upper);
    }
}
