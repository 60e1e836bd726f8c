using System.Reflection;
using Workbench.Notebooks.Jupyter;
using Xunit.Sdk;

[assembly: Workbench.Tests.Support.UserFilesGuard]

namespace Workbench.Tests.Support;

/// <summary>
/// Fails a test after which a file under the repository's <c>out/</c> (the user's main-job output) or the user's
/// Jupyter kernelspec of the workbench was created, changed or removed: <c>dotnet test</c> works in temporary folders
/// only (issue 13). The snapshot is taken when the first test starts and after each test; tests run in parallel, so the
/// failing test is the first to finish after the write, and the message names the paths.
/// </summary>
/// <remarks>
/// <c>dotnet pack</c> writing <c>artifacts/packages</c> (the local feed the README's main job and the studies tests
/// fill) and the build's <c>bin/</c> and <c>obj/</c> are build output, not watched.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class UserFilesGuardAttribute : BeforeAfterTestAttribute
{
    private static readonly Lock Gate = new();
    private static Snapshot? _baseline;

    /// <summary>The folders no test may write: the repository's out/ and the user's workbench kernelspec.</summary>
    public static IReadOnlyList<string> WatchedRoots()
    {
        // The folder `workbench kernel install` writes for this user, and the Linux default in case the test process
        // runs with JUPYTER_DATA_DIR or XDG_DATA_HOME set.
        var roots = new List<string> { RepoPaths.At("out"), Path.Combine(KernelSpec.UserKernelsFolder(), KernelSpec.Name) };
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0) roots.Add(Path.Combine(home, ".local", "share", "jupyter", "kernels", KernelSpec.Name));
        return roots.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest)
    {
        lock (Gate) _baseline ??= Snapshot.Take(WatchedRoots());
    }

    /// <inheritdoc />
    public override void After(MethodInfo methodUnderTest)
    {
        IReadOnlyList<string> changes;
        lock (Gate)
        {
            var now = Snapshot.Take(_baseline!.Roots);
            changes = _baseline.ChangesTo(now);
            // One test fails per write, the first to finish after it, not every test after it.
            _baseline = now;
        }
        if (changes.Count > 0)
            throw new XunitException($"{methodUnderTest.DeclaringType?.Name}.{methodUnderTest.Name} (or a test running beside it) wrote " +
                $"outside its temporary folder: {string.Join(", ", changes.Take(10))}{(changes.Count > 10 ? $" and {changes.Count - 10} more" : "")}. " +
                "Tests must write under a temporary folder (pass --out, --run-record, JUPYTER_DATA_DIR).");
    }
}

/// <summary>The files under some folders, with size and last write time.</summary>
public sealed class Snapshot
{
    private readonly Dictionary<string, (long Length, DateTime Written)> _files;

    private Snapshot(IReadOnlyList<string> roots, Dictionary<string, (long, DateTime)> files) => (Roots, _files) = (roots, files);

    /// <summary>The folders snapshotted.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Every file under <paramref name="roots"/> (a missing root holds none).</summary>
    public static Snapshot Take(IReadOnlyList<string> roots)
    {
        var files = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        foreach (var root in roots.Where(Directory.Exists))
        {
            try
            {
                foreach (var f in new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories))
                    files[f.FullName] = (f.Length, f.LastWriteTimeUtc);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
        return new Snapshot(roots, files);
    }

    /// <summary>The paths created, changed or removed between this snapshot and <paramref name="after"/>, in order.</summary>
    public IReadOnlyList<string> ChangesTo(Snapshot after)
    {
        var changed = after._files.Where(kv => !_files.TryGetValue(kv.Key, out var was) || was != kv.Value).Select(kv => kv.Key);
        var removed = _files.Keys.Where(k => !after._files.ContainsKey(k));
        return changed.Concat(removed).Order(StringComparer.Ordinal).ToList();
    }
}
