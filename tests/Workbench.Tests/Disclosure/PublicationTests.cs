using Workbench.Disclosure;
using Workbench.Provenance;
using Sdc = Workbench.Disclosure.Disclosure;

namespace Workbench.Tests.Disclosure;

public class PublicationTests
{
    [Theory]
    [InlineData(0, 5, 0)]
    [InlineData(10, 5, 10)]
    [InlineData(12, 5, 10)]
    [InlineData(13, 5, 15)]
    [InlineData(14, 5, 15)]
    [InlineData(17, 5, 15)]
    [InlineData(18, 5, 20)]
    [InlineData(15, 10, 20)]
    [InlineData(14, 10, 10)]
    [InlineData(1234, 1, 1234)]
    public void RoundHalfUp_IsDeterministic(long value, int roundingBase, long expected) =>
        Assert.Equal(expected, Publication.RoundHalfUp(value, roundingBase));

    [Fact]
    public void Rounding_MarginsRoundedFromTheirOwnCounts_EveryCellCarriesR()
    {
        var t = FrequencyTable.FromCounts([12L, 13, 14], ProtectionTests.Dim("k", 3));
        var p = t.Protect(); // 39 in total
        Assert.Equal([10L, 15, 15, 40], p.Cells.Select(c => c.Value!.Value));
        Assert.All(p.Cells, c => Assert.Equal(DisclosureReason.Rounded, c.Reasons));
        Assert.Equal(["R"], DisclosureReasons.Codes(p[0].Reasons));
    }

    [Fact]
    public void Percentages_WithheldWhereDenominatorBelowMinimum()
    {
        var t = ProtectionTests.Table2(new long[,] { { 20, 30, 0 }, { 0, 0, 0 }, { 15, 0, 25 } });
        var p = t.Protect(new DisclosureOptions(RoundingBase: 1, Percentages: PercentageBase.Row));
        Assert.Equal(40.0, p[0, 0].Percentage);
        Assert.Equal("40.0", p[0, 0].PercentageShown);
        Assert.Equal(100.0, p[0, FrequencyTable.Total].Percentage);
        // row 1 is all zeros: its denominator (0) is below 10
        Assert.Null(p[1, 0].Percentage);
        Assert.Equal("–", p[1, 0].PercentageShown);
        Assert.True((p[1, 0].Reasons & DisclosureReason.PercentageWithheld) != 0);
        Assert.Equal(["D"], DisclosureReasons.Codes(p[1, 0].Reasons));
        Assert.Equal(37.5, p[2, 0].Percentage);
    }

    [Fact]
    public void Percentages_FromRoundedCounts_SuppressedCellsShowSymbol()
    {
        var t = ProtectionTests.Table2(new long[,] { { 3, 31, 47 }, { 22, 18, 40 } });
        var p = t.Protect(new DisclosureOptions(Percentages: PercentageBase.Column));
        Assert.Equal("x", p[0, 0].PercentageShown);
        Assert.Null(p[0, 0].Percentage);
        // column 2: 47 -> 45 of 87 -> 85
        Assert.Equal(Math.Round(100.0 * 45 / 85, 1), p[0, 2].Percentage);
    }

    [Fact]
    public void Footnote_English_ExplainsSymbols()
    {
        var t = ProtectionTests.Table2(new long[,] { { 3, 31, 47 }, { 22, 18, 40 } });
        var p = t.Protect(new DisclosureOptions(Percentages: PercentageBase.Row));
        var f = p.Footnote();
        Assert.Contains("x: not published, to protect small numbers (1 to 9)", f);
        Assert.Contains("rounded to a multiple of 5 (R)", f);
        Assert.Contains("Percentages are computed from the published (rounded) counts.", f);
    }

    [Fact]
    public void Footnote_Dutch_ExplainsSymbols()
    {
        var t = ProtectionTests.Table2(new long[,] { { 3, 31, 47 }, { 0, 0, 0 } });
        var p = t.Protect(new DisclosureOptions(Percentages: PercentageBase.Row, DistinguishPrimary: true));
        var f = p.Footnote(Language.Nl);
        Assert.Contains("<10: niet gepubliceerd, minder dan 10 (1 tot en met 9) (P).", f);
        Assert.Contains("x: niet gepubliceerd, zodat kleine aantallen niet uit de totalen zijn af te leiden (S).", f);
        Assert.Contains("afgerond op een veelvoud van 5 (R)", f);
        Assert.Contains("–: percentage niet getoond, omdat het totaal waarop het betrekking heeft kleiner is dan 10 (D).", f);
        Assert.Contains("Totaal", p.ToText(Language.Nl));
    }

