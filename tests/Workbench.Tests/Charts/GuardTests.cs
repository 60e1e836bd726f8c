using System.Text.RegularExpressions;

namespace Workbench.Tests.Charts;

/// <summary>Scans the chart, export and notebook-display sources for calls the library must never make.</summary>
public sealed class GuardTests
{
    private static IEnumerable<string> Sources()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        foreach (var folder in new[] { "lib/Workbench/Charts", "lib/Workbench/Export", "lib/Workbench.Interactive" })
            foreach (var file in Directory.GetFiles(Path.Combine(dir!.FullName, folder), "*.cs", SearchOption.AllDirectories))
                if (!file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
                    yield return file;
    }

    [Theory]
    [InlineData(@"\bConsole\.(Write|Out|Error)", "no console output in the library")]
    [InlineData(@"\bHttpClient\b|\bWebClient\b", "the workbench never goes online")]
    [InlineData(@"double\.Parse\([^,]*\)", "parse numbers with an explicit culture")]
    [InlineData(@"(?<!Atomic)File\.WriteAll(Text|Bytes)\(", "write outputs through AtomicFile")]
    [InlineData(@"cdn\.plot\.ly|https?://", "no links to the internet")]
    public void Sources_AvoidForbiddenCalls(string pattern, string why)
    {
        var hits = Sources().SelectMany(f => File.ReadLines(f).Select((l, i) => (f, i, l)))
            .Where(t => Regex.IsMatch(t.l, pattern) && !t.l.TrimStart().StartsWith("///", StringComparison.Ordinal))
            .Select(t => $"{t.f}:{t.i + 1}: {t.l.Trim()}").ToList();
        Assert.True(hits.Count == 0, why + ":\n" + string.Join("\n", hits));
    }
}
