using System.Text.RegularExpressions;

namespace Workbench.Notebooks.Engine;

/// <summary>
/// One <c>#r "nuget: ..."</c> restore at a time across this user's workbench processes. .NET Interactive
/// (1.0.0-beta.26120.1) keeps its resolved references in <c>~/.packagemanagement/nuget/Cache/*.resolvedReferences.paths</c>
/// and writes that file while another process may be reading it: two workers that reach their first <c>#r</c> together
/// (<c>verify</c> starts two studies at once) can fail with "PackageManagement Error 999 ... being used by another
/// process". Under this lock the second worker waits for the first restore and then finds it in the cache, which also
/// spares it the restore's CPU.
/// </summary>
/// <remarks>
/// The lock is a file opened with <see cref="FileShare.None"/>, which .NET on Unix takes as an advisory <c>flock</c>: the
/// kernel releases it when the holder exits, however it exits, so a killed worker never leaves a stale lock.
/// </remarks>
internal static partial class PackageRestoreLock
{
    [GeneratedRegex(@"^\s*#r\s+""nuget:", RegexOptions.Multiline)]
    private static partial Regex NuGetDirective();

    /// <summary>True when <paramref name="code"/> has a <c>#r "nuget: ..."</c> line.</summary>
    public static bool Needed(string code) => code.Contains("nuget:", StringComparison.Ordinal) && NuGetDirective().IsMatch(code);

    /// <summary>The lock file: one per user in the temporary folder.</summary>
    public static string LockFile => Path.Combine(Path.GetTempPath(), $"workbench-nuget-restore-{Environment.UserName}.lock");

    /// <summary>Waits until this process holds the lock (polling every 25 ms) or <paramref name="cancellationToken"/> fires; dispose to release.</summary>
    public static async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException)
            {
                await Task.Delay(25, cancellationToken);
            }
        }
    }
}
