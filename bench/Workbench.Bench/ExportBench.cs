using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.ImageExport;
using Workbench.Charts;
using Workbench.Data;
using Workbench.Export;
using Workbench.IO;
using Figure = Workbench.Charts.Figure;

namespace Workbench.Bench;

/// <summary>
/// Suite "export": 20 house-style charts rendered as SVG and as PNG through one reused headless Chromium
/// (Workbench.Export.FigureExporter) against Plotly.NET.ImageExport 7.0.0, which launches a browser per call, on the same
/// charts. Usage: <c>export [--peer-charts N]</c> (default 20; fewer makes the slow peer run shorter).
/// </summary>
public sealed class ExportBench : IBenchmarkSuite
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const int Charts = 20;
    private const int PngDpi = 192; // scale 2, as the peer's PNG below

    /// <inheritdoc />
    public string Name => "export";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        var peerCharts = args.Length >= 2 && args[0] == "--peer-charts" ? int.Parse(args[1], Inv) : Charts;
        var figures = Enumerable.Range(0, Charts).Select(MakeFigure).ToList();
        var specs = figures.Select(f => FigureSpec.From(f, Language.En)).ToList();
        var browserPath = ChromiumLocator.Find();

        var sw = Stopwatch.StartNew();
        await using var exporter = await FigureExporter.StartAsync(new ExportOptions { BrowserPath = browserPath });
        var launch = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        await exporter.RenderSvgAsync(specs[0]); // first call loads plotly.js into the tab
        var firstChart = sw.Elapsed.TotalMilliseconds;

        var svgTimes = new List<double>();
        var pngTimes = new List<double>();
        long svgBytes = 0, pngBytes = 0;
        foreach (var spec in specs)
        {
            sw.Restart();
            svgBytes += (await exporter.RenderSvgAsync(spec)).Length;
            svgTimes.Add(sw.Elapsed.TotalMilliseconds);
        }
        foreach (var spec in specs)
        {
            sw.Restart();
            pngBytes += (await exporter.RenderPngAsync(spec, PngDpi)).Length;
            pngTimes.Add(sw.Elapsed.TotalMilliseconds);
        }

        // Peer: Plotly.NET.ImageExport 7.0.0 with its three needed fixes (logging abstractions >= 10 referenced,
        // localBrowserExecutablePath set, charts carrying the inlined plotly.js so the offline browser can draw them).
        PuppeteerSharpRendererOptions.localBrowserExecutablePath = FSharpOption<string>.Some(browserPath);
        // Running as root (CI containers) Chromium needs --no-sandbox; give the peer the same flags as ours.
        PuppeteerSharpRendererOptions.launchOptions = new PuppeteerSharp.LaunchOptions
        {
            Headless = true,
            ExecutablePath = browserPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        };
        var peerSvg = new List<double>();
        var peerPng = new List<double>();
        string? peerError = null;
        try
        {
            foreach (var figure in figures.Take(peerCharts))
            {
                var chart = WithInlinedPlotly(figure.ToGenericChart(Language.En));
                sw.Restart();
                var svg = await chart.ToSVGStringAsync(FSharpOption<ExportEngine>.None, FSharpOption<int>.Some(figure.Size.Width), FSharpOption<int>.Some(figure.Size.Height));
                peerSvg.Add(sw.Elapsed.TotalMilliseconds);
                if (!svg.Contains("<svg", StringComparison.Ordinal)) throw new InvalidOperationException("peer returned no SVG");
                sw.Restart();
                await chart.ToBase64PNGStringAsync(FSharpOption<ExportEngine>.None, FSharpOption<int>.Some(figure.Size.Width), FSharpOption<int>.Some(figure.Size.Height));
                peerPng.Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        catch (Exception ex)
        {
            peerError = ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
        }

        var md = new StringBuilder();
        md.Append("# Benchmark: export\n\n");
        md.Append(Inv, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}. ");
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        md.Append(Inv, $"Browser: {browserPath}. Load average at the end of the run: {load} (the machine is shared with other builds, so times vary).\n\n");
        md.Append(Inv, $"{Charts} house-style charts (6 kinds, 605 x 380 px or larger), English. Ours: one headless Chromium, launched once ");
        md.Append(Inv, $"({launch:0} ms) with plotly.js loaded once per tab (first chart {firstChart:0} ms, excluded below), then per chart ");
        md.Append("`Plotly.toImage` on the figure JSON (an off-screen draw in the same tab). ");
        md.Append(Inv, $"Peer: Plotly.NET.ImageExport 7.0.0 (PuppeteerSharp renderer; launches a browser per call), {peerSvg.Count} of the same charts. ");
        md.Append(Inv, $"PNG at scale 2 ({PngDpi} dpi) for ours; the peer's PNG uses its default scale (1).\n\n");
        md.Append("| Task | Charts | Mean per chart | Median | Max | Goal | Result |\n|---|---|---|---|---|---|---|\n");
        Row("SVG, Workbench (one browser)", svgTimes, "<= 100 ms", Avg(svgTimes) <= 100 ? "met" : "NOT met");
        Row("PNG 192 dpi, Workbench (one browser)", pngTimes, "", $"{pngBytes / Charts / 1024:N0} KiB per PNG");
        if (peerSvg.Count > 0)
        {
            Row("SVG, Plotly.NET.ImageExport 7.0.0", peerSvg, "", "");
            Row("PNG, Plotly.NET.ImageExport 7.0.0", peerPng, "", "");
            var svgRatio = Avg(peerSvg) / Avg(svgTimes);
            var pngRatio = Avg(peerPng) / Avg(pngTimes);
            md.Append(Inv, $"| Speed-up SVG | | {svgRatio:0.0}x | | | >= 10x | {(svgRatio >= 10 ? "met" : "NOT met")} |\n");
            md.Append(Inv, $"| Speed-up PNG | | {pngRatio:0.0}x | | | >= 10x | {(pngRatio >= 10 ? "met" : "NOT met")} |\n");
        }
        if (peerError is not null) md.Append("\nPeer failed: ").Append(peerError).Append('\n');
        md.Append(Inv, $"\nMean SVG size {svgBytes / Charts / 1024.0:0.0} KiB (vector, text as text).\n");
        Console.Write(md.ToString());
        AtomicFile.WriteAllText(Path.Combine(FindRepoRoot(), "bench", "results", "export.md"), md.ToString());
        return 0;

        void Row(string task, List<double> t, string goal, string result) =>
            md.Append(Inv, $"| {task} | {t.Count} | {Avg(t):0} ms | {Median(t):0} ms | {t.Max():0} ms | {goal} | {result} |\n");
    }

    private static double Avg(List<double> t) => t.Count == 0 ? double.NaN : t.Average();

    private static double Median(List<double> t)
    {
        var s = t.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static GenericChart WithInlinedPlotly(GenericChart chart)
    {
        var options = new DisplayOptions();
        options.SetProperty("PlotlyJSReference", PlotlyJSReference.Full);
        return GenericChart.setDisplayOptions(options, chart);
    }

    private static Figure MakeFigure(int i)
    {
        var src = new Bilingual("Synthetic data for the export benchmark", "Synthetische data voor de exportbenchmark");
        double v = 0.1 + 0.03 * (i % 7);
        Bilingual girls = new("girls", "meisjes"), boys = new("boys", "jongens");
        var title = new Bilingual($"Benchmark chart {i + 1}", $"Benchmarkfiguur {i + 1}");
        var id = "bench-" + i.ToString(Inv);
        return (i % 6) switch
        {
            0 => Figures.Prevalence(id, title,
                [new(new("any", "enig"), girls, v * 3, v * 3 - 0.03, v * 3 + 0.03), new(new("any", "enig"), boys, v, v - 0.02, v + 0.02),
                 new(new("contact", "contact"), girls, v * 2, v * 2 - 0.02, v * 2 + 0.02), new(new("contact", "contact"), boys, v / 2, v / 2 - 0.01, v / 2 + 0.01)], src, true),
            1 => Figures.EstimateRange(id, title,
                [new(Bilingual.Same("2021"), 5000 + i * 10, 6200, 7500, 1300), new(Bilingual.Same("2022"), 4600, 5800 + i * 10, 7300, 1250)], src, true),
            2 => Figures.Chain(id, title, CountTable.FromUnprotected(
                [new(new("suspects", "verdachten"), null, 1200 + i), new(new("prosecuted", "vervolgd"), null, 800), new(new("convicted", "veroordeeld"), null, 300)]), src, true),
            3 => Figures.Trend(id, title, Enumerable.Range(2015, 9).SelectMany(y => new[]
                {
                    new TrendPoint(y.ToString(Inv), girls, v + 0.01 * (y - 2015), v - 0.02 + 0.01 * (y - 2015), v + 0.02 + 0.01 * (y - 2015)),
                    new TrendPoint(y.ToString(Inv), boys, v / 2 + 0.005 * (y - 2015), v / 2 - 0.01 + 0.005 * (y - 2015), v / 2 + 0.01 + 0.005 * (y - 2015)),
                }), src, true),
            4 => Figures.CompositionOfEstimates(id, title,
                [new(girls, new("partner", "partner"), 0.35), new(girls, new("acquaintance", "kennis"), 0.4), new(girls, new("stranger", "onbekende"), 0.25),
                 new(boys, new("partner", "partner"), 0.2), new(boys, new("acquaintance", "kennis"), 0.5 + v / 10), new(boys, new("stranger", "onbekende"), 0.3)], src, true),
            _ => Figures.SmallMultiples(id, title, new[] { "North", "East", "South", "West" }.Select(r => Figures.Prevalence("p-" + r, Bilingual.Same(r),
                [new(new("any", "enig"), girls, v * 3, v * 3 - 0.04, v * 3 + 0.04), new(new("any", "enig"), boys, v, v - 0.03, v + 0.03)], src, true))),
        };
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
