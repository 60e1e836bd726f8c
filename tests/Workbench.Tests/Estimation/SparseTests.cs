using Workbench.Estimation;

namespace Workbench.Tests.Estimation;

/// <summary>SparseMSE conventions: terms with no observations fixed at minus infinity, existence (Fienberg-Rinaldo), rank.</summary>
public class SparseTests
{
    private static readonly string[] Three = ["A", "B", "C"];

    // The all-two-way model on 3 lists has 7 parameters on 7 cells: with cell 111 empty (but every pair observed)
    // the MLE would need a fitted 0, so it does not exist.
    private static CaptureHistories EmptyTriple => CaptureHistories.FromCounts(Three, new Dictionary<string, long>
    {
        ["100"] = 50, ["010"] = 40, ["001"] = 30, ["110"] = 10, ["101"] = 8, ["011"] = 6, ["111"] = 0,
    });

    [Fact]
    public void Fixed_MleDoesNotExist_ThrowsAndNamesTheReason()
    {
        var ex = Assert.Throws<MseModelException>(() => MultipleSystems.Estimate(EmptyTriple, new MseOptions { Method = Selection.Fixed, Model = "[12,13,23]" }));
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void Bic_MleDoesNotExist_ModelIsSkippedAndReported()
    {
        var r = MultipleSystems.Estimate(EmptyTriple, new MseOptions { Method = Selection.Bic });
        Assert.Contains(r.Skipped, s => s is { Model: "[12,13,23]", Reason: "mle-does-not-exist" });
        Assert.NotEqual("[12,13,23]", r.ModelNotation);
        Assert.Equal(8, r.ModelsConsidered);
    }

    [Fact]
    public void Fixed_ZeroCellButInteriorMargins_IsFitted()
    {
        var r = MultipleSystems.Estimate(EmptyTriple, new MseOptions { Method = Selection.Fixed, Model = "[12,3]" });
        Assert.True(r.Estimate > r.Observed);
        Assert.Equal(2, r.Df);
    }

    [Fact]
    public void Fixed_TwoPairsNeverOverlap_RankDeficientIsReported()
    {
        // 1&3 and 2&3 never overlap: their terms are fixed at minus infinity, leaving 4 cells for 5 parameters.
        var h = CaptureHistories.FromCounts(Three, new Dictionary<string, long> { ["100"] = 20, ["010"] = 15, ["001"] = 10, ["110"] = 5 });
        var ex = Assert.Throws<MseModelException>(() => MultipleSystems.Estimate(h, new MseOptions { Method = Selection.Fixed, Model = "[12,13,23]" }));
        Assert.Contains("rank deficient", ex.Message);
    }

    [Fact]
    public void Fixed_PairNeverOverlaps_TermFixedAtMinusInfinityAndCellsLeaveTheFit()
    {
        var h = CaptureHistories.FromCounts(Three, new Dictionary<string, long>
        {
            ["100"] = 60, ["010"] = 45, ["001"] = 30, ["110"] = 12, ["011"] = 9,
        });
        var r = MultipleSystems.Estimate(h, new MseOptions { Method = Selection.Fixed, Model = "[12,13]" });
        Assert.Equal([["A", "C"]], r.FixedAtMinusInfinity.Select(t => t.ToArray()).ToArray());
        Assert.All(r.Cells.Where(c => c.Pattern is "101" or "111"), c => { Assert.False(c.Kept); Assert.Equal(0, c.Fitted); });
        Assert.Equal(0, r.Df); // 5 kept cells, 5 parameters (intercept, 3 main effects, AB)
    }

    [Fact]
    public void ExistenceCheck_SaturatedWithZero_DoesNotExist_MainEffects_Exists()
    {
        // Two lists, cells 10, 01, 11 and the design [1, x1, x2]: three parameters on three cells (saturated), so an
        // empty cell would need a fitted 0.
        double[] x = [1, 1, 0, 1, 0, 1, 1, 1, 1];
        Assert.False(ExistenceCheck.Exists(x, 3, 3, [5, 7, 0]));
        Assert.True(ExistenceCheck.Exists(x, 3, 3, [5, 7, 2]));
        // Intercept-only with one zero cell: the mean is positive, so the MLE exists.
        Assert.True(ExistenceCheck.Exists([1, 1, 1], 3, 1, [0, 3, 4]));
    }

    [Fact]
    public void Stepwise_CandidateWhoseMleDoesNotExist_GetsPValueOneAndIsSkipped()
    {
        var r = MultipleSystems.Estimate(EmptyTriple, new MseOptions { Method = Selection.Stepwise, Pthresh = 0.5 });
        Assert.DoesNotContain("[12,13,23]", r.ModelNotation);
    }
}
