namespace Workbench.Notebooks.Engine;

/// <summary>
/// A kernel that runs notebook cells one after another in one process. The runner talks only to this interface, so
/// another kernel can replace the in-process C# kernel without touching the runner, the file handling or verify.
/// </summary>
public interface INotebookEngine : IAsyncDisposable
{
    /// <summary>Creates the kernel. Call once, before <see cref="SubmitAsync"/>.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Pays the kernel's own start-up (for the C# kernel: the compiler's first compilation) before the first cell, so
    /// that cell's time and timeout measure the notebook's work. Call after <see cref="StartAsync"/>; runs at most one
    /// submission, which declares nothing the notebook could see. The default does nothing.
    /// </summary>
    Task WarmUpAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>True when this engine runs cells for <paramref name="kernelName"/> (a name or alias, e.g. "csharp", "c#", "html").</summary>
    bool Hosts(string kernelName);

    /// <summary>Runs one cell's code on the named kernel and returns its outputs in display order.</summary>
    /// <param name="kernelName">The kernel the cell targets (default "csharp").</param>
    /// <param name="code">The cell's source, including any <c>#!</c> directives.</param>
    /// <param name="cancellationToken">Cancels waiting; a runaway cell is stopped by killing the worker process.</param>
    Task<CellExecution> SubmitAsync(string kernelName, string code, CancellationToken cancellationToken = default);

    /// <summary>The NuGet packages resolved by <c>#r "nuget: ..."</c> so far.</summary>
    IReadOnlyList<ResolvedPackage> ResolvedPackages { get; }
}

/// <summary>A package resolved by a <c>#r "nuget: ..."</c> directive.</summary>
/// <param name="Name">The package id.</param>
/// <param name="Version">The resolved version.</param>
public sealed record ResolvedPackage(string Name, string Version);

/// <summary>The kind of a cell output, as nbformat names them.</summary>
public enum CellOutputKind
{
    /// <summary>The value of the cell's last expression (nbformat <c>execute_result</c>).</summary>
    ExecuteResult,
    /// <summary>A value displayed during the cell (nbformat <c>display_data</c>).</summary>
    DisplayData,
    /// <summary>Text written to standard output or standard error (nbformat <c>stream</c>).</summary>
    Stream,
    /// <summary>The error that failed the cell (nbformat <c>error</c>).</summary>
    Error,
}

/// <summary>One output of a cell.</summary>
/// <param name="Kind">What kind of output this is.</param>
/// <param name="Data">For results and displays: the formatted value per MIME type (text/plain, text/html, ...).</param>
/// <param name="StreamName">For streams: "stdout" or "stderr".</param>
/// <param name="Text">For streams: the text written.</param>
/// <param name="ErrorName">For errors: the exception type name, or "CompilationError".</param>
/// <param name="ErrorValue">For errors: the message.</param>
/// <param name="Traceback">For errors: the diagnostics or stack trace lines.</param>
/// <param name="DisplayId">For displays: the id that later updates refer to.</param>
public sealed record CellOutput(
    CellOutputKind Kind,
    IReadOnlyDictionary<string, string>? Data = null,
    string? StreamName = null,
    string? Text = null,
    string? ErrorName = null,
    string? ErrorValue = null,
    IReadOnlyList<string>? Traceback = null,
    string? DisplayId = null);

/// <summary>The result of running one cell.</summary>
/// <param name="Succeeded">False when the cell failed to compile, threw, or targeted a kernel that is not hosted.</param>
/// <param name="Outputs">The outputs in display order; a failed cell ends with its <see cref="CellOutputKind.Error"/> output.</param>
public sealed record CellExecution(bool Succeeded, IReadOnlyList<CellOutput> Outputs);
