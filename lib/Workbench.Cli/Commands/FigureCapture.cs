using Workbench.IO;
using Workbench.Notebooks.Running;

namespace Workbench.Cli.Commands;

/// <summary>
/// Runs notebooks with a run channel naming a temporary figures folder, so every figure they display is saved as a
/// spec (in both languages) for <c>workbench export</c>. The folder is removed on dispose.
/// </summary>
internal sealed class FigureCapture : IDisposable
{
    /// <summary>The folder the figure specs are saved in.</summary>
    public string Folder { get; } = CreateFolder();

    private static string CreateFolder()
    {
        TempFolders.RemoveAbandoned("workbench-figures-");
        return TempFolders.Create("workbench-figures-");
    }

    /// <summary>Runs the notebooks (executed copies in a temporary folder); false when one failed.</summary>
    public async Task<bool> RunAsync(IReadOnlyList<string> paths, TextWriter output)
    {
        var notebooks = NotebookCli.Expand(paths);
        var options = new RunOptions
        {
            Worker = NotebookCli.Worker(),
            OutputDirectory = Path.Combine(Folder, "notebooks"),
            RunRecordPath = null,
            Channel = new RunChannel(ClaimsFile: null, FiguresFolder: Folder),
            // The executed copies are thrown away: no static fallbacks to draw.
            StaticFigureFallback = false,
        };
        var results = await new NotebookRunner(options).RunAsync(notebooks);
        foreach (var r in results.Where(r => !r.Succeeded)) output.WriteLine($"FAILED  {r.Failure}");
        return results.All(r => r.Succeeded);
    }

    /// <inheritdoc />
    public void Dispose() => TempFolders.Delete(Folder);
}
