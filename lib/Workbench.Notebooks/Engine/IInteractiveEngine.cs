namespace Workbench.Notebooks.Engine;

/// <summary>
/// What an editor needs from an engine beyond running cells: live outputs, completions, documentation under the
/// cursor and interruption. (Whether code is complete is answered by <see cref="CSharpCompleteness"/>, without an engine.) The Jupyter kernel (<c>workbench kernel</c>) uses it; the runner does
/// not, so <see cref="INotebookEngine"/> stays as small as the runner needs.
/// </summary>
public interface IInteractiveEngine : INotebookEngine
{
    /// <summary>
    /// Runs one cell as <see cref="INotebookEngine.SubmitAsync"/> does, and also reports each output as it is produced.
    /// </summary>
    /// <param name="kernelName">The kernel the cell targets (default "csharp").</param>
    /// <param name="code">The cell's source, including any <c>#!</c> directives.</param>
    /// <param name="onOutput">Called, in order, for each output while the cell runs (updates of earlier displays included).</param>
    /// <param name="cancellationToken">Cancels waiting for the cell.</param>
    Task<CellExecution> SubmitAsync(string kernelName, string code, Action<LiveOutput> onOutput, CancellationToken cancellationToken = default);

    /// <summary>Completions at <paramref name="position"/> (a UTF-16 index into <paramref name="code"/>).</summary>
    Task<CompletionList> CompleteAsync(string code, int position, CancellationToken cancellationToken = default);

    /// <summary>Documentation of the symbol at <paramref name="position"/> (a UTF-16 index), or null when there is none.</summary>
    Task<Inspection?> InspectAsync(string code, int position, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the running cell to stop. The cell's <see cref="INotebookEngine.SubmitAsync"/> then completes as failed; code
    /// that never yields (a tight loop) cannot be stopped inside the process, which the caller must handle.
    /// </summary>
    Task InterruptAsync();
}

/// <summary>An output reported while a cell runs.</summary>
/// <param name="Output">The output (for a display update: the new content, with the display id the engine reported).</param>
/// <param name="IsUpdate">True when this replaces an earlier display (<c>DisplayedValueUpdated</c>).</param>
public sealed record LiveOutput(CellOutput Output, bool IsUpdate);

/// <summary>Completions for a cursor position.</summary>
/// <param name="Start">UTF-16 index where the text the completions replace starts.</param>
/// <param name="End">UTF-16 index where it ends (usually the cursor).</param>
/// <param name="Matches">The texts to insert, in the engine's order.</param>
public sealed record CompletionList(int Start, int End, IReadOnlyList<string> Matches);

/// <summary>Documentation of a symbol.</summary>
/// <param name="Data">The documentation per MIME type (text/markdown, text/plain).</param>
public sealed record Inspection(IReadOnlyDictionary<string, string> Data);
