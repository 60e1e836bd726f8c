using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Tests.Support;

namespace Workbench.Tests.Readme;

/// <summary>
/// Runs every shell command README.md and docs/*.md show, so the documentation cannot rot (issue 13: every example
/// runs in a test, on files of the repository).
/// </summary>
/// <remarks>
/// The convention, stated in the README ("Examples in the documentation"): a <c>bash</c> or <c>sh</c> block is run
/// line by line from the repository root, <c>workbench</c> being the CLI the tests built; paths under <c>out/</c> and
/// the folder given to <c>--out</c> are moved to a temporary folder, so that no test writes the user's output. A
/// <c>text</c> block is a synopsis, a <c>json</c> block a file's shape (parsed here), a README <c>csharp</c> block a
/// notebook set-up cell (run by every study). Any other block must be preceded by a line
/// <c>&lt;!-- not run: reason --&gt;</c>; an unlabelled block, or one of another kind without that line, fails.
/// </remarks>
[Collection(ReadmeCollection.Name)]
public partial class ReadmeCommandsTests
{
    /// <summary>README.md and every docs/*.md, repository-relative.</summary>
    public static IReadOnlyList<string> Documents() =>
        ["README.md", .. Directory.GetFiles(RepoPaths.At("docs"), "*.md").Order(StringComparer.Ordinal).Select(f => Path.GetRelativePath(RepoPaths.Root, f))];

    /// <summary>A fenced block: its document, first line number, info string, text and whether a not-run marker precedes it.</summary>
    public sealed record Block(string Document, int Line, string Kind, string Text, bool MarkedNotRun);

