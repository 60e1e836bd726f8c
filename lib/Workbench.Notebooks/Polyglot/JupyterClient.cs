using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using Workbench.Notebooks.Jupyter;
using Workbench.Processes;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// A Jupyter client for one kernel subprocess (IRkernel, ipykernel): starts the kernel from its kernelspec with a
/// connection file on 127.0.0.1 signed with HMAC-SHA256, sends requests on shell and collects each request's IOPub
/// messages until the kernel reports <c>idle</c> for it and the reply has arrived.
/// </summary>
/// <remarks>
/// Jupyter messaging protocol 5.3. The kernel starts through <see cref="ChildProcess"/> (own process group,
/// <c>setpriv --pdeathsig KILL</c>, a guardian), so it dies with the worker however the worker ends. Readiness is a
/// <c>kernel_info_reply</c> on shell and an IOPub message with that parent, resent every 500 ms (PUB/SUB slow joiner).
/// Interrupts are SIGINT: IRkernel ignores <c>interrupt_request</c>. All sockets live on one poller thread.
/// </remarks>
internal sealed class JupyterClient : IDisposable
{
    private const int SigInt = 2;
    private readonly Process _process;
    private readonly MessageSigner _signer;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly string _connectionFile;
    private readonly DealerSocket _shell;
    private readonly DealerSocket _control;
    private readonly SubscriberSocket _iopub;
    private readonly NetMQQueue<(NetMQSocket Socket, List<byte[]> Frames)> _outgoing = new();
    private readonly NetMQPoller _poller;
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly System.Text.StringBuilder _stderr = new();
    private int _disposed;

