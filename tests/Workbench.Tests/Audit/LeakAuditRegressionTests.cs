using Sdc = Workbench.Disclosure.Disclosure;
using Workbench.Cli.Commands;
using Workbench.Disclosure;
using Workbench.Disclosure.Audit;

namespace Workbench.Tests.Audit;

/// <summary>The known leaks of issue 14, each as a published-output folder built here; the audit must name each one.</summary>
public class LeakAuditRegressionTests
{
    // study 05, 2017: municipalities with (yes) and without (no) a specific policy per police regional unit
    private static readonly string[] Units =
        ["amsterdam", "den-haag", "limburg", "midden-nederland", "noord-holland", "noord-nederland", "oost-brabant", "oost-nederland", "rotterdam", "zeeland-west-brabant"];
    private static readonly string[] UnitLabels =
        ["Amsterdam", "Den Haag", "Limburg", "Midden-Nederland", "Noord-Holland", "Noord-Nederland", "Oost-Brabant", "Oost-Nederland", "Rotterdam", "Zeeland-West-Brabant"];
    private static readonly long[,] Policy05 =
        { { 6, 3 }, { 16, 6 }, { 16, 17 }, { 24, 11 }, { 29, 11 }, { 41, 20 }, { 26, 8 }, { 67, 28 }, { 25, 8 }, { 25, 4 } };

    [Fact]
    public void Audit_Study05ExactSharesBesideSuppressedTable_RecoversFourSmallCounts()
    {
        using var folder = new PublishedFolder();
        var shares = PublishedFolder.ExactShares(Policy05, ["no specific policy", "policy"]);
        folder.Page("05-regional-approach.en.html",
            PublishedFolder.Composition("municipal-policy-by-unit", UnitLabels, [shares[1], shares[0]]),
            PublishedFolder.Table(Policy05, Units, ["no", "yes"], new DisclosureOptions(MinimumCell: 10, RoundingBase: 5), "Municipalities by police regional unit and policy, 2017"));

        var report = LeakAudit.Run(folder.Root);

        var recovered = report.Findings.Where(f => f.Element == "chart municipal-policy-by-unit" && f.Why.Contains("exactly", StringComparison.Ordinal)).ToList();
        Assert.Contains(recovered, f => f.Cell == "Den Haag / policy" && f.Why.Contains("exactly 6", StringComparison.Ordinal));
        Assert.True(recovered.Count >= 4, string.Join("\n", report.Findings));
        Assert.All(recovered, f => Assert.Equal("report/05-regional-approach.en.html", f.Page));
    }

