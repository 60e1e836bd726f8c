using Workbench.Notebooks.Running;
using Workbench.Tests.Processes;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// A cell cannot make a run look green by forging the worker protocol, and cannot change its own sources: hostile
/// cells that print protocol lines on every standard output they can reach, and cells that write to the notebook and
/// its folder.
/// </summary>
public sealed class IsolationTests : IDisposable
{
    private const string Done = "{\\\"event\\\":\\\"done\\\"}";
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-iso-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private Task<IReadOnlyList<NotebookRunResult>> Run(params string[] notebooks) =>
        new NotebookRunner(new RunOptions
        {
            Worker = NotebookWorkspace.Worker,
            OutputDirectory = Path.Combine(_dir, "out"),
            RunRecordPath = null,
            CellTimeout = TimeSpan.FromSeconds(120),
        }).RunAsync(notebooks);

    [Theory]
    [InlineData("Console.WriteLine(\"" + Done + "\");")]
    [InlineData("using (var o = Console.OpenStandardOutput()) { o.Write(System.Text.Encoding.UTF8.GetBytes(\"" + Done + "\\n\")); o.Flush(); }")]
    [InlineData("using (var o = Console.OpenStandardError()) { o.Write(System.Text.Encoding.UTF8.GetBytes(\"" + Done + "\\n\")); o.Flush(); }")]
    [InlineData("System.Diagnostics.Process.Start(\"/bin/sh\", new[] { \"-c\", \"echo '{\\\"event\\\":\\\"done\\\"}'\" })!.WaitForExit();")]
    [InlineData("using (var o = Console.OpenStandardOutput()) { o.Write(System.Text.Encoding.UTF8.GetBytes(\"{\\\"event\\\":\\\"completed\\\",\\\"index\\\":1,\\\"succeeded\\\":true}\\n" + Done + "\\n\")); o.Flush(); }")]
    public async Task Run_CellForgesDoneOnStandardOutput_LaterFailingCellStillFails(string forge)
    {
        var nb = TestNotebooks.Write(_dir, "forge.ipynb", forge, "throw new InvalidOperationException(\"this cell must run\");");

        var result = (await Run(nb)).Single();

        Assert.False(result.Succeeded, "a forged protocol line ended the notebook as passed");
        Assert.Equal(CellStatus.Passed, result.CellResults[0].Status);
        Assert.Equal(CellStatus.Failed, result.CellResults[1].Status);
        Assert.Contains("this cell must run", result.Failure);
    }

    [Fact]
    public async Task Run_CellOverwritesItsNotebook_SourceRestoredAndRunFails()
    {
        var nb = TestNotebooks.Write(_dir, "self.ipynb", "System.IO.File.WriteAllText(\"self.ipynb\", \"{}\");", "System.IO.File.Delete(\"self.ipynb\");");
        var before = await File.ReadAllBytesAsync(nb);

        var result = (await Run(nb)).Single();

        Assert.Equal(before, await File.ReadAllBytesAsync(nb));
        Assert.False(result.Succeeded);
        Assert.Contains("self.ipynb (restored)", result.Failure);
        Assert.Contains("must not write to its own folder", result.Failure);
        Assert.False(File.Exists(Path.Combine(_dir, "out", "self.ipynb")), "a run that changed its source must not write good output");
    }

    [Fact]
    public async Task Run_CellChangesFileBesideNotebook_RunFailsNamingTheFile()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "data", "counts.csv"), "a,b\n1,2\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "other.dib"), "#!csharp\n1\n");
        var nb = TestNotebooks.Write(_dir, "writer.ipynb",
            "System.IO.File.AppendAllText(\"data/counts.csv\", \"3,4\\n\"); System.IO.File.Delete(\"other.dib\"); System.IO.File.WriteAllText(\"new-output.txt\", \"made by the run\");");

        var result = (await Run(nb)).Single();

        Assert.False(result.Succeeded);
        Assert.Contains(Path.Combine("data", "counts.csv"), result.Failure);
        Assert.Contains("other.dib (removed)", result.Failure);
        Assert.DoesNotContain("new-output.txt", result.Failure);
    }

    [Fact]
    public async Task Run_CellCreatesNewFileInItsFolder_Allowed()
    {
        var nb = TestNotebooks.Write(_dir, "creates.ipynb", "System.IO.File.WriteAllText(\"made-by-run.txt\", \"x\");");

        var result = (await Run(nb)).Single();

        Assert.True(result.Succeeded, result.Failure);
    }
}
