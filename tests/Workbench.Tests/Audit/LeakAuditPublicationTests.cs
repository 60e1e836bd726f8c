using Sdc = Workbench.Disclosure.Disclosure;
using Workbench.Charts;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.Disclosure.Audit;
using Workbench.Export;

namespace Workbench.Tests.Audit;

/// <summary>
/// Issue 14 regressions, each before and after its fix: the leaking pages and inputs are kept under
/// Fixtures/Audit and Fixtures/Disclosure; the fixed output is made here the way the studies now make it.
/// </summary>
public class LeakAuditPublicationTests
{
    private static readonly Bilingual Title = new("Most municipalities had no specific policy", "De meeste gemeenten hadden geen specifiek beleid");
    private static readonly Bilingual Source = new("Synthetic register", "Synthetisch register");

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Audit", name);

    // study 05, 2017: municipalities without (no) and with (yes) a specific policy per police regional unit
    private static readonly string[] Units =
        ["amsterdam", "den-haag", "limburg", "midden-nederland", "noord-holland", "noord-nederland", "oost-brabant", "oost-nederland", "rotterdam", "zeeland-west-brabant"];
    private static readonly long[,] Policy05 =
        { { 6, 3 }, { 16, 6 }, { 16, 17 }, { 24, 11 }, { 29, 11 }, { 41, 20 }, { 26, 8 }, { 67, 28 }, { 25, 8 }, { 25, 4 } };

    private static ProtectedTable Table05() => Sdc.Protect(
        FrequencyTable.FromCounts(Policy05, new TableDimension("police unit", Units), new TableDimension("policy", ["no", "yes"]),
            "Municipalities by police regional unit and policy, 2017"), new DisclosureOptions(MinimumCell: 10, RoundingBase: 5));

