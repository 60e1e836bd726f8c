using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Engine;
using Workbench.Processes;
using Workbench.Provenance;

namespace Workbench.Notebooks.Running;

/// <summary>
/// One worker process running one notebook. The parent keeps the clocks: a cell that runs past the cell timeout or
/// the notebook deadline gets its worker killed, and a worker that dies (Environment.Exit, stack overflow) is noticed
/// by the end of its output; either way the cell it was running is recorded as failed with an error output.
/// </summary>
internal sealed class WorkerSession : IDisposable
{
    private const int StderrKeep = 4000;
    private readonly RunOptions _options;
    private readonly NotebookRunner.Prepared _prepared;
    private readonly IReadOnlyList<NotebookCell> _codeCells;
    private readonly string _provenanceFile;
    private readonly Action<RunProgress>? _progress;
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private int _stderrLines;

    public WorkerSession(RunOptions options, NotebookRunner.Prepared prepared, IReadOnlyList<NotebookCell> codeCells, string provenanceFile, Action<RunProgress>? progress)
    {
        _options = options;
        _prepared = prepared;
        _codeCells = codeCells;
        _provenanceFile = provenanceFile;
        _progress = progress;
    }

    public sealed record Done(CellStatus Status, IReadOnlyList<CellOutput> Outputs, TimeSpan Duration);

    public Dictionary<int, Done> Completed { get; } = [];

    public IReadOnlyList<ResolvedPackage> Packages { get; private set; } = [];

    /// <summary>A failure not tied to a cell (the worker could not start), or null.</summary>
    public string? Failure { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.StartNew();
        using var channel = WorkerChannel.Listen();
        var info = new ProcessStartInfo(_options.Worker.FileName)
        {
            WorkingDirectory = Path.GetDirectoryName(_prepared.Document.Path)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in _options.Worker.Arguments) info.ArgumentList.Add(a);
        info.ArgumentList.Add(WorkerChannel.Option);
        info.ArgumentList.Add(channel.Path);
        foreach (var source in PackageSources())
        {
            info.ArgumentList.Add(NotebookWorker.PackageSourceOption);
            info.ArgumentList.Add(source);
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // A worker lives for one notebook: profile-guided re-JIT costs more CPU than it returns in that time
        // (about 15% less CPU for a 10-cell notebook). A value set by the user wins.
        if (Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is null) info.Environment["DOTNET_TieredPGO"] = "0";
        try
        {
            _process = ChildProcess.Start(info);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Failure = $"could not start the worker '{_options.Worker.FileName}': {ex.Message}";
            return;
        }
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr)
            {
                _stderrLines++;
                if (_stderrLines <= 3 && _stderr.Length < StderrKeep) _stderr.Append(e.Data.Trim()).Append('\n');
            }
        };
        // Standard output is not the protocol: whatever a cell or its children write there is drained and dropped.
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        _process.StandardInput.Close();

