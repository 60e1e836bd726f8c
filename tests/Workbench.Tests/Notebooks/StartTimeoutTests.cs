using Workbench.Claims;
using Workbench.Synthetic;
using Workbench.Notebooks.Running;
using Workbench.Tests.Processes;
using Workbench.Tests.Support;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// A worker that does not start in time is reported as a timeout of the machine (naming --start-timeout), not as a
/// fault of the notebook (issue 13: under load it was reported as a missing claim that advised editing the notebook).
/// </summary>
public sealed class StartTimeoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-start-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Run_WorkerSlowerThanStartTimeout_ReportedAsStartTimeout()
    {
        var nb = TestNotebooks.Write(_dir, "quick.ipynb", "1 + 1");
        // No worker process opens its channel within a millisecond: the start timeout always expires first.
        var runner = new NotebookRunner(new RunOptions
        {
            Worker = NotebookWorkspace.Worker, StartTimeout = TimeSpan.FromMilliseconds(1),
            OutputDirectory = Path.Combine(_dir, "out"), RunRecordPath = null,
        });

        var result = (await runner.RunAsync([nb])).Single();

        Assert.False(result.Succeeded);
        Assert.All(result.CellResults, c => Assert.Equal(CellStatus.NotRun, c.Status));
        Assert.Contains("timed out", result.Failure);
        Assert.Contains("start timeout (--start-timeout) of 0.001 s", result.Failure);
        Assert.Contains("not a fault of the notebook", result.Failure);
    }

    [Fact]
    public void RunOptions_ZeroStartTimeout_ThrowsNamingTheOption()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RunOptions { Worker = NotebookWorkspace.Worker, StartTimeout = TimeSpan.Zero });
        Assert.Contains("--start-timeout", ex.Message);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("verify")]
    public void Cli_StartTimeoutTooShort_ExitsOneAndSaysTimedOut(string command)
    {
        var nb = TestNotebooks.Write(_dir, "quick.ipynb", "1 + 1");
        var cli = $"dotnet \"{Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll")}\"";
        var result = RepoPaths.Bash($"{cli} {command} \"{nb}\" --start-timeout 0.001 --out \"{Path.Combine(_dir, "out")}\" --run-record \"{Path.Combine(_dir, "run.json")}\"",
            _dir, TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("--start-timeout", result.StdOut);
        Assert.Contains("timed out", result.StdOut);
    }

    [Fact]
    public void Cli_StartTimeoutZero_ExitsTwo()
    {
        var nb = TestNotebooks.Write(_dir, "quick.ipynb", "1 + 1");
        var cli = $"dotnet \"{Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll")}\"";
        var result = RepoPaths.Bash($"{cli} run \"{nb}\" --start-timeout 0 --out \"{Path.Combine(_dir, "out")}\"", _dir, TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--start-timeout must be a positive number of seconds", result.StdErr);
    }

    [Fact]
    public void ClaimCheck_StudyThatDidNotFinish_SaysNotCheckedInsteadOfAdvisingRecord()
    {
        var entry = PublishedFigures.Entries[0];
        var ledger = new Ledger([entry]);

        var unfinished = ClaimCheck.Check(ledger, [], new Dictionary<string, string> { [entry.Study] = "timed out: the worker did not start" });
        var missing = ClaimCheck.Check(ledger, []);

        Assert.Equal(ClaimVerdict.NotRecorded, unfinished.Single().Verdict);
        Assert.Contains($"study {entry.Study} did not run to its end (timed out", unfinished.Single().Message);
        Assert.DoesNotContain("Claims.Record", unfinished.Single().Message);
        Assert.Contains("Claims.Record", missing.Single().Message);
    }
}
