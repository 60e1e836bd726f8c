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

    /// <summary>The README's C# snippets are the notebooks' set-up cells: every study runs them (and the studies tests run every study).</summary>
    [Fact]
    public void ReadmeCSharpSnippets_AreRunByEveryStudy()
    {
        var text = File.ReadAllText(RepoPaths.At("README.md"));
        var snippets = CSharpBlock().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.NotEmpty(snippets);
        foreach (var notebook in Directory.GetFiles(RepoPaths.At("notebooks"), "*.ipynb"))
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(notebook))!;
            var code = string.Join("\n", json["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code")
                .Select(c => c!["source"] is System.Text.Json.Nodes.JsonArray a ? string.Concat(a.Select(x => (string?)x)) : (string?)c!["source"]));
            foreach (var line in snippets.SelectMany(s => s.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0))
                Assert.True(code.Contains(line, StringComparison.Ordinal), $"{Path.GetFileName(notebook)} does not run the README line: {line}");
        }
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

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
