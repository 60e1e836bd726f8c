using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using Workbench.Notebooks.Engine;
using Workbench.Notebooks.Jupyter;

namespace Workbench.Tests.Kernel;

/// <summary>A <see cref="JupyterKernel"/> in this process on free ports, with shell, control and IOPub client sockets.</summary>
internal sealed class KernelHarness : IAsyncDisposable
{
    public const string Key = "0f6e7a1c-test-key";

    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly Task<KernelExit> _running;

    public KernelHarness(Func<IInteractiveEngine> engineFactory, JupyterKernelOptions options)
    {
        var ports = FreePorts(5);
        Connection = new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], Key, "hmac-sha256");
        Kernel = new JupyterKernel(Connection, engineFactory, Log, options);
        _running = Task.Run(() => Kernel.RunAsync());
        Shell = new DealerSocket($">tcp://127.0.0.1:{ports[0]}");
        Control = new DealerSocket($">tcp://127.0.0.1:{ports[3]}");
        IOPubSocket = new SubscriberSocket($">tcp://127.0.0.1:{ports[1]}");
        IOPubSocket.SubscribeToAnyTopic();
    }

    public MessageSigner Signer { get; } = new(Encoding.UTF8.GetBytes(Key));

    public ConnectionInfo Connection { get; }

    public JupyterKernel Kernel { get; }

    public StringWriter Log { get; } = new();

    public DealerSocket Shell { get; }

    public DealerSocket Control { get; }

    public SubscriberSocket IOPubSocket { get; }

    public Task<KernelExit> Running => _running;

    /// <summary>Waits until the kernel answers and IOPub delivers, so no broadcast of a test is lost to the slow joiner.</summary>
    public void WaitReady()
    {
        Send(Shell, "kernel_info_request", new JsonObject());
        Receive(Shell, TimeSpan.FromSeconds(60));
        // Up to a minute (a loaded machine); it stops at the first broadcast, a few hundred milliseconds on a quiet one.
        for (var i = 0; i < 300 && !IOPub(TimeSpan.FromMilliseconds(200)).Any(); i++)
            Send(Shell, "kernel_info_request", new JsonObject());
        // Drop the replies to the probes above, so each test reads only its own.
        while (TryReceive(Shell, TimeSpan.FromMilliseconds(500)) is not null) { }
    }

    public static JsonObject Execute(string code, bool stopOnError = true) => new()
    {
        ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(), ["allow_stdin"] = false,
        ["stop_on_error"] = stopOnError,
    };

    public string Send(NetMQSocket socket, string type, JsonObject content)
    {
        var header = JupyterMessage.NewHeader(type, _session);
        socket.SendMultipartBytes(new JupyterMessage([], header, new JsonObject(), new JsonObject(), content, []).ToFrames(Signer));
        return header["msg_id"]!.GetValue<string>();
    }

    /// <summary>Sends the four message parts as given (any bytes), correctly signed.</summary>
    public void SendSignedParts(NetMQSocket socket, byte[] header, byte[] content)
    {
        byte[][] parts = [header, "{}"u8.ToArray(), "{}"u8.ToArray(), content];
        var frames = new List<byte[]> { JupyterMessage.Delimiter, Encoding.ASCII.GetBytes(Signer.Sign(parts)) };
        frames.AddRange(parts);
        socket.SendMultipartBytes(frames);
    }

    public byte[] Header(string type) => Encoding.UTF8.GetBytes(JupyterMessage.NewHeader(type, _session).ToJsonString());

    public JupyterMessage Receive(NetMQSocket socket, TimeSpan timeout) =>
        TryReceive(socket, timeout) ?? throw new TimeoutException($"no reply within {timeout.TotalSeconds} s; log:\n{Log}");

    public JupyterMessage? TryReceive(NetMQSocket socket, TimeSpan timeout)
    {
        var frames = new List<byte[]>();
        if (!socket.TryReceiveMultipartBytes(timeout, ref frames)) return null;
        return JupyterMessage.TryParse(frames, Signer, out var error) ?? throw new InvalidOperationException("the kernel sent a badly signed message: " + error);
    }

    public IEnumerable<JupyterMessage> IOPub(TimeSpan timeout)
    {
        while (TryReceive(IOPubSocket, timeout) is { } message) yield return message;
    }

    public List<JupyterMessage> IOPubUntilIdle(string parentId)
    {
        var messages = new List<JupyterMessage>();
        while (TryReceive(IOPubSocket, TimeSpan.FromSeconds(30)) is { } message)
        {
            if (message.ParentHeader["msg_id"]?.GetValue<string>() != parentId) continue;
            messages.Add(message);
            if (message.MessageType == "status" && message.Content["execution_state"]!.GetValue<string>() == "idle") break;
        }
        return messages;
    }

    public static List<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    public async ValueTask DisposeAsync()
    {
        Kernel.Stop();
        await _running.WaitAsync(TimeSpan.FromSeconds(30));
        Shell.Dispose();
        Control.Dispose();
        IOPubSocket.Dispose();
        Kernel.Dispose();
    }
}