    private JupyterClient(string displayName, Process process, ConnectionInfo connection, string connectionFile)
    {
        DisplayName = displayName;
        _process = process;
        _connectionFile = connectionFile;
        _signer = new MessageSigner(connection.KeyBytes);
        var identity = System.Text.Encoding.ASCII.GetBytes(_session);
        _shell = new DealerSocket();
        _shell.Options.Identity = identity;
        _shell.Connect(connection.Address(connection.ShellPort));
        _control = new DealerSocket();
        _control.Options.Identity = identity;
        _control.Connect(connection.Address(connection.ControlPort));
        _iopub = new SubscriberSocket();
        _iopub.SubscribeToAnyTopic();
        _iopub.Connect(connection.Address(connection.IOPubPort));
        _shell.ReceiveReady += (_, e) => Receive(e.Socket, "shell");
        _control.ReceiveReady += (_, e) => Receive(e.Socket, "control");
        _iopub.ReceiveReady += (_, e) => Receive(e.Socket, "iopub");
        _outgoing.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero)) item.Socket.SendMultipartBytes(item.Frames);
        };
        _poller = new NetMQPoller { _shell, _control, _iopub, _outgoing };
        _poller.RunAsync($"jupyter client {displayName}");
    }

    /// <summary>The kernel's display name ("R", "Python").</summary>
    public string DisplayName { get; }

    /// <summary>True while the kernel process runs.</summary>
    public bool IsAlive => !_process.HasExited;

    /// <summary>The kernel's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the kernel wrote to its standard error (start-up problems).</summary>
    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts the kernel of <paramref name="spec"/> in <paramref name="workingDirectory"/> and waits until it answers.</summary>
    /// <exception cref="InvalidOperationException">The kernel did not start or did not answer within <paramref name="timeout"/>.</exception>
    public static async Task<JupyterClient> StartAsync(JupyterKernelSpec spec, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = new ConnectionInfo("tcp", "127.0.0.1", FreePort(), FreePort(), FreePort(), FreePort(), FreePort(),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), "hmac-sha256");
        var file = Path.Combine(Path.GetTempPath(), $"workbench-kernel-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JsonObject
        {
            ["transport"] = connection.Transport, ["ip"] = connection.IP, ["shell_port"] = connection.ShellPort,
            ["iopub_port"] = connection.IOPubPort, ["stdin_port"] = connection.StdinPort, ["control_port"] = connection.ControlPort,
            ["hb_port"] = connection.HeartbeatPort, ["key"] = connection.Key, ["signature_scheme"] = connection.SignatureScheme,
            ["kernel_name"] = spec.Name,
        }.ToJsonString(), cancellationToken);
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var argv = spec.Argv.Select(a => a.Replace("{connection_file}", file, StringComparison.Ordinal)).ToList();
        var info = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in argv.Skip(1)) info.ArgumentList.Add(a);
        foreach (var (k, v) in spec.Environment) info.Environment[k] = v;
        Process process;
        try { process = ChildProcess.Start(info); }
        catch (System.ComponentModel.Win32Exception ex)
        {
            File.Delete(file);
            throw new InvalidOperationException($"The {spec.DisplayName} kernel could not be started ({argv[0]}: {ex.Message}). {spec.InstallHint}", ex);
        }
        var client = new JupyterClient(spec.DisplayName, process, connection, file);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (client._stderr) client._stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => client.FailAll();
        try
        {
            await client.WaitReadyAsync(timeout, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        // The kernel has read its connection file (it answered on the ports it names); removing the key now means a
        // worker that is killed leaves no key behind.
        try { File.Delete(file); }
        catch (IOException) { }
        return client;
    }

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var request = Send(_shell, "kernel_info_request", new JsonObject(), onIopub: null, waitForIdle: false, requireIopub: true);
            var done = await Task.WhenAny(request.Task, Task.Delay(500, cancellationToken));
            if (done == request.Task)
            {
                await request.Task;
                return;
            }
            _pending.TryRemove(request.Id, out _);
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsAlive || clock.Elapsed > timeout)
            {
                var why = IsAlive ? $"did not answer within {timeout.TotalSeconds:0} s" : $"exited with code {_process.ExitCode}";
                throw new InvalidOperationException($"The {DisplayName} kernel {why}. Its error output: {Tail(StandardError)}");
            }
        }
    }

    /// <summary>Runs <paramref name="code"/>; <paramref name="onIopub"/> gets each IOPub message of the request in order.</summary>
    /// <returns>The <c>execute_reply</c> content.</returns>
    public Task<JsonObject> ExecuteAsync(string code, Action<JupyterMessage> onIopub, bool silent = false, bool storeHistory = true) =>
        Send(_shell, "execute_request", new JsonObject
        {
            ["code"] = code, ["silent"] = silent, ["store_history"] = storeHistory, ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = false, ["stop_on_error"] = true,
        }, onIopub, waitForIdle: true, requireIopub: false).Task;

    /// <summary>Sends a shell request (complete_request, inspect_request, ...) and returns its reply content.</summary>
    public Task<JsonObject> RequestAsync(string type, JsonObject content) =>
        Send(_shell, type, content, onIopub: null, waitForIdle: false, requireIopub: false).Task;

    /// <summary>Interrupts the running request with SIGINT (the kernelspecs' interrupt mode "signal").</summary>
    public void Interrupt()
    {
        if (IsAlive) _ = kill(_process.Id, SigInt);
    }

    private Pending Send(NetMQSocket socket, string type, JsonObject content, Action<JupyterMessage>? onIopub, bool waitForIdle, bool requireIopub)
    {
        if (!IsAlive) throw new InvalidOperationException($"The {DisplayName} kernel is not running (it exited with code {_process.ExitCode}). {Tail(StandardError)}");
        var header = JupyterMessage.NewHeader(type, _session);
        var message = new JupyterMessage([], header, new JsonObject(), new JsonObject(), content, []);
        var pending = new Pending(header["msg_id"]!.GetValue<string>(), onIopub, waitForIdle, requireIopub);
        _pending[pending.Id] = pending;
        _outgoing.Enqueue((socket, message.ToFrames(_signer)));
        return pending;
    }

    private void Receive(NetMQSocket socket, string channel)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(TimeSpan.Zero, ref frames!))
        {
            var message = JupyterMessage.TryParse(frames, _signer, out _);
            if (message is null) continue;
            var parent = message.ParentHeader["msg_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
            if (parent is null || !_pending.TryGetValue(parent, out var pending)) continue;
            if (channel == "iopub")
            {
                pending.SawIopub = true;
                if (message.MessageType == "status")
                {
                    if (message.Content["execution_state"]?.GetValue<string>() == "idle") pending.Idle = true;
                }
                else
                {
                    try { pending.OnIopub?.Invoke(message); }
                    catch (Exception ex) when (ex is not OutOfMemoryException) { pending.Fail(ex); }
                }
            }
            else
            {
                pending.Reply = message.Content;
            }
            if (pending.IsDone)
            {
                _pending.TryRemove(parent, out _);
                pending.Complete();
            }
        }
    }

    private void FailAll()
    {
        var code = _process.HasExited ? _process.ExitCode : 0;
        foreach (var (id, pending) in _pending)
        {
            _pending.TryRemove(id, out _);
            pending.Fail(new InvalidOperationException($"The {DisplayName} kernel exited (code {code}) while running the cell. {Tail(StandardError)}"));
        }
    }

    private static string Tail(string text)
    {
        var t = text.Trim();
        return t.Length == 0 ? "(none)" : t.Length > 2000 ? "..." + t[^2000..] : t;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Asks the kernel to shut down, then kills its process group.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            if (IsAlive)
            {
                var header = JupyterMessage.NewHeader("shutdown_request", _session);
                _outgoing.Enqueue((_control, new JupyterMessage([], header, new JsonObject(), new JsonObject(), new JsonObject { ["restart"] = false }, []).ToFrames(_signer)));
                _process.WaitForExit(1000);
            }
        }
        catch (InvalidOperationException) { }
        ChildProcess.KillGroup(_process);
        _poller.Stop();
        _poller.Dispose();
        _shell.Dispose();
        _control.Dispose();
        _iopub.Dispose();
        _outgoing.Dispose();
        FailAll();
        _process.Dispose();
        try { File.Delete(_connectionFile); }
        catch (IOException) { }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private sealed class Pending(string id, Action<JupyterMessage>? onIopub, bool waitForIdle, bool requireIopub)
    {
        private readonly TaskCompletionSource<JsonObject> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Id { get; } = id;
        public Action<JupyterMessage>? OnIopub { get; } = onIopub;
        public bool Idle { get; set; }
        public bool SawIopub { get; set; }
        public JsonObject? Reply { get; set; }
        public Task<JsonObject> Task => _done.Task;

        public bool IsDone => Reply is not null &&
                              (Reply["status"]?.GetValue<string>() == "aborted" || ((!waitForIdle || Idle) && (!requireIopub || SawIopub)));

        public void Complete() => _done.TrySetResult(Reply!);
        public void Fail(Exception ex) => _done.TrySetException(ex);
    }
}
