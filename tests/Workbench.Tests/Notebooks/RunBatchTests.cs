using System.Text.Json.Nodes;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// Runs the fixture notebooks once through the real CLI (<c>workbench run ... -j 2</c>, one worker process each) and
/// lets every test inspect the results: passing notebooks, failures of every kind, outputs on disk, run.json.
/// </summary>
public sealed class RunBatchFixture : IAsyncLifetime
{
    public static readonly string[] Notebooks =
    [
        "all-pass.ipynb", "compile-error.ipynb", "exception.ipynb", "exit-process.ipynb", "stack-overflow.ipynb",
        "pwsh-cell.ipynb", "local-dll.ipynb", "nuget-extension.ipynb", "params.dib",
    ];

    public const string PreviousGood = "{\"previous\": \"good output\"}\n";

    public NotebookWorkspace Workspace { get; } = new();
    public int ExitCode { get; private set; }
    public string Stdout { get; private set; } = "";
    public string Stderr { get; private set; } = "";
    public Dictionary<string, string> HashesBefore { get; private set; } = [];
    public Dictionary<string, string> HashesAfter { get; private set; } = [];
    public string Out => Path.Combine(Workspace.Root, "out", "notebooks");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "exception.ipynb"), PreviousGood);
        HashesBefore = Workspace.HashSources();
        (ExitCode, Stdout, Stderr) = await NotebookWorkspace.RunCliAsync(Workspace.Root,
            ["run", .. Notebooks, "-j", "2", "--out", Out, "--run-record", Path.Combine(Workspace.Root, "out", "run.json")]);
        HashesAfter = Workspace.HashSources();
    }

    public Task DisposeAsync()
    {
        Workspace.Dispose();
        return Task.CompletedTask;
    }

    public JsonObject Read(string name) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(Out, name)))!;
}

public sealed class RunBatchTests(RunBatchFixture run) : IClassFixture<RunBatchFixture>
{
    private static JsonObject Cell(JsonObject notebook, string id) =>
        notebook["cells"]!.AsArray().OfType<JsonObject>().Single(c => c["id"]!.GetValue<string>() == id);

    private static string Text(JsonNode? node) => node is JsonArray a ? string.Concat(a.Select(l => l!.GetValue<string>())) : node?.GetValue<string>() ?? "";

    private static JsonObject Output(JsonObject cell, string type, int nth = 0) =>
        cell["outputs"]!.AsArray().OfType<JsonObject>().Where(o => o["output_type"]!.GetValue<string>() == type).ElementAt(nth);

    [Fact]
    public void Run_MixedBatch_ExitsOneAndLastLineCountsNotebooks()
    {
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var lines = run.Stdout.TrimEnd().Split('\n');
        Assert.Equal("4 passed, 5 failed", lines[^1].Trim());
    }

    [Fact]
    public void Run_AnyNotebook_LeavesSourcesByteIdentical()
    {
        foreach (var (name, hash) in run.HashesBefore) Assert.True(run.HashesAfter[name] == hash, $"{name} was modified");
    }

