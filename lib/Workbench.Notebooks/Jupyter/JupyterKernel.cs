using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using Workbench.Notebooks.Engine;

namespace Workbench.Notebooks.Jupyter;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) around an <see cref="IInteractiveEngine"/>: the same in-process C# engine
/// <c>workbench run</c> uses, so a study shows the same outputs in JupyterLab or VS Code as in <c>workbench verify</c>.
/// Binds shell, IOPub, stdin, control and heartbeat sockets on the connection file's IP only; every incoming message
/// must carry a valid HMAC-SHA256 signature, otherwise it is logged and dropped.
/// </summary>
/// <remarks>
/// Threads: heartbeat echoes on its own thread; control (interrupt, shutdown) has its own thread, so it is served
/// while a cell runs; shell requests are handled one at a time on the shell thread. IOPub is shared under a lock.
/// </remarks>
public sealed partial class JupyterKernel : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly ConnectionInfo _connection;
    private readonly Func<IInteractiveEngine> _engineFactory;
    private readonly TextWriter _log;
    private readonly MessageSigner _signer;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly Lock _iopubGate = new();
    private readonly Lock _engineGate = new();
    private readonly ReplayGuard _replays = new(4096);
    private readonly CancellationTokenSource _stopping = new();
    private PublisherSocket? _iopub;
    private Task<IInteractiveEngine> _engine = Task.FromException<IInteractiveEngine>(new InvalidOperationException("not started"));

    /// <summary>Creates a kernel; nothing is bound until <see cref="RunAsync"/>.</summary>
    /// <param name="connection">The connection file read by <see cref="ConnectionInfo.Load"/>.</param>
    /// <param name="engineFactory">Creates a fresh engine (at start and at each restart).</param>
    /// <param name="log">Where the kernel logs (standard error in <c>workbench kernel</c>).</param>
    public JupyterKernel(ConnectionInfo connection, Func<IInteractiveEngine> engineFactory, TextWriter log)
    {
        _connection = connection;
        _engineFactory = engineFactory;
        _log = log;
        _signer = new MessageSigner(connection.KeyBytes);
    }

    /// <summary>How long an interrupted cell may take to stop before its engine is abandoned and replaced (default 5 s).</summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Binds the sockets, starts the engine and serves requests until a shutdown_request (or cancellation).</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var link = cancellationToken.Register(() => _stopping.Cancel());
        using var shell = new RouterSocket();
        using var control = new RouterSocket();
        using var stdin = new RouterSocket();
        using var heartbeat = new ResponseSocket();
        using var iopub = new PublisherSocket();
        foreach (var (socket, port) in new (NetMQSocket, int)[]
                 {
                     (shell, _connection.ShellPort), (control, _connection.ControlPort), (stdin, _connection.StdinPort),
                     (heartbeat, _connection.HeartbeatPort), (iopub, _connection.IOPubPort),
                 })
        {
            socket.Options.Linger = TimeSpan.Zero;
            socket.Bind(_connection.Address(port));
        }
        _iopub = iopub;
        StartEngine();
        Publish("status", new JsonObject { ["execution_state"] = "starting" }, parent: null);
        var threads = new[]
        {
            Loop("heartbeat", () => Echo(heartbeat)),
            Loop("control", () => Serve(control, "control")),
            Loop("shell", () => Serve(shell, "shell")),
        };
        await Task.WhenAll(threads);
        lock (_iopubGate) _iopub = null;
        await DisposeEngineAsync(_engine);
    }

    /// <summary>Stops serving (as a shutdown_request without restart does).</summary>
    public void Stop() => _stopping.Cancel();

    private Task Loop(string name, Action body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                while (!_stopping.IsCancellationRequested) body();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log($"{name} loop failed: {ex}");
                _stopping.Cancel();
            }
            finally
            {
                done.TrySetResult();
            }
        })
        { IsBackground = true, Name = "jupyter-" + name };
        thread.Start();
        return done.Task;
    }

    private static void Echo(ResponseSocket heartbeat)
    {
        var frames = new List<byte[]>();
        if (heartbeat.TryReceiveMultipartBytes(Poll, ref frames)) heartbeat.SendMultipartBytes(frames);
    }

    private void Serve(RouterSocket socket, string channel)
    {
        var frames = new List<byte[]>();
        if (!socket.TryReceiveMultipartBytes(Poll, ref frames)) return;
        var message = JupyterMessage.TryParse(frames, _signer, out var error);
        if (message is not null && !_replays.Add(message.Signature))
        {
            message = null;
            error = "replayed signature";
        }
        if (message is null)
        {
            Log($"rejected a message on {channel}: {error}; it was not acted on.");
            return;
        }
        Publish("status", new JsonObject { ["execution_state"] = "busy" }, message);
        try
        {
            var reply = channel == "control" ? HandleControl(message) : HandleShell(message);
            if (reply is not null) socket.SendMultipartBytes(reply.ToFrames(_signer));
        }
        finally
        {
            Publish("status", new JsonObject { ["execution_state"] = "idle" }, message);
        }
    }

    /// <summary>Publishes an IOPub message whose parent is <paramref name="parent"/> (null for kernel-initiated ones).</summary>
    private void Publish(string messageType, JsonObject content, JupyterMessage? parent)
    {
        var topic = Encoding.UTF8.GetBytes($"kernel.{_session}.{messageType}");
        var message = new JupyterMessage([topic], JupyterMessage.NewHeader(messageType, _session),
            parent?.Header.DeepClone().AsObject() ?? new JsonObject(), new JsonObject(), content, []);
        lock (_iopubGate)
        {
            _iopub?.SendMultipartBytes(message.ToFrames(_signer));
        }
    }

    private JupyterMessage Reply(JupyterMessage parent, string messageType, JsonObject content) =>
        JupyterMessage.Reply(parent, messageType, _session, content).Build();

    private void StartEngine()
    {
        lock (_engineGate)
        {
            _engine = Task.Run(async () =>
            {
                var engine = _engineFactory();
                await engine.StartAsync();
                // Compile once now, so the first cell does not pay the compiler's warm-up.
                await engine.SubmitAsync("csharp", "// warm-up");
                return engine;
            });
        }
    }

    private async Task RestartEngineAsync()
    {
        Task<IInteractiveEngine> old;
        lock (_engineGate) old = _engine;
        Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();
        StartEngine();
        await DisposeEngineAsync(old);
    }

    private async Task DisposeEngineAsync(Task<IInteractiveEngine> engine)
    {
        try
        {
            await (await engine).DisposeAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log($"disposing the previous engine: {ex.Message}");
        }
    }

    private void Log(string text)
    {
        lock (_log) _log.WriteLine($"[workbench kernel {DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)}] {text}");
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    /// <summary>Remembers recent signatures so that a captured message cannot be replayed.</summary>
    private sealed class ReplayGuard(int capacity)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public bool Add(string signature)
        {
            lock (_seen)
            {
                if (!_seen.Add(signature)) return false;
                _order.Enqueue(signature);
                if (_order.Count > capacity) _seen.Remove(_order.Dequeue());
                return true;
            }
        }
    }
}
