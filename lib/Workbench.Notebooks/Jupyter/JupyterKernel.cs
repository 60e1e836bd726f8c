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
/// must carry a valid HMAC-SHA256 signature, otherwise it is logged and dropped. A signed message whose parts are not
/// UTF-8 JSON objects gets an error reply; frames over <see cref="JupyterKernelOptions.MaxFrameBytes"/> are refused by
/// the transport.
/// </summary>
/// <remarks>
/// Threads: heartbeat echoes on its own thread; control (interrupt, shutdown) has its own thread, so it is served
/// while a cell runs; shell requests are handled one at a time on the shell thread. IOPub is shared under a lock.
/// As ipykernel: a failing execute_request with <c>stop_on_error</c> (the default) aborts the execute requests queued
/// behind it, those the front end sent before the failure (reply status <c>aborted</c>); the kernel stops when its
/// front end's process is gone (<see cref="ParentWatch"/>).
/// </remarks>
public sealed partial class JupyterKernel : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly ConnectionInfo _connection;
    private readonly JupyterKernelOptions _options;
    private readonly Func<IInteractiveEngine> _engineFactory;
    private readonly TextWriter _log;
    private readonly MessageSigner _signer;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly Lock _iopubGate = new();
    private readonly Lock _engineGate = new();
    private readonly ReplayGuard _replays = new(4096);
    private readonly CancellationTokenSource _stopping = new();
    private PublisherSocket? _iopub;
    private volatile bool _parentGone;
    private Task<IInteractiveEngine> _engine = Task.FromException<IInteractiveEngine>(new InvalidOperationException("not started"));
    private readonly Running.StaticFigureFallback? _figures;

    /// <summary>Creates a kernel; nothing is bound until <see cref="RunAsync"/>.</summary>
    /// <param name="connection">The connection file read by <see cref="ConnectionInfo.Load"/>.</param>
    /// <param name="engineFactory">Creates a fresh engine (at start and at each restart).</param>
    /// <param name="log">Where the kernel logs (standard error in <c>workbench kernel</c>).</param>
    /// <param name="options">Limits and timings; default <see cref="JupyterKernelOptions"/>' defaults.</param>
    public JupyterKernel(ConnectionInfo connection, Func<IInteractiveEngine> engineFactory, TextWriter log, JupyterKernelOptions? options = null)
    {
        _connection = connection;
        _options = options ?? new JupyterKernelOptions();
        _engineFactory = engineFactory;
        _log = log;
        _signer = new MessageSigner(connection.KeyBytes);
        // One browser for the session's figure fallbacks, started at the first figure.
        _figures = _options.StaticFigureFallback ? new Running.StaticFigureFallback(null) : null;
    }

    private TimeSpan InterruptGrace => _options.InterruptGrace;

    /// <summary>
    /// Binds the sockets, starts the engine and serves requests until a shutdown_request, cancellation, or the end of the
    /// front end's process (<see cref="JupyterKernelOptions.ParentProcessId"/>).
    /// </summary>
    /// <returns>Why the kernel stopped.</returns>
    public async Task<KernelExit> RunAsync(CancellationToken cancellationToken = default)
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
            socket.Options.MaxMsgSize = _options.MaxFrameBytes;
            socket.Bind(_connection.Address(port));
        }
        _iopub = iopub;
        // Load the C# parser beside the engine's start, so that the first is_complete_request is answered at once.
        _ = Task.Run(CSharpCompleteness.WarmUp);
        StartEngine();
        Publish("status", new JsonObject { ["execution_state"] = "starting" }, parent: null);
        var threads = new List<Task>
        {
            Loop("heartbeat", () => Echo(heartbeat)),
            Loop("control", () => Serve(control, "control")),
            Loop("shell", () => Serve(shell, "shell")),
        };
        if (_options.ParentProcessId is { } parent && ParentWatch.For(parent) is { } gone) threads.Add(Loop("parent", () => WatchParent(parent, gone)));
        var served = Task.WhenAll(threads);
        while (!served.IsCompleted && !_parentGone) await Task.WhenAny(served, Task.Delay(Poll, CancellationToken.None));
        if (_parentGone)
        {
            // As ipykernel (which calls os._exit): nobody waits for this kernel, so it neither waits for a cell that
            // ignores the interrupt nor for the engine to dispose; the process exit ends both.
            await Task.WhenAny(served, Task.Delay(Poll * 5, CancellationToken.None));
            lock (_iopubGate) _iopub = null;
            // The browser goes too (its process group is also killed when this process ends).
            if (_figures is not null) await Task.WhenAny(_figures.DisposeAsync().AsTask(), Task.Delay(Poll * 20, CancellationToken.None));
            return KernelExit.ParentExited;
        }
        lock (_iopubGate) _iopub = null;
        await DisposeEngineAsync(_engine);
        if (_figures is not null) await _figures.DisposeAsync();
        return KernelExit.Stopped;
    }

    private void WatchParent(int parent, Func<bool> gone)
    {
        if (_stopping.Token.WaitHandle.WaitOne(_options.ParentPollInterval) || !gone()) return;
        Log($"the front end (process {parent}) has exited; the kernel stops.");
        _parentGone = true;
        InterruptRunningCell();
        Stop();
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

    private DateTimeOffset _failedAt;

    private void Serve(RouterSocket socket, string channel)
    {
        var frames = new List<byte[]>();
        if (!socket.TryReceiveMultipartBytes(Poll, ref frames)) return;
        if (!Dispatch(socket, channel, frames, abortSentBefore: null)) return;
        // stop_on_error, as ipykernel: the execute requests the front end sent before the failure (queued behind the cell,
        // e.g. by Run All) are answered "aborted", so Run All stops there; other requests are served. Reading goes on
        // while requests keep arriving within StopOnErrorTimeout; one sent after the failure runs as usual.
        Log("a cell failed; aborting the execute requests queued behind it (stop_on_error).");
        var failedAt = _failedAt;
        var queued = new List<byte[]>();
        while (!_stopping.IsCancellationRequested && socket.TryReceiveMultipartBytes(_options.StopOnErrorTimeout, ref queued))
        {
            if (Dispatch(socket, channel, queued, abortSentBefore: failedAt)) failedAt = _failedAt;
            queued = [];
        }
    }

    /// <summary>
    /// Handles one received message; true when it was an execute_request that failed with stop_on_error. With
    /// <paramref name="abortSentBefore"/>, an execute_request whose header date is earlier is answered "aborted".
    /// </summary>
    private bool Dispatch(RouterSocket socket, string channel, List<byte[]> frames, DateTimeOffset? abortSentBefore)
    {
        var message = JupyterMessage.TryParse(frames, _signer, out var error, out var malformed);
        if ((message ?? malformed) is { } signed && !_replays.Add(signed.Signature))
        {
            message = malformed = null;
            error = "replayed signature";
        }
        if (malformed is not null)
        {
            Log($"answered a malformed message on {channel} with an error: {error}.");
            socket.SendMultipartBytes(InvalidMessageReply(malformed, error).ToFrames(_signer));
            return false;
        }
        if (message is null)
        {
            Log($"rejected a message on {channel}: {error}; it was not acted on.");
            return false;
        }
        Publish("status", new JsonObject { ["execution_state"] = "busy" }, message);
        try
        {
            var execute = channel == "shell" && message.MessageType == "execute_request";
            if (execute && abortSentBefore is { } failedAt && SentBefore(message, failedAt))
            {
                Log($"aborted execute_request {message.Header["msg_id"]?.ToJsonString()} (stop_on_error).");
                socket.SendMultipartBytes(Aborted(message).ToFrames(_signer));
                return false;
            }
            var reply = channel == "control" ? HandleControl(message) : HandleShell(message);
            var stops = execute && reply?.Content["status"]?.GetValue<string>() == "error"
                        && Flag(message.Content, "stop_on_error", true) && !Flag(message.Content, "silent", false);
            // The failure's moment is taken before its reply leaves: a request the front end sends on seeing the reply
            // is dated after it, however the kernel's thread is scheduled after the send.
            if (stops) _failedAt = DateTimeOffset.UtcNow;
            if (reply is not null) socket.SendMultipartBytes(reply.ToFrames(_signer));
            return stops;
        }
        finally
        {
            Publish("status", new JsonObject { ["execution_state"] = "idle" }, message);
        }
    }

    /// <summary>True when the request's header date (the front end's send time) is before <paramref name="moment"/>, or missing.</summary>
    private static bool SentBefore(JupyterMessage request, DateTimeOffset moment) =>
        !(request.Header["date"] is JsonValue v && v.TryGetValue<string>(out var text)
          && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
              System.Globalization.DateTimeStyles.AssumeUniversal, out var sent))
        || sent < moment;

    /// <summary>The reply to a request aborted by stop_on_error: status "aborted" in content and metadata (as ipykernel).</summary>
    private JupyterMessage Aborted(JupyterMessage request) =>
        Reply(request, "execute_reply", new JsonObject { ["status"] = "aborted" }) with { Metadata = new JsonObject { ["status"] = "aborted" } };

    /// <summary>
    /// The error reply to a correctly signed message that cannot be read: <c>X_reply</c> for an <c>X_request</c> whose header
    /// could be read, else a reply of type "error"; its parent header is the request's header when readable.
    /// </summary>
    private JupyterMessage InvalidMessageReply(JupyterMessage malformed, string error)
    {
        var type = malformed.MessageType;
        var replyType = type.EndsWith("_request", StringComparison.Ordinal) ? type[..^"_request".Length] + "_reply" : "error";
        var reason = $"The kernel could not read this message: {error}. Every part (header, parent_header, metadata, content) " +
                     "must be a UTF-8 JSON object; the message was not acted on.";
        return Reply(malformed, replyType, new JsonObject
        {
            ["status"] = "error", ["ename"] = "InvalidMessage", ["evalue"] = reason, ["traceback"] = new JsonArray(reason),
        });
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
                await engine.WarmUpAsync();
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

/// <summary>Why <see cref="JupyterKernel.RunAsync"/> returned.</summary>
public enum KernelExit
{
    /// <summary>A shutdown_request, <see cref="JupyterKernel.Stop"/> or cancellation.</summary>
    Stopped,
    /// <summary>The front end's process is gone (<see cref="JupyterKernelOptions.ParentProcessId"/>).</summary>
    ParentExited,
}