    [Fact]
    public void Audit_SharesNamedLikeTableColumns_NamesTheSuppressedTableCell()
    {
        using var folder = new PublishedFolder();
        folder.Page("05-regional-approach.en.html",
            PublishedFolder.Composition("municipal-policy-by-unit", UnitLabels, PublishedFolder.ExactShares(Policy05, ["no", "yes"])),
            PublishedFolder.Table(Policy05, Units, ["no", "yes"], new DisclosureOptions(MinimumCell: 10, RoundingBase: 5), "Municipalities by policy"));

        var report = LeakAudit.Run(folder.Root);

        Assert.Contains(report.Findings, f => f.Element == "Municipalities by policy" && f.Cell == "den-haag / yes"
            && f.Why.StartsWith("suppressed, but the published figures together give exactly 6", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_Study05TableWithoutChart_FindsNothing()
    {
        using var folder = new PublishedFolder();
        folder.Page("05-regional-approach.en.html",
            PublishedFolder.Table(Policy05, Units, ["no", "yes"], new DisclosureOptions(MinimumCell: 10, RoundingBase: 5)));

        var report = LeakAudit.Run(folder.Root);

        Assert.True(report.Clean, string.Join("\n", report.Findings));
        Assert.True(report.SuppressedCells > 0);
    }

    [Fact]
    public void Audit_RawCountsAboveProtectedTable_NamesTheDisplay()
    {
        using var folder = new PublishedFolder();
        const string raw = "<details class=\"dni-treeview\"><summary><span class=\"dni-code-hint\"><code>{ Year = 2015, Suspects = 175, BroughtToCourt = 126, Convicted = 98 }</code></span></summary></details>";
        folder.Page("03-prosecution-and-sentencing.en.html", raw,
            Sdc.Protect(FrequencyTable.FromCounts([175L, 126, 98], new TableDimension("step", ["suspects", "brought to court", "convicted"])),
                new DisclosureOptions()).ToHtml());

        var report = LeakAudit.Run(folder.Root);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("Suspects = 175, BroughtToCourt = 126, Convicted = 98", finding.Cell);
        Assert.StartsWith("output { Year = 2015", finding.Element, StringComparison.Ordinal);
    }

    // Table A (region) and table B (region x sex), unrounded; each alone protected, together A's north = 57 - 42 - 12 = 3.
    private const string TableA = """
        <div class="protected-table" lang="en">
        <table>
        <caption>Victims by region</caption>
        <thead><tr><th scope="col">region</th><th scope="col">Count</th></tr></thead>
        <tbody>
        <tr><th scope="row">north</th><td>x</td></tr>
        <tr><th scope="row">east</th><td>x</td></tr>
        <tr><th scope="row">south</th><td>42</td></tr>
        <tr><th scope="row">Total</th><td>57</td></tr>
        </tbody>
        </table>
        <p class="footnote">x: not published, to protect small numbers (1 to 9) or to prevent such numbers being derived from the totals.</p>
        </div>
        """;

    private const string TableB = """
        <div class="protected-table" lang="en">
        <table>
        <caption>Victims by region and sex</caption>
        <thead><tr><th scope="col">region \ sex</th><th scope="col">F</th><th scope="col">M</th><th scope="col">Total</th></tr></thead>
        <tbody>
        <tr><th scope="row">north</th><td>x</td><td>x</td><td>x</td></tr>
        <tr><th scope="row">east</th><td>12</td><td>0</td><td>12</td></tr>
        <tr><th scope="row">south</th><td>20</td><td>22</td><td>42</td></tr>
        <tr><th scope="row">Total</th><td>x</td><td>x</td><td>x</td></tr>
        </tbody>
        </table>
        <p class="footnote">x: not published, to protect small numbers (1 to 9) or to prevent such numbers being derived from the totals.</p>
        </div>
        """;

    [Fact]
    public void Audit_TwoTablesSharingMarginNoRounding_RecoversThreeByDifferencing()
    {
        using var folder = new PublishedFolder();
        folder.Page("study.en.html", TableA, TableB);

        var report = LeakAudit.Run(folder.Root);

        Assert.Contains(report.Findings, f => f.Element == "Victims by region" && f.Cell == "north" && f.Why.Contains("exactly 3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Audit_EachSharedMarginTableAlone_FindsNothing(bool first)
    {
        using var folder = new PublishedFolder();
        folder.Page("study.en.html", first ? TableA : TableB);

        Assert.True(LeakAudit.Run(folder.Root).Clean);
    }

    [Fact]
    public void Audit_ChartOfCountsWithSmallBar_FailsNamingTheBar()
    {
        using var folder = new PublishedFolder();
        const string fig = "<div id=\"wb-chain-en\" role=\"img\" aria-label=\"Funnel chart. Suspects 40, Convicted 7.\"></div>" +
            "<script>(function(){var fig={\"data\":[{\"type\":\"bar\",\"orientation\":\"h\",\"x\":[40.0,7.0],\"y\":[\"Suspects\",\"Convicted\"]}],\"layout\":{}};var el=document.getElementById(\"wb-chain-en\");})();</script>";
        folder.Page("chain.en.html", fig);

        var report = LeakAudit.Run(folder.Root);

        Assert.Contains(report.Findings, f => f.Element == "chart chain" && f.Cell == "Convicted" && f.Why.Contains("count of 7", StringComparison.Ordinal));
    }

    [Fact]
    public void AuditCommand_Leak_ExitsOneAndPrintsPageElementCellWhy()
    {
        using var folder = new PublishedFolder();
        folder.Page("study.en.html", TableA, TableB);
        var stdout = new StringWriter();

        var code = AuditCommand.Run(folder.Root, 10, 1, stdout, new StringWriter());

        Assert.Equal(1, code);
        Assert.Contains("LEAK  report/study.en.html / Victims by region / north / suppressed, but the published figures together give exactly 3", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AuditCommand_CleanFolder_ExitsZero()
    {
        using var folder = new PublishedFolder();
        folder.Page("study.en.html", TableA);

        Assert.Equal(0, AuditCommand.Run(folder.Root, 10, 1, new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void AuditCommand_MissingFolderOrBadManifest_ExitsTwo()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, AuditCommand.Run(Path.Combine(Path.GetTempPath(), "wb-audit-missing-" + Guid.NewGuid().ToString("N")), 10, 1, new StringWriter(), stderr));
        Assert.Contains("does not exist", stderr.ToString(), StringComparison.Ordinal);

        using var broken = new PublishedFolder();
        broken.Page("study.en.html", "<script>var fig={\"data\":[{\"type\":\"bar\"</script>");
        stderr = new StringWriter();
        Assert.Equal(2, AuditCommand.Run(broken.Root, 10, 1, new StringWriter(), stderr));
        Assert.Contains("report/study.en.html", stderr.ToString(), StringComparison.Ordinal);

        using var folder = new PublishedFolder();
        Directory.CreateDirectory(Path.Combine(folder.Root, "charts"));
        File.WriteAllText(Path.Combine(folder.Root, "charts", "manifest.json"), "{ \"figures\": [ ");
        stderr = new StringWriter();
        Assert.Equal(2, AuditCommand.Run(folder.Root, 10, 1, new StringWriter(), stderr));
        Assert.Contains("manifest.json", stderr.ToString(), StringComparison.Ordinal);
    }
}
