using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Workbench.Notebooks.Engine;

namespace Workbench.Notebooks.Running;

/// <summary>
/// The worker side: runs one notebook's cells on a fresh engine in this process and reports over the private channel
/// the runner opened (<see cref="WorkerChannel"/>), never over standard output. Started by the runner as
/// <c>workbench worker --channel SOCKET [--package-source DIR]...</c>; not meant to be run by hand.
/// </summary>
public static class NotebookWorker
{
    /// <summary>The worker's option naming a local package source (repeatable): <c>--package-source DIR</c>.</summary>
    public const string PackageSourceOption = "--package-source";

    /// <summary>
    /// Starts the engine and, meanwhile, connects to <paramref name="channel"/> and reads the request; then runs it and
    /// returns the process exit code (0 ran, 2 bad request).
    /// </summary>
    /// <param name="channel">The runner's socket (<c>--channel</c>).</param>
    /// <param name="packageSources">Local package folders the engine adds as NuGet sources before the first cell (<c>--package-source</c>).</param>
    /// <param name="engineFactory">Creates the engine; default the in-process C# engine, its outputs shown relative to this process's folder (the notebook's).</param>
    public static async Task<int> RunAsync(string? channel, IReadOnlyList<string> packageSources, Func<INotebookEngine>? engineFactory = null)
    {
        if (string.IsNullOrEmpty(channel))
        {
            await Console.Error.WriteLineAsync($"workbench worker: {WorkerChannel.Option} SOCKET is missing; this command is started by `workbench run`.");
            return 2;
        }
        // Anything the notebook writes outside a cell goes to stderr (standard output carries nothing the runner reads).
        Console.SetOut(Console.Error);
        // Creating the kernel and warming its compiler is most of a short notebook's time and needs nothing from the
        // request, so it runs while the request is read. The runner starts this process in the notebook's folder. On a
        // bad request the process ends with the engine half started: starting runs no cell and starts no process.
        var engineOptions = new NotebookEngineOptions { PackageSources = packageSources, DisplayFolder = Environment.CurrentDirectory };
        var factory = engineFactory ?? (() => new CSharpNotebookEngine(engineOptions));
        var starting = Task.Run(async () =>
        {
            var started = factory();
            await started.StartAsync();
            await started.WarmUpAsync();
            return started;
        });
        Stream stream;
        try { stream = WorkerChannel.Connect(channel); }
        catch (System.Net.Sockets.SocketException ex)
        {
            await Console.Error.WriteLineAsync($"workbench worker: cannot connect to the runner's socket '{channel}': {ex.Message}");
            return 2;
        }
        await using var channelStream = stream;
        var protocol = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
        using var reader = new StreamReader(stream, new UTF8Encoding(false), leaveOpen: true);
        var line = await reader.ReadLineAsync();
        var request = line is null ? null : JsonSerializer.Deserialize<WorkerRequest>(line, WorkerJson.Options);
        if (request is null)
        {
            await Console.Error.WriteLineAsync("workbench worker: no request on the channel; this command is started by `workbench run`.");
            return 2;
        }
        // The run's typed channel: the library inside the notebook records claims, figures and provenance where this
        // run collects them (RunContext.Current), set before the first cell.
        Workbench.Provenance.RunContext.Current = request.Context ?? Workbench.Provenance.RunContext.None;
        await using var engine = await starting;
        Send(protocol, new WorkerMessage("ready"));
        foreach (var cell in request.Cells)
        {
            Send(protocol, new WorkerMessage("started", Index: cell.Index));
            var clock = Stopwatch.StartNew();
            CellExecution result;
            if (!engine.Hosts(cell.Kernel))
            {
                result = new CellExecution(false, [new CellOutput(CellOutputKind.Error, ErrorName: "UnsupportedKernel",
                    ErrorValue: $"{request.NotebookName}: {cell.Label} is a '{cell.Kernel}' cell, but the workbench runner hosts only C#, F#, SQL, R, Python and Mermaid " +
                                "(with #!html and #!value). Rewrite the cell in one of them or remove it.",
                    Traceback: [])]);
            }
            else
            {
                result = await engine.SubmitAsync(cell.Kernel, cell.Source);
            }
            Send(protocol, new WorkerMessage("completed", Index: cell.Index, Succeeded: result.Succeeded, Outputs: result.Outputs,
                DurationMs: clock.Elapsed.TotalMilliseconds, Packages: engine.ResolvedPackages));
            if (!result.Succeeded && !request.KeepGoing) break;
        }
        Send(protocol, new WorkerMessage("done", Packages: engine.ResolvedPackages));
        await protocol.FlushAsync();
        return 0;
    }

    private static void Send(StreamWriter protocol, WorkerMessage message)
    {
        lock (protocol) protocol.WriteLine(JsonSerializer.Serialize(message, WorkerJson.Options));
    }
}