    [Fact]
    public void AllPass_WritesNbformat45WithIdsCountsAndOutputs()
    {
        var nb = run.Read("all-pass.ipynb");
        Assert.Equal(4, nb["nbformat"]!.GetValue<int>());
        Assert.Equal(5, nb["nbformat_minor"]!.GetValue<int>());
        var cells = nb["cells"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.All(cells, c => Assert.False(string.IsNullOrEmpty(c["id"]?.GetValue<string>())));
        var counts = cells.Where(c => c["cell_type"]!.GetValue<string>() == "code").Select(c => c["execution_count"]!.GetValue<int>()).ToList();
        Assert.Equal(Enumerable.Range(1, counts.Count), counts);
        Assert.Equal("passed", nb["metadata"]!["workbench"]!["status"]!.GetValue<string>());

        Assert.Equal("year=2023 rate=0.125 region=Utrecht weighted=True cutoff=2024-12-31\n", Text(Output(Cell(nb, "all-0002"), "stream")["text"]));
        var sum = Output(Cell(nb, "all-0003"), "execute_result");
        Assert.Equal("55", Text(sum["data"]!["text/plain"]));
        Assert.Contains("55", Text(sum["data"]!["text/html"]));
        Assert.Equal("<b>bold</b>", Text(Output(Cell(nb, "all-0006"), "display_data")["data"]!["text/html"]));
        var last = Cell(nb, "all-0009");
        Assert.Equal("stderr", Output(last, "stream")["name"]!.GetValue<string>());
        Assert.Equal("0.30000000000000004", Text(Output(last, "execute_result")["data"]!["text/plain"]));
    }

    [Fact]
    public void AllPass_DisplayedValueUpdated_ReplacesTheDisplay()
    {
        var cell = Cell(run.Read("all-pass.ipynb"), "all-0005");
        var displays = cell["outputs"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Single(displays);
        Assert.Equal("final", Text(displays[0]["data"]!["text/plain"]));
    }

    [Fact]
    public void AllPass_ValueStoreAndSet_ShareTheValue()
    {
        var nb = run.Read("all-pass.ipynb");
        Assert.Equal("name,count\nA,3", Text(Output(Cell(nb, "all-0007"), "display_data")["data"]!["text/plain"]));
        Assert.Equal("14", Text(Output(Cell(nb, "all-0008"), "execute_result")["data"]!["text/plain"]));
    }

    [Fact]
    public void AllPass_MarkdownCells_KeptAsMarkdown()
    {
        var cell = Cell(run.Read("all-pass.ipynb"), "all-0000");
        Assert.Equal("markdown", cell["cell_type"]!.GetValue<string>());
        Assert.Equal("# All cells pass\nA fixture for the runner tests.", Text(cell["source"]));
        Assert.Null(cell["outputs"]);
    }

    [Theory]
    [InlineData("compile-error", "comp0001", "error CS0029")]
    [InlineData("exception", "exce0001", "the estimate has no data")]
    [InlineData("exit-process", "exit0001", "exited with code 3")]
    [InlineData("stack-overflow", "stac0001", "while running cell 2 (id stac0001)")]
    [InlineData("pwsh-cell", "fsha0001", "pwsh-cell.ipynb: cell 2 (id fsha0001) is a 'pwsh' cell")]
    public void Failure_RecordsErrorInFailingCellAndStops(string name, string failingId, string expected)
    {
        Assert.Contains($"{name}.ipynb: cell 2 (id {failingId})", run.Stdout);
        Assert.False(File.Exists(Path.Combine(run.Out, name + ".ipynb")) && name != "exception", "no good output after a failure");
        var nb = run.Read(name + ".failed.ipynb");
        var cells = nb["cells"]!.AsArray().OfType<JsonObject>().ToList();
        var failing = cells.Single(c => c["id"]!.GetValue<string>() == failingId);
        var error = Output(failing, "error");
        Assert.Contains(expected, error["evalue"]!.GetValue<string>() + string.Join("\n", error["traceback"]!.AsArray().Select(t => t!.GetValue<string>())));
        Assert.Equal(1, cells[0]["execution_count"]!.GetValue<int>());
        var after = cells[2];
        Assert.Null(after["execution_count"]);
        Assert.Empty(after["outputs"]!.AsArray());
    }

    [Fact]
    public void Failure_LeavesPreviousGoodOutputAndNoTemporaryFiles()
    {
        Assert.Equal(RunBatchFixture.PreviousGood, File.ReadAllText(Path.Combine(run.Out, "exception.ipynb")));
        Assert.Empty(Directory.EnumerateFiles(run.Out, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(run.Out, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public void CompileError_IsReportedWithDiagnostics()
    {
        var error = Output(Cell(run.Read("compile-error.failed.ipynb"), "comp0001"), "error");
        Assert.Contains("CS0029", string.Join("\n", error["traceback"]!.AsArray().Select(t => t!.GetValue<string>())));
    }

    [Fact]
    public void LocalDll_ReferencedRelativeToNotebookFolder()
    {
        var cell = Cell(run.Read("local-dll.ipynb"), "loca0001");
        Assert.Equal("Hello, runner (from FixtureLib)", Text(Output(cell, "execute_result")["data"]!["text/plain"]));
    }

    [Fact]
    public void NuGetPackage_FromLocalFeed_LoadsKernelExtensionFormatter()
    {
        var cell = Cell(run.Read("nuget-extension.ipynb"), "nuget002");
        Assert.Equal("21.5 degrees (fixture formatter)", Text(Output(cell, "execute_result")["data"]!["text/plain"]));
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Workspace.Root, "out", "run.json")))!;
        var notebook = record["notebooks"]!.AsArray().Single(n => n!["path"]!.GetValue<string>().EndsWith("nuget-extension.ipynb", StringComparison.Ordinal))!;
        Assert.Equal(run.Workspace.PackageVersion, notebook["packages"]![NotebookWorkspace.PackageId]!.GetValue<string>());
    }

    [Fact]
    public void Dib_RunsWithDefaultParametersAndKeepsMarkdown()
    {
        var nb = run.Read("params.ipynb");
        var cells = nb["cells"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal("markdown", cells[0]["cell_type"]!.GetValue<string>());
        Assert.Equal("hi hi hi", Text(Output(cells[^1], "execute_result")["data"]!["text/plain"]));
    }

    [Fact]
    public void RunRecord_HasEnvironmentAndPerCellDurations()
    {
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Workspace.Root, "out", "run.json")))!;
        Assert.False(string.IsNullOrEmpty(record["runtime"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(record["os"]!.GetValue<string>()));
        Assert.NotNull(record["git"]);
        Assert.Equal(4, record["passed"]!.GetValue<int>());
        var allPass = record["notebooks"]!.AsArray().Single(n => n!["path"]!.GetValue<string>().EndsWith("all-pass.ipynb", StringComparison.Ordinal))!;
        // Paths are relative to the record's folder: a published run.json names no machine's checkout.
        Assert.Equal("../all-pass.ipynb", allPass["path"]!.GetValue<string>());
        Assert.DoesNotContain(run.Workspace.Root, record.ToJsonString(), StringComparison.Ordinal);
        var cells = allPass["cells"]!.AsArray();
        Assert.Equal(8, cells.Count);
        Assert.All(cells, c => Assert.True(c!["duration_seconds"]!.GetValue<double>() >= 0));
        Assert.All(cells, c => Assert.Equal("Passed", c!["status"]!.GetValue<string>()));
    }
}
