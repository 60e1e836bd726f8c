using System.Diagnostics;
using System.Globalization;
using System.Text;
using Workbench.Notebooks.Running;

namespace Workbench.Tests.Processes;

/// <summary>
/// Looks at the processes of this machine through /proc (Linux): which carry a marker in their arguments or
/// environment, which belong to a process group, which hold a listening TCP socket. Used by the tests that prove a run
/// leaves no process behind.
/// </summary>
internal static class ProcessProbe
{
    /// <summary>The environment variable the tests set on a CLI process; every process it starts inherits it.</summary>
    public const string MarkerVariable = "WB_TEST_PROCESS_MARKER";

    public static string NewMarker() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>A duration for <c>sleep</c> that no other process uses, so its argument marks it.</summary>
    public static string UniqueSleep() => "600." + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    public static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, CultureInfo.InvariantCulture));

    /// <summary>Living processes (not zombies) whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> WithArgument(string text) =>
        Pids().Where(p => Alive(p) && Read($"/proc/{p}/cmdline").Replace('\0', ' ').Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>Living processes (not zombies) that inherited <see cref="MarkerVariable"/>=<paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> WithMarker(string marker) =>
        Pids().Where(p => p != Environment.ProcessId && Alive(p) && Read($"/proc/{p}/environ").Split('\0').Contains($"{MarkerVariable}={marker}")).ToList();

    public static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();

    /// <summary>The process and every living descendant, with the members of its process group.</summary>
    public static IReadOnlySet<int> Family(int root)
    {
        var stats = Pids().Select(p => (Pid: p, Stat: Stat(p))).Where(s => s.Stat is not null).ToList();
        var family = new HashSet<int> { root };
        foreach (var s in stats.Where(s => s.Stat!.Value.Group == root)) family.Add(s.Pid);
        bool grew;
        do
        {
            grew = false;
            foreach (var s in stats.Where(s => family.Contains(s.Stat!.Value.Parent) && !family.Contains(s.Pid))) grew |= family.Add(s.Pid);
        } while (grew);
        return family;
    }

    /// <summary>The local ports on which any of <paramref name="pids"/> holds a listening TCP socket (IPv4 or IPv6).</summary>
    public static IReadOnlyList<int> ListeningPorts(IEnumerable<int> pids)
    {
        var listening = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in Read(table).Split('\n').Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || f[3] != "0A") continue; // 0A = LISTEN
                var port = int.Parse(f[1][(f[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                listening[$"socket:[{f[9]}]"] = port;
            }
        }
        var ports = new List<int>();
        foreach (var pid in pids)
        {
            IEnumerable<string> fds;
            try { fds = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").ToList(); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { continue; }
            foreach (var fd in fds)
            {
                string? link = null;
                try { link = new FileInfo(fd).LinkTarget; }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
                if (link is not null && listening.TryGetValue(link, out var port)) ports.Add(port);
            }
        }
        return ports;
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="within"/> passes.</summary>
    public static async Task<bool> WaitUntil(Func<bool> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }
        return condition();
    }

    /// <summary>Starts the workbench CLI with the marker in its environment (output read in the background).</summary>
    public static Process StartCli(string workingDirectory, string marker, params string[] args)
    {
        var info = new ProcessStartInfo(WorkerCommand.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment[MarkerVariable] = marker;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Sends SIGKILL to <paramref name="process"/> alone (not its children) and reaps it.</summary>
    public static void KillHard(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: false);
        process.WaitForExit(10_000);
    }

    /// <summary>Kills what a failed test left (by marker), so one failure does not leave processes for the others.</summary>
    public static void KillLeftovers(string marker)
    {
        foreach (var pid in WithMarker(marker))
        {
            try { Process.GetProcessById(pid).Kill(); }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
    }

    public static string Describe(IEnumerable<int> pids) => string.Join("; ", pids.Select(p => $"{p}: {CommandLine(p)}"));

    private static bool Alive(int pid) => Stat(pid) is { State: not ('Z' or 'X') };

    private static (char State, int Parent, int Group)? Stat(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        var close = stat.LastIndexOf(')');
        if (close < 0) return null;
        var f = stat[(close + 2)..].Split(' ');
        return f.Length > 2 ? (f[0][0], int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture)) : null;
    }

    private static string Read(string path)
    {
        try { return Encoding.UTF8.GetString(File.ReadAllBytes(path)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return ""; }
    }
}
