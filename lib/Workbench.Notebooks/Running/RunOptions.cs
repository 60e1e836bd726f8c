using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Engine;

namespace Workbench.Notebooks.Running;

/// <summary>How the runner starts a worker process: the program and the arguments before the runner's own.</summary>
/// <param name="FileName">The executable (the <c>workbench</c> apphost, or <c>dotnet</c>).</param>
/// <param name="Arguments">Leading arguments, e.g. <c>["/path/Workbench.Cli.dll", "worker"]</c>.</param>
public sealed record WorkerCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Runs the hidden <c>worker</c> command of the given Workbench.Cli.dll through the dotnet host.</summary>
    public static WorkerCommand ForCliAssembly(string cliDllPath) => new(DotnetHost(), [Path.GetFullPath(cliDllPath), "worker"]);

    /// <summary>The dotnet host running this process (or <c>dotnet</c> from PATH).</summary>
    public static string DotnetHost()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return process;
        return "dotnet";
    }
}

/// <summary>
/// Where a run's workers record what the studies report: the claims they reproduce and the figures they display. Each
/// worker of the run gets these paths (and its own provenance file) in its request, as its
/// <see cref="Workbench.Provenance.RunContext"/>; nothing is set in any process environment.
/// </summary>
/// <param name="ClaimsFile">The JSON-lines file <c>Claims.Record(...)</c> appends to, or null for none.</param>
/// <param name="FiguresFolder">
/// The run's figures folder, or null for none: each notebook saves the figures it displays (both languages) as specs in
/// a subfolder of its own (<see cref="Workbench.Export.FigureSpecStore.ReadRunFolder"/> reads them all).
/// </param>
/// <param name="TablesFolder">
/// The run's protected-tables folder, or null (default) for none: each notebook saves the protected tables it displays
/// (<see cref="Workbench.Reporting.ProtectedTableStore"/>) in a subfolder named after its file (e.g.
/// <c>01-sexual-violence-prevalence.ipynb</c>).
/// </param>
public sealed record RunChannel(string? ClaimsFile, string? FiguresFolder, string? TablesFolder = null);

/// <summary>Options of <see cref="NotebookRunner"/>.</summary>
public sealed record RunOptions
{
    /// <summary>How to start a worker. Required.</summary>
    public required WorkerCommand Worker { get; init; }

    /// <summary>Folder the executed notebooks are written to. Default <c>out/notebooks</c>.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("out", "notebooks");

    /// <summary>Write the executed notebook over the source (.ipynb only). Default false.</summary>
    public bool InPlace { get; init; }

    /// <summary>Write executed notebooks at all (verify runs with false). Default true.</summary>
    public bool WriteNotebooks { get; init; } = true;

    /// <summary>Run the remaining cells after a cell fails. Default false (stop at the first failure, as papermill).</summary>
    public bool KeepGoing { get; init; }