        Stream? stream;
        using (var accept = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            accept.CancelAfter(_options.StartTimeout);
            stream = await channel.AcceptAsync(_process, accept.Token);
        }
        if (stream is null)
        {
            if (cancellationToken.IsCancellationRequested) { Kill(); cancellationToken.ThrowIfCancellationRequested(); }
            if (_process.HasExited) await Ended(null, start);
            else
            {
                Kill();
                Failure = StartTimedOut("did not open its channel");
            }
            return;
        }
        await using var channelStream = stream;
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        // The run's channel reaches this worker only, in its request: never through an environment variable.
        var request = new WorkerRequest(_prepared.Document.Path, _prepared.DisplayName,
            _codeCells.Select(c => new WorkerCell(c.Index, c.Label, c.Kernel, c.Source)).ToList(), _options.KeepGoing, Context());
        try
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(request, WorkerJson.Options));
            await writer.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            await Ended(null, start);
            return;
        }

        var notebookDeadline = _options.NotebookTimeout is { } t ? start.Elapsed + t : TimeSpan.MaxValue;
        int? running = null;
        var cellClock = Stopwatch.StartNew();
        var cellNumber = 0;
        var ready = false;
        while (true)
        {
            // Every wait for the worker is bounded by the cell timeout (the kernel's start counts against the first
            // cell) and by the notebook deadline.
            var now = start.Elapsed;
            var budget = ready ? _options.CellTimeout : _options.StartTimeout;
            var until = Min(notebookDeadline, now + (budget - cellClock.Elapsed));
            string? line;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (until != TimeSpan.MaxValue) timeout.CancelAfter(Max(until - now, TimeSpan.FromMilliseconds(1)));
            try
            {
                line = await reader.ReadLineAsync(timeout.Token);
            }
            catch (IOException)
            {
                line = null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Kill();
                var byNotebook = start.Elapsed >= notebookDeadline;
                var limit = byNotebook ? _options.NotebookTimeout!.Value : ready ? _options.CellTimeout : _options.StartTimeout;
                var message = running is null && !byNotebook
                    ? StartTimedOut("did not start its kernel")
                    : running is null
                    ? $"the worker timed out: it did not start its kernel within the notebook timeout (--timeout) of {Seconds(limit)}; its worker was stopped."
                    : $"{CellLabel(running.Value)} ran longer than the {(byNotebook ? "notebook timeout (--timeout)" : "cell timeout (--cell-timeout)")} of {Seconds(limit)}; its worker was stopped.";
                if (running is { } r) Completed[r] = new Done(CellStatus.TimedOut, [Error("TimeoutError", message)], cellClock.Elapsed);
                else Failure = message;
                Report(running, CellStatus.TimedOut);
                return;
            }
            if (line is null) break;
            WorkerMessage? message1;
            try { message1 = JsonSerializer.Deserialize<WorkerMessage>(line, WorkerJson.Options); }
            catch (JsonException) { continue; }
            if (message1 is null) continue;
            switch (message1.Event)
            {
                case "ready":
                    ready = true;
                    cellClock.Restart();
                    break;
                case "started" when running is null && message1.Index is { } next && _codeCells.Any(c => c.Index == next) && !Completed.ContainsKey(next):
                    running = next;
                    cellNumber++;
                    cellClock.Restart();
                    _progress?.Invoke(new RunProgress(_prepared.DisplayName, "cell-started", cellNumber, _codeCells.Count,
                        _codeCells.FirstOrDefault(c => c.Index == running)?.FirstLine ?? ""));
                    break;
                case "completed" when message1.Index is { } index && index == running:
                    var status = message1.Succeeded == true ? CellStatus.Passed : CellStatus.Failed;
                    Completed[index] = new Done(status, message1.Outputs ?? [], TimeSpan.FromMilliseconds(message1.DurationMs ?? 0));
                    Packages = message1.Packages ?? Packages;
                    Report(index, status);
                    running = null;
                    cellClock.Restart();
                    break;
                case "done" when running is null:
                    Packages = message1.Packages ?? Packages;
                    await WaitForExit(TimeSpan.FromSeconds(5));
                    return;
            }
        }
        await Ended(running, start, cellClock.Elapsed);
    }

    /// <summary>
    /// This notebook's part of the run's channel: the shared claims file, a figures folder of its own (named after the
    /// notebook, so two notebooks that display the same figure, such as the .ipynb and .dib copies of a study, never
    /// write the same file) and its own provenance file.
    /// </summary>
    private RunContext Context()
    {
        var figures = _options.Channel?.FiguresFolder is { } folder
            ? Path.Combine(Path.GetFullPath(folder), Workbench.Export.SafeFileName.From(_prepared.DisplayName))
            : null;
        if (figures is not null) Directory.CreateDirectory(figures);
        // Tables by the notebook's file name: the verifier finds a study's tables from the notebook it verified.
        var tables = _options.Channel?.TablesFolder is { } t
            ? Path.Combine(Path.GetFullPath(t), Workbench.Export.SafeFileName.From(Path.GetFileName(_prepared.Document.Path)))
            : null;
        return new RunContext(_options.Channel?.ClaimsFile is { } claims ? Path.GetFullPath(claims) : null, figures, _provenanceFile, tables);
    }

    /// <summary>The package sources of the options, else the checkout's <c>artifacts/packages</c> above the notebook (if any).</summary>
    private IReadOnlyList<string> PackageSources() =>
        _options.PackageSources
        ?? (LocalPackageFeed.Find(Path.GetDirectoryName(_prepared.Document.Path)!) is { } feed ? [feed] : []);

    /// <summary>The channel ended without "done" (or never opened): the worker died. Names the cell it was running.</summary>
    private async Task Ended(int? running, Stopwatch start, TimeSpan? cellElapsed = null)
    {
        await WaitForExit(TimeSpan.FromSeconds(10));
        var code = _process!.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
        string tail;
        lock (_stderr)
        {
            tail = _stderr.ToString().Trim().Replace("\n", " | ", StringComparison.Ordinal);
            if (_stderrLines > 3) tail += $" | ... ({_stderrLines - 3} more lines)";
        }
        var what = running is { } crashed ? $"while running {CellLabel(crashed)}" : "before it finished";
        var text = $"the worker process exited with code {code} {what} (Environment.Exit, a stack overflow or a crash)." +
                   (tail.Length > 0 ? $" Its last error output: {tail}" : "");
        if (running is { } c) { Completed[c] = new Done(CellStatus.Crashed, [Error("WorkerCrashed", text)], cellElapsed ?? start.Elapsed); Report(c, CellStatus.Crashed); }
        else Failure = text;
    }

    /// <summary>A worker that did not start in time: a timeout of the machine, not a fault of the notebook.</summary>
    private string StartTimedOut(string what) =>
        $"timed out: the worker {what} within the start timeout (--start-timeout) of {Seconds(_options.StartTimeout)}, before any cell ran; " +
        "its worker was stopped. This is not a fault of the notebook: on a loaded machine, raise --start-timeout or lower -j.";

    private string CellLabel(int index) => _codeCells.FirstOrDefault(c => c.Index == index)?.Label ?? $"cell {index + 1}";

    private void Report(int? index, CellStatus status)
    {
        if (index is null) return;
        var number = _codeCells.ToList().FindIndex(c => c.Index == index) + 1;
        _progress?.Invoke(new RunProgress(_prepared.DisplayName, "cell-completed", number, _codeCells.Count,
            _codeCells.FirstOrDefault(c => c.Index == index)?.FirstLine ?? "", status));
    }

    private static CellOutput Error(string name, string message) =>
        new(CellOutputKind.Error, ErrorName: name, ErrorValue: message, Traceback: [$"{name}: {message}"]);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// Waits up to <paramref name="grace"/> for the worker to exit, then kills its process group: whatever its cells
    /// started ends with it. Polls the exit rather than awaiting <see cref="Process.WaitForExitAsync"/>, which also waits
    /// for the end of the redirected output, which a cell's child may hold open.
    /// </summary>
    private async Task WaitForExit(TimeSpan grace)
    {
        if (_process is null) return;
        var clock = Stopwatch.StartNew();
        while (!_process.HasExited && clock.Elapsed < grace) await Task.Delay(20);
        Kill();
    }

    private void Kill()
    {
        if (_process is null) return;
        ChildProcess.KillGroup(_process);
        try { _process.WaitForExit(5000); }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }
}
