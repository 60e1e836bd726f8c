using PuppeteerSharp;
using Workbench.Charts;
using Workbench.Export;
using Workbench.IO;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Export;

[Collection(BrowserCollection.Name)]
public sealed class HtmlOfflineTests(BrowserFixture browser) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-html-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public async Task Html_RenderedOffline_MakesNoRequestsAndIsNotBlank()
    {
        var exporter = browser.Require();
        var spec = FigureSpec.From(SampleFigures.Prevalence(), Language.En);
        var path = Path.Combine(_dir, "fig.html");
        AtomicFile.WriteAllText(path, FigureHtml.Document(spec));
        var url = new Uri(path).AbsoluteUri;

        await using var page = await exporter.Browser.NewPageAsync();
        await page.SetOfflineModeAsync(true);
        await page.SetRequestInterceptionAsync(true);
        var requests = new List<string>();
        page.Request += async (_, e) =>
        {
            // The document itself and inline data: URLs (plotly.js probes image support with one) are not network requests.
            if (e.Request.Url == url || e.Request.Url.StartsWith("data:", StringComparison.Ordinal)) { await e.Request.ContinueAsync(); return; }
            lock (requests) requests.Add(e.Request.Url);
            await e.Request.AbortAsync();
        };
        await page.SetViewportAsync(new ViewPortOptions { Width = 700, Height = 500 });
        await page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] });
        await page.WaitForSelectorAsync("#wb-fig-sv-gender-en .main-svg", new WaitForSelectorOptions { Timeout = 20_000 });

        Assert.Empty(requests);
        var label = await page.EvaluateExpressionAsync<string>("document.querySelector('[role=img]').getAttribute('aria-label')");
        Assert.Equal(spec.AltText, label);
        var shot = await page.ScreenshotBase64Async(new ScreenshotOptions { Type = ScreenshotType.Png });
        Assert.True(await NonWhitePixels(page, shot) > 5000, "The screenshot of the rendered HTML is (almost) blank.");
    }

    [Fact]
    public void Html_InlinesPlotlyAndHasStableIds()
    {
        var spec = FigureSpec.From(SampleFigures.Chain(), Language.Nl);
        var a = FigureHtml.Document(spec);
        Assert.Equal(a, FigureHtml.Document(spec));
        Assert.Contains("id=\"wb-fig-chain-nl\"", a);
        Assert.Contains("<html lang=\"nl\">", a);
        Assert.Contains(PlotlyJs.Source, a);
        Assert.DoesNotContain("http", a.Replace(PlotlyJs.Source, ""));
        Assert.DoesNotContain("<script src", a);
        Assert.True(a.Length > 3_000_000, "plotly.js should be inlined");
        var fragment = FigureHtml.Fragment(spec, "wb-fig-chain-nl-2", includePlotlyJs: false);
        Assert.True(fragment.Length < 50_000);
        Assert.Contains("typeof Plotly===\"undefined\"", fragment);
    }

    [Fact]
    public void Html_TitleWithScriptTag_CannotCloseTheScript()
    {
        var fig = Figures.Chain("x", new("</script><script>alert(1)</script>", "t"), SampleFigures.ChainCounts(), SampleFigures.RegisterSource);
        var html = FigureHtml.Fragment(FigureSpec.From(fig, Language.En), "x", includePlotlyJs: false);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "<script").Count + 1);
    }

    private static async Task<int> NonWhitePixels(IPage page, string pngBase64)
    {
        await page.SetContentAsync("<canvas id=c></canvas>");
        return await page.EvaluateFunctionAsync<int>(@"async b64 => {
            const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode();
            const c = document.getElementById('c'); c.width = img.width; c.height = img.height;
            const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
            const d = ctx.getImageData(0, 0, img.width, img.height).data; let n = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i] < 240 || d[i+1] < 240 || d[i+2] < 240) n++;
            return n; }", pngBase64);
    }
}
