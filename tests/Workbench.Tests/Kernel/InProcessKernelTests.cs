using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using Workbench.Notebooks.Engine;
using Workbench.Notebooks.Jupyter;

namespace Workbench.Tests.Kernel;

/// <summary>
/// The kernel's protocol handling over real ZeroMQ sockets (NetMQ), with a scripted engine so the checks are fast
/// and independent of Roslyn: signatures, replays, status around requests, execute replies, interrupts, shutdown.
/// </summary>
public sealed class InProcessKernelTests : IAsyncLifetime
{
    private const string Key = "0f6e7a1c-test-key";
    private readonly MessageSigner _signer = new(Encoding.UTF8.GetBytes(Key));
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly StringWriter _log = new();
    private readonly ScriptedEngine _engine = new();
    private JupyterKernel _kernel = null!;
    private Task _running = null!;
    private DealerSocket _shell = null!;
    private DealerSocket _control = null!;
    private SubscriberSocket _iopub = null!;

    public async Task InitializeAsync()
    {
        var ports = FreePorts(5);
        var connection = new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], Key, "hmac-sha256");
        _kernel = new JupyterKernel(connection, () => _engine, _log, new JupyterKernelOptions { InterruptGrace = TimeSpan.FromSeconds(2) });
        _running = Task.Run(() => _kernel.RunAsync());
        _shell = new DealerSocket($">tcp://127.0.0.1:{ports[0]}");
        _control = new DealerSocket($">tcp://127.0.0.1:{ports[3]}");
        _iopub = new SubscriberSocket($">tcp://127.0.0.1:{ports[1]}");
        _iopub.SubscribeToAnyTopic();
        // Wait until the kernel answers and IOPub delivers, so no broadcast of the tests is lost to the slow joiner.
        Send(_shell, "kernel_info_request", new JsonObject());
        Receive(_shell, TimeSpan.FromSeconds(60));
        for (var i = 0; i < 50 && !IOPub(TimeSpan.FromMilliseconds(200)).Any(); i++)
            Send(_shell, "kernel_info_request", new JsonObject());
        // Drop the replies to the probes above, so each test reads only its own.
        while (TryReceive(_shell, TimeSpan.FromMilliseconds(500)) is not null) { }
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _kernel.Stop();
        await _running.WaitAsync(TimeSpan.FromSeconds(30));
        _shell.Dispose();
        _control.Dispose();
        _iopub.Dispose();
        _kernel.Dispose();
    }

    [Fact]
    public void KernelInfo_SignedRequest_ReplySignedWithParentHeader()
    {
        var id = Send(_shell, "kernel_info_request", new JsonObject());
        var reply = Receive(_shell, TimeSpan.FromSeconds(30));
        Assert.Equal("kernel_info_reply", reply.MessageType);
        Assert.Equal(id, reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("5.3", reply.Content["protocol_version"]!.GetValue<string>());
        Assert.Equal("C#", reply.Content["language_info"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_Cell_StreamsResultAndBracketsWithBusyIdle()
    {
        var id = Send(_shell, "execute_request", Execute("40 + 2"));
        var reply = Receive(_shell, TimeSpan.FromSeconds(30));
        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
        var count = reply.Content["execution_count"]!.GetValue<int>();
        var messages = IOPubUntilIdle(id);
        Assert.Equal(["status", "execute_input", "stream", "execute_result", "status"], messages.Select(m => m.MessageType));
        Assert.Equal("busy", messages[0].Content["execution_state"]!.GetValue<string>());
        Assert.Equal("ran 40 + 2\n", messages[2].Content["text"]!.GetValue<string>());
        Assert.Equal("42", messages[3].Content["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(count, messages[3].Content["execution_count"]!.GetValue<int>());
        Assert.All(messages, m => Assert.Equal(id, m.ParentHeader["msg_id"]!.GetValue<string>()));
    }

    [Fact]
    public void Execute_FailingCell_ErrorReplyAndErrorBroadcast()
    {
        var id = Send(_shell, "execute_request", Execute("fail"));
        var reply = Receive(_shell, TimeSpan.FromSeconds(30));
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("InvalidOperationException", reply.Content["ename"]!.GetValue<string>());
        Assert.Equal(["line 1", "line 2"], reply.Content["traceback"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains(IOPubUntilIdle(id), m => m.MessageType == "error");
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("missing")]
    public void Execute_BadSignature_NotRunAndLogged(string kind)
    {
        var header = JupyterMessage.NewHeader("execute_request", _session);
        var message = new JupyterMessage([], header, new JsonObject(), new JsonObject(), Execute("should not run"), []);
        var frames = message.ToFrames(_signer);
        frames[1] = kind == "missing" ? [] : Encoding.ASCII.GetBytes(new string('0', 64));
        _shell.SendMultipartBytes(frames);
        Assert.Null(TryReceive(_shell, TimeSpan.FromSeconds(2)));
        Assert.DoesNotContain("should not run", _engine.Submitted);
        Assert.Contains($"rejected a message on shell: {kind} signature", _log.ToString());
        // Still serving.
        Send(_shell, "kernel_info_request", new JsonObject());
        Assert.Equal("kernel_info_reply", Receive(_shell, TimeSpan.FromSeconds(30)).MessageType);
    }

    [Fact]
    public void Execute_ReplayedMessage_RunsOnce()
    {
        var message = new JupyterMessage([], JupyterMessage.NewHeader("execute_request", _session), new JsonObject(), new JsonObject(), Execute("once"), []);
        var frames = message.ToFrames(_signer);
        _shell.SendMultipartBytes(frames);
        Assert.Equal("execute_reply", Receive(_shell, TimeSpan.FromSeconds(30)).MessageType);
        _shell.SendMultipartBytes(frames);
        Assert.Null(TryReceive(_shell, TimeSpan.FromSeconds(2)));
        Assert.Single(_engine.Submitted, s => s == "once");
        Assert.Contains("replayed signature", _log.ToString());
    }

    [Fact]
    public void Interrupt_CooperativeCell_ErrorReplyThenKernelUsable()
    {
        Send(_shell, "execute_request", Execute("block"));
        Assert.True(_engine.Blocking.Wait(TimeSpan.FromSeconds(30)));
        Send(_control, "interrupt_request", new JsonObject());
        Assert.Equal("interrupt_reply", Receive(_control, TimeSpan.FromSeconds(30)).MessageType);
        var reply = Receive(_shell, TimeSpan.FromSeconds(30));
        Assert.Equal("Interrupted", reply.Content["ename"]!.GetValue<string>());
        Send(_shell, "execute_request", Execute("1"));
        Assert.Equal("ok", Receive(_shell, TimeSpan.FromSeconds(30)).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Shutdown_Request_ReplyThenKernelStops()
    {
        Send(_control, "shutdown_request", new JsonObject { ["restart"] = true });
        var reply = Receive(_control, TimeSpan.FromSeconds(30));
        Assert.Equal("shutdown_reply", reply.MessageType);
        Assert.True(reply.Content["restart"]!.GetValue<bool>());
        await _running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(_running.IsCompletedSuccessfully);
    }

    [Fact]
    public void CommInfo_And_Unsupported_NoCommsAndNoCrash()
    {
        Send(_shell, "comm_info_request", new JsonObject());
        var reply = Receive(_shell, TimeSpan.FromSeconds(30));
        Assert.Equal("comm_info_reply", reply.MessageType);
        Assert.Empty(reply.Content["comms"]!.AsObject());
        Send(_shell, "no_such_request", new JsonObject());
        Send(_shell, "kernel_info_request", new JsonObject());
        Assert.Equal("kernel_info_reply", Receive(_shell, TimeSpan.FromSeconds(30)).MessageType);
    }

    private static JsonObject Execute(string code) => new()
    {
        ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(), ["allow_stdin"] = false,
    };

    private string Send(NetMQSocket socket, string type, JsonObject content)
    {
        var header = JupyterMessage.NewHeader(type, _session);
        socket.SendMultipartBytes(new JupyterMessage([], header, new JsonObject(), new JsonObject(), content, []).ToFrames(_signer));
        return header["msg_id"]!.GetValue<string>();
    }

    private JupyterMessage Receive(NetMQSocket socket, TimeSpan timeout) =>
        TryReceive(socket, timeout) ?? throw new TimeoutException($"no reply within {timeout.TotalSeconds} s; log:\n{_log}");

    private JupyterMessage? TryReceive(NetMQSocket socket, TimeSpan timeout)
    {
        var frames = new List<byte[]>();
        if (!socket.TryReceiveMultipartBytes(timeout, ref frames)) return null;
        return JupyterMessage.TryParse(frames, _signer, out var error) ?? throw new InvalidOperationException("the kernel sent a badly signed message: " + error);
    }

    private IEnumerable<JupyterMessage> IOPub(TimeSpan timeout)
    {
        while (TryReceive(_iopub, timeout) is { } message) yield return message;
    }

    private List<JupyterMessage> IOPubUntilIdle(string parentId)
    {
        var messages = new List<JupyterMessage>();
        while (TryReceive(_iopub, TimeSpan.FromSeconds(30)) is { } message)
        {
            if (message.ParentHeader["msg_id"]?.GetValue<string>() != parentId) continue;
            messages.Add(message);
            if (message.MessageType == "status" && message.Content["execution_state"]!.GetValue<string>() == "idle") break;
        }
        return messages;
    }

    private static List<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    /// <summary>An engine whose behaviour each cell's code selects: "fail" throws, "block" waits for an interrupt.</summary>
    private sealed class ScriptedEngine : IInteractiveEngine
    {
        private TaskCompletionSource _interrupt = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Submitted { get; } = [];

        public ManualResetEventSlim Blocking { get; } = new();

        public IReadOnlyList<ResolvedPackage> ResolvedPackages => [];

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public bool Hosts(string kernelName) => kernelName == "csharp";

        public Task<CellExecution> SubmitAsync(string kernelName, string code, CancellationToken cancellationToken = default) =>
            SubmitAsync(kernelName, code, _ => { }, cancellationToken);

        public async Task<CellExecution> SubmitAsync(string kernelName, string code, Action<LiveOutput> onOutput, CancellationToken cancellationToken = default)
        {
            lock (Submitted) Submitted.Add(code);
            switch (code)
            {
                case "fail":
                    return new CellExecution(false, [new CellOutput(CellOutputKind.Error, ErrorName: "InvalidOperationException", ErrorValue: "failed", Traceback: ["line 1", "line 2"])]);
                case "block":
                    _interrupt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    Blocking.Set();
                    await _interrupt.Task;
                    return new CellExecution(false, [new CellOutput(CellOutputKind.Error, ErrorName: "OperationCanceledException", ErrorValue: "cancelled", Traceback: [])]);
            }
            onOutput(new LiveOutput(new CellOutput(CellOutputKind.Stream, StreamName: "stdout", Text: $"ran {code}\n"), false));
            var value = code == "40 + 2" ? "42" : code;
            onOutput(new LiveOutput(new CellOutput(CellOutputKind.ExecuteResult, Data: new Dictionary<string, string> { ["text/plain"] = value }), false));
            return new CellExecution(true, []);
        }

        public Task<CompletionList> CompleteAsync(string code, int position, CancellationToken cancellationToken = default) =>
            Task.FromResult(new CompletionList(position, position, []));

        public Task<Inspection?> InspectAsync(string code, int position, CancellationToken cancellationToken = default) => Task.FromResult<Inspection?>(null);

        public Task InterruptAsync()
        {
            _interrupt.TrySetResult();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
