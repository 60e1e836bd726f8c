using System.Text.RegularExpressions;

namespace Workbench.Notebooks.Verification;

/// <summary>
/// The one sanitiser for volatile parts of rendered output: GUIDs, timestamps, clock times, durations, temporary paths,
/// Roslyn submission numbers and line endings. <c>workbench verify</c> and golden-output tests use it, so a difference
/// either reports is a difference in content.
/// </summary>
public static partial class OutputSanitizer
{
    /// <summary>Replaces volatile parts of <paramref name="text"/> with stable placeholders (&lt;guid&gt;, &lt;timestamp&gt;, ...).</summary>
    public static string Sanitize(string text)
    {
        var s = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        // The checkout's location differs between machines (a notebook prints the absolute path of the local feed).
        if (RepositoryRoot.Value is { Length: > 1 } root) s = s.Replace(root, "<repo>", StringComparison.Ordinal);
        s = CheckoutPath().Replace(s, "<repo>/");
        s = TempPath().Replace(s, "<temp>");
        var temp = Path.GetTempPath().TrimEnd('/', '\\');
        if (temp.Length > 1) s = s.Replace(temp, "<temp>", StringComparison.Ordinal);
        s = Guid().Replace(s, "<guid>");
        s = HexId().Replace(s, "<guid>");
        s = Timestamp().Replace(s, "<timestamp>");
        s = ClockTime().Replace(s, "<time>");
        s = Duration().Replace(s, "<duration>");
        s = Submission().Replace(s, "Submission#<n>");
        s = AnonymousType().Replace(s, "<>f__AnonymousType#<n>");
        s = TrailingSpace().Replace(s, "");
        return s.TrimEnd('\n');
    }

    private static readonly Lazy<string?> RepositoryRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln")) || Directory.Exists(Path.Combine(dir.FullName, ".git")) ||
                File.Exists(Path.Combine(dir.FullName, ".git")))
                return dir.FullName.TrimEnd('/', '\\');
        return null;
    });

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9a-f]{32}(?![0-9A-Za-z])")]
    private static partial Regex HexId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"(?<![\d:])\d{1,2}:\d{2}:\d{2}(\.\d+)?(?![\d:])")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"(?<![\w.])\d+(\.\d+)?\s?(ms|µs|us|ns|sec|seconds|s)(?![\w])")]
    private static partial Regex Duration();

    [GeneratedRegex(@"(/tmp|/var/tmp|/var/folders)/[^\s""'<>)\]]*")]
    private static partial Regex TempPath();

    [GeneratedRegex(@"(?:/[^\s""'<>/]+)+/(?=(?:artifacts|data-samples|notebooks)/)")]
    private static partial Regex CheckoutPath();

    [GeneratedRegex(@"Submission#\d+")]
    private static partial Regex Submission();

    // Roslyn numbers a script's anonymous types by submission: a cell added or removed above renumbers them.
    [GeneratedRegex(@"<>f__AnonymousType\d+#\d+")]
    private static partial Regex AnonymousType();

    [GeneratedRegex(@"[ \t]+(?=\n|$)")]
    private static partial Regex TrailingSpace();
}
