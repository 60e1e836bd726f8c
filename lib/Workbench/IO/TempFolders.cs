using System.Globalization;

namespace Workbench.IO;

/// <summary>
/// Temporary folders named after the process that made them (<c>PREFIX&lt;pid&gt;-&lt;random&gt;</c>, mode 0700), so
/// that the next run can remove those a killed run left behind without touching those of a run still going.
/// </summary>
public static class TempFolders
{
    /// <summary>Creates a fresh folder under the system temporary folder, readable only by this user.</summary>
    /// <param name="prefix">The name's start, e.g. <c>workbench-verify-</c>.</param>
    public static string Create(string prefix) =>
        Directory.CreateTempSubdirectory(prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-").FullName;

    /// <summary>
    /// Removes the entries of <paramref name="parent"/> named <c>PREFIX&lt;pid&gt;-...</c> whose process no longer
    /// runs (default parent: the system temporary folder). Entries of living processes and other names are kept.
    /// </summary>
    /// <returns>The paths removed.</returns>
    public static IReadOnlyList<string> RemoveAbandoned(string prefix, string? parent = null)
    {
        parent ??= Path.GetTempPath();
        var removed = new List<string>();
        IEnumerable<string> entries;
        try { entries = Directory.EnumerateFileSystemEntries(parent, prefix + "*").ToList(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return removed; }
        foreach (var entry in entries)
        {
            if (OwnerPid(Path.GetFileName(entry), prefix) is not { } pid || ProcessAlive(pid)) continue;
            Delete(entry);
            if (!Path.Exists(entry)) removed.Add(entry);
        }
        return removed;
    }

    /// <summary>Deletes a file or folder (recursively); errors are ignored.</summary>
    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The pid in a name made by <see cref="Create"/> or <see cref="Name"/>, or null.</summary>
    internal static int? OwnerPid(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = name[prefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>A name for a temporary entry owned by this process: <c>PREFIX&lt;pid&gt;-&lt;random&gt;</c>.</summary>
    public static string Name(string prefix) =>
        prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];

    private static bool ProcessAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        if (OperatingSystem.IsLinux()) return Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
