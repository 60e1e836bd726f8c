using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using Workbench.Notebooks.Jupyter;
using static Workbench.Bench.BenchHost;

namespace Workbench.Bench;

/// <summary>
/// Suite "kernel": cold start of <c>workbench kernel</c> to kernel_info_reply (and to the first result), against
/// dotnet-interactive's <c>stdio</c> KernelReady on the same machine in the same run; round-trip latency of an
/// execute_request for <c>1+1</c> after warm-up. Args: [runs (default 5)] [round trips (default 200)]
/// [dotnet-interactive path (default /tmp/dotnet-interactive/dotnet-interactive)].
/// </summary>
public sealed class KernelBench : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "kernel";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var roundTrips = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var peer = args.Length > 2 ? args[2] : "/tmp/dotnet-interactive/dotnet-interactive";
        var cli = Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");

        var ready = new List<double>();
        var firstResult = new List<double>();
        var peerReady = new List<double>();
        var peerFirst = new List<double>();
        List<double> latencies = [];
        List<double> protocol = [];
        var loadBefore = LoadAverage();
        List<double> peerLatencies = [];
        for (var run = 0; run < runs; run++)
        {
            var measured = await MeasureWorkbenchAsync(cli, run == 0 ? roundTrips : 0);
            ready.Add(measured.Ready);
            firstResult.Add(measured.First);
            if (run == 0) (latencies, protocol) = (measured.Latencies, measured.Protocol ?? []);
            if (File.Exists(peer))
            {
                var p = await MeasurePeerAsync(peer, run == 0 ? Math.Min(roundTrips, 50) : 0);
                peerReady.Add(p.Ready);
                peerFirst.Add(p.First);
                if (run == 0) peerLatencies = p.Latencies;
            }
            Console.WriteLine($"run {run + 1}: workbench ready {measured.Ready:0} ms, first result {measured.First:0} ms" +
                              (peerReady.Count > run ? $"; dotnet-interactive ready {peerReady[run]:0} ms, first result {peerFirst[run]:0} ms" : ""));
        }

        var table = new StringBuilder();
        table.AppendLine("# Benchmark: kernel");
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        table.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version} (shared with other builds while measured)");
        table.AppendLine(CultureInfo.InvariantCulture, $"- Workbench kernel: `workbench kernel` {WorkbenchInfo.Version} (Release), Jupyter protocol 5.3 over NetMQ 4.0.4.5 on 127.0.0.1");
        table.AppendLine(CultureInfo.InvariantCulture, $"- Peer: dotnet-interactive {(File.Exists(peer) ? PeerVersion(peer) : "not installed")} (`dotnet-interactive stdio`, JSON lines)");
        table.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1 min) at start and end: {loadBefore} / {LoadAverage()} on {Environment.ProcessorCount} cores");
        table.AppendLine(CultureInfo.InvariantCulture, $"- Cold starts: {runs} each, alternating; round trips: {latencies.Count} after 20 warm-up executions (peer: {peerLatencies.Count})");
        table.AppendLine();
        table.AppendLine("| measure | workbench kernel median | p95 | dotnet-interactive stdio median | p95 | goal |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
        Row(table, "cold start to ready (kernel_info_reply / KernelReady), ms", ready, peerReady, "no slower than the peer");
        Row(table, "cold start to first `1+1` result, ms", firstResult, peerFirst, "");
        Row(table, "round trip `1+1` after warm-up (request to reply and idle), ms", latencies, peerLatencies, "< 20 ms");
        Row(table, "round trip kernel_info (protocol only, no compilation), ms", protocol, [], "");
        table.AppendLine();
        table.AppendLine("Ready means: the front end may send requests. The workbench kernel answers kernel_info before its C# engine");
        table.AppendLine("has compiled its warm-up submission (the engine starts in the background), so the first-result row shows when");
        table.AppendLine("code actually runs. The peer's round trip is SubmitCode to CommandSucceeded over its stdio protocol. Both kernels");
        table.AppendLine("compile every submission with Roslyn scripting; the kernel_info row is what the Jupyter layer itself adds.");
        var text = table.ToString();
        Console.WriteLine(text);
        var results = Path.Combine(RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(results);
        Workbench.IO.AtomicFile.WriteAllText(Path.Combine(results, "kernel.md"), text);
        NetMQConfig.Cleanup(block: false);
        return 0;
    }

    private static void Row(StringBuilder table, string name, List<double> ours, List<double> peer, string goal) =>
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {Median(ours):0.0} | {P95(ours):0.0} | {(peer.Count > 0 ? Median(peer).ToString("0.0", CultureInfo.InvariantCulture) : "n/a")} | {(peer.Count > 0 ? P95(peer).ToString("0.0", CultureInfo.InvariantCulture) : "n/a")} | {goal} |");

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double P95(List<double> values) => Percentile(values, 0.95);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private sealed record Measured(double Ready, double First, List<double> Latencies, List<double>? Protocol = null);

    private static async Task<Measured> MeasureWorkbenchAsync(string cli, int roundTrips)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wb-kernel-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var ports = FreePorts(5);
        var key = Guid.NewGuid().ToString();
        var connectionFile = Path.Combine(folder, "connection.json");
        File.WriteAllText(connectionFile, new JsonObject
        {
            ["shell_port"] = ports[0], ["iopub_port"] = ports[1], ["stdin_port"] = ports[2], ["control_port"] = ports[3], ["hb_port"] = ports[4],
            ["ip"] = "127.0.0.1", ["key"] = key, ["transport"] = "tcp", ["signature_scheme"] = "hmac-sha256",
        }.ToJsonString());
        var signer = new MessageSigner(Encoding.UTF8.GetBytes(key));
        var session = Guid.NewGuid().ToString("N");
        using var shell = new DealerSocket();
        using var iopub = new SubscriberSocket();
        shell.Options.ReconnectInterval = TimeSpan.FromMilliseconds(5);
        iopub.Options.ReconnectInterval = TimeSpan.FromMilliseconds(5);
        shell.Options.Linger = TimeSpan.Zero;
        iopub.Options.Linger = TimeSpan.Zero;
        iopub.SubscribeToAnyTopic();
        var info = new ProcessStartInfo(WorkerHost()) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { cli, "kernel", "--connection-file", connectionFile }) info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        shell.Connect($"tcp://127.0.0.1:{ports[0]}");
        iopub.Connect($"tcp://127.0.0.1:{ports[1]}");
        Send(shell, signer, session, "kernel_info_request", new JsonObject());
        Receive(shell, signer, "kernel_info_reply", TimeSpan.FromMinutes(2));
        var ready = clock.Elapsed.TotalMilliseconds;
        var id = Send(shell, signer, session, "execute_request", Execute("1+1"));
        Receive(shell, signer, "execute_reply", TimeSpan.FromMinutes(2));
        var first = clock.Elapsed.TotalMilliseconds;
        var latencies = new List<double>();
        var protocol = new List<double>();
        for (var i = 0; i < (roundTrips > 0 ? 20 + roundTrips : 0); i++)
        {
            var start = Stopwatch.GetTimestamp();
            Send(shell, signer, session, "kernel_info_request", new JsonObject());
            Receive(shell, signer, "kernel_info_reply", TimeSpan.FromMinutes(1));
            if (i >= 20) protocol.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        if (roundTrips > 0)
        {
            // IOPub subscriptions take effect asynchronously; drain until the warm-up traffic is seen.
            for (var i = 0; i < 20 + roundTrips; i++)
            {
                var start = Stopwatch.GetTimestamp();
                id = Send(shell, signer, session, "execute_request", Execute("1+1"));
                Receive(shell, signer, "execute_reply", TimeSpan.FromMinutes(1));
                WaitIdle(iopub, signer, id, TimeSpan.FromSeconds(i < 20 ? 2 : 30));
                if (i >= 20) latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        Send(shell, signer, session, "shutdown_request", new JsonObject { ["restart"] = false });
        Receive(shell, signer, "shutdown_reply", TimeSpan.FromSeconds(30));
        if (!process.WaitForExit(30_000)) process.Kill(entireProcessTree: true);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        await Task.CompletedTask;
        return new Measured(ready, first, latencies, protocol);
    }

    private static JsonObject Execute(string code) => new()
    {
        ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(), ["allow_stdin"] = false,
        ["stop_on_error"] = true,
    };

    private static string Send(DealerSocket socket, MessageSigner signer, string session, string type, JsonObject content)
    {
        var header = JupyterMessage.NewHeader(type, session);
        var message = new JupyterMessage([], header, new JsonObject(), new JsonObject(), content, []);
        socket.SendMultipartBytes(message.ToFrames(signer));
        return header["msg_id"]!.GetValue<string>();
    }

    private static JupyterMessage Receive(NetMQSocket socket, MessageSigner signer, string type, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var frames = new List<byte[]>();
            if (left <= TimeSpan.Zero || !socket.TryReceiveMultipartBytes(left, ref frames))
                throw new TimeoutException($"no {type} within {timeout.TotalSeconds} s");
            var message = JupyterMessage.TryParse(frames, signer, out var error) ?? throw new InvalidOperationException("bad reply: " + error);
            if (message.MessageType == type) return message;
        }
    }

    private static void WaitIdle(SubscriberSocket iopub, MessageSigner signer, string parentId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var frames = new List<byte[]>();
            if (!iopub.TryReceiveMultipartBytes(deadline - DateTime.UtcNow, ref frames)) return;
            var message = JupyterMessage.TryParse(frames, signer, out _);
            if (message?.MessageType == "status" && message.ParentHeader["msg_id"]?.GetValue<string>() == parentId
                && message.Content["execution_state"]?.GetValue<string>() == "idle") return;
        }
    }

    private static async Task<Measured> MeasurePeerAsync(string tool, int roundTrips)
    {
        var info = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("stdio");
        info.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        process.StandardInput.AutoFlush = true;
        await WaitLineAsync(process, l => l.Contains("\"KernelReady\"", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var ready = clock.Elapsed.TotalMilliseconds;
        await SubmitPeerAsync(process, "1+1");
        var first = clock.Elapsed.TotalMilliseconds;
        var latencies = new List<double>();
        for (var i = 0; i < (roundTrips > 0 ? 20 + roundTrips : 0); i++)
        {
            var start = Stopwatch.GetTimestamp();
            await SubmitPeerAsync(process, "1+1");
            if (i >= 20) latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        process.StandardInput.Close();
        if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        return new Measured(ready, first, latencies);
    }

    private static async Task SubmitPeerAsync(Process process, string code)
    {
        var token = Guid.NewGuid().ToString("N");
        var envelope = new JsonObject
        {
            ["token"] = token, ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
        };
        await process.StandardInput.WriteLineAsync(envelope.ToJsonString());
        var line = await WaitLineAsync(process, l => l.Contains(token, StringComparison.Ordinal)
            && (l.Contains("\"CommandSucceeded\"", StringComparison.Ordinal) || l.Contains("\"CommandFailed\"", StringComparison.Ordinal)), TimeSpan.FromMinutes(2));
        if (line.Contains("\"CommandFailed\"", StringComparison.Ordinal)) throw new InvalidOperationException("dotnet-interactive failed: " + line);
    }

    private static async Task<string> WaitLineAsync(Process process, Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("dotnet-interactive exited");
            if (match(line)) return line;
        }
    }

    private static string PeerVersion(string tool)
    {
        var store = Path.Combine(Path.GetDirectoryName(tool)!, ".store", "microsoft.dotnet-interactive");
        return Directory.Exists(store) ? string.Join(", ", Directory.GetDirectories(store).Select(Path.GetFileName)) : "unknown version";
    }

    private static List<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static string WorkerHost()
    {
        var process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }
}
