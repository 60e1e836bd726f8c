using Workbench.Disclosure;

namespace Workbench.Tests.Disclosure;

public class ProtectionTests
{
    internal static TableDimension Dim(string name, int n) =>
        new(name, Enumerable.Range(1, n).Select(i => $"{name}{i}").ToArray());

    internal static FrequencyTable Table2(long[,] counts) =>
        FrequencyTable.FromCounts(counts, Dim("r", counts.GetLength(0)), Dim("c", counts.GetLength(1)));

    private static readonly DisclosureOptions Exact = new(RoundingBase: 1);

    internal static void AssertNotRecoverable(ProtectedTable p, bool exhaustive)
    {
        var attacker = new Attacker(p);
        Assert.Empty(attacker.SolveSingleUnknowns());
        if (!exhaustive) return;
        foreach (var (cell, (lo, hi)) in attacker.IntegerRanges())
        {
            var c = p.Cells[cell];
            Assert.True(hi > lo, $"cell {string.Join(",", c.Labels)} (true {p.Source[c.Index.ToArray()]}) is recovered: range [{lo}, {hi}]\n{p.ToText()}");
            var required = Math.Min(p.Options!.ProtectionWidth, c.Shown.StartsWith('<') ? p.Options.MinimumCell - 2 : long.MaxValue);
            Assert.True(hi == long.MaxValue || hi - lo >= required,
                $"cell {string.Join(",", c.Labels)} range [{lo}, {hi}] is narrower than {required}\n{p.ToText()}");
        }
    }

    [Fact]
    public void Protect_OneDimension_SuppressesSmallAndOneMore()
    {
        var t = FrequencyTable.FromCounts([3L, 25, 40, 12], Dim("age", 4));
        var p = t.Protect(Exact);
        Assert.Equal(DisclosureReason.PrimarySuppression, p[0].Reasons);
        // the smallest other cell (12) hides the 3, so the total stays published
        Assert.Equal(DisclosureReason.SecondarySuppression, p[3].Reasons);
        Assert.Equal(80L, p[FrequencyTable.Total].Value);
        Assert.Null(p[0].Value);
        Assert.Equal("x", p[0].Shown);
        AssertNotRecoverable(p, exhaustive: true);
    }

    [Fact]
    public void Protect_TwoDimensions_FormsRectangle()
    {
        var t = Table2(new long[,] { { 20, 30, 4 }, { 25, 15, 40 }, { 50, 60, 70 } });
        var p = t.Protect(Exact);
        Assert.Equal(DisclosureReason.PrimarySuppression, p[0, 2].Reasons);
        Assert.Equal(4, p.SuppressedCount);
        // row 0: smallest other is 20 (col 0); column 2: smallest other is 40 (row 1); closing cell (1, 0) = 25
        Assert.True(p[0, 0].IsSuppressed);
        Assert.True(p[1, 2].IsSuppressed);
        Assert.True(p[1, 0].IsSuppressed);
        Assert.All(p.Cells.Where(c => c.IsMargin), c => Assert.False(c.IsSuppressed));
        AssertNotRecoverable(p, exhaustive: true);
    }

    [Fact]
    public void Protect_RowWithOneSmallCellAndZeros_SuppressesRowTotal()
    {
        // row 0 has a single non-zero cell, so its total equals it and is small too; zeros are published
        var t = Table2(new long[,] { { 3, 0, 0 }, { 25, 15, 40 }, { 50, 60, 70 } });
        var p = t.Protect(Exact);
        Assert.True(p[0, 0].IsSuppressed);
        Assert.True(p[0, FrequencyTable.Total].IsSuppressed);
        Assert.Equal(0L, p[0, 1].Value);
        Assert.Equal(0L, p[0, 2].Value);
        AssertNotRecoverable(p, exhaustive: true);
    }

    [Fact]
    public void Protect_MarginBelowThreshold_IsSuppressedAndProtected()
    {
        var t = Table2(new long[,] { { 2, 3, 1 }, { 25, 15, 40 }, { 50, 60, 70 } });
        var p = t.Protect(Exact);
        Assert.Equal(DisclosureReason.PrimarySuppression, p[0, FrequencyTable.Total].Reasons);
        AssertNotRecoverable(p, exhaustive: true);
    }