    /// <summary>Every fenced block of <paramref name="document"/>.</summary>
    public static IReadOnlyList<Block> Blocks(string document)
    {
        var lines = File.ReadAllLines(RepoPaths.At(document.Split('/')));
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal)) continue;
            var kind = lines[i][3..].Trim();
            var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            if (end < 0) throw new InvalidDataException($"{document}:{i + 1}: a fenced block that never closes");
            var previous = i > 0 ? lines[i - 1].Trim() : "";
            blocks.Add(new Block(document, i + 1, kind, string.Join("\n", lines[(i + 1)..end]),
                previous.StartsWith("<!-- not run:", StringComparison.Ordinal) && previous.EndsWith("-->", StringComparison.Ordinal)));
            i = end;
        }
        return blocks;
    }

    /// <summary>Every line of every bash or sh block that is not a comment or empty, with the document it is in.</summary>
    public static IReadOnlyList<(string Document, string Command)> Commands() =>
        Documents().SelectMany(Blocks).Where(b => b.Kind is "bash" or "sh" && !b.MarkedNotRun)
            .SelectMany(b => b.Text.Split('\n').Select(l => (b.Document, Command: l.Trim())))
            .Where(c => c.Command.Length > 0 && !c.Command.StartsWith('#'))
            .ToList();

    /// <summary>The commands as xunit theory data.</summary>
    public static TheoryData<string, string> CommandData()
    {
        var data = new TheoryData<string, string>();
        foreach (var (document, command) in Commands()) data.Add(document, command);
        return data;
    }

    /// <summary>
    /// The command as the test runs it: a leading <c>workbench</c> is the CLI the tests built; <c>--out DIR</c> and
    /// paths under <c>out/</c> are moved under <paramref name="scratch"/>.
    /// </summary>
    public static string InScratch(string command, string scratch)
    {
        var cli = $"dotnet \"{Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll")}\"";
        var mapped = LeadingWorkbench().Replace(command, cli + " ");
        mapped = OutOption().Replace(mapped, m => $"--out \"{Path.Combine(scratch, m.Groups[1].Value)}\"");
        return OutPath().Replace(mapped, m => $"\"{Path.Combine(scratch, "out")}\"{m.Groups[1].Value}");
    }

    [Fact]
    public void Readme_ShowsTheTwoCommands()
    {
        var commands = Commands().Where(c => c.Document == "README.md").Select(c => c.Command).ToList();
        Assert.Contains("dotnet test Workbench.sln", commands);
        Assert.Contains(commands, c => c.Contains("-- verify", StringComparison.Ordinal));
        var ci = File.ReadAllText(RepoPaths.At(".ci", "run"));
        Assert.Contains("dotnet test Workbench.sln", ci);
    }

    [Fact]
    public void InScratch_OutFolders_MovedToScratch()
    {
        Assert.Equal("dotnet run --project lib/Workbench.Cli -c Release -- verify notebooks --out \"/s/out\" --strict",
            InScratch("dotnet run --project lib/Workbench.Cli -c Release -- verify notebooks --out out --strict", "/s"));
        Assert.Equal("dotnet tool install --tool-path \"/s/out\"/tool Workbench.Cli && \"/s/out\"/tool/workbench --help",
            InScratch("dotnet tool install --tool-path out/tool Workbench.Cli && out/tool/workbench --help", "/s"));
        Assert.EndsWith("Workbench.Cli.dll\" data generate --seed 2020 --out \"/s/data-samples\"", InScratch("workbench data generate --seed 2020 --out data-samples", "/s"));
        Assert.Equal("dotnet run --project lib/Workbench.Cli -- data check data-samples", InScratch("dotnet run --project lib/Workbench.Cli -- data check data-samples", "/s"));
    }

    [Fact]
    public void Docs_EveryCodeBlock_RunOrMarkedNotRun()
    {
        var unexplained = Documents().SelectMany(Blocks)
            .Where(b => !b.MarkedNotRun && !(b.Kind is "bash" or "sh" or "text" or "json" || (b.Kind == "csharp" && b.Document == "README.md")))
            .Select(b => $"{b.Document}:{b.Line}: a ```{b.Kind} block that no test runs; label it bash, sh, text or json, or put <!-- not run: reason --> on the line before")
            .ToList();
        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
    }

    [Fact]
    public void Docs_JsonBlocks_Parse()
    {
        var blocks = Documents().SelectMany(Blocks).Where(b => b.Kind == "json").ToList();
        Assert.NotEmpty(blocks);
        foreach (var b in blocks)
        {
            var ex = Record.Exception(() => JsonNode.Parse(b.Text));
            Assert.True(ex is null, $"{b.Document}:{b.Line}: {ex?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(CommandData))]
    public void DocumentedCommand_Runs_ExitsZero(string document, string command)
    {
        // The test command is what is running this test: CI calls it through .ci/run.
        if (command.StartsWith("dotnet test", StringComparison.Ordinal)) return;
        var scratch = Directory.CreateTempSubdirectory("wb-readme-").FullName;
        try
        {
            var result = RepoPaths.Bash(InScratch(command, scratch), timeout: TimeSpan.FromMinutes(30));
            Assert.True(result.ExitCode == 0, $"{document} command failed: {command}\n{result}");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The README's C# snippets are the notebooks' set-up cells: every study runs them (and the studies tests run every study).</summary>
    [Fact]
    public void ReadmeCSharpSnippets_AreRunByEveryStudy()
    {
        var snippets = Blocks("README.md").Where(b => b.Kind == "csharp").Select(b => b.Text.Trim()).ToList();
        Assert.NotEmpty(snippets);
        foreach (var notebook in Directory.GetFiles(RepoPaths.At("notebooks"), "*.ipynb"))
        {
            var json = JsonNode.Parse(File.ReadAllText(notebook))!;
            var code = string.Join("\n", json["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code")
                .Select(c => c!["source"] is JsonArray a ? string.Concat(a.Select(x => (string?)x)) : (string?)c!["source"]));
            foreach (var line in snippets.SelectMany(s => s.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0))
                Assert.True(code.Contains(line, StringComparison.Ordinal), $"{Path.GetFileName(notebook)} does not run the README line: {line}");
        }
    }

    [GeneratedRegex(@"^workbench\s+")]
    private static partial Regex LeadingWorkbench();

    [GeneratedRegex(@"--out\s+(?![/""'$])(\S+)")]
    private static partial Regex OutOption();

    [GeneratedRegex(@"(?<=^|[\s=])out(/\S*)")]
    private static partial Regex OutPath();
}

/// <summary>README commands build and pack the solution: they must not run beside other tests that build.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadmeCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "README commands";
}
