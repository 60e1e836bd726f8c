using System.Runtime.InteropServices;

namespace Workbench.IO;

/// <summary>
/// Replaces a whole output folder at once: the new content is written into a staging folder beside the target (a copy
/// of the previous content to start from), and <see cref="Commit"/> swaps the two. A run killed at any moment leaves
/// the target as the previous complete result or the new complete one, never a mix; the staging folders a killed run
/// left behind are removed when the next one begins.
/// </summary>
/// <remarks>
/// On Linux the swap is one <c>renameat2(RENAME_EXCHANGE)</c> call, atomic in the file system. Elsewhere (or on a file
/// system without it) the target is first renamed aside, then the staging folder into place; a kill between the two
/// renames leaves no target, and <see cref="Begin"/> renames the set-aside previous result back.
/// </remarks>
public sealed class StagedFolder : IDisposable
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    private readonly string _target;
    private bool _done;

    private StagedFolder(string target, string staging)
    {
        _target = target;
        Path = staging;
    }

    /// <summary>The staging folder: write the new content here.</summary>
    public string Path { get; }

    /// <summary>The folder that <see cref="Commit"/> replaces.</summary>
    public string Target => _target;

    /// <summary>
    /// Cleans up after killed runs, then creates the staging folder for <paramref name="target"/>, filled with a copy
    /// of its current content when <paramref name="copyExisting"/> (default true) so that what the run does not
    /// rewrite is kept.
    /// </summary>
    /// <param name="target">The output folder to replace.</param>
    /// <param name="inputs">Files and folders the run reads (and the current folder, always): the target may not hold
    /// any of them, since the swap replaces it whole.</param>
    /// <param name="copyExisting">Start from a copy of the current content. Default true.</param>
    /// <exception cref="ArgumentException">The target is a root folder or holds the current folder or an input.</exception>
    public static StagedFolder Begin(string target, IEnumerable<string>? inputs = null, bool copyExisting = true)
    {
        var full = Validate(target, inputs);
        var parent = System.IO.Path.GetDirectoryName(full)!;
        var name = System.IO.Path.GetFileName(full);
        Directory.CreateDirectory(parent);
        Recover(full, parent, name);
        var staging = System.IO.Path.Combine(parent, TempFolders.Name(StagingPrefix(name)));
        Directory.CreateDirectory(staging);
        try
        {
            if (copyExisting && Directory.Exists(full)) CopyTree(full, staging);
        }
        catch
        {
            TempFolders.Delete(staging);
            throw;
        }
        return new StagedFolder(full, staging);
    }

    /// <summary>
    /// Checks that <paramref name="target"/> can be replaced whole: not a root folder, and holding neither the current
    /// folder nor any of <paramref name="inputs"/>. Returns its full path.
    /// </summary>
    /// <exception cref="ArgumentException">It cannot; the message says what to give instead.</exception>
    public static string Validate(string target, IEnumerable<string>? inputs = null)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
        if (System.IO.Path.GetDirectoryName(full) is null) throw new ArgumentException($"'{target}' cannot be the output folder: it is a root folder.");
        foreach (var input in (inputs ?? []).Append(Directory.GetCurrentDirectory()))
        {
            var inside = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(input));
            if (inside == full || inside.StartsWith(full + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new ArgumentException($"the output folder '{target}' holds '{input}': it is replaced whole when the run ends, so give it a folder " +
                                            "of its own (such as out/ or out/figures), outside the current folder's parents and the inputs.");
        }
        return full;
    }

    /// <summary>Puts the staged content in place of the target in one step and removes the previous content.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        if (!Directory.Exists(_target))
        {
            Directory.Move(Path, _target);
            return;
        }
        if (OperatingSystem.IsLinux() && Exchange(Path, _target))
        {
            TempFolders.Delete(Path);
            return;
        }
        var parent = System.IO.Path.GetDirectoryName(_target)!;
        var previous = System.IO.Path.Combine(parent, TempFolders.Name(PreviousPrefix(System.IO.Path.GetFileName(_target))));
        Directory.Move(_target, previous);
        Directory.Move(Path, _target);
        TempFolders.Delete(previous);
    }

    /// <summary>Without <see cref="Commit"/>: removes the staging folder and leaves the target as it was.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        TempFolders.Delete(Path);
    }

    internal static string StagingPrefix(string name) => "." + name + ".staging-";

    internal static string PreviousPrefix(string name) => "." + name + ".previous-";

    private static void Recover(string full, string parent, string name)
    {
        if (!Directory.Exists(full))
        {
            // Killed between the two renames of the fallback swap: the previous result is set aside; put it back.
            var aside = Directory.EnumerateDirectories(parent, PreviousPrefix(name) + "*")
                .Where(d => TempFolders.OwnerPid(System.IO.Path.GetFileName(d), PreviousPrefix(name)) is not null)
                .OrderByDescending(Directory.GetLastWriteTimeUtc).FirstOrDefault();
            if (aside is not null && !ProcessRuns(aside, name))
            {
                try { Directory.Move(aside, full); }
                catch (IOException) { }
            }
        }
        TempFolders.RemoveAbandoned(StagingPrefix(name), parent);
        TempFolders.RemoveAbandoned(PreviousPrefix(name), parent);
    }

    private static bool ProcessRuns(string aside, string name) =>
        TempFolders.OwnerPid(System.IO.Path.GetFileName(aside), PreviousPrefix(name)) is { } pid &&
        (pid == Environment.ProcessId || (OperatingSystem.IsLinux() && Directory.Exists("/proc/" + pid)));

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file)));
    }

    private static bool Exchange(string a, string b) => renameat2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int olddirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, int newdirfd,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath, uint flags);
}
