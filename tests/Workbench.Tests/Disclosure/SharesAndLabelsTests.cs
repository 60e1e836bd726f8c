using Workbench.Disclosure;
using Sdc = Workbench.Disclosure.Disclosure;

namespace Workbench.Tests.Disclosure;

/// <summary>Issue 14: shares for charts from protected counts only, the percentage rules, and renderings a label cannot subvert.</summary>
public class SharesAndLabelsTests
{
    private static readonly DisclosureOptions Exact = new(RoundingBase: 1);

    [Fact]
    public void Shares_SuppressedCell_ReportedAsSuppressedNotAsShare()
    {
        // study 05's leak: 3 of 11 published as 0.2727...; here the 3 is suppressed and so is its share
        var t = FrequencyTable.FromCounts([3L, 28, 40, 12], ProtectionTests.Dim("k", 4));
        var p = t.Protect(Exact);
        var shares = p.Shares();
        Assert.Equal(ShareStatus.NumeratorSuppressed, shares.Shares[0].Status);
        Assert.Null(shares.Shares[0].Share);
        Assert.Equal("x", shares.Shares[0].Symbol);
        Assert.True(shares.Shares[0].Cell.IsSuppressed);
        Assert.Equal(83L, shares.Denominator.Value);
        Assert.Equal(28.0 / 83, shares.Shares[1].Share!.Value, 12);
        // the shares that are shown and the total give back no suppressed count: every suppressed cell's share is missing
        Assert.All(shares.Shares.Where(s => s.Cell.IsSuppressed), s => Assert.False(s.IsShown));
    }

    [Fact]
    public void Shares_FromRoundedCounts_NotFromExactCounts()
    {
        var t = FrequencyTable.FromCounts([12L, 13, 14], ProtectionTests.Dim("k", 3));
        var s = t.Protect().Shares(); // published 10, 15, 15 of 40
        Assert.Equal([0.25, 0.375, 0.375], s.Shares.Select(x => x.Share!.Value));
    }

    [Fact]
    public void Shares_DenominatorZeroOrSuppressed_Withheld()
    {
        var t = ProtectionTests.Table2(new long[,] { { 0, 0, 0 }, { 30, 40, 50 }, { 4, 20, 25 } });
        var p = t.Protect(Exact);
        // along the columns of row 0: the row total is 0, below the minimum
        var zero = p.Shares(dimension: 1, at: [0, FrequencyTable.Total]);
        Assert.All(zero.Shares, s => Assert.Equal(ShareStatus.DenominatorBelowMinimum, s.Status));
        Assert.All(zero.Shares, s => Assert.Equal("–", s.Symbol));
        // along the rows of column 0: the 4 is suppressed; if the column total is suppressed too, nothing is shown
        var col = p.Shares(dimension: 0, at: [FrequencyTable.Total, 0]);
        Assert.Equal(ShareStatus.NumeratorSuppressed, col.Shares[2].Status);
        if (col.Denominator.IsSuppressed)
            Assert.All(col.Shares.Where(s => !s.Cell.IsSuppressed), s => Assert.Equal(ShareStatus.DenominatorSuppressed, s.Status));
    }

    [Fact]
    public void Percentages_TieAtTwoDecimals_RoundsHalfAwayFromZero()
    {
        // 100 * 201 / 20000 = 1.005 exactly; in binary it is stored just below 1.005 and would round to 1.00
        var t = FrequencyTable.FromCounts([201L, 19799], ProtectionTests.Dim("k", 2));
        var p = t.Protect(new DisclosureOptions(RoundingBase: 1, Percentages: PercentageBase.Total, Decimals: 2));
        Assert.Equal(1.01, p[0].Percentage);
        Assert.Equal("1.01", p[0].PercentageShown);
    }

    [Theory]
    [InlineData(0, "13")]
    [InlineData(1, "12.5")]
    public void Percentages_RoundedToConfiguredDecimals(int decimals, string expected)
    {
        var t = FrequencyTable.FromCounts([5L, 35], ProtectionTests.Dim("k", 2)); // 5 of 40 = 12.5%
        var p = t.Protect(new DisclosureOptions(MinimumCell: 5, RoundingBase: 1, Percentages: PercentageBase.Total, Decimals: decimals));
        Assert.Equal(expected, p[0].PercentageShown);
    }

    [Fact]
    public void Percentages_SuppressedNumeratorAndSmallDenominator_NotShown()
    {
        var t = ProtectionTests.Table2(new long[,] { { 3, 40, 47 }, { 0, 0, 0 } });
        var p = t.Protect(new DisclosureOptions(RoundingBase: 1, Percentages: PercentageBase.Row));
        Assert.Null(p[0, 0].Percentage);
        Assert.Equal("x", p[0, 0].PercentageShown);
        Assert.Null(p[1, 1].Percentage);
        Assert.Equal("–", p[1, 1].PercentageShown);
        Assert.Equal(DisclosureReason.PercentageWithheld, p[1, 1].Reasons & DisclosureReason.PercentageWithheld);
    }

    private static ProtectedTable Hostile()
    {
        var sex = new TableDimension("<b>sex</b>", ["<script>alert(1)</script>", "*bold* [link](http://x) `code` | pipe", "Total"]);
        return FrequencyTable.FromCounts([30L, 40, 20], sex, "<img src=x onerror=alert(1)>").Protect(Exact);
    }

    [Fact]
    public void ToMarkdown_HtmlAndMarkdownInLabels_Escaped()
    {
        var md = Hostile().ToMarkdown();
        Assert.DoesNotContain("<script>", md);
        Assert.DoesNotContain("<img", md);
        Assert.DoesNotContain("<b>", md);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", md);
        Assert.Contains("\\*bold\\* \\[link\\](http://x) \\`code\\` \\| pipe", md);
        // a rendering through a CommonMark parser yields no HTML element from the labels
        var html = Markdig.Markdown.ToHtml(md, Markdig.MarkdownExtensions.UseAdvancedExtensions(new Markdig.MarkdownPipelineBuilder()).Build());
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<em>", html);
        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("<code>", html);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    [InlineData("html")]
    [InlineData("csv")]
    [InlineData("json")]
    public void Render_CategoryNamedTotal_MarginStaysDistinguishable(string format)
    {
        var p = Hostile();
        var text = format switch
        {
            "table" => p.ToText(),
            "markdown" => p.ToMarkdown(),
            "html" => p.ToHtml(),
            "csv" => p.ToCsv(),
            _ => p.ToJson(),
        };
        Assert.Contains("Total, all categories", text);
        Assert.Equal("Total, all categories", p[FrequencyTable.Total].Labels[0]);
        Assert.Equal("Total", p[2].Labels[0]);
    }

    [Fact]
    public void Render_DutchCategoryNamedTotaal_MarginStaysDistinguishable()
    {
        var dim = new TableDimension("regio", ["Noord", " totaal "]);
        var p = FrequencyTable.FromCounts([30L, 40], dim).Protect(Exact);
        Assert.Contains("Totaal, alle categorieën", p.ToText(Language.Nl));
        // in English "Total" does not collide with " totaal "
        Assert.Equal("Total", p[FrequencyTable.Total].Labels[0]);
    }

    [Fact]
    public void Render_NoCollision_MarginLabelUnchanged()
    {
        var p = FrequencyTable.FromCounts([30L, 40], ProtectionTests.Dim("k", 2)).Protect(Exact);
        Assert.Contains("| Total |", p.ToMarkdown());
        Assert.Equal("Total", p[FrequencyTable.Total].Labels[0]);
        _ = Sdc.EnsureProtected(p);
    }
}
