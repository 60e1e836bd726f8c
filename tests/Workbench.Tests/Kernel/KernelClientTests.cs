namespace Workbench.Tests.Kernel;

/// <summary>
/// Drives <c>workbench kernel</c> with Jupyter's own client library (the committed script
/// Fixtures/Kernel/kernel_client_check.py): kernel_info, execute, streams and displays, errors, interrupt of a
/// cooperative and of a blocking cell, stop_on_error aborts, completion, inspection, is_complete, comm_info, rejected
/// signatures, restart.
/// </summary>
public sealed class KernelClientTests
{
    [Fact]
    public async Task JupyterClient_FullSession_EveryCheckPasses()
    {
        await JupyterTools.RequireModulesAsync("jupyter_client", "zmq");
        using var tools = new JupyterTools();
        await tools.InstallKernelSpecAsync();
        var work = Path.Combine(tools.Root, "work");
        Directory.CreateDirectory(work);
        var result = await JupyterTools.RunAsync(JupyterTools.Python, [JupyterTools.Fixture("kernel_client_check.py"), work],
            tools.Environment(), TimeSpan.FromMinutes(8));
        var log = Path.Combine(work, "kernel-stderr.log");
        var kernelLog = File.Exists(log) ? File.ReadAllText(log) : "(no kernel log)";
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}\nkernel log:\n{kernelLog}");
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        // Every check ran: a script that stopped early would pass fewer.
        Assert.True(lines.Count(l => l.StartsWith("PASS", StringComparison.Ordinal)) >= 26, result.Stdout);
        Assert.Contains("rejected a message on shell: wrong signature", kernelLog);
        Assert.False(File.Exists(Path.Combine(work, "must-not-exist.txt")));
    }
}
