using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.IO;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Engine;
using Workbench.Notebooks.Parameters;
using Workbench.Provenance;

namespace Workbench.Notebooks.Running;

/// <summary>
/// Runs notebooks, each in its own worker process on a fresh kernel (papermill semantics): stops at the first failing
/// cell unless told to keep going, kills a worker that exceeds the cell or notebook timeout, writes the executed
/// notebook atomically (a failed run writes <c>name.failed.ipynb</c> and leaves the previous good output in place).
/// Workers run in process groups of their own that end with the run (<see cref="Workbench.Processes.ChildProcess"/>);
/// the source notebook is byte-identical after every run, and a run that changed files under the notebook's folder
/// fails and names them.
/// </summary>
public sealed class NotebookRunner
{
    private const string ProvenancePrefix = "workbench-provenance-";
    private readonly RunOptions _options;
    private readonly Action<RunProgress>? _progress;

    /// <summary>Creates a runner.</summary>
    /// <param name="options">What to run and where to write.</param>
    /// <param name="progress">Called (from several threads) as notebooks and cells start and finish; may be null.</param>
    public NotebookRunner(RunOptions options, Action<RunProgress>? progress = null)
    {
        if (options.Parallelism < 1) throw new ArgumentException($"Parallelism must be at least 1 (got {options.Parallelism}).", nameof(options));
        if (options.CellTimeout <= TimeSpan.Zero) throw new ArgumentException("The cell timeout must be positive.", nameof(options));
        _options = options;
        _progress = progress;
    }

    /// <summary>A notebook read and parameterised, ready to run.</summary>
    /// <param name="Document">The notebook as read.</param>
    /// <param name="Cells">Its cells with the injected parameters cell, if any.</param>
    /// <param name="Parameters">Injected values (name to C# literal).</param>
    /// <param name="DisplayName">The name used in messages and output paths (relative to the common folder).</param>
    public sealed record Prepared(NotebookDocument Document, IReadOnlyList<NotebookCell> Cells, IReadOnlyDictionary<string, string> Parameters, string DisplayName)
    {
        /// <summary>
        /// The executed copy's path below the output folder: the display name as .ipynb, or, for a .dib whose study is also
        /// run as an .ipynb (study 05), <c>NAME.dib.ipynb</c>, so the two never write the same file.
        /// </summary>
        public string OutputName { get; init; } = Path.ChangeExtension(DisplayName, ".ipynb");
    }

