using Workbench.Notebooks.Engine;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// <see cref="PackageRestoreLock"/>: one <c>#r "nuget:"</c> restore at a time, so two workers starting together do not
/// race on .NET Interactive's resolved-references cache file ("PackageManagement Error 999 ... being used by another
/// process", seen in the full suite when studies 01 and 02 restored at the same moment).
/// </summary>
public sealed class PackageRestoreLockTests
{
    [Theory]
    [InlineData("#r \"nuget: Workbench, [0.1.0]\"", true)]
    [InlineData("  #r \"nuget: Plotly.NET, 5.0.0\"\nvar x = 1;", true)]
    [InlineData("using Workbench.Data;\n#r \"nuget: Workbench, [0.1.0]\"", true)]
    [InlineData("// #r \"nuget: Workbench, [0.1.0]\" is how the library loads", false)]
    [InlineData("var s = \"nuget: not a directive\";", false)]
    [InlineData("#r \"../lib/Some.dll\"", false)]
    public void Needed_NuGetDirectiveLine_Only(string code, bool expected) =>
        Assert.Equal(expected, PackageRestoreLock.Needed(code));

    [Fact]
    public async Task AcquireAsync_WhileHeld_WaitsUntilReleased()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var first = await PackageRestoreLock.AcquireAsync(timeout.Token);
        var second = PackageRestoreLock.AcquireAsync(timeout.Token);
        await Task.Delay(300, timeout.Token);
        Assert.False(second.IsCompleted, "a second restore must wait while the first holds the lock");
        first.Dispose();
        using var held = await second;
        Assert.True(File.Exists(PackageRestoreLock.LockFile));
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_StopsWaiting()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var first = await PackageRestoreLock.AcquireAsync(timeout.Token);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PackageRestoreLock.AcquireAsync(cancel.Token));
    }
}
