namespace Workbench.Tests.Support;

/// <summary>The guard that keeps tests out of the repository's out/ and the user's kernelspec sees writes.</summary>
public sealed class UserFilesGuardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-guard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Snapshot_FileCreatedChangedOrRemoved_Reported()
    {
        var root = Path.Combine(_dir, "out");
        Directory.CreateDirectory(Path.Combine(root, "report"));
        File.WriteAllText(Path.Combine(root, "report", "kept.html"), "a");
        File.WriteAllText(Path.Combine(root, "changed.json"), "a");
        File.WriteAllText(Path.Combine(root, "removed.json"), "a");
        var before = Snapshot.Take([root, Path.Combine(_dir, "absent")]);

        File.WriteAllText(Path.Combine(root, "changed.json"), "ab");
        File.Delete(Path.Combine(root, "removed.json"));
        Directory.CreateDirectory(Path.Combine(root, "notebooks"));
        File.WriteAllText(Path.Combine(root, "notebooks", "new.ipynb"), "{}");

        Assert.Equal(
            [Path.Combine(root, "changed.json"), Path.Combine(root, "notebooks", "new.ipynb"), Path.Combine(root, "removed.json")],
            before.ChangesTo(Snapshot.Take(before.Roots)));
    }

    [Fact]
    public void WatchedRoots_IncludeRepositoryOutAndUserKernelspec()
    {
        var roots = UserFilesGuardAttribute.WatchedRoots();
        Assert.Contains(RepoPaths.At("out"), roots);
        Assert.Contains(roots, r => r.EndsWith(Path.Combine("jupyter", "kernels", "workbench-csharp"), StringComparison.Ordinal));
    }
}
