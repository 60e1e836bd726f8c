using System.Diagnostics;
using Workbench.Notebooks.Running;
using Workbench.Tests.Processes;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// Every process a run starts ends with it: the worker and whatever its cells start, after a normal end, a cell timeout,
/// Environment.Exit, and kill -9 of <c>workbench run</c> or <c>workbench verify</c>. Counted through /proc.
/// </summary>
public sealed class ProcessLifetimeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-proc-").FullName;
    private readonly string _marker = ProcessProbe.NewMarker();

    public void Dispose()
    {
        ProcessProbe.KillLeftovers(_marker);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private NotebookRunner Runner(TimeSpan? cellTimeout = null) => new(new RunOptions
    {
        Worker = NotebookWorkspace.Worker,
        CellTimeout = cellTimeout ?? TimeSpan.FromSeconds(120),
        OutputDirectory = Path.Combine(_dir, "out"),
        RunRecordPath = null,
    });

    [SkippableTheory]
    [InlineData("child")]
    [InlineData("orphaned grandchild")]
    [InlineData("nohup")]
    public async Task Run_CellStartsChild_ChildEndsWithTheRun(string how)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "counts processes through /proc");
        var sleep = ProcessProbe.UniqueSleep();
        var start = how switch
        {
            "child" => TestNotebooks.StartSleep(sleep),
            // The shell exits at once: its sleep is reparented and no longer a descendant of the worker.
            "orphaned grandchild" => $"System.Diagnostics.Process.Start(\"/bin/sh\", new[] {{ \"-c\", \"sleep {sleep} >/dev/null 2>&1 &\" }})!.WaitForExit();",
            _ => $"System.Diagnostics.Process.Start(\"/bin/sh\", new[] {{ \"-c\", \"nohup sleep {sleep} >/dev/null 2>&1 &\" }})!.WaitForExit();",
        };
        var nb = TestNotebooks.Write(_dir, "child.ipynb", start, "1 + 1");

        var result = (await Runner().RunAsync([nb])).Single();

        Assert.True(result.Succeeded, result.Failure);
        Assert.Empty(ProcessProbe.WithArgument(sleep));
    }

    [SkippableFact]
    public async Task Run_CellTimesOut_KillsTheWholeGroup()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "counts processes through /proc");
        var sleep = ProcessProbe.UniqueSleep();
        var nb = TestNotebooks.Write(_dir, "timeout.ipynb", TestNotebooks.StartSleep(sleep) + "\nwhile (true) { }");

        var result = (await Runner(TimeSpan.FromSeconds(5)).RunAsync([nb])).Single();

        Assert.Equal(CellStatus.TimedOut, result.CellResults[0].Status);
        Assert.Empty(ProcessProbe.WithArgument(sleep));
    }

    [SkippableFact]
    public async Task Run_EnvironmentExitWithChildHoldingOutput_ReportedAtOnceAsExit()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "counts processes through /proc");
        var sleep = ProcessProbe.UniqueSleep();
        var nb = TestNotebooks.Write(_dir, "exit.ipynb", TestNotebooks.StartSleep(sleep) + "\nEnvironment.Exit(3);", "1");
        var clock = Stopwatch.StartNew();

        var result = (await Runner(TimeSpan.FromSeconds(600)).RunAsync([nb])).Single();

        clock.Stop();
        Assert.Equal(CellStatus.Crashed, result.CellResults[0].Status);
        Assert.Equal(CellStatus.NotRun, result.CellResults[1].Status);
        Assert.Contains("exited with code 3", result.Failure);
        // Half the cell timeout: a worker start on a loaded machine fits, waiting for the timeout does not.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(300), $"took {clock.Elapsed} (the cell timeout is 600 s): the exit was not noticed");
        Assert.Empty(ProcessProbe.WithArgument(sleep));
    }

    [SkippableTheory]
    [InlineData("run")]
    [InlineData("verify")]
    public async Task Command_KilledWithSigkill_WorkerAndCellChildrenEnd(string command)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "counts processes through /proc");
        var sleep = ProcessProbe.UniqueSleep();
        var nb = TestNotebooks.Write(_dir, "hang.ipynb", TestNotebooks.StartSleep(sleep) + "\nSystem.Threading.Thread.Sleep(600_000);");
        string[] args = command == "run"
            ? ["run", nb, "--out", Path.Combine(_dir, "out"), "--run-record", Path.Combine(_dir, "run.json")]
            : ["verify", nb, "--out", Path.Combine(_dir, "out"), "--no-report"];
        using var cli = ProcessProbe.StartCli(_dir, _marker, args);

        Assert.True(await ProcessProbe.WaitUntil(() => ProcessProbe.WithArgument(sleep).Count > 0, TimeSpan.FromSeconds(90)), "the cell never started its child");
        var before = ProcessProbe.WithMarker(_marker);
        Assert.True(before.Count >= 3, "expected the CLI, its worker and the cell's child: " + ProcessProbe.Describe(before));
        ProcessProbe.KillHard(cli);

        var gone = await ProcessProbe.WaitUntil(() => ProcessProbe.WithMarker(_marker).Count == 0, TimeSpan.FromSeconds(60));
        Assert.True(gone, $"left after kill -9 of `workbench {command}`: " + ProcessProbe.Describe(ProcessProbe.WithMarker(_marker)));
    }

    [Fact]
    public void Sources_RunnerAndExporter_StartProcessesOnlyThroughChildProcess()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var hits = new[] { "lib/Workbench.Notebooks/Running", "lib/Workbench/Export", "lib/Workbench.Cli/Commands" }
            .SelectMany(f => Directory.GetFiles(Path.Combine(dir!.FullName, f), "*.cs", SearchOption.AllDirectories))
            .SelectMany(f => File.ReadLines(f).Select((l, i) => (f, i, l)))
            .Where(t => System.Text.RegularExpressions.Regex.IsMatch(t.l, @"\bProcess\.Start\("))
            .Select(t => $"{t.f}:{t.i + 1}: {t.l.Trim()}").ToList();
        Assert.True(hits.Count == 0, "start workers through ChildProcess.Start, which makes them end with the run:\n" + string.Join("\n", hits));
    }
}
