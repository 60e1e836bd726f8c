using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Workbench.Claims;
using Workbench.Export;
using Workbench.IO;
using Workbench.Reporting;
using Workbench.Text;

namespace Workbench.Notebooks.Studies;

/// <summary>How much of a notebook a report page shows.</summary>
public enum ReportMode
{
    /// <summary>The publication: narrative, figures, tables and claims only; no code, no engine output, no raw records.</summary>
    Publication,
    /// <summary>For reviewers: the same page with each code cell's source and raw outputs folded in behind a "Code" switch.</summary>
    Review,
}

/// <summary>One study page of the report: an executed notebook in one language.</summary>
/// <param name="Study">The study name (the notebook file name without extension), e.g. "01-sexual-violence-prevalence".</param>
/// <param name="Language">"en" or "nl".</param>
/// <param name="ExecutedNotebook">The executed .ipynb to render: its bilingual outputs (figure bundles, <see cref="FigureMime"/>, and <see cref="LanguageHtml"/> tables) are shown in <paramref name="Language"/>.</param>
/// <param name="Claims">The ledger rows of this study with their verdicts.</param>
/// <param name="Provenance">Provenance lines to show (commit, versions, data files with SHA-256).</param>
public sealed record StudyPage(string Study, string Language, string ExecutedNotebook, IReadOnlyList<ClaimResult> Claims,
    IReadOnlyList<string> Provenance);

/// <summary>What the report says about the run that made it.</summary>
/// <param name="Commit">The git commit of the studies (null when unknown), with "(modified)" when the tree was dirty.</param>
/// <param name="Date">When the run was made.</param>
/// <param name="DataVersions">The data files the studies read with the first 12 hex digits of their SHA-256, e.g. "survey-sexual-violence.csv 3f2a...".</param>
public sealed record ReportRun(string? Commit, DateTimeOffset Date, IReadOnlyList<string> DataVersions);