    [Fact]
    public void Footnote_NothingSuppressed_NoSuppressionSentence()
    {
        var p = FrequencyTable.FromCounts([12L, 13], ProtectionTests.Dim("k", 2)).Protect();
        Assert.DoesNotContain("x:", p.Footnote());
    }

    [Fact]
    public void ReleaseUnprotected_EmptyReason_IsRefused()
    {
        var t = FrequencyTable.FromCounts([3L, 13], ProtectionTests.Dim("k", 2));
        Assert.Throws<ArgumentException>(() => Sdc.ReleaseUnprotected(t, reason: ""));
        var ex = Assert.Throws<ArgumentException>(() => Sdc.ReleaseUnprotected(t, reason: "   "));
        Assert.Contains("needs a reason", ex.Message);
    }

    [Fact]
    public void ReleaseUnprotected_RecordsReasonInProvenance_AndMarksTable()
    {
        var reason = "counts already published in the annual report " + Guid.NewGuid().ToString("N");
        var t = FrequencyTable.FromCounts([3L, 13], ProtectionTests.Dim("k", 2)).WithTitle("test opt-out");
        var p = Sdc.ReleaseUnprotected(t, reason);
        Assert.False(p.IsProtected);
        Assert.Equal(reason, p.UnprotectedReason);
        Assert.Equal(3L, p[0].Value);
        Assert.All(p.Cells, c => Assert.Equal(DisclosureReason.Unprotected, c.Reasons));
        Assert.Contains(ProvenanceLog.Snapshot(), e => e.Kind == "disclosure-opt-out" && e.Subject == "test opt-out" && e.Detail == reason);
        Assert.Contains("U: released without disclosure control. Reason: " + reason, p.ToText());
        Assert.Contains("zonder statistische geheimhouding", p.Footnote(Language.Nl));
        Assert.Same(p, Sdc.EnsureProtected(p));
    }

    [Fact]
    public void EnsureProtected_RawTable_FailsWithClearMessage()
    {
        var t = FrequencyTable.FromCounts([3L, 13, 4], ProtectionTests.Dim("k", 3));
        var ex = Assert.Throws<DisclosureException>(() => Sdc.EnsureProtected((object)t));
        Assert.StartsWith("this table has unprotected counts below 10 (2 cell(s)): protect it with Disclosure.Protect or release it with a reason", ex.Message);
        Assert.Throws<DisclosureException>(() => Sdc.EnsureProtected(new long[] { 12, 40 }));
        Assert.Throws<DisclosureException>(() => Sdc.EnsureProtected("not a table"));
    }

    [Fact]
    public void EnsureProtected_ProtectedTableAndCounts_PassThrough()
    {
        var p = FrequencyTable.FromCounts([3L, 13, 40], ProtectionTests.Dim("k", 3)).Protect();
        Assert.Same(p, Sdc.EnsureProtected((object)p));
        var counts = p.CountsAlong(0);
        Assert.Same(counts, Sdc.EnsureProtected(counts));
        Assert.Equal([null, null, 40L], counts.Values);
        Assert.True(counts.IsProtected);
    }

    [Fact]
    public void FluentSteps_ReturnNewTables_AndKeepOtherOptions()
    {
        var t = ProtectionTests.Table2(new long[,] { { 3, 31, 47 }, { 22, 18, 40 } });
        var a = t.WithMinimumCell(10);
        var b = a.WithRounding(1);
        Assert.Equal(5, a.Options!.RoundingBase);
        Assert.Equal(1, b.Options!.RoundingBase);
        Assert.Equal(10, b.Options.MinimumCell);
        Assert.Equal(47L, b[0, 2].Value);
        Assert.Equal(45L, a[0, 2].Value);
        var c = b.WithMinimumCell(50);
        Assert.True(c[0, 2].IsSuppressed);
        Assert.False(b[0, 2].IsSuppressed);
    }

    [Fact]
    public void Options_InvalidValues_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureOptions(MinimumCell: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureOptions() with { RoundingBase = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureOptions() with { ProtectionWidth = 0 });
    }

    [Fact]
    public void ProtectedTable_HasNoPublicConstructor()
    {
        Assert.Empty(typeof(ProtectedTable).GetConstructors());
        Assert.Empty(typeof(ProtectedCounts).GetConstructors());
    }
}
