using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Workbench.Notebooks.Engine;

namespace Workbench.Notebooks.Running;

/// <summary>
/// The worker side: runs one notebook's cells on a fresh engine in this process and reports over the private channel
/// the runner opened (<see cref="WorkerChannel"/>), never over standard output. Started by the runner as
/// <c>workbench worker --channel SOCKET</c>; not meant to be run by hand.
/// </summary>
public static class NotebookWorker
{
    /// <summary>Connects to <paramref name="channel"/>, reads the request, runs it and returns the process exit code (0 ran, 2 bad request).</summary>
    public static async Task<int> RunAsync(string? channel, Func<INotebookEngine>? engineFactory = null)
    {
        if (string.IsNullOrEmpty(channel))
        {
            await Console.Error.WriteLineAsync($"workbench worker: {WorkerChannel.Option} SOCKET is missing; this command is started by `workbench run`.");
            return 2;
        }
        Stream stream;
        try { stream = WorkerChannel.Connect(channel); }
        catch (System.Net.Sockets.SocketException ex)
        {
            await Console.Error.WriteLineAsync($"workbench worker: cannot connect to the runner's socket '{channel}': {ex.Message}");
            return 2;
        }
        await using var channelStream = stream;
        // Anything the notebook writes outside a cell goes to stderr (standard output carries nothing the runner reads).
        Console.SetOut(Console.Error);
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
        var engineOptions = new NotebookEngineOptions
        {
            PackageSources = request.PackageSources ?? [],
            DisplayFolder = Path.GetDirectoryName(Path.GetFullPath(request.NotebookPath)),
        };
        await using var engine = (engineFactory ?? (() => new CSharpNotebookEngine(engineOptions)))();
        await engine.StartAsync();
        // Compile one empty submission first, so the compiler's warm-up (seconds on a busy machine) is part of starting
        // the kernel rather than of the first cell, whose timeout should measure the notebook's own work.
        await engine.SubmitAsync("csharp", "// warm-up");
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
