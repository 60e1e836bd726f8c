using Workbench.Claims;
using Workbench.Notebooks.Publishing;
using Workbench.Tests.Support;

namespace Workbench.Tests.Publishing;

/// <summary>Claim texts of published documents and the factsheet come from the phrase tables, in the reader's culture.</summary>
public sealed class ClaimTextTests
{
    private static readonly Ledger Figures = Ledger.Load(RepoPaths.At("data-samples", "published-figures.csv"));

    public static TheoryData<string> LedgerIds()
    {
        var data = new TheoryData<string>();
        foreach (var e in Figures.Entries) data.Add(e.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(LedgerIds))]
    public void Published_English_EqualsTheClaimsCheckPrint(string id)
    {
        var e = Figures.Find(id)!;
        Assert.Equal(ClaimCheck.FormatPublished(e), ClaimText.Published(e, "en"));
    }

    [Theory]
    [MemberData(nameof(LedgerIds))]
    public void Value_English_EqualsTheClaimsCheckPrint(string id)
    {
        var e = Figures.Find(id)!;
        var x = e.Unit == "one-in-n" ? 0.3226 : 1234.5678;
        Assert.Equal(ClaimCheck.FormatValue(e, x), ClaimText.Value(e, x, "en"));
    }

    [Fact]
    public void Published_Dutch_UsesDutchNumbersAndWords()
    {
        Assert.Equal("5.000-7.500", ClaimText.Published(Figures.Find("victims-per-year")!, "nl"));
        Assert.Equal("ongeveer 1.300", ClaimText.Published(Figures.Find("child-victims-domestic-sexual-exploitation")!, "nl"));
        Assert.Equal("één op de 3", ClaimText.Published(Figures.Find("children-physical-sv")!, "nl"));
        Assert.Equal("1 jaar en 10 maanden", ClaimText.Published(Figures.Find("average-unsuspended-sentence")!, "nl"));
        Assert.Equal("de meerderheid", ClaimText.Published(Figures.Find("municipalities-without-policy-2017")!, "nl"));
        Assert.Equal("0,323 (één op de 3,10)", ClaimText.Value(Figures.Find("children-physical-sv")!, 0.3226, "nl"));
        Assert.Equal("22,0 maanden", ClaimText.Value(Figures.Find("average-unsuspended-sentence")!, 22, "nl"));
    }

    [Fact]
    public void Verdict_UnknownIdInDutch_ComesFromThePhraseTable()
    {
        // ClaimText had its own Dutch verdicts ("ONBEKENDE ID"); the report pages and the table say "ONBEKEND ID"
        Assert.Equal(Phrases.Get(Phrase.VerdictUnknownId, Language.Nl), ClaimText.Verdict(ClaimVerdict.UnknownId, "nl"));
        Assert.Equal("UNKNOWN ID", ClaimText.Verdict(ClaimVerdict.UnknownId, "en"));
    }
}