    private static Bilingual Label(string code) => code switch
    {
        "yes" => new("policy", "beleid"),
        "no" => new("no specific policy", "geen specifiek beleid"),
        _ => Bilingual.Same(string.Join(' ', code.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))),
    };

    private static string Fragment(Figure figure, Language language = Language.En) =>
        FigureHtml.Fragment(FigureSpec.From(figure, language), $"wb-{figure.Id}-{language.Code()}", includePlotlyJs: false);

    [Fact]
    public void Audit_Study05CommittedLeakingPage_RecoversSuppressedCells()
    {
        using var folder = new PublishedFolder();
        File.Copy(Fixture("05-regional-approach.leak.en.html"), Path.Combine(folder.Root, "report", "05-regional-approach.en.html"));

        var report = LeakAudit.Run(folder.Root);

        Assert.Contains(report.Findings, f => f.Element == "chart municipal-policy-by-unit" && f.Why.Contains("exactly", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Element == "Municipalities by police regional unit and policy, 2017" && f.Why.StartsWith("suppressed, but", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_Study05ChartOfProtectedShares_FindsNothing()
    {
        var table = Table05();
        using var folder = new PublishedFolder();
        foreach (var lang in new[] { Language.En, Language.Nl })
            folder.Page($"05-regional-approach.{lang.Code()}.html",
                Fragment(Figures.Composition("municipal-policy-by-unit", Title, table, Source, synthetic: true, label: Label), lang),
                table.ToHtml(lang == Language.Nl ? Language.Nl : Language.En));

        var report = LeakAudit.Run(folder.Root);

        Assert.True(report.Clean, string.Join("\n", report.Findings));
        Assert.Equal(2, report.Figures);
        Assert.True(report.SuppressedCells > 0);
    }

    [Fact]
    public void Audit_ChartClaimsPublishedSharesButHoldsExactOnes_StillRecoversTheCell()
    {
        // a chart that says "shares of the published counts" is checked, not believed: exact shares fail the check
        var table = Table05();
        var exact = Figures.Composition("municipal-policy-by-unit", Title, table, Source, label: Label);
        var html = Fragment(exact);
        var rounded = System.Text.RegularExpressions.Regex.Match(html, "\"x\":\\[[^\\]]*\\]").Value;
        var shares = Enumerable.Range(0, Units.Length).Select(i => Policy05[i, 0] / (double)(Policy05[i, 0] + Policy05[i, 1]));
        var leaking = html.Replace(rounded, "\"x\":[" + string.Join(",", shares.Select(PublishedFolder.Invariant)) + "]", StringComparison.Ordinal);
        Assert.NotEqual(html, leaking);
        using var folder = new PublishedFolder();
        folder.Page("05-regional-approach.en.html", leaking, table.ToHtml());

        var report = LeakAudit.Run(folder.Root);

        Assert.False(report.Clean);
        Assert.Contains(report.Findings, f => f.Why.Contains("exactly", StringComparison.Ordinal)
            && (f.Element == "chart municipal-policy-by-unit" || f.Why.Contains("chart municipal-policy-by-unit", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("03-prosecution-and-sentencing.leak.en.html", "Suspects = 175, BroughtToCourt = 126, Convicted = 98")]
    [InlineData("04-youth-care-linkage.leak.en.html", "Count = 870, Total = 2180")]
    public void Audit_Study0304CommittedRawCountsPage_NamesTheDisplay(string page, string cell)
    {
        using var folder = new PublishedFolder();
        File.Copy(Fixture(page), Path.Combine(folder.Root, "report", page.Replace(".leak", "", StringComparison.Ordinal)));

        var report = LeakAudit.Run(folder.Root);

        Assert.Contains(report.Findings, f => f.Cell == cell && f.Why.StartsWith("exact counts in a raw data display", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_Study0304DisplaysWithoutCounts_FindsNothing()
    {
        using var folder = new PublishedFolder();
        folder.Page("03-prosecution-and-sentencing.en.html",
            "<details class=\"dni-treeview\"><summary><span class=\"dni-code-hint\"><code>{ MeanBroughtToCourtPerYear = 124, SharePercent = 72.6, MeanMonths = 21.92, Printed = 1 year and 10 months }</code></span></summary></details>");
        folder.Page("04-youth-care-linkage.en.html",
            "<details class=\"dni-treeview\"><summary><span class=\"dni-code-hint\"><code>{ Reason = Substance use, Percent = 23 }</code></span></summary></details>");

        Assert.True(LeakAudit.Run(folder.Root).Clean);
    }

    private static IReadOnlyList<FrequencyTable> LinkedFixtures() =>
        new[] { "linked-sex-age.csv", "linked-age-region.csv" }
            .Select(n => FrequencyTableCsv.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Disclosure", n), title: n)).ToList();

    [Fact]
    public void Audit_RoundOneTablesProtectedOneByOne_RecoversTheThreeByDifferencing()
    {
        using var folder = new PublishedFolder();
        var options = new DisclosureOptions(RoundingBase: 1);
        folder.Page("study.en.html", LinkedFixtures().Select(t => Sdc.Protect(t, options).ToHtml()).ToArray());

        var report = LeakAudit.Run(folder.Root);

        Assert.Contains(report.Findings, f => f.Why.Contains("exactly 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_RoundOneTablesProtectedTogether_FindsNothing()
    {
        using var folder = new PublishedFolder();
        folder.Page("study.en.html", Sdc.Protect(LinkedFixtures(), new DisclosureOptions(RoundingBase: 1)).Select(t => t.ToHtml()).ToArray());

        var report = LeakAudit.Run(folder.Root);

        Assert.True(report.Clean, string.Join("\n", report.Findings));
        Assert.True(report.SuppressedCells > 0);
    }

    [Theory]
    [InlineData("Figure 1. 3 victims were registered in Zeeland", "3 victims")]
    [InlineData("Figuur 1. In Zeeland werden vijf slachtoffers geregistreerd", "vijf slachtoffers")]
    [InlineData("Seven young children told no one", "Seven young children")]
    public void Audit_SmallCountOfPeopleInChartTitle_FailsQuotingIt(string title, string quoted)
    {
        using var folder = new PublishedFolder();
        var figure = Figures.Prevalence("sv", new Bilingual(title, title),
            [new ProportionPoint(Bilingual.Same("sv"), Bilingual.Same("girls"), 0.4, 0.35, 0.45)], Source);
        folder.Page("study.en.html", Fragment(figure));

        var report = LeakAudit.Run(folder.Root);

        Assert.Contains(report.Findings, f => f.Element == "chart sv" && f.Why.Contains(quoted, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Almost half of girls and one in six boys experienced physical sexual violence before 18")]
    [InlineData("Bijna de helft van de meisjes en een op de zes jongens maakte voor hun 18e fysiek seksueel geweld mee")]
    [InlineData("Four in ten children in closed youth care were there partly because of sexual violence")]
    [InlineData("Share of pupils aged 12-17, 2024, rounded to base 5, 1.5 cases per 1,000")]
    public void Audit_RatiosAndNumbersThatAreNotCountsInTitle_FindsNothing(string title)
    {
        using var folder = new PublishedFolder();
        var figure = Figures.Prevalence("sv", new Bilingual(title, title),
            [new ProportionPoint(Bilingual.Same("sv"), Bilingual.Same("girls"), 0.4, 0.35, 0.45)], Source);
        folder.Page("study.en.html", Fragment(figure));

        Assert.True(LeakAudit.Run(folder.Root).Clean, string.Join("\n", LeakAudit.Run(folder.Root).Findings));
    }

    [Fact]
    public void Audit_SmallCountOfPeopleInTableCaptionOrHeading_Fails()
    {
        using var folder = new PublishedFolder();
        var table = Sdc.Protect(FrequencyTable.FromCounts([40L, 50], new TableDimension("sex", ["F", "M"]), "Victims by sex (2 children excluded)"));
        folder.Page("study.en.html", "<h2>Eight suspects were convicted</h2>", table.ToHtml());

        var report = LeakAudit.Run(folder.Root);

        Assert.Contains(report.Findings, f => f.Element == "heading" && f.Why.Contains("Eight suspects", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Cell == "caption" && f.Why.Contains("2 children", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_ExecutedNotebooksFolder_IsNotRead()
    {
        using var folder = new PublishedFolder();
        var notebooks = Path.Combine(folder.Root, "notebooks");
        Directory.CreateDirectory(notebooks);
        File.Copy(Fixture("03-prosecution-and-sentencing.leak.en.html"), Path.Combine(notebooks, "03.html"));

        var report = LeakAudit.Run(folder.Root);

        Assert.True(report.Clean);
        Assert.Equal(0, report.Pages);
    }
}
