using Workbench.Notebooks.Running;

namespace Workbench.Tests.Notebooks;

public sealed class TimeoutTests
{
    [Fact]
    public async Task Run_InfiniteLoop_KilledAtCellTimeoutAndCellNamed()
    {
        using var workspace = new NotebookWorkspace();
        var output = Path.Combine(workspace.Root, "out");
        var runner = new NotebookRunner(new RunOptions
        {
            Worker = NotebookWorkspace.Worker, CellTimeout = TimeSpan.FromSeconds(5), OutputDirectory = output, RunRecordPath = null,
        });
        var result = (await runner.RunAsync([workspace["infinite-loop.ipynb"]])).Single();
        Assert.False(result.Succeeded);
        Assert.Equal(CellStatus.TimedOut, result.CellResults[0].Status);
        Assert.Equal(CellStatus.NotRun, result.CellResults[1].Status);
        Assert.Contains("cell 1 (id infi0000) timed out", result.Failure);
        Assert.Contains("cell timeout (--cell-timeout) of 5 s", result.Failure);
        Assert.False(File.Exists(Path.Combine(output, "infinite-loop.ipynb")));
        Assert.True(File.Exists(Path.Combine(output, "infinite-loop.failed.ipynb")));
    }
}