    [Fact]
    public void Protect_AllCellsSmall_NothingRecoverable()
    {
        var t = Table2(new long[,] { { 2, 3, 1 }, { 4, 5, 2 }, { 1, 1, 6 } });
        var p = t.Protect(Exact);
        Assert.All(p.Cells.Where(c => !c.IsMargin), c => Assert.True(c.IsSuppressed));
        Assert.Equal(25L, p[FrequencyTable.Total, FrequencyTable.Total].Value);
        AssertNotRecoverable(p, exhaustive: true);
    }

    [Fact]
    public void Protect_DumbbellPattern_AuditBreaksBridge()
    {
        // two small cells in separate rectangles joined by one line: the line rule alone can leave a bridge
        var t = Table2(new long[,] { { 1, 12, 40, 40 }, { 13, 14, 40, 40 }, { 40, 40, 2, 15 }, { 40, 40, 16, 17 } });
        var p = t.Protect(Exact);
        AssertNotRecoverable(p, exhaustive: false);
        var ranges = SuppressionAudit.AllRanges(t, p.Cells.Select(c => c.Reasons & (DisclosureReason.PrimarySuppression | DisclosureReason.SecondarySuppression)).ToArray(), Exact);
        Assert.All(ranges, r => Assert.True(r.Width >= 1));
    }

    [Fact]
    public void Protect_PairSummingToTwo_IsNotExposedByLowerBound()
    {
        // a 1 and a 1 in one row with a published total would be pinned at 1 each (zeros are published, so each is >= 1)
        var t = FrequencyTable.FromCounts([1L, 1, 30, 40], Dim("k", 4));
        var p = t.Protect(Exact);
        AssertNotRecoverable(p, exhaustive: true);
        Assert.True(p.SuppressedCount >= 3);
    }

    [Fact]
    public void Protect_ThreeDimensions_NothingRecoverable()
    {
        var counts = new long[2, 3, 2];
        var rng = new Random(7);
        for (var i = 0; i < 2; i++) for (var j = 0; j < 3; j++) for (var l = 0; l < 2; l++) counts[i, j, l] = rng.Next(0, 30);
        counts[0, 0, 0] = 3;
        var t = FrequencyTable.FromCounts(counts, Dim("a", 2), Dim("b", 3), Dim("c", 2));
        var p = t.Protect(Exact);
        Assert.True(p[0, 0, 0].IsSuppressed);
        AssertNotRecoverable(p, exhaustive: true);
    }

    [Fact]
    public void Protect_ZerosArePublished()
    {
        var t = FrequencyTable.FromCounts([0L, 0, 30, 40], Dim("k", 4));
        var p = t.Protect();
        Assert.Equal(0, p.SuppressedCount);
        Assert.Equal("0", p[0].Shown);
    }

    [Fact]
    public void Protect_DoesNotChangeInput()
    {
        var t = Table2(new long[,] { { 2, 30 }, { 40, 50 } });
        _ = t.Protect();
        Assert.Equal(2L, t[0, 0]);
        Assert.Equal(122L, t.GrandTotal);
    }

    [Fact]
    public void Protect_SameTableTwice_SameResult()
    {
        var t = Table2(new long[,] { { 2, 30, 5, 11 }, { 40, 50, 3, 12 }, { 7, 13, 60, 9 } });
        Assert.Equal(t.Protect().ToJson(), t.Protect().ToJson());
    }

    [Fact]
    public void MinimumCellOne_SuppressesNothing()
    {
        var t = FrequencyTable.FromCounts([1L, 2, 3], Dim("k", 3));
        Assert.Equal(0, t.Protect(new DisclosureOptions(MinimumCell: 1, RoundingBase: 1)).SuppressedCount);
    }

    [Fact]
    public void DistinguishPrimary_ShowsBelowSymbolAndStaysProtected()
    {
        var t = Table2(new long[,] { { 2, 30, 5 }, { 40, 50, 3 }, { 7, 13, 60 } });
        var p = t.Protect(new DisclosureOptions(RoundingBase: 1, DistinguishPrimary: true));
        Assert.Equal("<10", p[0, 0].Shown);
        Assert.Contains(p.Cells, c => c.Shown == "x");
        Assert.Contains("\"P\"", p.ToJson());
        AssertNotRecoverable(p, exhaustive: true);
    }

    [Fact]
    public void StrongerWidth_EveryRangeAtLeastMinimum()
    {
        var t = Table2(new long[,] { { 2, 30, 5 }, { 40, 50, 3 }, { 7, 13, 60 } });
        var p = t.Protect(new DisclosureOptions(RoundingBase: 1, ProtectionWidth: 10));
        AssertNotRecoverable(p, exhaustive: true);
    }
}