    /// <summary>Longest a single cell may run before its worker is killed. Default 300 s.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Longest a worker may take to start its kernel (before the first cell); a worker that takes longer is stopped
    /// and the notebook is reported as timed out. Default 180 s (a kernel starts in 1-3 s on a quiet machine; on a
    /// loaded one, many times that). Must be positive.
    /// </summary>
    public TimeSpan StartTimeout
    {
        get;
        init => field = value > TimeSpan.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(StartTimeout), value, "StartTimeout must be positive (--start-timeout takes seconds, e.g. 180).");
    } = TimeSpan.FromSeconds(180);

    /// <summary>Longest a whole notebook may run, or null for no limit. Default null.</summary>
    public TimeSpan? NotebookTimeout { get; init; }

    /// <summary>How many notebooks run at once. Default: the number of cores.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Parameter values as <c>name=value</c>. Default none.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>A JSON file of parameter values, or null. Default null.</summary>
    public string? ParametersFile { get; init; }

    /// <summary>
    /// Where the workers record claims and figures, or null for nowhere. Default null. Each worker gets it in its
    /// request and sets <see cref="Workbench.Provenance.RunContext.Current"/> from it (with a figures subfolder of its own
    /// and its own provenance file); nothing is passed through environment variables.
    /// </summary>
    public RunChannel? Channel { get; init; }

    /// <summary>
    /// Local folders each worker adds as NuGet sources before the first cell, or null (default) for the checkout's
    /// <c>artifacts/packages</c> found above each notebook (<see cref="LocalPackageFeed.Find"/>). Notebooks then load the
    /// library with one line, <c>#r "nuget: Workbench, [0.1.0]"</c>.
    /// </summary>
    public IReadOnlyList<string>? PackageSources { get; init; }

    /// <summary>
    /// Give each figure output of the executed notebooks a static SVG fallback (<c>image/svg+xml</c>) beside its plotly
    /// figure, for viewers without plotly. Default true. The SVGs are drawn by one headless Chromium for the whole run,
    /// started at the first figure; without a browser the figures keep their plotly figure only.
    /// </summary>
    public bool StaticFigureFallback { get; init; } = true;

    /// <summary>
    /// The browser the fallbacks are drawn with, when the caller shares one across steps (verify exports its charts
    /// through the same one), or null (default) for one the run starts and closes itself. The caller disposes it.
    /// </summary>
    public Workbench.Export.LazyFigureExporter? FigureBrowser { get; init; }

    /// <summary>Where the run record goes, or null for none. Default <c>out/run.json</c>.</summary>
    public string? RunRecordPath { get; init; } = Path.Combine("out", "run.json");
}

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    /// <summary>Ran without error.</summary>
    Passed,
    /// <summary>Failed to compile, threw, or targeted a kernel that is not hosted.</summary>
    Failed,
    /// <summary>Ran longer than the cell or notebook timeout; its worker was killed.</summary>
    TimedOut,
    /// <summary>Its worker process died (Environment.Exit, stack overflow, ...).</summary>
    Crashed,
    /// <summary>Not run because an earlier cell failed.</summary>
    NotRun,
}

/// <summary>The outcome of one code cell.</summary>
/// <param name="Index">Zero-based position in the executed notebook.</param>
/// <param name="Id">The cell id.</param>
/// <param name="Label">"cell N (id ...)", for messages.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Duration">How long it ran (zero when not run).</param>
/// <param name="Error">The error summary (ename: evalue) when it did not pass.</param>
public sealed record CellResult(int Index, string Id, string Label, CellStatus Status, TimeSpan Duration, string? Error);

/// <summary>A data file a notebook read, as the library's loaders recorded it.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its content.</param>
public sealed record DataFileRead(string Path, string Sha256);

/// <summary>The outcome of one notebook.</summary>
/// <param name="Document">The notebook as read.</param>
/// <param name="Succeeded">True when every code cell that ran passed.</param>
/// <param name="Cells">The executed cells (with the injected parameters cell, fresh outputs and execution counts).</param>
/// <param name="CellResults">One per code cell.</param>
/// <param name="OutputPath">The executed notebook written (the good output, or the <c>.failed.ipynb</c> copy), or null.</param>
/// <param name="Failure">A one-line summary naming the notebook and the cell, when it failed.</param>
/// <param name="Parameters">The injected parameter values (name to C# literal).</param>
/// <param name="Packages">Packages resolved by <c>#r "nuget: ..."</c>.</param>
/// <param name="DataFiles">Data files the notebook read.</param>
/// <param name="Started">When the run started (UTC).</param>
/// <param name="Duration">Wall time including the worker's start.</param>
public sealed record NotebookRunResult(
    NotebookDocument Document,
    bool Succeeded,
    IReadOnlyList<NotebookCell> Cells,
    IReadOnlyList<CellResult> CellResults,
    string? OutputPath,
    string? Failure,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<ResolvedPackage> Packages,
    IReadOnlyList<DataFileRead> DataFiles,
    DateTimeOffset Started,
    TimeSpan Duration);

/// <summary>What the runner reports while it works, for progress displays.</summary>
/// <param name="Notebook">The notebook's display name.</param>
/// <param name="Kind">"queued", "started", "cell-started", "cell-completed", "completed".</param>
/// <param name="CellNumber">One-based code cell number, when about a cell.</param>
/// <param name="CellCount">Number of code cells to run.</param>
/// <param name="Detail">The cell's first line, or the outcome.</param>
/// <param name="Status">The cell status, for "cell-completed".</param>
public sealed record RunProgress(string Notebook, string Kind, int CellNumber, int CellCount, string Detail, CellStatus? Status = null);
