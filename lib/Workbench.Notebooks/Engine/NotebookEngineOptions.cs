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

    /// <summary>
    /// Local folders added as NuGet sources before the first cell, so <c>#r "nuget: Workbench, [0.1.0]"</c> needs no
    /// <c>#i</c> line; default none. Outputs show each as the path relative to <see cref="DisplayFolder"/>, never as
    /// an absolute path (the "Restore sources" display included).
    /// </summary>
    public IReadOnlyList<string> PackageSources
    {
        get;
        init => field = value?.Select(Path.GetFullPath).ToList()
            ?? throw new ArgumentNullException(nameof(PackageSources), "PackageSources cannot be null; give an empty list for none.");
    } = [];

    /// <summary>
    /// The folder <see cref="PackageSources"/> are shown relative to in outputs (the notebook's folder); default the
    /// working folder of the process.
    /// </summary>
    public string? DisplayFolder { get; init; }
}
