using Workbench.Disclosure;

namespace Workbench.Tests.Disclosure;

/// <summary>The intruder must be able to succeed: on deliberately weak suppression patterns it recovers cells.</summary>
public class AttackerSelfTests
{
    private static readonly DisclosureOptions Exact = new(RoundingBase: 1);

    private static ProtectedTable WithPattern(FrequencyTable t, params int[][] suppressed)
    {
        var reasons = new DisclosureReason[t.ExtendedLength];
        foreach (var idx in suppressed)
            reasons[t.Offset(idx)] = t[idx] < 10 ? DisclosureReason.PrimarySuppression : DisclosureReason.SecondarySuppression;
        return Publication.Build(t, Exact, reasons);
    }

    [Fact]
    public void Intruder_PrimaryOnly_RecoversCellFromRowTotal()
    {
        var t = ProtectionTests.Table2(new long[,] { { 20, 30, 4 }, { 25, 15, 40 } });
        var p = WithPattern(t, [0, 2]);
        Assert.Equal([t.Offset([0, 2])], new Attacker(p).SolveSingleUnknowns());
    }

    [Fact]
    public void Intruder_BridgeBetweenTwoRectangles_RecoveredByExhaustiveSearchOnly()
    {
        // two rectangles of suppressed cells joined by cell (0, 2): every line has 0 or at least 2 suppressed cells,
        // yet rows 0-1 minus columns 0-1 give cell (0, 2) exactly
        var t = ProtectionTests.Table2(new long[,] { { 1, 12, 13, 40 }, { 14, 15, 40, 40 }, { 40, 40, 16, 17 }, { 40, 40, 18, 19 } });
        var p = WithPattern(t, [0, 0], [0, 1], [1, 0], [1, 1], [0, 2], [2, 2], [2, 3], [3, 2], [3, 3]);
        var attacker = new Attacker(p);
        Assert.Empty(attacker.SolveSingleUnknowns());
        var (lo, hi) = attacker.IntegerRanges()[t.Offset([0, 2])];
        Assert.Equal((13L, 13L), (lo, hi));
        // the intruder's own LP finds it too
        var (lpLo, lpHi) = attacker.LpRanges()[t.Offset([0, 2])];
        Assert.Equal(13.0, lpLo, 6);
        Assert.Equal(13.0, lpHi, 6);
        // and the library's audit sees it too, so Protect would add a suppression
        var reasons = p.Cells.Select(c => c.Reasons).ToArray();
        Assert.NotEmpty(SuppressionAudit.Exposed(t, reasons, Exact));
        ProtectionTests.AssertNotRecoverable(t.Protect(Exact), exhaustive: true);
    }

    [Fact]
    public void Intruder_TwoOnesWithPublishedTotal_PinnedByZerosBeingPublished()
    {
        // 1 + 1 = 2 with both at least 1 (zeros are published): each must be 1
        var t = FrequencyTable.FromCounts([1L, 1, 30, 40], ProtectionTests.Dim("k", 4));
        var p = WithPattern(t, [0], [1]);
        Assert.Empty(new Attacker(p).SolveSingleUnknowns());
        Assert.Equal((1L, 1L), new Attacker(p).IntegerRanges()[0]);
    }

    [Fact]
    public void RandomTables_SomeNeedTheAudit_BeyondTheLineRule()
    {
        // guards that the property tests exercise the linear-programming audit, not only the line rule
        var needed = 0;
        foreach (var seed in Enumerable.Range(5000, 150))
        {
            var t = RandomTableTests.RandomTable(seed, maxExtent: seed % 3 == 2 ? 4 : 7, small: false);
            var options = new DisclosureOptions();
            var reasons = new DisclosureReason[t.ExtendedLength];
            for (var k = 0; k < reasons.Length; k++)
                if (t.AtOffset(k) is > 0 and < 10) reasons[k] = DisclosureReason.PrimarySuppression;
            Suppression.CompleteLines(CellSystem.Of(t), reasons);
            if (SuppressionAudit.Exposed(t, reasons, options).Count > 0) needed++;
        }
        Assert.True(needed > 0);
    }
}
