using System.Text.Json.Nodes;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Verification;
using Workbench.Notebooks.Running;

namespace Workbench.Tests.Kernel;

/// <summary>
/// Runs fixture notebooks through the kernel with <c>jupyter nbconvert --execute</c> (nbclient, as JupyterLab runs
/// them) and through <c>workbench run</c>, and requires the same outputs after the shared sanitiser.
/// </summary>
public sealed class NbconvertParityTests
{
    [Theory]
    [InlineData("all-pass.ipynb")]
    [InlineData("verify-numbers.ipynb")]
    public async Task Nbconvert_FixtureNotebook_OutputsEqualWorkbenchRun(string name)
    {
        await JupyterTools.RequireModulesAsync("nbclient", "nbconvert", "jupyter_client");
        using var tools = new JupyterTools();
        await tools.InstallKernelSpecAsync();
        var source = Path.Combine(tools.Root, name);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Notebooks", name), source);

        var viaKernel = Path.Combine(tools.Root, "kernel");
        var nbconvert = await JupyterTools.RunAsync(JupyterTools.Python,
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=workbench-csharp",
             "--ExecutePreprocessor.timeout=300", "--output-dir", viaKernel, source],
            tools.Environment(), TimeSpan.FromMinutes(6), tools.Root);
        Assert.True(nbconvert.ExitCode == 0, $"nbconvert exit {nbconvert.ExitCode}\n{nbconvert.Stdout}\n{nbconvert.Stderr}");

        var viaRun = Path.Combine(tools.Root, "run");
        var run = await JupyterTools.RunAsync(WorkerCommand.DotnetHost(),
            [JupyterTools.CliDll, "run", source, "--out", viaRun, "--run-record", Path.Combine(tools.Root, "run.json"), "-j", "1"],
            null, TimeSpan.FromMinutes(6), tools.Root);
        Assert.True(run.ExitCode == 0, $"workbench run exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");

        var kernelCells = CodeCellOutputs(Path.Combine(viaKernel, name));
        var runCells = CodeCellOutputs(Path.Combine(viaRun, name));
        Assert.Equal(runCells.Count, kernelCells.Count);
        Assert.Contains(runCells, c => c.Count > 0);
        for (var i = 0; i < runCells.Count; i++)
            Assert.True(runCells[i].SequenceEqual(kernelCells[i]),
                $"code cell {i + 1} differs\nworkbench run:\n{string.Join("\n", runCells[i])}\nkernel (nbconvert):\n{string.Join("\n", kernelCells[i])}");
    }

    /// <summary>Each code cell's outputs as comparable lines: consecutive streams merged, text sanitised.</summary>
    internal static List<List<string>> CodeCellOutputs(string path)
    {
        var root = (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;
        var cells = new List<List<string>>();
        foreach (var cell in root["cells"]!.AsArray().OfType<JsonObject>().Where(c => c["cell_type"]!.GetValue<string>() == "code"))
        {
            var lines = new List<string>();
            string? streamName = null;
            var streamText = "";
            void Flush()
            {
                if (streamName is not null) lines.Add($"stream {streamName}: {OutputSanitizer.Sanitize(streamText)}");
                streamName = null;
                streamText = "";
            }
            foreach (var output in cell["outputs"]!.AsArray().OfType<JsonObject>())
            {
                var type = output["output_type"]!.GetValue<string>();
                if (type == "stream")
                {
                    var n = output["name"]!.GetValue<string>();
                    if (streamName != n) Flush();
                    streamName = n;
                    streamText += NotebookWriter.MultilineText(output["text"]);
                    continue;
                }
                Flush();
                if (type == "error")
                {
                    lines.Add($"error {output["ename"]}: {OutputSanitizer.Sanitize(output["evalue"]?.GetValue<string>() ?? "")}");
                    continue;
                }
                var count = type == "execute_result" ? $" [{output["execution_count"]}]" : "";
                foreach (var (mime, value) in output["data"]!.AsObject().OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    // The runner adds a figure's static SVG after the run, for viewers without plotly; a kernel's front end
                    // draws the plotly figure itself.
                    if (mime == Workbench.Export.FigureMime.Svg) continue;
                    // Jupyter re-serialises JSON outputs (sorted keys, its own number format): compare them by value.
                    var text = mime.EndsWith("json", StringComparison.Ordinal) ? Canonical(value) : NotebookWriter.MultilineText(value);
                    lines.Add($"{type}{count} {mime}: {OutputSanitizer.Sanitize(text)}");
                }
            }
            Flush();
            cells.Add(lines);
        }
        return cells;
    }

    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => JsonValue.Create(kv.Key).ToJsonString() + ":" + Canonical(kv.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => v.GetValue<double>().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        null => "null",
        _ => node.ToJsonString(),
    };
}
