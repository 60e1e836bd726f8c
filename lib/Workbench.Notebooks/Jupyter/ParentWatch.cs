using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Workbench.Notebooks.Jupyter;

/// <summary>
/// Tells when the front end that started the kernel is gone, so that a kernel whose JupyterLab or VS Code was killed
/// does not run on as an orphan.
/// </summary>
/// <remarks>
/// The rule of ipykernel's <c>ParentPollerUnix</c> (ipykernel 6): front ends put their process id in
/// <c>JPY_PARENT_PID</c>; when that is the kernel's parent, the parent is gone as soon as the kernel's parent process id
/// changes (the kernel was re-parented to init or a subreaper). When a wrapper started the kernel (its parent is not
/// <c>JPY_PARENT_PID</c>), the parent is gone when the kernel is re-parented to init (pid 1). A <c>JPY_PARENT_PID</c> of
/// 1 is not watched (init never exits). On Windows the process with that id must still run. ipykernel does not end a
/// kernel whose heartbeat is no longer pinged (front ends ping only while they watch), and neither does this kernel.
/// </remarks>
public static class ParentWatch
{
    /// <summary>A check that is true once the front end <paramref name="parentProcessId"/> is gone; null when it cannot be watched.</summary>
    public static Func<bool>? For(int parentProcessId)
    {
        if (parentProcessId <= 1) return null;
        if (OperatingSystem.IsWindows()) return () => !Alive(parentProcessId);
        var original = GetParentProcessId();
        if (original == parentProcessId) return () => GetParentProcessId() != parentProcessId;
        return () => GetParentProcessId() == 1;
    }

    private static bool Alive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentProcessId();
}
