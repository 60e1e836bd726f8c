using System.Security.Cryptography;
using Workbench.IO;
using Workbench.Tests.Processes;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// <c>workbench verify</c> replaces its output folder whole: killed at any moment it leaves the previous complete
/// result or the new one, and the next run removes the staging folders a killed run left.
/// </summary>
public sealed class StagedOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-staged-").FullName;
    private readonly string _marker = ProcessProbe.NewMarker();

    public void Dispose()
    {
        ProcessProbe.KillLeftovers(_marker);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        !Directory.Exists(folder) ? [] : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private string[] Leftovers() => Directory.GetFileSystemEntries(_dir, ".out.*");

    [Fact]
    public void Commit_TargetExists_ReplacesWholeAndKeepsWhatTheRunDidNotRewrite()
    {
        var target = Path.Combine(_dir, "out");
        Directory.CreateDirectory(Path.Combine(target, "charts"));
        File.WriteAllText(Path.Combine(target, "run.json"), "old");
        File.WriteAllText(Path.Combine(target, "charts", "kept.svg"), "kept");

        using (var staged = StagedFolder.Begin(target))
        {
            File.WriteAllText(Path.Combine(staged.Path, "run.json"), "new");
            Assert.Equal("old", File.ReadAllText(Path.Combine(target, "run.json")));
            staged.Commit();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "run.json")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(target, "charts", "kept.svg")));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesTargetUntouched()
    {
        var target = Path.Combine(_dir, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "run.json"), "old");

        using (var staged = StagedFolder.Begin(target)) File.WriteAllText(Path.Combine(staged.Path, "run.json"), "half");

        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "run.json")));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void Begin_StagingOfKilledRun_RemovedButThatOfLivingRunKept()
    {
        var dead = Path.Combine(_dir, ".out.staging-999999999-abc");
        var living = Path.Combine(_dir, $".out.staging-{Environment.ProcessId}-abc");
        Directory.CreateDirectory(dead);
        Directory.CreateDirectory(living);

        using (StagedFolder.Begin(Path.Combine(_dir, "out"))) { }

        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(living));
    }

    [Fact]
    public void Begin_KilledBetweenFallbackRenames_PreviousResultPutBack()
    {
        var aside = Path.Combine(_dir, ".out.previous-999999999-abc");
        Directory.CreateDirectory(aside);
        File.WriteAllText(Path.Combine(aside, "run.json"), "previous");

        using (StagedFolder.Begin(Path.Combine(_dir, "out"))) { }

        Assert.Equal("previous", File.ReadAllText(Path.Combine(_dir, "out", "run.json")));
        Assert.Empty(Leftovers());
    }

    [SkippableFact]
    public async Task Verify_KilledAtAnyMoment_OutIsPreviousOrNewCompleteResult()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "kill -9 of a process");
        var nb = TestNotebooks.Write(Path.Combine(_dir, "nb"), "quick.ipynb", "1 + 1", "\"two\"");
        var outDir = Path.Combine(_dir, "out");
        string[] verify = ["verify", nb, "--out", outDir, "--no-report", "-j", "1"];
        var first = await NotebookWorkspace.RunCliAsync(_dir, verify);
        Assert.True(first.ExitCode is 0 or 1, first.Stderr);
        var previous = Snapshot(outDir);
        Assert.Contains("run.json", previous.Keys);
        Assert.Contains(Path.Combine("notebooks", "quick.ipynb"), previous.Keys);

        var outcomes = new List<string>();
        foreach (var delay in new[] { 200, 700, 1500, 2500, 3500, 5000, 7000 })
        {
            using var cli = ProcessProbe.StartCli(_dir, _marker, verify);
            await Task.Delay(delay);
            var finished = cli.HasExited;
            ProcessProbe.KillHard(cli);
            await ProcessProbe.WaitUntil(() => ProcessProbe.WithMarker(_marker).Count == 0, TimeSpan.FromSeconds(60));

            var now = Snapshot(outDir);
            Assert.Equal(previous.Keys.Order(StringComparer.Ordinal), now.Keys.Order(StringComparer.Ordinal));
            var same = now.Count(kv => previous[kv.Key] == kv.Value);
            // Both files carry the run's start time: a complete new result differs in every file, the previous in none.
            Assert.True(same == 0 || same == now.Count, $"after {delay} ms: a mix of the previous and the new result ({same} of {now.Count} files unchanged)");
            outcomes.Add(same == now.Count ? "previous" : "new");
            if (same == 0) previous = now;
            if (finished) break;
        }
        Assert.Contains("previous", outcomes);

        var last = await NotebookWorkspace.RunCliAsync(_dir, verify);
        Assert.True(last.ExitCode is 0 or 1, last.Stderr);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task Verify_OutHoldsTheNotebooks_ExitsTwoBeforeRunning()
    {
        var nb = TestNotebooks.Write(Path.Combine(_dir, "studies"), "quick.ipynb", "1 + 1");
        var before = Snapshot(_dir);

        var result = await NotebookWorkspace.RunCliAsync(_dir, "verify", nb, "--out", Path.Combine(_dir, "studies"), "--no-report");

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stdout}{result.Stderr}");
        Assert.Contains("replaced whole", result.Stderr);
        Assert.Equal(before, Snapshot(_dir));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("figures")]
    public async Task Export_OutHoldsCurrentFolderOrInputs_ExitsTwo(string outDir)
    {
        var figures = Path.Combine(_dir, "figures");
        Workbench.Export.FigureSpecStore.Save(Workbench.Tests.Charts.SampleFigures.Chain(), figures);
        var before = Snapshot(_dir);

        var result = await NotebookWorkspace.RunCliAsync(_dir, "export", "--figures", figures, "--out", outDir == "." ? _dir : Path.Combine(_dir, outDir));

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stdout}{result.Stderr}");
        Assert.Contains("replaced whole", result.Stderr);
        Assert.Equal(before, Snapshot(_dir));
    }
}
