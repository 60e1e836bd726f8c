using System.Text.Json.Nodes;
using Workbench.Export;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Running;
using Workbench.Tests.Processes;
using Workbench.Tests.Support;

namespace Workbench.Tests.Kernel;

/// <summary>
/// Issue 13: figure outputs carry the plotly mime type and a static SVG fallback both in <c>workbench run</c> and in the
/// Jupyter kernel (driven by nbconvert, as JupyterLab runs a notebook), for Workbench figures and for plain plotly
/// figures (a Plotly.NET chart); the kernel's browser starts at the first figure and ends with the kernel.
/// </summary>
public sealed class FigureFallbackTests
{
    /// <summary>A cell whose value is a plain plotly figure: what a Plotly.NET formatter produces, without any package.</summary>
    private const string PlotlyCell =
        "new Microsoft.DotNet.Interactive.Formatting.FormattedValue(\"application/vnd.plotly.v1+json\", " +
        "\"\"\"{\"data\":[{\"type\":\"bar\",\"x\":[\"north\",\"south\"],\"y\":[12,7]}],\"layout\":{\"title\":{\"text\":\"Cases by region\"}}}\"\"\")";

    [SkippableFact]
    public async Task Kernel_PlainPlotlyOutput_CarriesSvgAndTheBrowserEndsWithTheKernel()
    {
        RequireBrowser();
        await JupyterTools.RequireModulesAsync("nbclient", "nbconvert", "jupyter_client");
        using var tools = new JupyterTools();
        await tools.InstallKernelSpecAsync();
        var notebook = TestNotebooks.Write(tools.Root, "plotly.ipynb", PlotlyCell, "1 + 1");

        var executed = await ThroughKernelAsync(tools, notebook);

        var data = FigureData(executed).Single();
        Assert.Equal("Cases by region", (string?)data[FigureMime.Plotly]!["layout"]!["title"]!["text"]);
        Assert.StartsWith("<svg", NotebookWriter.MultilineText(data[FigureMime.Svg]), StringComparison.Ordinal);
        Assert.Contains(">north<", NotebookWriter.MultilineText(data[FigureMime.Svg]), StringComparison.Ordinal);
        // The browser's profile lives in the kernel's temporary folder: no process naming it outlives the kernel.
        Assert.True(await ProcessProbe.WaitUntil(() => ProcessProbe.WithArgument(tools.Temp).Count == 0, TimeSpan.FromSeconds(20)),
            "a process of the kernel's session outlived it: " + ProcessProbe.Describe(ProcessProbe.WithArgument(tools.Temp)));
    }

    [SkippableFact]
    public async Task Run_PlainPlotlyOutput_GetsSvgFallback()
    {
        RequireBrowser();
        var folder = Directory.CreateTempSubdirectory("wb-fallback-run-").FullName;
        try
        {
            var notebook = TestNotebooks.Write(Path.Combine(folder, "src"), "plotly.ipynb", PlotlyCell);
            var runner = new NotebookRunner(new RunOptions { Worker = Notebooks.NotebookWorkspace.Worker, OutputDirectory = Path.Combine(folder, "out"), RunRecordPath = null });

            var result = (await runner.RunAsync([notebook])).Single();

            Assert.True(result.Succeeded, result.Failure);
            var data = FigureData(Path.Combine(folder, "out", "plotly.ipynb")).Single();
            Assert.Contains("<title>Cases by region</title>", NotebookWriter.MultilineText(data[FigureMime.Svg]), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Executes <paramref name="notebook"/> with nbconvert on the workbench kernel; returns the executed copy.</summary>
    internal static async Task<string> ThroughKernelAsync(JupyterTools tools, string notebook)
    {
        var output = Path.Combine(tools.Root, "kernel");
        var environment = tools.Environment();
        environment["TMPDIR"] = tools.Temp;
        var nbconvert = await JupyterTools.RunAsync(JupyterTools.Python,
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=workbench-csharp",
             "--ExecutePreprocessor.timeout=300", "--output-dir", output, notebook],
            environment, TimeSpan.FromMinutes(6), Path.GetDirectoryName(notebook));
        Assert.True(nbconvert.ExitCode == 0, $"nbconvert exit {nbconvert.ExitCode}\n{nbconvert.Stdout}\n{nbconvert.Stderr}");
        return Path.Combine(output, Path.GetFileName(notebook));
    }

    /// <summary>The data of every output that carries a plotly figure, in order.</summary>
    internal static List<JsonObject> FigureData(string executed) =>
        JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Select(o => o!["data"] as JsonObject)
            .Where(d => d is not null && d.ContainsKey(FigureMime.Plotly))
            .Select(d => d!)
            .ToList();

    internal static void RequireBrowser()
    {
        string browser;
        try { browser = ChromiumLocator.Find(); }
        catch (ChromiumNotFoundException) { browser = "/usr/lib/chromium/chromium"; }
        RequiredTool.Require(browser, "chromium");
    }
}
