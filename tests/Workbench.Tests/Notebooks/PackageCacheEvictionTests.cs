using System.Security.Cryptography;
using Workbench.Tests.Support;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// The pack target that evicts a stale Workbench from the NuGet cache (lib/Workbench/Workbench.csproj): a changed package
/// is evicted (else notebooks would load the old copy of the same version); an unchanged one is kept, so the next
/// <c>#r "nuget:"</c> is answered from .NET Interactive's resolution cache instead of a fresh restore.
/// </summary>
public sealed class PackageCacheEvictionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-evict-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Cached => Path.Combine(_dir, "cache", "workbench", "0.1.0");

    private void Arrange(byte[] packed, string? cachedHash)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "packed"));
        File.WriteAllBytes(Path.Combine(_dir, "packed", "Workbench.0.1.0.nupkg"), packed);
        Directory.CreateDirectory(Path.Combine(Cached, "lib"));
        File.WriteAllText(Path.Combine(Cached, "lib", "Workbench.dll"), "cached");
        if (cachedHash is not null) File.WriteAllText(Path.Combine(Cached, "workbench.0.1.0.nupkg.sha512"), cachedHash);
    }

    private void Evict()
    {
        var result = RepoPaths.Bash(
            $"dotnet msbuild lib/Workbench/Workbench.csproj -nologo -v:q -t:EvictStaleWorkbenchFromNuGetCache " +
            $"-p:NuGetPackageRoot='{_dir}/cache' -p:PackageOutputPath='{_dir}/packed'", timeout: TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void SamePackage_KeepsTheCachedCopy()
    {
        var bytes = "package bytes"u8.ToArray();
        Arrange(bytes, Convert.ToBase64String(SHA512.HashData(bytes)));
        Evict();
        Assert.True(File.Exists(Path.Combine(Cached, "lib", "Workbench.dll")));
    }

    [Fact]
    public void ChangedPackage_OrNoHash_EvictsTheCachedCopy()
    {
        Arrange("new package"u8.ToArray(), Convert.ToBase64String(SHA512.HashData("old package"u8.ToArray())));
        Evict();
        Assert.False(Directory.Exists(Cached));

        Arrange("new package"u8.ToArray(), cachedHash: null);
        Evict();
        Assert.False(Directory.Exists(Cached));
    }
}
