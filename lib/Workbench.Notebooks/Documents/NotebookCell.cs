using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Documents;

/// <summary>What a cell is.</summary>
public enum CellKind
{
    /// <summary>A code cell, run by a kernel.</summary>
    Code,
    /// <summary>A Markdown cell: kept, never run.</summary>
    Markdown,
    /// <summary>A raw cell: kept, never run.</summary>
    Raw,
}

/// <summary>One cell of a notebook.</summary>
/// <param name="Index">Zero-based position in the notebook (after any injected parameters cell).</param>
/// <param name="Id">The nbformat 4.5 cell id.</param>
/// <param name="Kind">Code, Markdown or raw.</param>
/// <param name="Kernel">For code cells: the kernel name ("csharp", "html", "fsharp", ...).</param>
/// <param name="Source">The cell's source text.</param>
/// <param name="Tags">The cell's tags (ipynb <c>metadata.tags</c>).</param>
/// <param name="Outputs">The stored nbformat outputs (empty for a .dib).</param>
/// <param name="Metadata">The cell's metadata, kept as read.</param>
public sealed record NotebookCell(
    int Index,
    string Id,
    CellKind Kind,
    string Kernel,
    string Source,
    IReadOnlyList<string> Tags,
    JsonArray Outputs,
    JsonObject Metadata)
{
    /// <summary>The execution count after a run (null when the cell did not run).</summary>
    public int? ExecutionCount { get; init; }

    /// <summary>A short label for messages: "cell 3 (id ab12cd34)", one-based.</summary>
    public string Label => $"cell {Index + 1} (id {Id})";

    /// <summary>The first line of the source, for progress displays.</summary>
    public string FirstLine
    {
        get
        {
            var line = Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
            return line.Length > 60 ? line[..57] + "..." : line;
        }
    }
}
