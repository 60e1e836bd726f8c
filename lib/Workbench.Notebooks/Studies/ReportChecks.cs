using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Claims;
using Workbench.Export;
using Workbench.Reporting;
using Workbench.Text;

namespace Workbench.Notebooks.Studies;

/// <summary>What kind of problem a report check found.</summary>
public enum ReportProblemKind
{
    /// <summary>A published narrative cell, heading, figure or table lacks its Dutch or English version (fails <c>verify --strict</c>).</summary>
    Language,
    /// <summary>A number in published text is not bound to a computed value, a year, an ordinal or the study's ledger figures (fails verify).</summary>
    UnboundNumber,
    /// <summary>A placeholder names no bound value, or an output could run script (fails verify).</summary>
    Content,
}

/// <summary>One problem of a study's published text.</summary>
/// <param name="Study">The study.</param>
/// <param name="Cell">"cell N" of the notebook.</param>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Message">What is wrong and how to fix it, quoting the text.</param>
public sealed record ReportProblem(string Study, string Cell, ReportProblemKind Kind, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Study} {Cell}: {Message}";
}

/// <summary>
/// The checks <c>workbench verify</c> makes of the text a study publishes: both languages for every narrative cell,
/// heading, figure and table (convention: a markdown cell per language, tagged <c>lang-en</c> / <c>lang-nl</c>, next to
/// each other); and every number in narrative, headings, figure titles, subtitles and notes and table captions bound:
/// it reads as one of the values the notebook bound (<see cref="BoundValues"/>, placeholders <c>{{ name:N1 }}</c>), or
/// it is a year (1900-2099), an ordinal ("18th", "18e", "Figure 2", "Tabel 1"), or a number the ledger publishes with
/// one of the study's claims. Numbers inside code spans and the numbers of table bodies and chart data are results,
/// not text, and are not checked.
/// </summary>
public static partial class ReportChecks
{
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.,])(?<!\p{L}-)\d+(?:[.,]\d+)*")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"^(?:st|nd|rd|th|e|ste|de)\b")]
    private static partial Regex OrdinalSuffix();

    [GeneratedRegex(@"(?:Figure|Figuur|Table|Tabel|figure|figuur|table|tabel)\s$")]
    private static partial Regex NumberedThing();

    [GeneratedRegex(@"^(?:19|20)\d\d$")]
    private static partial Regex Year();

    [GeneratedRegex(@"<code\b[^>]*>.*?</code>", RegexOptions.Singleline)]
    private static partial Regex CodeElement();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"<caption>(.*?)</caption>", RegexOptions.Singleline)]
    private static partial Regex Caption();

    [GeneratedRegex(@"var fig=(\{.*?\});var el=", RegexOptions.Singleline)]
    private static partial Regex FigureJson();

    /// <summary>Every problem of <paramref name="notebook"/> (study <paramref name="study"/>), with the ledger rows of that study.</summary>
    public static IReadOnlyList<ReportProblem> Check(string study, ReportNotebook notebook, IReadOnlyList<LedgerEntry> ledger)
    {
        var problems = new List<ReportProblem>();
        Languages(study, notebook, problems);
        foreach (var language in LanguageExtensions.All)
            Numbers(study, notebook, ledger, language, problems);
        return problems;
    }

    private static void Languages(string study, ReportNotebook notebook, List<ReportProblem> problems)
    {
        var published = notebook.Cells.Where(c => !c.Tags.RemoveCell).ToList();
        var group = new List<ReportCell>();
        void Close()
        {
            if (group.Count == 0) return;
            var en = group.Where(c => c.Tags.Is(Language.En)).ToList();
            var nl = group.Where(c => c.Tags.Is(Language.Nl)).ToList();
            var first = group[0].Label;
            if (en.Count == 0)
                problems.Add(new(study, first, ReportProblemKind.Language, $"narrative in Dutch (\"{Excerpt(nl[0].Source)}\") has no English version: add a markdown cell tagged {CellTags.English} next to it."));
            else if (nl.Count == 0)
                problems.Add(new(study, first, ReportProblemKind.Language, $"narrative in English (\"{Excerpt(en[0].Source)}\") has no Dutch version: add a markdown cell tagged {CellTags.Dutch} next to it."));
            else
            {
                var he = Headings(en);
                var hn = Headings(nl);
                if (!he.SequenceEqual(hn))
                    problems.Add(new(study, first, ReportProblemKind.Language,
                        $"the English and Dutch narrative have different headings (levels {string.Join(",", he)} and {string.Join(",", hn)}): every heading needs its translation."));
            }
            group.Clear();
        }
        foreach (var cell in published)
        {
            if (cell.IsMarkdown)
            {
                if (cell.Tags.Language is null)
                {
                    Close();
                    if (cell.Source.Trim().Length > 0)
                        problems.Add(new(study, cell.Label, ReportProblemKind.Language,
                            $"narrative (\"{Excerpt(cell.Source)}\") has no language tag: tag it {CellTags.English} or {CellTags.Dutch} and add the other language in a cell next to it."));
                }
                else group.Add(cell);
                continue;
            }
            Close();
            if (cell.Tags.RemoveOutput) continue;
            foreach (var o in cell.Outputs.Where(o => o.Kind is ReportOutputKind.Figure or ReportOutputKind.Table))
            {
                var hasEn = o.Html.Contains("<div class=\"wb-lang\" lang=\"en\"", StringComparison.Ordinal);
                var hasNl = o.Html.Contains("<div class=\"wb-lang\" lang=\"nl\"", StringComparison.Ordinal);
                if (!hasEn || !hasNl)
                    problems.Add(new(study, cell.Label, ReportProblemKind.Language,
                        $"the {(o.Kind == ReportOutputKind.Figure ? "figure" : "table")} is shown in one language only: display the figure or table itself (both languages), not .In(language)."));
            }
        }
        Close();
    }

    private static List<int> Headings(IEnumerable<ReportCell> cells)
    {
        var list = new List<NarrativeHeading>();
        foreach (var c in cells) NarrativeHtml.Render(c.Source, list, new HashSet<string>());
        return list.Select(h => h.Level).ToList();
    }

    private static void Numbers(string study, ReportNotebook notebook, IReadOnlyList<LedgerEntry> ledger, Language language, List<ReportProblem> problems)
    {
        var code = language.Code();
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in notebook.Values.Values)
            foreach (var s in Template.Renderings(v, language)) allowed.Add(s);
        foreach (var e in ledger)
        {
            foreach (var v in new[] { e.Value, e.Low, e.High })
                if (v is { } x)
                    foreach (var l in LanguageExtensions.All)
                        foreach (var s in Template.Renderings(x, l)) allowed.Add(s);
            foreach (var sentence in new[] { e.SentenceEn, e.SentenceNl ?? "" })
                foreach (Match m in NumberToken().Matches(sentence)) allowed.Add(m.Value);
        }
        foreach (var cell in notebook.Cells.Where(c => !c.Tags.RemoveCell))
        {
            if (cell.IsMarkdown)
            {
                if (cell.Tags.Language is { } l && l != code) continue;
                var filled = StudyReport.Fill(cell.Source, notebook.Values, language, out var missing);
                foreach (var name in missing)
                    // an untagged cell is read in both languages: reported once, on the default language's pass
                    if (cell.Tags.Language is not null || language == LanguageExtensions.Default)
                        problems.Add(new(study, cell.Label, ReportProblemKind.Content, $"placeholder {{{{ {name} }}}} names no bound value; bind it with BoundValues.Of((\"{name}\", ...)) in a code cell."));
                var html = NarrativeHtml.Render(filled, [], new HashSet<string>());
                Scan(study, cell, Visible(CodeElement().Replace(html, " ")), allowed, code, problems);
                continue;
            }
            if (cell.Tags.RemoveOutput) continue;
            foreach (var o in cell.Outputs)
            {
                var html = LanguageHtml.Select(o.Html, code);
                if (o.Kind == ReportOutputKind.Figure)
                    foreach (Match m in FigureJson().Matches(html))
                    {
                        JsonNode? fig;
                        try { fig = JsonNode.Parse(m.Groups[1].Value); }
                        catch (System.Text.Json.JsonException) { continue; }
                        // The disclosure footnote states the figure's own rules (minimum cell, rounding base): bound numbers.
                        var figureAllowed = new HashSet<string>(allowed, StringComparer.Ordinal);
                        foreach (var n in DisclosureNumbers(fig)) figureAllowed.Add(n.ToString(CultureInfo.InvariantCulture));
                        foreach (var text in AnnotationTexts(fig))
                            Scan(study, cell, text, figureAllowed, code, problems);
                    }
                if (o.Kind == ReportOutputKind.Table)
                    foreach (Match m in Caption().Matches(html))
                        Scan(study, cell, Visible(m.Groups[1].Value), allowed, code, problems);
            }
        }
    }

    /// <summary>The numbers a figure's disclosure footnote states: its minimum cell, the largest count it suppresses and its rounding base.</summary>
    private static IEnumerable<int> DisclosureNumbers(JsonNode? fig)
    {
        var rules = fig?["layout"]?["meta"]?["workbench"]?["disclosure"];
        if (rules?["minimumCell"] is JsonValue min && min.TryGetValue<int>(out var m)) { yield return m; yield return m - 1; }
        if (rules?["roundingBase"] is JsonValue b && b.TryGetValue<int>(out var r)) yield return r;
    }

    private static IEnumerable<string> AnnotationTexts(JsonNode? fig)
    {
        if (fig?["layout"]?["title"]?["text"] is JsonValue t && t.TryGetValue<string>(out var title)) yield return Visible(title.Replace("<br>", " "));
        foreach (var a in fig?["layout"]?["annotations"]?.AsArray() ?? [])
            if (a?["text"] is JsonValue v && v.TryGetValue<string>(out var s)) yield return Visible(s.Replace("<br>", " "));
    }

    private static void Scan(string study, ReportCell cell, string text, HashSet<string> allowed, string code, List<ReportProblem> problems)
    {
        foreach (Match m in NumberToken().Matches(text))
        {
            var token = m.Value;
            if (Year().IsMatch(token)) continue;
            var after = text[(m.Index + m.Length)..];
            var before = text[..m.Index];
            if (OrdinalSuffix().IsMatch(after) || NumberedThing().IsMatch(before)) continue;
            if (allowed.Contains(token)) continue;
            problems.Add(new(study, cell.Label, ReportProblemKind.UnboundNumber,
                $"unbound number '{token}' in the {LanguageExtensions.ParseLanguage(code).EnglishName()} text \"{Excerpt(text, m.Index)}\": state it with a placeholder " +
                "({{ name:N1 }}) bound from a computed value (BoundValues.Of), or use the figure the ledger publishes with the claim."));
        }
    }

    /// <summary>The text a reader sees in an HTML fragment (tags removed, entities decoded, spaces collapsed).</summary>
    public static string Visible(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), @"\s+", " ").Trim();

    private static string Excerpt(string text, int at = 0)
    {
        var start = Math.Max(0, at - 40);
        var s = text.Substring(start, Math.Min(100, text.Length - start)).ReplaceLineEndings(" ").Trim();
        return (start > 0 ? "..." : "") + s + (start + 100 < text.Length ? "..." : "");
    }

    internal static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
