using System.Text.Json.Nodes;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Jupyter;
using Workbench.Notebooks.Running;
using Workbench.Tests.Notebooks;
using Workbench.Tests.Processes;

namespace Workbench.Tests.Polyglot;

/// <summary>
/// The polyglot fixture (Fixtures/Polyglot/polyglot.dib and its .ipynb twin) through `workbench run`'s worker: a
/// DataFrame passes C# → SQL → F# → R → Python → C#; a failing cell of each language stops the run with that
/// language's message; an R cell that runs too long times out and leaves no R process, nor does a killed run.
/// </summary>
public sealed class PolyglotNotebookTests : IDisposable
{
    private const string Expected = "60 3 2021:30 0.16666666666666666 Int32,Int32,Double,String";
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-poly-").FullName;
    private readonly string _marker = ProcessProbe.NewMarker();

    public void Dispose()
    {
        ProcessProbe.KillLeftovers(_marker);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Polyglot", name);

    private NotebookRunner Runner(TimeSpan? cellTimeout = null) => new(new RunOptions
    {
        Worker = NotebookWorkspace.Worker,
        CellTimeout = cellTimeout ?? TimeSpan.FromSeconds(180),
        OutputDirectory = Path.Combine(_dir, "out"),
        RunRecordPath = null,
    });

    private static string LastText(NotebookRunResult result) =>
        string.Concat(result.Cells.Last(c => c.Kind == CellKind.Code).Outputs.Select(o => Joined(o?["data"]?["text/plain"] ?? o?["text"])));

    private static string Joined(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    [SkippableTheory]
    [InlineData("polyglot.dib")]
    [InlineData("polyglot.ipynb")]
    public async Task Run_PolyglotFixture_DataFrameAlongTheChainAndBack(string name)
    {
        PolyglotEngine.RequireKernel("r");
        PolyglotEngine.RequireKernel("python");
        MermaidKernelTests.RequireChromium();
        var copy = Path.Combine(_dir, name);
        File.Copy(Fixture(name), copy);

        var result = (await Runner().RunAsync([copy])).Single();

        Assert.True(result.Succeeded, result.Failure);
        Assert.Contains(Expected, LastText(result));
        var diagram = result.Cells.First(c => c.Kernel == "mermaid").Outputs.Single()!["data"]!["image/svg+xml"];
        Assert.Contains("Python", Joined(diagram));
    }

    [Fact]
    public void Convert_PolyglotDib_GivesCommittedIpynbWithKernelNames()
    {
        var ipynb = Path.Combine(_dir, "polyglot.ipynb");
        NotebookConverter.Convert(Fixture("polyglot.dib"), NotebookFormat.Ipynb, ipynb);
        Assert.Equal(File.ReadAllText(Fixture("polyglot.ipynb")), File.ReadAllText(ipynb));
        var document = NotebookDocument.Load(ipynb);
        Assert.Equal(["mermaid", "csharp", "sql", "fsharp", "r", "python", "csharp"], document.Cells.Where(c => c.Kind == CellKind.Code).Select(c => c.Kernel));
        var root = JsonNode.Parse(File.ReadAllText(ipynb))!;
        Assert.Equal("r", root["cells"]!.AsArray().Select(c => c!["metadata"]?["polyglot_notebook"]?["kernelName"]?.ToString()).ElementAt(5));
        Assert.Equal(6, root["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["items"]!.AsArray().Count);
        var back = Path.Combine(_dir, "back.dib");
        NotebookConverter.Convert(ipynb, NotebookFormat.Dib, back);
        Assert.Equal(NotebookDocument.Load(Fixture("polyglot.dib")).Cells.Select(c => (c.Kernel, c.Source.Trim())),
            NotebookDocument.Load(back).Cells.Select(c => (c.Kernel, c.Source.Trim())));
    }

    [SkippableTheory]
    [InlineData("sql", "#!sql\nSELECT * FROM no_such_table", "no_such_table")]
    [InlineData("fsharp", "#!fsharp\nlet x: int = \"s\"", "FS0001")]
    [InlineData("r", "#!r\nstop('r says no')", "r says no")]
    [InlineData("python", "#!python\nraise ValueError('python says no')", "python says no")]
    public async Task Run_FailingCell_StopsWithLanguageMessage(string language, string cell, string message)
    {
        if (language is "r" or "python") PolyglotEngine.RequireKernel(language);
        var nb = TestNotebooks.Write(_dir, $"fail-{language}.ipynb", cell, "1 + 1");

        var result = (await Runner().RunAsync([nb])).Single();

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.CellResults[0].Error);
        Assert.Equal(CellStatus.NotRun, result.CellResults[1].Status);
    }

    [SkippableFact]
    public async Task Run_RCellTimesOut_NoRProcessLeft()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "counts processes through /proc");
        PolyglotEngine.RequireKernel("r");
        var nb = TestNotebooks.Write(_dir, "r-timeout.ipynb", "#!r\ncat(Sys.getpid())", "#!r\nSys.sleep(600)");

        var result = (await Runner(TimeSpan.FromSeconds(20)).RunAsync([nb])).Single();

        Assert.Equal(CellStatus.TimedOut, result.CellResults[1].Status);
        var pid = int.Parse(LastTextOf(result, 0).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await ProcessProbe.WaitUntil(() => !Directory.Exists($"/proc/{pid}") || !ProcessProbe.WithArgument("IRkernel").Contains(pid), TimeSpan.FromSeconds(20)),
            $"the R kernel {pid} outlived its timed-out worker");
    }

    private static string LastTextOf(NotebookRunResult result, int codeCell) =>
        string.Concat(result.Cells.Where(c => c.Kind == CellKind.Code).ElementAt(codeCell).Outputs.Select(o => Joined(o?["text"])));

    [SkippableFact]
    public async Task Run_KilledWithSigkillDuringRCell_NoKernelLeft()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "counts processes through /proc");
        PolyglotEngine.RequireKernel("r");
        PolyglotEngine.RequireKernel("python");
        var nb = TestNotebooks.Write(_dir, "hang.ipynb", "#!python\nx = 1", "#!r\nSys.sleep(600)");
        using var cli = ProcessProbe.StartCli(_dir, _marker, "run", nb, "--out", Path.Combine(_dir, "out"), "--run-record", Path.Combine(_dir, "run.json"));

        Assert.True(await ProcessProbe.WaitUntil(() => ProcessProbe.WithMarker(_marker).Any(p => ProcessProbe.CommandLine(p).Contains("IRkernel", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(120)), "the R kernel never started");
        ProcessProbe.KillHard(cli);

        var gone = await ProcessProbe.WaitUntil(() => ProcessProbe.WithMarker(_marker).Count == 0, TimeSpan.FromSeconds(60));
        Assert.True(gone, "left after kill -9 of `workbench run`: " + ProcessProbe.Describe(ProcessProbe.WithMarker(_marker)));
    }
}