/// <summary>
/// Writes the report: <c>index.html</c> (English) and <c>index.nl.html</c> (Dutch) with the claims of every study, and
/// one self-contained, offline page per study and language. In <see cref="ReportMode.Publication"/> (the default) a page
/// shows the study's narrative in its language (markdown cells tagged <c>lang-en</c>/<c>lang-nl</c>, placeholders
/// <c>{{ name:N1 }}</c> filled from the notebook's bound values), its figures and publication tables, and its claims;
/// code, engine output and raw records never appear. Cell tags <c>remove-cell</c>, <c>remove-input</c> and
/// <c>remove-output</c> work as in Jupyter Book (see <see cref="CellTags"/>). Narrative HTML is reduced to a safe subset,
/// and each page's Content-Security-Policy runs only the inlined plotly.js and the figures' draw scripts, by hash.
/// Every file is written atomically.
/// </summary>
public static partial class StudyReport
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*(?::\s*([A-Za-z][0-9]{0,2}))?\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<figcaption style=""position:absolute")]
    private static partial Regex HiddenFigcaption();

    /// <summary>Writes the report into <paramref name="directory"/> and returns the path of index.html.</summary>
    public static string Write(string directory, IReadOnlyList<StudyPage> pages, IReadOnlyList<ClaimResult> claims) =>
        Write(directory, pages, claims, ReportMode.Publication, null);

    /// <summary>
    /// Writes the report into <paramref name="directory"/> in <paramref name="mode"/>, stating <paramref name="run"/>
    /// (commit, date, data versions; null: not stated), and returns the path of index.html.
    /// </summary>
    public static string Write(string directory, IReadOnlyList<StudyPage> pages, IReadOnlyList<ClaimResult> claims, ReportMode mode, ReportRun? run)
    {
        Directory.CreateDirectory(directory);
        var rendered = new Dictionary<(string Study, string Language), RenderedPage>();
        var notebooks = new Dictionary<string, ReportNotebook>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            if (!notebooks.TryGetValue(page.ExecutedNotebook, out var nb))
                notebooks[page.ExecutedNotebook] = nb = ReportNotebook.Read(page.ExecutedNotebook);
            var r = RenderPage(page, nb, mode);
            rendered[(page.Study, page.Language)] = r;
            AtomicFile.WriteAllText(Path.Combine(directory, PageFile(page)), r.Html);
        }
        foreach (var language in LanguageExtensions.All)
            AtomicFile.WriteAllText(Path.Combine(directory, IndexFile(language)), RenderIndex(pages, claims, rendered, language, run));
        return Path.Combine(directory, IndexFile(LanguageExtensions.Default));
    }

    /// <summary>The file name of a study page, e.g. "01-sexual-violence-prevalence.en.html".</summary>
    public static string PageFile(StudyPage page) => $"{SafeName(page.Study)}.{page.Language}.html";

    private static string IndexFile(Language language) => language == LanguageExtensions.Default ? "index.html" : $"index.{language.Code()}.html";

    private static string SafeName(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    /// <summary>
    /// <paramref name="text"/> with its placeholders filled from <paramref name="values"/> in <paramref name="language"/>;
    /// placeholders naming no value stay as written and are listed in <paramref name="missing"/>.
    /// </summary>
    public static string Fill(string text, IReadOnlyDictionary<string, double> values, Language language, out IReadOnlyList<string> missing)
    {
        var absent = new List<string>();
        var filled = Placeholder().Replace(text, m =>
        {
            if (!values.TryGetValue(m.Groups[1].Value, out var v)) { absent.Add(m.Groups[1].Value); return m.Value; }
            try { return Template.Format(v, m.Groups[2].Success ? m.Groups[2].Value : null, language); }
            catch (ArgumentException) { absent.Add(m.Groups[1].Value + ":" + m.Groups[2].Value); return m.Value; }
        });
        missing = absent;
        return filled;
    }

    private sealed record RenderedPage(string Html, string Title, IReadOnlyDictionary<string, string> ClaimSections);

    private static RenderedPage RenderPage(StudyPage page, ReportNotebook notebook, ReportMode mode)
    {
        var language = LanguageExtensions.ParseLanguage(page.Language);
        var code = language.Code();
        var body = new StringBuilder();
        var headings = new List<NarrativeHeading>();
        var ids = new HashSet<string>(StringComparer.Ordinal) { "published-figures", "provenance", "main" };
        var scripts = new List<string>();
        var hasFigure = false;
        var claimSections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? currentSection = null;
        foreach (var cell in notebook.Cells)
        {
            if (cell.Tags.RemoveCell) continue;
            if (cell.IsMarkdown)
            {
                if (cell.Tags.Language is { } l && l != code) continue;
                var before = headings.Count;
                var html = NarrativeHtml.Render(Fill(cell.Source, notebook.Values, language, out _), headings, ids);
                if (headings.Count > before) currentSection = headings[^1].Id;
                body.Append("<section class=\"narrative\"").Append(cell.Tags.Language is null ? "" : $" lang=\"{cell.Tags.Language}\"").Append(">\n")
                    .Append(html).Append("</section>\n");
                continue;
            }
            foreach (Match m in Regex.Matches(cell.Source, "Claims\\.Record\\w*\\(\\s*\"([a-z0-9-]+)\""))
                if (currentSection is not null) claimSections.TryAdd(m.Groups[1].Value, currentSection);
            if (mode == ReportMode.Review)
            {
                body.Append("<details class=\"code\"><summary>").Append("Code (").Append(cell.Label).Append(")</summary>\n<pre><code class=\"language-csharp\">")
                    .Append(Enc(cell.Source)).Append("</code></pre>\n");
                foreach (var o in cell.Outputs.Where(o => o.Kind == ReportOutputKind.Other && o.Text.Length > 0))
                    body.Append("<pre class=\"output\">").Append(Enc(o.Text)).Append("</pre>\n");
                body.Append("</details>\n");
            }
            if (cell.Tags.RemoveOutput) continue;
            foreach (var o in cell.Outputs.Where(o => o.Kind is ReportOutputKind.Figure or ReportOutputKind.Table))
            {
                var clean = PageScripts.Clean(LanguageHtml.Select(o.Html, code), out _);
                if (clean is null) continue;
                if (o.Kind == ReportOutputKind.Figure)
                {
                    hasFigure = true;
                    // The chart is described once, by its aria-label; the hidden copy in the caption stays for readers without script.
                    clean = HiddenFigcaption().Replace(clean, "<figcaption aria-hidden=\"true\" style=\"position:absolute");
                }
                scripts.AddRange(PageScripts.Scripts(clean));
                body.Append("<div class=\"output ").Append(o.Kind == ReportOutputKind.Figure ? "figure" : "table").Append("\">\n").Append(clean).Append("</div>\n");
            }
        }
        var title = headings.FirstOrDefault(h => h.Level == 1)?.Text ?? page.Study;
        if (hasFigure) scripts.Insert(0, PlotlyJs.Source);
        var b = new StringBuilder();
        Head(b, title, code, PageScripts.Policy(scripts), hasFigure);
        var other = language.Other();
        b.Append("<header>\n<nav aria-label=\"").Append(Phrases.Get(Phrase.Navigation, language)).Append("\"><a href=\"").Append(IndexFile(language)).Append("\">")
            .Append(Phrases.Get(Phrase.Overview, language)).Append("</a> | <a href=\"").Append(Enc(PageFile(page with { Language = other.Code() })))
            .Append("\" hreflang=\"").Append(other.Code()).Append("\" lang=\"").Append(other.Code()).Append("\">").Append(Phrases.Get(Phrase.LanguageName, other)).Append("</a></nav>\n");
        b.Append("<p class=\"synthetic\">").Append(Phrases.Get(Phrase.SyntheticNote, language)).Append("</p>\n</header>\n<main id=\"main\">\n");
        b.Append(body);
        b.Append("<section id=\"published-figures\">\n<h2>").Append(Phrases.Get(Phrase.PublishedFigures, language)).Append("</h2>\n");
        ClaimsTable(b, page.Claims, language, null);
        b.Append("</section>\n<section id=\"provenance\">\n<h2>").Append(Phrases.Get(Phrase.Provenance, language)).Append("</h2>\n<ul class=\"provenance\">\n");
        foreach (var line in page.Provenance) b.Append("<li>").Append(Enc(line)).Append("</li>\n");
        b.Append("</ul>\n</section>\n</main>\n</body>\n</html>\n");
        return new RenderedPage(b.ToString(), title, claimSections);
    }

    private static string RenderIndex(IReadOnlyList<StudyPage> pages, IReadOnlyList<ClaimResult> claims,
        IReadOnlyDictionary<(string, string), RenderedPage> rendered, Language language, ReportRun? run)
    {
        var code = language.Code();
        var other = language.Other();
        var b = new StringBuilder();
        var title = Phrases.Get(Phrase.ReproductionReport, language);
        Head(b, title, code, PageScripts.Policy([]), includePlotly: false);
        b.Append("<header>\n<nav aria-label=\"").Append(Phrases.Get(Phrase.LanguageNavigation, language)).Append("\"><a href=\"").Append(IndexFile(other))
            .Append("\" hreflang=\"").Append(other.Code()).Append("\" lang=\"").Append(other.Code()).Append("\">").Append(Phrases.Get(Phrase.LanguageName, other)).Append("</a></nav>\n</header>\n<main id=\"main\">\n");
        b.Append("<h1>").Append(title).Append("</h1>\n");
        b.Append("<p class=\"synthetic\">").Append(Phrases.Get(Phrase.SyntheticNote, language)).Append("</p>\n");
        var passed = claims.Count(c => c.Passed);
        b.Append(CultureInfo.InvariantCulture, $"<p class=\"summary {(passed == claims.Count ? "ok" : "fail")}\">")
            .Append(Phrases.Format(Phrase.FiguresReproduced, language, passed, claims.Count)).Append("</p>\n");
        if (run is not null)
        {
            b.Append("<h2>").Append(Phrases.Get(Phrase.ThisRun, language)).Append("</h2>\n<ul class=\"run\">\n");
            b.Append("<li>").Append("Commit: ").Append(Enc(run.Commit ?? Phrases.Get(Phrase.Unknown, language))).Append("</li>\n");
            b.Append("<li>").Append(Enc(Phrases.Format(Phrase.DateLine, language, run.Date.UtcDateTime.ToString("d MMMM yyyy HH:mm 'UTC'", language.Culture())))).Append("</li>\n");
            b.Append("<li>").Append(Enc(Phrases.Format(Phrase.DataLine, language, string.Join("; ", run.DataVersions)))).Append("</li>\n</ul>\n");
        }
        b.Append("<h2>Studies</h2>\n<ul>\n");
        foreach (var study in pages.Where(p => p.Language == code))
        {
            var name = rendered.TryGetValue((study.Study, code), out var r) ? r.Title : study.Study;
            b.Append("<li><a href=\"").Append(Enc(PageFile(study))).Append("\">").Append(Enc(name)).Append("</a></li>\n");
        }
        b.Append("</ul>\n<h2>").Append(Phrases.Get(Phrase.PublishedFigures, language)).Append("</h2>\n");
        ClaimsTable(b, claims, language, c =>
        {
            var page = pages.FirstOrDefault(p => p.Study == c.Entry?.Study && p.Language == code);
            if (page is null) return null;
            var section = rendered.TryGetValue((page.Study, code), out var rp) && rp.ClaimSections.TryGetValue(c.Id, out var s) ? s : "published-figures";
            return PageFile(page) + "#" + section;
        });
        b.Append("</main>\n</body>\n</html>\n");
        return b.ToString();
    }

    private static void ClaimsTable(StringBuilder b, IReadOnlyList<ClaimResult> claims, Language language, Func<ClaimResult, string?>? link)
    {
        string P(Phrase p) => Phrases.Get(p, language);
        // The claims check writes figures and the ledger's fallback sentence in English: marked as such on another page.
        var foreign = language != ClaimsLanguage;
        b.Append("<table class=\"claims\">\n<caption>").Append(P(Phrase.ClaimsCaption))
            .Append("</caption>\n<thead><tr><th scope=\"col\">").Append(P(Phrase.Claim)).Append("</th><th scope=\"col\">")
            .Append(P(Phrase.Published)).Append("</th><th scope=\"col\">").Append(P(Phrase.Reproduced))
            .Append("</th><th scope=\"col\">Interval</th><th scope=\"col\">")
            .Append(P(Phrase.PublishedInInterval)).Append("</th><th scope=\"col\">").Append(P(Phrase.Verdict))
            .Append("</th></tr></thead>\n<tbody>\n");
        foreach (var c in claims)
        {
            var inInterval = c.PublishedInInterval switch { true => P(Phrase.Yes), false => P(Phrase.No), null => "" };
            // A ledger without Dutch sentences gives the English one, marked as English on a Dutch page.
            var sentence = c.Entry?.Sentence(language.Code()) ?? c.Id;
            var lang = foreign && (c.Entry?.SentenceNl is null) ? " lang=\"en\"" : "";
            var href = link?.Invoke(c);
            var claimCell = href is null ? $"<span{lang}>{Enc(sentence)}</span>" : $"<a href=\"{Enc(href)}\"{lang}>{Enc(sentence)}</a>";
            b.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{(c.Passed ? "ok" : "fail")}\" id=\"claim-{Enc(c.Id)}\"><td>{claimCell}</td>{Cells(c, language)}<td>{inInterval}</td><td>{Enc(ClaimCheck.Verdict(c.Verdict, language))}</td></tr>\n");
        }
        b.Append("</tbody>\n</table>\n");
    }

    /// <summary>
    /// The published figure, the reproduced value and its interval as cells, in the page's language as the ledger prints
    /// them (<see cref="Publishing.ClaimText"/>: "ongeveer 1.300", "1 jaar en 10 maanden", "22,0 maanden"); a claim
    /// without a ledger row keeps the check's English figures.
    /// </summary>
    private static string Cells(ClaimResult c, Language language)
    {
        if (c.Entry is not { } entry) return Figure(c.Published, language) + Figure(c.Reproduced, language) + Figure(c.Interval, language);
        var code = language.Code();
        return $"<td>{Enc(Publishing.ClaimText.Published(entry, code))}</td><td>{Enc(Publishing.ClaimText.Reproduced(c, code))}</td><td>{Enc(Publishing.ClaimText.Interval(c, code))}</td>";
    }

    /// <summary>The language the claims check writes its figures in (<see cref="ClaimResult.Published"/>: "5,000-7,500", "one in 3").</summary>
    private const Language ClaimsLanguage = Language.En;

    /// <summary>
    /// A figure of the claims table as a cell. The claims check writes figures the English way; on a page in another
    /// language a figure of digits only gets that language's separators (5.000-7.500, 72,6%), one with words ("one in 3")
    /// is marked as English.
    /// </summary>
    private static string Figure(string text, Language language)
    {
        if (language == ClaimsLanguage || text.Length == 0) return $"<td>{Enc(text)}</td>";
        if (text.Any(char.IsAsciiLetter)) return $"<td lang=\"{ClaimsLanguage.Code()}\">{Enc(text)}</td>";
        var format = language.Culture().NumberFormat;
        var local = string.Concat(text.Select(ch => ch switch { '.' => format.NumberDecimalSeparator, ',' => format.NumberGroupSeparator, _ => ch.ToString() }));
        return $"<td>{Enc(local)}</td>";
    }

    private static void Head(StringBuilder b, string title, string lang, string policy, bool includePlotly)
    {
        b.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(Enc(title)).Append("</title>\n");
        b.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Enc(policy)).Append("\">\n");
        b.Append("<style>body{font-family:'Liberation Sans',Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}" +
                 "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}td.num,th.num{text-align:right}" +
                 "caption{text-align:left;font-weight:bold;padding:.25em 0}tr.total{font-weight:bold}figure{margin:1em 0}" +
                 "tr.fail td{background:#fde0dc}.summary.fail{color:#b00020}.summary.ok{color:#006400}" +
                 "pre{background:#f6f6f6;padding:.5em;overflow-x:auto}details.code summary{cursor:pointer;color:#444}" +
                 ".synthetic{font-style:italic}.wb-table figcaption p{margin:.2em 0;font-size:.9em;color:#444}a{color:#0b57a4}</style>\n");
        if (includePlotly) b.Append(PageScripts.PlotlyElement).Append('\n');
        b.Append("</head>\n<body>\n");
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Element ids unique on a page: the base, then base-2, base-3 ...</summary>
    private sealed class ElementIds
    {
        private readonly Dictionary<string, int> _used = new(StringComparer.Ordinal);

        public string Next(string id)
        {
            var n = _used.GetValueOrDefault(id) + 1;
            _used[id] = n;
            return n == 1 ? id : id + "-" + n.ToString(CultureInfo.InvariantCulture);
        }
    }
}
