using System.Globalization;
using Workbench.Estimation;

namespace Workbench.Tests.Estimation;

/// <summary>
/// The Dutch design's model search (MaartenCruyff/mse <c>model_search</c>, BIC stage) against base R: <c>step</c> on
/// BIC from all main effects over the two-way terms, on four registries by year and sex (synthetic
/// trafficking-registrations), year as a factor and as orthogonal polynomials of degree 2. Expected values from R 4.2.2,
/// script Fixtures/Estimation/search-glm.R. Tolerances: deviance, AIC, BIC 1e-6 absolute; N-hat 1e-7 relative; df and
/// the steps exact.
/// </summary>
public class SearchTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Estimation", name);

    internal static CaptureHistories Table() => CaptureHistoryCsv.Read(Fixture("search.csv"), new CaptureCsvOptions
    {
        Lists = ["police", "kmar", "care_shelter", "other_reporters"], Count = "Freq", Covariates = ["year", "sex"],
    }).All;

    private static MseOptions Options(string variant) => variant == "poly2"
        ? new MseOptions { Method = Selection.Search, Year = "year", DegreeYear = 2 }
        : new MseOptions { Method = Selection.Search };

    private static List<string[]> Rows(string file, string variant) =>
        File.ReadAllLines(Fixture(file)).Skip(1).Select(l => l.Split(',').Select(s => s.Trim('"')).ToArray()).Where(f => f[0] == variant).ToList();

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("factor")]
    [InlineData("poly2")]
    public void Search_TraffickingByYearAndSex_PathMatchesRStep(string variant)
    {
        var r = MultipleSystems.Estimate(Table(), Options(variant));
        var expected = Rows("search-glm.csv", variant);
        Assert.Equal(expected.Select(e => e[1]).ToArray(), r.Path.Select(p => p.Step).ToArray());
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, p) = (expected[i], r.Path[i]);
            Assert.Equal((int)D(e[2]), p.Df);
            Assert.Equal(D(e[3]), p.Deviance, 1e-6);
            Assert.Equal(D(e[4]), p.Aic, 1e-6);
            Assert.Equal(D(e[5]), p.Bic, 1e-6);
            Assert.Equal(1, p.Estimate / D(e[6]), 1e-7);
        }
        Assert.Equal(r.Path[^1].Bic, r.Bic, 1e-9);
        Assert.Equal(r.Path[^1].Estimate, r.Estimate, 1e-9);
        Assert.Contains(r.Model, t => t.SequenceEqual(["police", "sex"]));
    }

    [Theory]
    [InlineData("factor")]
    [InlineData("poly2")]
    public void Search_PerYearEstimates_MatchRFittedSums(string variant)
    {
        var r = MultipleSystems.Estimate(Table(), Options(variant));
        foreach (var e in Rows("search-years.csv", variant))
        {
            var level = Assert.Single(r.Levels, l => l.Covariate == "year" && l.Level == e[1]);
            Assert.Equal(1, level.Estimate / D(e[2]), 1e-7);
            Assert.True(level.Lower < level.Estimate && level.Estimate < level.Upper);
        }
        Assert.Equal(r.Estimate, r.Levels.Where(l => l.Covariate == "year").Sum(l => l.Estimate), 1e-6);
    }

    [Fact]
    public void Search_DegreeYearWithoutSearch_ExplainsWhatIsNeeded()
    {
        var ex = Assert.Throws<MseModelException>(() => MultipleSystems.Estimate(Table(), new MseOptions { Year = "year", DegreeYear = 1 }));
        Assert.Contains("method search", ex.Message);
        var ex2 = Assert.Throws<MseModelException>(() => MultipleSystems.Estimate(Table(), new MseOptions { Method = Selection.Search, Year = "yr" }));
        Assert.Contains("not one of the covariates", ex2.Message);
        var ex3 = Assert.Throws<MseModelException>(() => MultipleSystems.Estimate(Table(), new MseOptions { Method = Selection.Search, Year = "year", DegreeYear = 5 }));
        Assert.Contains("below the number of years", ex3.Message);
    }

    /// <summary>Parametric and BCa intervals per year, per sex and for the total; the same for one thread and two.</summary>
    [Fact]
    public void Parametric_PerLevelIntervals_ContainTheEstimatesAndAreThreadIndependent()
    {
        var o = Options("poly2") with { Ci = IntervalMethod.Parametric, Nboot = 200, Seed = 4 };
        var one = MultipleSystems.Estimate(Table(), o with { MaxDegreeOfParallelism = 1 });
        var two = MultipleSystems.Estimate(Table(), o with { MaxDegreeOfParallelism = 2 });
        Assert.Equal(one.Levels, two.Levels);
        Assert.Equal((one.Lower, one.Upper), (two.Lower, two.Upper));
        Assert.True(one.Lower < one.Estimate && one.Estimate < one.Upper);
        Assert.Equal(5 * 2 + 5 + 2, one.Levels.Count); // year|sex, then year, then sex
        Assert.All(one.Levels, l => Assert.True(l.Lower < l.Estimate && l.Estimate < l.Upper, $"{l.Covariate} {l.Level}: {l.Lower} {l.Estimate} {l.Upper}"));
    }

    /// <summary>BCa with the search re-run in every replicate, per year and for the total (three lists by two years).</summary>
    [Fact]
    public void Bca_SearchReselection_PerLevelIntervalsAreThreadIndependent()
    {
        var h = CaptureHistoryCsv.Read(Fixture("covariate.csv"), new CaptureCsvOptions { Count = "count", Covariates = ["year"] }).All;
        var o = new MseOptions { Method = Selection.Search, Ci = IntervalMethod.Bca, Nboot = 100, Seed = 9 };
        var one = MultipleSystems.Estimate(h, o with { MaxDegreeOfParallelism = 1 });
        var two = MultipleSystems.Estimate(h, o with { MaxDegreeOfParallelism = 2 });
        Assert.Equal(one.Levels, two.Levels);
        Assert.Equal((one.Lower, one.Upper), (two.Lower, two.Upper));
        Assert.Equal(100, one.BootstrapReplicates);
        Assert.Equal(2, one.Levels.Count);
        Assert.All(one.Levels.Append(new LevelEstimate("", "total", one.Observed, one.Estimate, one.DarkFigure, one.Lower, one.Upper)),
            l => Assert.True(l.Lower < l.Estimate && l.Estimate < l.Upper, $"{l.Level}: {l.Lower} {l.Estimate} {l.Upper}"));
    }
}
