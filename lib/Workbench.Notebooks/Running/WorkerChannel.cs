using System.Diagnostics;
using System.Net.Sockets;
using Workbench.IO;

namespace Workbench.Notebooks.Running;

/// <summary>
/// The private channel between the runner and a worker: a Unix domain socket in a fresh temporary folder only this
/// user can enter (mode 0700). The runner accepts exactly one connection, made by the worker before any cell runs, and
/// then removes the socket file, so nothing a notebook starts can connect. The worker's standard output is not the
/// protocol: a cell (or a process it starts) that prints a protocol line there cannot end the notebook. Sockets are
/// close-on-exec, so processes a cell starts do not hold the channel open: the runner sees the worker's end at once,
/// whatever its children do.
/// </summary>
internal sealed class WorkerChannel : IDisposable
{
    /// <summary>The worker's command-line option naming the socket.</summary>
    public const string Option = "--channel";

    /// <summary>The start of the channel folders' names.</summary>
    public const string Prefix = "workbench-worker-";

    private readonly string _folder;
    private readonly Socket _listener;

    private WorkerChannel(string folder, Socket listener)
    {
        _folder = folder;
        _listener = listener;
    }

    /// <summary>The socket's path.</summary>
    public string Path => System.IO.Path.Combine(_folder, "s");

    /// <summary>Creates the folder and the listening socket.</summary>
    public static WorkerChannel Listen()
    {
        var folder = TempFolders.Create(Prefix);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(System.IO.Path.Combine(folder, "s")));
            listener.Listen(1);
            return new WorkerChannel(folder, listener);
        }
        catch
        {
            listener.Dispose();
            TempFolders.Delete(folder);
            throw;
        }
    }

    /// <summary>
    /// Waits for the worker's connection; null when <paramref name="worker"/> exits first or
    /// <paramref name="cancellationToken"/> fires. Closes the listener and removes the socket file either way.
    /// </summary>
    public async Task<Stream?> AcceptAsync(Process worker, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var accept = _listener.AcceptAsync(stop.Token).AsTask();
        try
        {
            while (!accept.IsCompleted)
            {
                if (worker.HasExited || cancellationToken.IsCancellationRequested) break;
                await Task.WhenAny(accept, Task.Delay(50, CancellationToken.None));
            }
            if (accept.IsCompletedSuccessfully) return new NetworkStream(accept.Result, ownsSocket: true);
            await stop.CancelAsync();
            try { (await accept).Dispose(); }
            catch (OperationCanceledException) { }
            catch (SocketException) { }
            return null;
        }
        catch (SocketException)
        {
            return null;
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>The worker's side: connects to the runner's socket.</summary>
    public static Stream Connect(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Closes the listener and removes the socket and its folder.</summary>
    public void Dispose()
    {
        _listener.Dispose();
        TempFolders.Delete(_folder);
    }
}
