using Workbench.Export;
using System.Text.Json;
using System.Text.Json.Nodes;
using PuppeteerSharp;
using PuppeteerSharp.PageAccessibility;
using Workbench.Charts;
using Workbench.Interactive;
using Workbench.Notebooks.Studies;
using Workbench.Reporting;
using Workbench.Statistics;
using Workbench.Tables;
using Workbench.Tests.Export;
using Workbench.Text;

namespace Workbench.Tests.Studies;

/// <summary>Report pages in headless Chromium: no injected script runs; every page passes axe-core (issues 14 and 15).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportBrowserTests(BrowserFixture browser) : IDisposable
{
    /// <summary>The vendored axe-core (see Fixtures/Report/README.md).</summary>
    private const string AxeVersion = "4.14.1";

    private readonly List<string> _folders = [];

    public void Dispose()
    {
        foreach (var f in _folders) Directory.Delete(f, recursive: true);
    }

    private const string Attack = "<script>window.__xss='script'</script><img src=x onerror=\"window.__xss='img'\">";

    [SkippableFact]
    public async Task Report_MarkdownOutputsAndLabelsHoldingScript_RunNoScriptButDrawCharts()
    {
        var exporter = browser.Require();
        var malicious = Bilingual.Of("Girls " + Attack, "Meisjes " + Attack);
        var figure = Figures.Prevalence("xss-figure", Bilingual.Of("Title " + Attack, "Titel " + Attack),
            [new ProportionPoint(Bilingual.Of("outcome " + Attack, "uitkomst " + Attack), malicious, 0.48, 0.45, 0.51)],
            Bilingual.Of("Source " + Attack, "Bron " + Attack), synthetic: true);
        FigureDisplay.Reset();
        var figureBundle = FigureDisplay.BundleJson(figure);
        var table = Workbench.Tables.Tables.Estimates("xss-table", Bilingual.Of("Table " + Attack, "Tabel " + Attack), malicious, malicious,
            (malicious, new IntervalEstimate(0.48, 0.45, 0.51, 0.95, EstimateKind.Proportion)));
        var spoofedFigure = "<div class=\"wb-lang\" lang=\"en\">\n<figure class=\"wb-figure\">" + Attack + "</figure>\n</div><!--/wb-lang-->\n";
        var path = TestNotebook.Write(
            TestNotebook.Markdown("# Attack " + Attack + "\n\n[link](javascript:window.__xss='link') <b onclick=\"window.__xss='b'\">bold</b>\n\n" + Attack, "lang-en"),
            TestNotebook.Markdown("# Aanval " + Attack + "\n\n" + Attack, "lang-nl"),
            TestNotebook.Code("display(HTML(...))", TestNotebook.Display("text/html", Attack)),
            TestNotebook.Code("figure", TestNotebook.Display(FigureMime.Bundle, figureBundle)),
            TestNotebook.Code("table", TestNotebook.Display(PublishedMime.Table, table.BothHtml())),
            TestNotebook.Code("spoofed", TestNotebook.Display("text/html", spoofedFigure), TestNotebook.Display(PublishedMime.Table, spoofedFigure)));
        _folders.Add(Path.GetDirectoryName(path)!);
        foreach (var mode in new[] { ReportMode.Publication, ReportMode.Review })
        {
            var report = Directory.CreateTempSubdirectory("wb-xss-").FullName;
            _folders.Add(report);
            StudyReport.Write(report, [new StudyPage("xss", "en", path, [], []), new StudyPage("xss", "nl", path, [], [])], [], mode, null);
            foreach (var lang in new[] { "en", "nl" })
            {
                await using var page = await exporter.Browser.NewPageAsync();
                await page.GoToAsync(new Uri(Path.Combine(report, $"xss.{lang}.html")).AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] });
                await page.WaitForSelectorAsync(".main-svg", new WaitForSelectorOptions { Timeout = 30_000 });
                // Click everything a reader could click.
                await page.EvaluateExpressionAsync("document.querySelectorAll('a,b,img').forEach(e => { try { e.click(); } catch (x) {} })");
                await Task.Delay(300);
                var ran = await page.EvaluateExpressionAsync<string?>("window.__xss === undefined ? null : String(window.__xss)");
                Assert.True(ran is null, $"{mode} {lang}: injected script ran ({ran})");
                var text = await page.EvaluateExpressionAsync<string>("document.body.innerText");
                Assert.Contains("<script>window.__xss='script'</script>", text); // shown as text, not run
            }
        }
    }

    public static TheoryData<string, string> Pages() => ReportTests.PagesForBrowser();

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task ReportPage_Axe_NoWcag21AaViolationsAndEachChartDescribedOnce(string study, string lang)
    {
        var exporter = browser.Require();
        var report = ReportPages.Render(notebooks: study == "index" ? null : [(study, Workbench.Tests.Support.RepoPaths.At("notebooks", study + ".ipynb"))]);
        _folders.Add(report);
        var file = study == "index" ? (lang == "nl" ? "index.nl.html" : "index.html") : $"{study}.{lang}.html";
        await using var page = await exporter.Browser.NewPageAsync();
        // axe is injected by the test; the page's own policy stays as published for everything else.
        await page.SetBypassCSPAsync(true);
        await page.GoToAsync(new Uri(Path.Combine(report, file)).AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] });
        if (study != "index") await page.WaitForSelectorAsync(".main-svg", new WaitForSelectorOptions { Timeout = 30_000 });
        var axe = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Report", "axe.min.js"));
        Assert.Contains("axe v" + AxeVersion, axe[..100]);
        await page.AddScriptTagAsync(new AddTagOptions { Content = axe });
        var json = await page.EvaluateExpressionAsync<string>(
            "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })" +
            ".then(r => JSON.stringify(r.violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))))");
        var violations = JsonNode.Parse(json)!.AsArray();
        Assert.True(violations.Count == 0, $"{file}: {violations.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");

        // Each chart is described once: its alt text is the accessible name of one node and text of none.
        var alts = await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('[role=img][aria-label]')).map(e => e.getAttribute('aria-label'))");
        if (study != "index") Assert.NotEmpty(alts);
        var tree = await page.Accessibility.SnapshotAsync(new AccessibilitySnapshotOptions { InterestingOnly = false });
        foreach (var alt in alts)
            Assert.True(Count(tree, alt) == 1, $"{file}: the chart described as \"{alt}\" appears {Count(tree, alt)} times in the accessibility tree.");
    }

    private static int Count(SerializedAXNode? node, string text) => node is null ? 0
        : (node.Name == text ? 1 : 0) + (node.Children ?? []).Sum(c => Count(c, text));
}
