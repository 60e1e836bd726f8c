using System.Diagnostics;
using System.Text.RegularExpressions;
using Workbench.Charts;
using Workbench.Export;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Export;

[Collection(BrowserCollection.Name)]
public sealed class ExportTests(BrowserFixture browser) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<string> SvgTexts(string svg) =>
        Regex.Matches(svg, "<text[^>]*>(.*?)</text>").Select(m => System.Net.WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", ""))).ToList();

    [SkippableFact]
    public async Task Svg_Prevalence_HasTitleSourceAndValueLabelsAsText()
    {
        var exporter = browser.Require();
        var fig = SampleFigures.Prevalence();
        var svg = await exporter.RenderSvgAsync(FigureSpec.From(fig, Language.En));
        Assert.StartsWith("<svg", svg);
        var texts = SvgTexts(svg);
        Assert.Contains(texts, t => t.StartsWith("Figure 1. Girls report sexual violence", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Source: Youth survey 2024", StringComparison.Ordinal));
        Assert.Contains("48.0%", texts);
        Assert.Contains("6.2%", texts);
        Assert.Contains("girls", texts);
        Assert.DoesNotContain("<image", svg);
    }

    [SkippableFact]
    public async Task Svg_Dutch_HasDutchLabelsAndDecimalComma()
    {
        var exporter = browser.Require();
        var texts = SvgTexts(await exporter.RenderSvgAsync(FigureSpec.From(SampleFigures.EstimateRange(), Language.Nl)));
        Assert.Contains("1.300", texts);
        Assert.Contains(" 5.000\u20137.500", texts);
        Assert.Contains("Geregistreerd", texts);
        Assert.Contains("2.000", texts); // axis tick: plotly.js uses the Dutch separators too
        Assert.Contains(texts, t => t.Contains("Bron: Multiple systems estimation", StringComparison.Ordinal));
        var trend = SvgTexts(await exporter.RenderSvgAsync(FigureSpec.From(SampleFigures.Trend(), Language.Nl)));
        Assert.Contains("19,0%", trend);
        Assert.Contains("8,0%", trend);
    }

    [SkippableFact]
    public async Task Svg_SameSpecTwice_IsIdentical()
    {
        var exporter = browser.Require();
        foreach (var fig in SampleFigures.All())
        {
            var spec = FigureSpec.From(fig, Language.Nl);
            var a = await exporter.RenderSvgAsync(spec);
            await exporter.RenderSvgAsync(FigureSpec.From(SampleFigures.Chain(), Language.En));
            var b = await exporter.RenderSvgAsync(spec);
            Assert.Equal(a, b);
        }
    }

    [SkippableFact]
    public async Task Svg_FirstRenderOfANewExporter_MatchesLaterRenders()
    {
        var shared = browser.Require();
        var spec = FigureSpec.From(SampleFigures.SmallMultiples(), Language.En);
        await using var fresh = await FigureExporter.StartAsync(new ExportOptions { BrowserPath = shared.BrowserPath });
        var first = await fresh.RenderSvgAsync(spec);
        Assert.Equal(first, await fresh.RenderSvgAsync(spec));
        Assert.Equal(first, await shared.RenderSvgAsync(spec));
    }

    [SkippableFact]
    public async Task Pdf_IsOnePageChartSized_WithEmbeddedFonts()
    {
        var exporter = browser.Require();
        var files = await exporter.ExportAsync(SampleFigures.Chain(), Language.En, _dir, ExportFormats.Pdf);
        var pdf = Assert.Single(files);
        Assert.StartsWith("%PDF-", File.ReadAllText(pdf)[..5]);
        var info = Poppler("pdfinfo", pdf);
        Assert.Matches(@"Pages:\s+1\b", info);
        var size = Regex.Match(info, @"Page size:\s+([\d.]+) x ([\d.]+) pts");
        Assert.True(size.Success, info);
        // 605 x 380 CSS px = 453.75 x 285 pt.
        Assert.InRange(double.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 452, 456);
        Assert.InRange(double.Parse(size.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 283, 287);
        var fonts = Poppler("pdffonts", pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.Contains(fonts, l => l.Contains("LiberationSans", StringComparison.Ordinal));
        // Columns: name type encoding emb sub uni object ID; every font must be embedded.
        Assert.All(fonts, l => Assert.Matches(@"\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", l));
        Assert.Contains("One in four suspects", Poppler("pdftotext", pdf, "-"));
    }

    [SkippableFact]
    public async Task Png_RequestedDpi_SetsPixelSizeAndDensity()
    {
        var exporter = browser.Require();
        var png = await exporter.RenderPngAsync(FigureSpec.From(SampleFigures.Composition(), Language.En), dpi: 192);
        Assert.Equal(0x89, png[0]);
        int width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        int height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.Equal((1210, 760), (width, height));
        var phys = png.AsSpan().IndexOf("pHYs"u8);
        Assert.True(phys > 0);
        Assert.Equal(7559, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(phys + 4))); // 192 dpi in pixels per metre
        Assert.Equal(1, png.AsSpan().IndexOf("pHYs"u8) == png.AsSpan().LastIndexOf("pHYs"u8) ? 1 : 0);
    }

    [SkippableFact]
    public async Task Export_IdWithPathTraversal_WritesOnlyInsideOutputFolder()
    {
        var exporter = browser.Require();
        var outDir = Path.Combine(_dir, "a", "b", "out");
        var fig = Figures.Chain("../../x", new("../../x", "../../x"), SampleFigures.ChainCounts(), SampleFigures.RegisterSource);
        var files = await exporter.ExportAsync(fig, Language.En, outDir, ExportFormats.Svg | ExportFormats.Html);
        Assert.All(files, f => Assert.Equal(Path.GetFullPath(outDir), Path.GetDirectoryName(f)));
        Assert.Equal(["x.en.html", "x.en.svg"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([outDir], Directory.GetFileSystemEntries(Path.Combine(_dir, "a", "b")));
        Assert.Equal([Path.Combine(_dir, "a", "b")], Directory.GetFileSystemEntries(Path.Combine(_dir, "a")));
        Assert.Equal([Path.Combine(_dir, "a")], Directory.GetFileSystemEntries(_dir));
    }

    [SkippableFact]
    public async Task Export_ParallelCalls_AllSucceedThroughOneBrowser()
    {
        var exporter = browser.Require();
        var figures = SampleFigures.All();
        var results = await Task.WhenAll(figures.SelectMany(f => new[] { Language.En, Language.Nl }.Select(l =>
            exporter.RenderSvgAsync(FigureSpec.From(f, l)))));
        Assert.Equal(figures.Count * 2, results.Length);
        Assert.All(results, svg => Assert.StartsWith("<svg", svg));
        Assert.Equal(results[0], await exporter.RenderSvgAsync(FigureSpec.From(figures[0], Language.En)));
    }

    [SkippableFact]
    public async Task Export_AllFormats_AtomicNoTempFilesLeft()
    {
        var exporter = browser.Require();
        var files = await exporter.ExportAsync(SampleFigures.Trend(), Language.Nl, _dir, ExportFormats.All, dpi: 96);
        Assert.Equal(["fig-trend.nl.svg", "fig-trend.nl.pdf", "fig-trend.nl.png", "fig-trend.nl.html"], files.Select(Path.GetFileName));
        Assert.Equal(4, Directory.GetFiles(_dir).Length);
    }

    private static string Poppler(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException($"CI=true but {tool} (poppler-utils) is not installed.");
            throw new SkipException($"{tool} (poppler-utils) is not installed.");
        }
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} failed: {p.StandardError.ReadToEnd()}");
        return output;
    }
}
