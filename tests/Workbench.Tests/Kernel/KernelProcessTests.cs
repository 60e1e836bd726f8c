using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using Workbench.Notebooks.Jupyter;
using Workbench.Notebooks.Running;

namespace Workbench.Tests.Kernel;

/// <summary>
/// <c>workbench kernel</c> as a separate process, as front ends start it: what a hostile or vanished peer can do to
/// the process itself (its memory, its lifetime). Linux only (reads /proc); the CI machine is Linux.
/// </summary>
public sealed class KernelProcessTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "wb-kernel-proc-" + Guid.NewGuid().ToString("N")[..8])).FullName;
    private readonly MessageSigner _signer = new(Encoding.UTF8.GetBytes(KernelHarness.Key));
    private readonly List<int> _started = [];

    public void Dispose()
    {
        foreach (var pid in _started.Where(Alive)) Process.GetProcessById(pid).Kill();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Kernel_UnsignedFrameOf300MB_RefusedWithoutGrowingTheProcess()
    {
        var (file, ports) = ConnectionFile();
        var info = new ProcessStartInfo(WorkerCommand.DotnetHost()) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { JupyterTools.CliDll, "kernel", "--connection-file", file }) info.ArgumentList.Add(a);
        using var kernel = Process.Start(info)!;
        _started.Add(kernel.Id);
        var stderr = kernel.StandardError.ReadToEndAsync();
        using (var shell = new DealerSocket($">tcp://127.0.0.1:{ports[0]}"))
        {
            // Warm: the engine has started and run a cell, so its own growth is over before the baseline.
            Send(shell, "execute_request", new JsonObject { ["code"] = "1 + 1", ["silent"] = false });
            Assert.True(Receive(shell, TimeSpan.FromMinutes(3)) is not null, "the kernel did not answer an execute_request");
        }
        GC.Collect();
        var baseline = ResetPeak(kernel.Id);
        using (var attacker = new DealerSocket($">tcp://127.0.0.1:{ports[0]}"))
        {
            var big = new byte[300_000_000];
            attacker.SendMultipartBytes(JupyterMessage.Delimiter, [], big, "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray());
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        var peak = Status(kernel.Id, "VmHWM");
        output.WriteLine($"baseline {baseline >> 20} MiB, peak after the 300 MB frame {peak >> 20} MiB");
        Assert.False(kernel.HasExited, "the kernel died: " + (kernel.HasExited ? await stderr : ""));
        Assert.True(peak - baseline < 100L * 1024 * 1024, $"the kernel's peak memory grew by {(peak - baseline) >> 20} MiB (baseline {baseline >> 20} MiB)");
        using (var shell = new DealerSocket($">tcp://127.0.0.1:{ports[0]}"))
        {
            Send(shell, "kernel_info_request", new JsonObject());
            Assert.True(Receive(shell, TimeSpan.FromSeconds(60)) is not null, "the kernel stopped answering after the oversized frame");
        }
        kernel.Kill();
    }

    [Fact]
    public async Task Kernel_FrontEndKilled_KernelExits()
    {
        var (file, ports) = ConnectionFile();
        var log = Path.Combine(_root, "kernel.log");
        // The shell plays the front end: it starts the kernel with its own pid in JPY_PARENT_PID, as jupyter_client does.
        var script = $"JPY_PARENT_PID=$$ '{WorkerCommand.DotnetHost()}' '{JupyterTools.CliDll}' kernel --connection-file '{file}' >'{log}' 2>&1 & echo $!; wait";
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var frontEnd = Process.Start(info)!;
        _started.Add(frontEnd.Id);
        var kernelPid = int.Parse((await frontEnd.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
        _started.Add(kernelPid);
        using (var shell = new DealerSocket($">tcp://127.0.0.1:{ports[0]}"))
        {
            Send(shell, "kernel_info_request", new JsonObject());
            Assert.True(Receive(shell, TimeSpan.FromMinutes(2)) is not null, "the kernel did not start: " + Read(log));
        }
        frontEnd.Kill();
        var clock = Stopwatch.StartNew();
        while (Alive(kernelPid) && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(200);
        Assert.False(Alive(kernelPid), "the kernel outlived its front end by 60 s: " + Read(log));
        output.WriteLine($"the kernel exited {clock.Elapsed.TotalSeconds:0.0} s after its front end was killed");
        Assert.Contains("has exited; the kernel stops", Read(log));
    }

    private (string File, List<int> Ports) ConnectionFile()
    {
        var ports = KernelHarness.FreePorts(5);
        var file = Path.Combine(_root, $"kernel-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, new JsonObject
        {
            ["shell_port"] = ports[0], ["iopub_port"] = ports[1], ["stdin_port"] = ports[2], ["control_port"] = ports[3], ["hb_port"] = ports[4],
            ["ip"] = "127.0.0.1", ["key"] = KernelHarness.Key, ["transport"] = "tcp", ["signature_scheme"] = "hmac-sha256",
        }.ToJsonString());
        return (file, ports);
    }

    private void Send(NetMQSocket socket, string type, JsonObject content) =>
        socket.SendMultipartBytes(new JupyterMessage([], JupyterMessage.NewHeader(type, "test"), new JsonObject(), new JsonObject(), content, []).ToFrames(_signer));

    private JupyterMessage? Receive(NetMQSocket socket, TimeSpan timeout)
    {
        var frames = new List<byte[]>();
        return socket.TryReceiveMultipartBytes(timeout, ref frames) ? JupyterMessage.TryParse(frames, _signer, out _) : null;
    }

    /// <summary>Resets the process's peak resident set (Linux clear_refs "5") and returns its current resident set, in bytes.</summary>
    private static long ResetPeak(int pid)
    {
        File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        return Math.Max(Status(pid, "VmRSS"), Status(pid, "VmHWM"));
    }

    private static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static bool Alive(int pid) =>
        File.Exists($"/proc/{pid}/status") && !File.ReadLines($"/proc/{pid}/status").Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("zombie", StringComparison.Ordinal));

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "(no log)";
}
