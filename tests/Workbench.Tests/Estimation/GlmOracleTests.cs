using System.Globalization;
using Workbench.Estimation;

namespace Workbench.Tests.Estimation;

/// <summary>
/// Every hierarchical model on the Kosovo lists and three models on a sparse table, against base R glm(family = poisson).
/// Expected values from R 4.2.2, script Fixtures/Estimation/kosovo-glm.R (glm epsilon 1e-14). Tolerances: N-hat and
/// interval bounds 1e-7 relative; deviance, AIC, BIC 1e-6 absolute; df exact.
/// </summary>
public class GlmOracleTests
{
    public static TheoryData<string, double, double, int, double, double, double, double> Read(string file)
    {
        var data = new TheoryData<string, double, double, int, double, double, double, double>();
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Estimation", file));
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split("\",\"").Select(s => s.Trim('"')).ToArray();
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            data.Add(f[0], D(1), D(2), (int)D(3), D(5), D(6), D(7), D(8));
        }
        return data;
    }

    public static TheoryData<string, double, double, int, double, double, double, double> KosovoModels => Read("kosovo-glm.csv");
    public static TheoryData<string, double, double, int, double, double, double, double> SparseModels => Read("sparse-glm.csv");

    [Theory]
    [MemberData(nameof(KosovoModels))]
    public void FixedModel_Kosovo_MatchesRGlm(string model, double estimate, double deviance, int df, double aic, double bic, double lower, double upper) =>
        Check(Kosovo.Histories, model, estimate, deviance, df, aic, bic, lower, upper);

    [Theory]
    [MemberData(nameof(SparseModels))]
    public void FixedModel_SparsePairFixedAtMinusInfinity_MatchesRGlmOnReducedCells(string model, double estimate, double deviance, int df, double aic, double bic, double lower, double upper)
    {
        var counts = Kosovo.Counts.ToDictionary(kv => kv.Key, kv => kv.Key[0] == '1' && kv.Key[3] == '1' ? 0 : kv.Value);
        var h = CaptureHistories.FromCounts(Kosovo.Lists, counts);
        var r = Check(h, model, estimate, deviance, df, aic, bic, lower, upper);
        if (model.Contains("14")) Assert.Contains(r.FixedAtMinusInfinity, t => t.SequenceEqual(["EXH", "HRW"]));
        Assert.All(r.Cells.Where(c => c.Pattern[0] == '1' && c.Pattern[3] == '1' && model.Contains("14")), c => Assert.False(c.Kept));
    }

    [Fact]
    public void Bic_Kosovo_MatchesMinimumOfRFits()
    {
        var rows = KosovoModels.Select(r => (Model: (string)r[0], Bic: (double)r[5])).ToList();
        var best = rows.MinBy(r => r.Bic).Model;
        var aicBest = KosovoModels.Select(r => (Model: (string)r[0], Aic: (double)r[4])).MinBy(r => r.Aic).Model;
        Assert.Equal(best, MultipleSystems.Estimate(Kosovo.Histories).ModelNotation);
        Assert.Equal(aicBest, MultipleSystems.Estimate(Kosovo.Histories, new MseOptions { Method = Selection.Aic }).ModelNotation);
    }

    private static MseResult Check(CaptureHistories h, string model, double estimate, double deviance, int df, double aic, double bic, double lower, double upper)
    {
        var r = MultipleSystems.Estimate(h, new MseOptions { Method = Selection.Fixed, Model = model });
        Assert.Equal(model, r.ModelNotation);
        Assert.Equal(1, r.Estimate / estimate, 1e-7);
        Assert.Equal(deviance, r.Deviance, 1e-6);
        Assert.Equal(df, r.Df);
        Assert.Equal(aic, r.Aic, 1e-6);
        Assert.Equal(bic, r.Bic, 1e-6);
        Assert.Equal(1, r.Lower / lower, 1e-7);
        Assert.Equal(1, r.Upper / upper, 1e-7);
        return r;
    }
}
