using System.Text.RegularExpressions;
using Workbench.Tests.Support;

namespace Workbench.Tests.Readme;

/// <summary>Runs every shell command the README shows, so the README cannot rot.</summary>
[Collection(ReadmeCollection.Name)]
public partial class ReadmeCommandsTests
{
    /// <summary>Every line of every ```bash block in README.md that is not a comment or empty.</summary>
    public static IReadOnlyList<string> Commands()
    {
        var text = File.ReadAllText(RepoPaths.At("README.md"));
        return BashBlock().Matches(text)
            .SelectMany(m => m.Groups[1].Value.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
    }

    /// <summary>The commands as xunit theory data.</summary>
    public static TheoryData<string> CommandData()
    {
        var data = new TheoryData<string>();
        foreach (var c in Commands()) data.Add(c);
        return data;
    }

    [Fact]
    public void Readme_ShowsTheTwoCommands()
    {
        var commands = Commands();
        Assert.Contains("dotnet test Workbench.sln", commands);
        Assert.Contains(commands, c => c.Contains("-- verify", StringComparison.Ordinal));
        var ci = File.ReadAllText(RepoPaths.At(".ci", "run"));
        Assert.Contains("dotnet test Workbench.sln", ci);
    }

    [Theory]
    [MemberData(nameof(CommandData))]
    public void ReadmeCommand_Runs_ExitsZero(string command)
    {
        // The test command is what is running this test: CI calls it through .ci/run.
        if (command.StartsWith("dotnet test", StringComparison.Ordinal)) return;
        if (command.Contains("tool install", StringComparison.Ordinal) && Directory.Exists(RepoPaths.At("out", "tool")))
            Directory.Delete(RepoPaths.At("out", "tool"), recursive: true);
        var result = RepoPaths.Bash(command, timeout: TimeSpan.FromMinutes(30));
        Assert.True(result.ExitCode == 0, $"README command failed: {command}\n{result}");
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}

/// <summary>README commands build and pack the solution: they must not run beside other tests that build.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadmeCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "README commands";
}
