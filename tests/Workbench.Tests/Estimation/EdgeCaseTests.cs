using Workbench.Estimation;

namespace Workbench.Tests.Estimation;

public class EdgeCaseTests
{
    /// <summary>Two lists, independence: the Lincoln-Petersen estimate, dark figure n10·n01/n11 (closed form).</summary>
    [Fact]
    public void TwoLists_MainEffects_IsLincolnPetersen()
    {
        var h = CaptureHistories.FromCounts(["a", "b"], new Dictionary<string, long> { ["10"] = 300, ["01"] = 200, ["11"] = 50 });
        foreach (var method in new[] { Selection.Bic, Selection.MainEffects, Selection.Stepwise })
        {
            var r = MultipleSystems.Estimate(h, new MseOptions { Method = method });
            Assert.Equal(300.0 * 200 / 50, r.DarkFigure, 1e-8);
            Assert.Equal(550 + 1200, r.Estimate, 1e-8);
            Assert.Equal(0, r.Df);
            Assert.Equal("[1,2]", r.ModelNotation);
        }
    }

    /// <summary>Wald on log D for Lincoln-Petersen: var(log D) = 1/n10 + 1/n01 + 1/n11 (closed form).</summary>
    [Fact]
    public void TwoLists_Wald_MatchesClosedFormVariance()
    {
        var h = CaptureHistories.FromCounts(["a", "b"], new Dictionary<string, long> { ["10"] = 300, ["01"] = 200, ["11"] = 50 });
        var r = MultipleSystems.Estimate(h, new MseOptions { Method = Selection.MainEffects });
        var se = Math.Sqrt(1.0 / 300 + 1.0 / 200 + 1.0 / 50);
        Assert.Equal(550 + 1200 * Math.Exp(-1.959963984540054 * se), r.Lower, 1e-6);
        Assert.Equal(550 + 1200 * Math.Exp(1.959963984540054 * se), r.Upper, 1e-6);
    }

    [Fact]
    public void TwoLists_NoOverlap_MainEffectsMleDoesNotExist()
    {
        var h = CaptureHistories.FromCounts(["a", "b"], new Dictionary<string, long> { ["10"] = 300, ["01"] = 200 });
        var ex = Assert.Throws<MseModelException>(() => MultipleSystems.Estimate(h, new MseOptions { Method = Selection.MainEffects }));
        Assert.Contains("does not exist", ex.Message);
    }

    /// <summary>
    /// Six lists (32,768 models up to order 2): the pruned search (shown equal to the exhaustive one on four and five
    /// lists) finds the two true interactions; the exhaustive search is exercised by the benchmark (about 3 s CPU).
    /// </summary>
    [Fact]
    public void SixLists_BicOrderTwo_FindsTheTrueInteractions()
    {
        var lists = new[] { "a", "b", "c", "d", "e", "f" };
        var h = SyntheticCaptures.Draw(lists, 5000, [-1.3, -1.5, -1.2, -1.8, -1.4, -1.6], [(0b000011, 0.9), (0b110000, 0.7)], seed: 8);
        var f = new LogLinearFitter(h);
        var pruned = ModelSelection.ByCriterionPruned(f, h, true, MseOptions.DefaultMaxOrder(6));
        var notation = pruned.Fit.Model.Notation(6);
        Assert.Contains("12", notation);
        Assert.Contains("56", notation);
        Assert.True(pruned.Considered < 32768);
    }

    [Fact]
    public void SevenLists_Bic_RefusesWithAdvice()
    {
        var lists = new[] { "a", "b", "c", "d", "e", "f", "g" };
        var h = SyntheticCaptures.Draw(lists, 5000, [-1.3, -1.5, -1.2, -1.8, -1.4, -1.6, -1.0], [], seed: 8);
        var ex = Assert.Throws<MseModelException>(() => MultipleSystems.Estimate(h));
        Assert.Contains("up to six lists", ex.Message);
        Assert.Equal("stepwise", MultipleSystems.Estimate(h, new MseOptions { Method = Selection.Stepwise }).Method);
    }

    [Fact]
    public void Estimate_DoesNotMutateInput()
    {
        var h = Kosovo.Histories;
        var before = h.CountsByCell.ToArray();
        MultipleSystems.Estimate(h, new MseOptions { Method = Selection.Stepwise, Ci = IntervalMethod.Bca, Nboot = 20 });
        Assert.Equal(before, h.CountsByCell);
    }

    [Fact]
    public void Options_Defaults_AsMultipleSystemsEstimation()
    {
        var o = new MseOptions();
        Assert.Equal((Selection.Bic, 0.02, IntervalMethod.Wald, 1000, 1L, 0.95), (o.Method, o.Pthresh, o.Ci, o.Nboot, o.Seed, o.Level));
        Assert.Equal([1, 2, 3, 3, 2], new[] { 2, 3, 4, 5, 6 }.Select(MseOptions.DefaultMaxOrder));
    }
}
