using Workbench.Export;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Running;
using Workbench.Tests.Processes;
using Workbench.Tests.Readme;
using Workbench.Tests.Studies;
using Workbench.Tests.Support;

namespace Workbench.Tests.Kernel;

/// <summary>
/// The same for a plain Plotly.NET chart and a Workbench figure in a notebook that loads the Workbench package (its
/// kernel extension formats both with the plotly mime type): the kernel and <c>workbench run</c> both add the SVG.
/// </summary>
[Collection(ReadmeCollection.Name)]
public sealed class PlotlyNetFallbackTests(PackedLibraryFixture packed) : IClassFixture<PackedLibraryFixture>
{
    [SkippableFact]
    public async Task PlotlyNetChartAndFigure_KernelAndRun_BothCarryPlotlyAndSvg()
    {
        Assert.NotNull(packed);
        FigureFallbackTests.RequireBrowser();
        await JupyterTools.RequireModulesAsync("nbclient", "nbconvert", "jupyter_client");
        using var tools = new JupyterTools();
        await tools.InstallKernelSpecAsync();
        var notebook = TestNotebooks.Write(Path.Combine(tools.Root, "src"), "charts.ipynb",
            $"#i \"nuget: {RepoPaths.At("artifacts", "packages")}\"\n#r \"nuget: Workbench, [0.1.0]\"",
            // A plain Plotly.NET chart, not a Workbench figure.
            "var trace = new Plotly.NET.Trace2D(\"bar\");\ntrace.SetProperty(\"x\", new[] { \"north\", \"south\" });\ntrace.SetProperty(\"y\", new[] { 12, 7 });\n" +
            "Plotly.NET.GenericChart.ofTraceObject(false, trace)",
            "Workbench.Charts.Figures.Trend(\"fig-fallback-trend\", new Workbench.Text.Bilingual(\"Cases per year\", \"Zaken per jaar\"), " +
            "new[] { new Workbench.Charts.TrendPoint(\"2022\", Workbench.Text.Bilingual.Same(\"cases\"), 0.2), new Workbench.Charts.TrendPoint(\"2023\", Workbench.Text.Bilingual.Same(\"cases\"), 0.3) }, " +
            "new Workbench.Text.Bilingual(\"Synthetic data\", \"Synthetische data\"), synthetic: true)");

        var viaKernel = await FigureFallbackTests.ThroughKernelAsync(tools, notebook);
        var viaRun = Path.Combine(tools.Root, "run");
        var run = await JupyterTools.RunAsync(WorkerCommand.DotnetHost(),
            [JupyterTools.CliDll, "run", notebook, "--out", viaRun, "--run-record", Path.Combine(tools.Root, "run.json"), "-j", "1"],
            null, TimeSpan.FromMinutes(6), tools.Root);
        Assert.True(run.ExitCode == 0, $"workbench run exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");

        foreach (var (how, path) in new[] { ("kernel", viaKernel), ("workbench run", Path.Combine(viaRun, "charts.ipynb")) })
        {
            var figures = FigureFallbackTests.FigureData(path);
            Assert.True(figures.Count == 2, $"{how}: {figures.Count} figure outputs in {File.ReadAllText(path)}");
            Assert.All(figures, d => Assert.StartsWith("<svg", NotebookWriter.MultilineText(d[FigureMime.Svg]), StringComparison.Ordinal));
            Assert.Contains(">north<", NotebookWriter.MultilineText(figures[0][FigureMime.Svg]), StringComparison.Ordinal);
            Assert.Null(figures[0][FigureMime.Bundle]);
            Assert.Contains("Cases per year</title>", NotebookWriter.MultilineText(figures[1][FigureMime.Svg]), StringComparison.Ordinal);
        }
    }
}
