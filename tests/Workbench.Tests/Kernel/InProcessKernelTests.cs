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
    private readonly ScriptedEngine _engine = new();
    private KernelHarness _harness = null!;
    private DealerSocket _shell = null!;
    private DealerSocket _control = null!;
    private MessageSigner _signer = null!;
    private StringWriter _log = null!;

    public Task InitializeAsync()
    {
        _harness = new KernelHarness(() => _engine, new JupyterKernelOptions { InterruptGrace = TimeSpan.FromSeconds(2) });
        (_shell, _control, _signer, _log) = (_harness.Shell, _harness.Control, _harness.Signer, _harness.Log);
        _harness.WaitReady();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public void KernelInfo_SignedRequest_ReplySignedWithParentHeader()
    {
        var id = Send(_shell, "kernel_info_request", new JsonObject());
        var reply = Receive(_shell, TimeSpan.FromSeconds(30));
        Assert.Equal("kernel_info_reply", reply.MessageType);
        Assert.Equal(id, reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("5.3", reply.Content["protocol_version"]!.GetValue<string>());
        Assert.Equal("C#", reply.Content["language_info"]!["name"]!.GetValue<string>());
        Assert.Contains("r", reply.Content["workbench_cell_languages"]!.AsArray().Select(l => l!.GetValue<string>()).ToList());
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
        var header = JupyterMessage.NewHeader("execute_request", "s1");
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
        var message = new JupyterMessage([], JupyterMessage.NewHeader("execute_request", "s1"), new JsonObject(), new JsonObject(), Execute("once"), []);
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
        await _harness.Running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(_harness.Running.IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData("invalid UTF-8", "not valid UTF-8")]
    [InlineData("malformed JSON", "not a JSON object")]
    public void Execute_SignedMalformedContent_ErrorReplyAndKernelStaysUp(string kind, string expected)
    {
        byte[] content = kind == "invalid UTF-8" ? [(byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'] : "{\"code\": \"1+1\""u8.ToArray();
        _harness.SendSignedParts(_shell, _harness.Header("execute_request"), content);
        var reply = Receive(_shell, TimeSpan.FromSeconds(30));
        Assert.Equal("execute_reply", reply.MessageType);
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("InvalidMessage", reply.Content["ename"]!.GetValue<string>());
        Assert.Contains($"the content is {expected}", reply.Content["evalue"]!.GetValue<string>());
        Assert.Equal("execute_request", reply.ParentHeader["msg_type"]!.GetValue<string>());
        Assert.DoesNotContain(_engine.Submitted, c => c.Contains("1+1", StringComparison.Ordinal));
        Assert.Contains("answered a malformed message on shell", _log.ToString());
        Send(_shell, "execute_request", Execute("40 + 2"));
        Assert.Equal("ok", Receive(_shell, TimeSpan.FromSeconds(30)).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_SignedUnreadableHeader_ErrorReplyAndKernelStaysUp()
    {
        _harness.SendSignedParts(_shell, [0xFF, 0xFE], "{}"u8.ToArray());
        var reply = Receive(_shell, TimeSpan.FromSeconds(30));
        Assert.Equal("error", reply.MessageType);
        Assert.Contains("the header is not valid UTF-8", reply.Content["evalue"]!.GetValue<string>());
        Send(_shell, "kernel_info_request", new JsonObject());
        Assert.Equal("kernel_info_reply", Receive(_shell, TimeSpan.FromSeconds(30)).MessageType);
    }

    [Fact]
    public void Execute_FailingCellWithQueuedRequests_QueuedExecutesAbortedThenKernelResumes()
    {
        var failing = Send(_shell, "execute_request", Execute("fail when released"));
        Assert.True(_engine.Blocking.Wait(TimeSpan.FromSeconds(30)));
        // Run All: the next cells and an editor request are queued while the first cell runs.
        var second = Send(_shell, "execute_request", Execute("second"));
        var info = Send(_shell, "kernel_info_request", new JsonObject());
        var third = Send(_shell, "execute_request", Execute("third"));
        // Time for the queued requests to reach the kernel's socket, with room for a loaded machine.
        Thread.Sleep(2000);
        _engine.Release.Set();
        var replies = Enumerable.Range(0, 4).Select(_ => Receive(_shell, TimeSpan.FromSeconds(30)))
            .ToDictionary(r => r.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("error", replies[failing].Content["status"]!.GetValue<string>());
        Assert.True(replies[second].Content["status"]!.GetValue<string>() == "aborted", _log.ToString());
        Assert.True(replies[third].Content["status"]!.GetValue<string>() == "aborted", _log.ToString());
        Assert.Equal("execute_reply", replies[third].MessageType);
        Assert.Equal("aborted", replies[third].Metadata["status"]!.GetValue<string>());
        Assert.Equal("kernel_info_reply", replies[info].MessageType);
        Assert.DoesNotContain("second", _engine.Submitted);
        Assert.DoesNotContain("third", _engine.Submitted);
        // Requests sent after the abort run again.
        Send(_shell, "execute_request", Execute("fourth"));
        Assert.Equal("ok", Receive(_shell, TimeSpan.FromSeconds(30)).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_FailingCellWithStopOnErrorFalse_QueuedRequestsRun()
    {
        var failing = Send(_shell, "execute_request", Execute("fail when released", stopOnError: false));
        Assert.True(_engine.Blocking.Wait(TimeSpan.FromSeconds(30)));
        var next = Send(_shell, "execute_request", Execute("next"));
        Thread.Sleep(2000);
        _engine.Release.Set();
        var replies = Enumerable.Range(0, 2).Select(_ => Receive(_shell, TimeSpan.FromSeconds(30)))
            .ToDictionary(r => r.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("error", replies[failing].Content["status"]!.GetValue<string>());
        Assert.Equal("ok", replies[next].Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_ManySmallWrites_CoalescedIntoFewStreamMessages()
    {
        var id = Send(_shell, "execute_request", Execute("chatty"));
        Assert.Equal("ok", Receive(_shell, TimeSpan.FromSeconds(60)).Content["status"]!.GetValue<string>());
        var streams = IOPubUntilIdle(id).Where(m => m.MessageType == "stream").ToList();
        Assert.InRange(streams.Count, 1, 50);
        Assert.Equal(string.Concat(Enumerable.Range(0, ScriptedEngine.ChattyWrites).Select(i => $"line {i}\n")),
            string.Concat(streams.Select(m => m.Content["text"]!.GetValue<string>())));
    }

    [Fact]
    public async Task IsComplete_WhileEngineStarts_AnsweredFromSyntaxTreeWithoutTheEngine()
    {
        var starting = new ScriptedEngine { StartGate = new ManualResetEventSlim() };
        await using var harness = new KernelHarness(() => starting, new JupyterKernelOptions());
        harness.WaitReady();
        var cases = new (string Code, string Status)[]
        {
            ("var x = ;", "invalid"), ("for (var i = 0; i < 3; i++)\n{", "incomplete"), ("var x = 1;\nx + 1", "complete"),
            ("var x = ;", "invalid"), ("if (ready)\n{", "incomplete"),
        };
        var times = new List<double>();
        foreach (var (code, status) in cases)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            harness.Send(harness.Shell, "is_complete_request", new JsonObject { ["code"] = code });
            var reply = harness.Receive(harness.Shell, TimeSpan.FromSeconds(30));
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(status, reply.Content["status"]!.GetValue<string>());
            Assert.Equal(status == "incomplete", reply.Content.ContainsKey("indent"));
        }
        Assert.False(starting.Started);
        // The engine is held until the end: an answer that waited for it would not come at all (Receive fails). The
        // bound on the median only catches an answer that waits for something else; it is far above the few
        // milliseconds a syntax check takes, so that a loaded machine does not decide.
        Assert.True(times.Order().ElementAt(times.Count / 2) < 2000, string.Join(", ", times.Select(t => $"{t:0} ms")));
        starting.StartGate.Set();
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

    private static JsonObject Execute(string code, bool stopOnError = true) => KernelHarness.Execute(code, stopOnError);

    private string Send(NetMQSocket socket, string type, JsonObject content) => _harness.Send(socket, type, content);

    private JupyterMessage Receive(NetMQSocket socket, TimeSpan timeout) => _harness.Receive(socket, timeout);

    private JupyterMessage? TryReceive(NetMQSocket socket, TimeSpan timeout) => _harness.TryReceive(socket, timeout);

    private List<JupyterMessage> IOPubUntilIdle(string parentId) => _harness.IOPubUntilIdle(parentId);

    /// <summary>An engine whose behaviour each cell's code selects: "fail" throws, "block" waits for an interrupt.</summary>
    private sealed class ScriptedEngine : IInteractiveEngine
    {
        private TaskCompletionSource _interrupt = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public const int ChattyWrites = 10_000;

        public List<string> Submitted { get; } = [];

        public ManualResetEventSlim Blocking { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public ManualResetEventSlim? StartGate { get; init; }

        public bool Started { get; private set; }

        public IReadOnlyList<ResolvedPackage> ResolvedPackages => [];

        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (StartGate is { } gate) await Task.Run(() => gate.Wait(TimeSpan.FromMinutes(2)), cancellationToken);
            Started = true;
        }

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
                case "fail when released":
                    Blocking.Set();
                    await Task.Run(() => Release.Wait(TimeSpan.FromMinutes(1)), cancellationToken);
                    return new CellExecution(false, [new CellOutput(CellOutputKind.Error, ErrorName: "InvalidOperationException", ErrorValue: "failed", Traceback: [])]);
                case "chatty":
                    for (var i = 0; i < ChattyWrites; i++)
                        onOutput(new LiveOutput(new CellOutput(CellOutputKind.Stream, StreamName: "stdout", Text: $"line {i}\n"), false));
                    return new CellExecution(true, []);
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