    /// <summary>Reads every notebook and applies the parameters; throws <see cref="DataValidationException"/> on bad input before anything runs.</summary>
    public IReadOnlyList<Prepared> Prepare(IReadOnlyList<string> paths)
    {
        var full = paths.Select(Path.GetFullPath).ToList();
        var root = CommonFolder(full);
        var errors = new List<DataError>();
        var prepared = new List<Prepared>();
        foreach (var path in full)
        {
            try
            {
                var document = NotebookDocument.Load(path);
                if (_options.InPlace && document.Format != NotebookFormat.Ipynb)
                    throw new DataValidationException([new DataError(path, 0, 0, "--in-place needs an .ipynb: a .dib cannot store outputs. Run without --in-place to write an .ipynb to --out.")]);
                var literals = ParameterCell.Resolve(document, _options.Parameters, _options.ParametersFile);
                var cells = document.Cells.ToList();
                if (literals.Count > 0)
                {
                    var at = cells.IndexOf(ParameterCell.Find(document)!) + 1;
                    var ids = cells.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
                    var source = ParameterCell.InjectedSource(ParameterCell.Declared(document), literals);
                    cells.Insert(at, new NotebookCell(at, NotebookDocument.NewId(1000 + at, ids), CellKind.Code, "csharp", source,
                        [ParameterCell.InjectedTag], [], new JsonObject()));
                    cells = cells.Select((c, i) => c with { Index = i }).ToList();
                }
                prepared.Add(new Prepared(document, cells, literals, Path.GetRelativePath(root, path)));
            }
            catch (DataValidationException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        var taken = prepared.Where(p => p.Document.Format != NotebookFormat.Dib).Select(p => p.OutputName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return prepared.Select(p => p.Document.Format == NotebookFormat.Dib && taken.Contains(p.OutputName)
            ? p with { OutputName = p.DisplayName + ".ipynb" }
            : p).ToList();
    }

    /// <summary>Runs the notebooks, at most <see cref="RunOptions.Parallelism"/> at once, and writes the run record.</summary>
    public async Task<IReadOnlyList<NotebookRunResult>> RunAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        var prepared = Prepare(paths);
        // Temporary files and sockets of runs that were killed.
        TempFolders.RemoveAbandoned(ProvenancePrefix);
        TempFolders.RemoveAbandoned(WorkerChannel.Prefix);
        var environment = Task.Run(() => Workbench.Notebooks.Provenance.RunEnvironment.Capture(prepared.Select(p => p.Document.Path).ToList()), cancellationToken);
        foreach (var p in prepared)
            _progress?.Invoke(new RunProgress(p.DisplayName, "queued", 0, p.Cells.Count(c => c.Kind == CellKind.Code), ""));
        using var gate = new SemaphoreSlim(_options.Parallelism);
        await using var fallback = new StaticFigureFallback(_options.FigureBrowser);
        var tasks = prepared.Select(async p =>
        {
            await gate.WaitAsync(cancellationToken);
            // The slot is given back when the worker has ended: the next notebook's worker starts while this one's
            // figures get their static fallback and its executed copy is written.
            var held = 1;
            void Release() { if (Interlocked.Exchange(ref held, 0) == 1) gate.Release(); }
            try { return await RunOneAsync(p, fallback, Release, cancellationToken); }
            finally { Release(); }
        }).ToList();
        var results = await Task.WhenAll(tasks);
        if (_options.RunRecordPath is not null)
            Workbench.Notebooks.Provenance.RunRecord.Write(_options.RunRecordPath, await environment, results);
        return results;
    }

    /// <summary>Runs one prepared notebook in a fresh worker and writes its executed copy.</summary>
    public async Task<NotebookRunResult> RunOneAsync(Prepared prepared, CancellationToken cancellationToken = default)
    {
        await using var fallback = new StaticFigureFallback(_options.FigureBrowser);
        return await RunOneAsync(prepared, fallback, null, cancellationToken);
    }

    private async Task<NotebookRunResult> RunOneAsync(Prepared prepared, StaticFigureFallback fallback, Action? workerEnded, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var codeCells = prepared.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        _progress?.Invoke(new RunProgress(prepared.DisplayName, "started", 0, codeCells.Count, ""));
        var provenanceFile = Path.Combine(Path.GetTempPath(), TempFolders.Name(ProvenancePrefix) + ".jsonl");
        var session = new WorkerSession(_options, prepared, codeCells, provenanceFile, _progress);
        var guard = SourceGuard.Capture(prepared.Document.Path, [_options.OutputDirectory]);
        IReadOnlyList<string> changed;
        try
        {
            await session.RunAsync(cancellationToken);
        }
        finally
        {
            session.Dispose();
            changed = guard.Check();
            workerEnded?.Invoke();
        }
        var dataFiles = ProvenanceLog.ReadFile(provenanceFile)
            .Where(e => e.Kind == "data-file")
            .Select(e => new DataFileRead(e.Subject, e.Detail))
            .Distinct()
            .ToList();
        try { File.Delete(provenanceFile); } catch (IOException) { }

        var executionCount = 0;
        var cells = new List<NotebookCell>();
        var cellResults = new List<CellResult>();
        foreach (var cell in prepared.Cells)
        {
            if (cell.Kind != CellKind.Code) { cells.Add(cell); continue; }
            if (session.Completed.TryGetValue(cell.Index, out var done))
            {
                executionCount++;
                cells.Add(cell with { Outputs = NotebookWriter.ToNbformat(done.Outputs, executionCount), ExecutionCount = executionCount });
                cellResults.Add(new CellResult(cell.Index, cell.Id, cell.Label, done.Status, done.Duration, ErrorSummary(done.Outputs)));
            }
            else
            {
                cells.Add(cell with { Outputs = [], ExecutionCount = null });
                cellResults.Add(new CellResult(cell.Index, cell.Id, cell.Label, CellStatus.NotRun, TimeSpan.Zero, null));
            }
        }
        if (_options.StaticFigureFallback) await fallback.AddAsync(cells);
        var failedCell = cellResults.FirstOrDefault(c => c.Status is not (CellStatus.Passed or CellStatus.NotRun));
        // A cell that never ran is never counted passed: a run succeeds only when every code cell ran and passed.
        var notRun = cellResults.FirstOrDefault(c => c.Status == CellStatus.NotRun);
        var sourceChange = changed.Count == 0 ? null
            : $"the run changed files under {Path.GetDirectoryName(prepared.Document.Path)} that it did not create: {string.Join(", ", changed)}. " +
              "A notebook must not write to its own folder: write results under an output folder (out/) or a temporary folder.";
        var succeeded = failedCell is null && notRun is null && session.Failure is null && sourceChange is null;
        var failure = succeeded ? null
            : failedCell is not null ? $"{prepared.DisplayName}: {failedCell.Label} {Describe(failedCell.Status)}: {failedCell.Error}"
            : session.Failure is not null ? $"{prepared.DisplayName}: {session.Failure}"
            : sourceChange is not null ? $"{prepared.DisplayName}: {sourceChange}"
            : $"{prepared.DisplayName}: {notRun!.Label} never ran: the worker reported the notebook done before running it.";
        if (sourceChange is not null && (failedCell is not null || session.Failure is not null)) failure += " Also: " + sourceChange;
        clock.Stop();
        var result = new NotebookRunResult(prepared.Document, succeeded, cells, cellResults, null, failure, prepared.Parameters,
            session.Packages, dataFiles, started, clock.Elapsed);
        var output = _options.WriteNotebooks ? Write(prepared, result) : null;
        result = result with { OutputPath = output };
        _progress?.Invoke(new RunProgress(prepared.DisplayName, "completed", 0, codeCells.Count, succeeded ? "passed" : failure ?? "failed"));
        return result;
    }

    private string Write(Prepared prepared, NotebookRunResult result)
    {
        var name = prepared.OutputName;
        var good = _options.InPlace ? prepared.Document.Path : Path.GetFullPath(Path.Combine(_options.OutputDirectory, name));
        var failed = Path.GetFullPath(Path.Combine(_options.OutputDirectory, Path.ChangeExtension(name, ".failed.ipynb")));
        var workbench = Workbench.Notebooks.Provenance.RunRecord.NotebookSummary(result);
        if (!_options.InPlace)
        {
            // the executed copy is the researcher's working copy; the leak audit skips it
            workbench["published"] = false;
            workbench["publication"] = "Not published: this executed notebook is a working copy with unprotected working outputs; " +
                "only the report and the exported charts are published, after the leak audit.";
        }
        var summary = new Dictionary<string, JsonNode?> { ["workbench"] = workbench };
        var json = NotebookWriter.ToJson(prepared.Document, result.Cells, summary);
        if (result.Succeeded)
        {
            AtomicFile.WriteAllText(good, json);
            if (File.Exists(failed)) File.Delete(failed);
            return good;
        }
        AtomicFile.WriteAllText(failed, json);
        return failed;
    }

    private static string Describe(CellStatus status) => status switch
    {
        CellStatus.TimedOut => "timed out",
        CellStatus.Crashed => "crashed its worker",
        _ => "failed",
    };

    private static string? ErrorSummary(IReadOnlyList<CellOutput> outputs) =>
        outputs.LastOrDefault(o => o.Kind == CellOutputKind.Error) is { } e ? $"{e.ErrorName}: {FirstLine(e.ErrorValue)}" : null;

    private static string FirstLine(string? text)
    {
        var line = (text ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        return line.Length > 300 ? line[..297] + "..." : line;
    }

    private static string CommonFolder(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) return Directory.GetCurrentDirectory();
        var folders = paths.Select(p => Path.GetDirectoryName(p)!).ToList();
        var common = folders[0];
        while (!folders.All(f => f == common || f.StartsWith(common.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            common = Path.GetDirectoryName(common) ?? common;
        return common;
    }
}
