namespace Workbench.Notebooks.Engine;

/// <summary>Options of <see cref="CSharpNotebookEngine"/>; change with <c>with</c>.</summary>
public sealed record NotebookEngineOptions
{
    /// <summary>The default of <see cref="MaxStreamChars"/>: 16 Mi characters (16,777,216).</summary>
    public const long DefaultMaxStreamChars = 16L * 1024 * 1024;

    /// <summary>
    /// The most characters of standard output and standard error (together) one cell keeps; default
    /// <see cref="DefaultMaxStreamChars"/>. Text beyond it is dropped and a note saying so ends the cell's stream output,
    /// in <c>workbench run</c> as in the Jupyter kernel.
    /// </summary>
    public long MaxStreamChars
    {
        get;
        init => field = value >= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(MaxStreamChars), value,
            "MaxStreamChars must be at least 1024 characters, e.g. 16777216 (16 Mi); write larger results to a file instead of the console.");
    } = DefaultMaxStreamChars;
}
