using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Claims;
using Workbench.Notebooks.Studies;
using Workbench.Tests.Support;

namespace Workbench.Tests.Studies;

/// <summary>
/// Report pages rendered from the committed study notebooks (their stored outputs are those of the last
/// <c>verify --update</c>), without running them: what the publication shows, fast enough for every test run.
/// </summary>
public static partial class ReportPages
{
    public static readonly string[] Studies =
    [
        "01-sexual-violence-prevalence", "02-trafficking-victim-estimates", "03-prosecution-and-sentencing",
        "04-youth-care-linkage", "05-regional-approach",
    ];

    /// <summary>The provenance lines the tests give every page (fixed, so golden text does not move).</summary>
    public static readonly string[] Provenance = ["Run 2020-07-01 12:00 UTC; parameters: defaults", "survey-sexual-violence.csv sha256 0123456789ab"];

    public static Ledger Ledger { get; } = Ledger.Load(RepoPaths.At("data-samples", "published-figures.csv"));

    /// <summary>Writes the report of the committed notebooks (all studies unless given) into a new temporary folder.</summary>
    public static string Render(ReportMode mode = ReportMode.Publication, IReadOnlyList<(string Study, string Notebook)>? notebooks = null)
    {
        var dir = Directory.CreateTempSubdirectory("wb-report-").FullName;
        notebooks ??= Studies.Select(s => (s, RepoPaths.At("notebooks", s + ".ipynb"))).ToList();
        var claims = ClaimCheck.Check(Ledger, []);
        var pages = new List<StudyPage>();
        foreach (var (study, path) in notebooks)
            foreach (var lang in new[] { "en", "nl" })
                pages.Add(new StudyPage(study, lang, path, claims.Where(c => c.Entry?.Study == study).ToList(), Provenance));
        StudyReport.Write(dir, pages, claims, mode, new ReportRun("0123456789abcdef", new DateTimeOffset(2020, 7, 1, 12, 0, 0, TimeSpan.Zero), ["survey-sexual-violence.csv 0123456789ab"]));
        return dir;
    }

    /// <summary>The page without its script and style elements (plotly.js holds words such as "Iterator").</summary>
    public static string WithoutScripts(string html) => ScriptOrStyle().Replace(html, "");

    /// <summary>What a reader sees of a page: scripts and styles removed, tags stripped, one line per block.</summary>
    public static string VisibleText(string html)
    {
        var s = ScriptOrStyle().Replace(html, "");
        s = BlockEnd().Replace(s, "\n");
        s = WebUtility.HtmlDecode(Tag().Replace(s, ""));
        return string.Join("\n", s.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0)) + "\n";
    }

    /// <summary>The English narrative sentences of a study (markdown cells tagged lang-en), at least five words each.</summary>
    public static IReadOnlyList<string> EnglishSentences(string study)
    {
        var nb = JsonNode.Parse(File.ReadAllText(RepoPaths.At("notebooks", study + ".ipynb")))!;
        var sentences = new List<string>();
        foreach (var cell in nb["cells"]!.AsArray())
        {
            if ((string?)cell!["cell_type"] != "markdown") continue;
            if (cell["metadata"]?["tags"]?.AsArray().Any(t => (string?)t == "lang-en") != true) continue;
            var text = string.Concat(cell["source"]!.AsArray().Select(x => (string?)x));
            var plain = Spaces().Replace(Markup().Replace(text, " "), " ");
            sentences.AddRange(plain.Split(['.', ':', ';', '?']).Select(s => s.Trim()).Where(s => s.Split(' ').Length >= 5 && !s.Contains("{{", StringComparison.Ordinal)));
        }
        return sentences;
    }

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"</(p|h[1-6]|li|tr|caption|title|nav|th|td)>|<br>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[#*`_\-]+")]
    private static partial Regex Markup();
}
