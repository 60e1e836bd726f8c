using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Workbench.Processes;

/// <summary>
/// Starts helper processes (notebook workers, the export browser) so that they and everything they start die with the
/// process that started them: each gets a session and process group of its own (<c>setsid</c>), a parent-death signal
/// (<c>setpriv --pdeathsig KILL</c>), and its group is registered with a guardian that kills it when this process ends,
/// however it ends (<c>kill -9</c> included).
/// </summary>
/// <remarks>
/// The parent-death signal of Linux (<c>prctl(PR_SET_PDEATHSIG)</c>) fires when the <em>thread</em> that forked the
/// child exits, so children are forked from one long-lived thread, never from a pool thread that may retire. The signal
/// reaches only the direct child; grandchildren (a <c>sleep</c> a notebook cell started) are reached through the process
/// group: <see cref="KillGroup(System.Diagnostics.Process)"/> on a normal end or a timeout, the guardian when this process is killed. The guardian is
/// a small <c>/bin/sh</c> loop in a session of its own that reads group ids on its standard input; the write end is
/// held only by this process (close-on-exec), so the kernel closes it when this process dies, whatever the signal.
/// Where <c>setsid</c> or <c>setpriv</c> is missing (not Linux), processes start plainly and
/// <see cref="KillGroup(System.Diagnostics.Process)"/> falls back to killing the process tree.
/// </remarks>
public static class ChildProcess
{
    private const string SetsidPath = "/usr/bin/setsid";
    private const string SetprivPath = "/usr/bin/setpriv";
    private const int SigKill = 9;

    private const string GuardianScript = """
        exec >/dev/null 2>&1
        trap '' INT HUP TERM PIPE
        groups=' '
        while IFS= read -r line; do
          case "$line" in
            +*) groups="$groups${line#+} " ;;
            -*) keep=' '; for g in $groups; do [ "$g" = "${line#-}" ] || keep="$keep$g "; done; groups=$keep ;;
          esac
        done
        for g in $groups; do kill -KILL -"$g"; done
        """;

    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Queue = [];
    private static readonly Lock GuardianGate = new();
    private static Process? _guardian;

    static ChildProcess()
    {
        // The forking thread lives as long as the process: a parent-death signal must not fire because it ended.
        var thread = new Thread(Fork) { IsBackground = true, Name = "workbench child-process launcher" };
        thread.Start();
    }

    /// <summary>True when children get a process group of their own and a parent-death signal (Linux with util-linux).</summary>
    public static bool Isolates { get; } = Probe();

    /// <summary>
    /// Starts <paramref name="info"/> in a new process group (its id is the returned process's id) that is killed when
    /// this process ends. Call <see cref="KillGroup(System.Diagnostics.Process)"/> when done with it.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static Process Start(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((Isolates ? Wrapped(info) : info, started));
        var process = started.Task.GetAwaiter().GetResult();
        if (Isolates) Guard(process.Id);
        return process;
    }

    /// <summary>The arguments that make a program start in a session of its own (for launchers that take an executable path).</summary>
    internal static IReadOnlyList<string> IsolatingPrefix => Isolates ? [SetsidPath, SetprivPath, "--pdeathsig", "KILL", "--"] : [];

    /// <summary>Registers a process group (a process started in a session of its own) to be killed when this process ends.</summary>
    public static void Guard(int processGroup)
    {
        if (!Isolates || processGroup <= 1) return;
        Tell("+" + processGroup);
    }

    /// <summary>
    /// Kills every process of the group led by <paramref name="process"/> (the process and whatever it started) and
    /// forgets the group. Harmless when they have already exited.
    /// </summary>
    public static void KillGroup(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        int id;
        try { id = process.Id; }
        catch (InvalidOperationException) { return; }
        if (Isolates) KillGroup(id);
        else
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
            catch (System.ComponentModel.Win32Exception) { }
        }
    }

    /// <summary>Kills the process group <paramref name="processGroup"/> and forgets it.</summary>
    public static void KillGroup(int processGroup)
    {
        if (!Isolates || processGroup <= 1) return;
        _ = kill(-processGroup, SigKill);
        Tell("-" + processGroup);
    }

    /// <summary>True while some process of the group <paramref name="processGroup"/> is alive (Linux).</summary>
    public static bool GroupAlive(int processGroup) => Isolates && processGroup > 1 && kill(-processGroup, 0) == 0;

    /// <summary>The tools exist and work here (a container may forbid the parent-death signal).</summary>
    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(SetsidPath) || !File.Exists(SetprivPath) || !File.Exists("/bin/sh")) return false;
        try
        {
            var info = new ProcessStartInfo(SetsidPath) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in new[] { SetprivPath, "--pdeathsig", "KILL", "--", "/bin/sh", "-c", "exit 0" }) info.ArgumentList.Add(a);
            using var probe = Process.Start(info);
            if (probe is null) return false;
            probe.StandardError.ReadToEnd();
            return probe.WaitForExit(10_000) && probe.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    private static ProcessStartInfo Wrapped(ProcessStartInfo info)
    {
        var wrapped = new ProcessStartInfo(SetsidPath)
        {
            WorkingDirectory = info.WorkingDirectory,
            RedirectStandardInput = info.RedirectStandardInput,
            RedirectStandardOutput = info.RedirectStandardOutput,
            RedirectStandardError = info.RedirectStandardError,
            StandardInputEncoding = info.StandardInputEncoding,
            StandardOutputEncoding = info.StandardOutputEncoding,
            StandardErrorEncoding = info.StandardErrorEncoding,
            UseShellExecute = false,
        };
        foreach (var a in new[] { SetprivPath, "--pdeathsig", "KILL", "--", info.FileName }) wrapped.ArgumentList.Add(a);
        foreach (var a in info.ArgumentList) wrapped.ArgumentList.Add(a);
        wrapped.Environment.Clear();
        foreach (var (k, v) in info.Environment) wrapped.Environment[k] = v;
        return wrapped;
    }

    private static void Fork()
    {
        foreach (var (info, started) in Queue.GetConsumingEnumerable())
        {
            try { started.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"'{info.FileName}' did not start.")); }
            catch (Exception ex) { started.SetException(ex); }
        }
    }

    private static void Tell(string line)
    {
        lock (GuardianGate)
        {
            try
            {
                if (_guardian is null || _guardian.HasExited)
                {
                    var info = new ProcessStartInfo(SetsidPath) { RedirectStandardInput = true, UseShellExecute = false };
                    foreach (var a in new[] { "/bin/sh", "-c", GuardianScript }) info.ArgumentList.Add(a);
                    _guardian = Process.Start(info);
                }
                _guardian?.StandardInput.WriteLine(line);
                _guardian?.StandardInput.Flush();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Without a guardian the groups are still killed on a normal end and on timeouts; only kill -9 of this
                // process would leave them.
                _guardian = null;
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
