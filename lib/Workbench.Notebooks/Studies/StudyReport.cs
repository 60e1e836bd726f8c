using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using Workbench.Claims;
using Workbench.Export;
using Workbench.IO;

namespace Workbench.Notebooks.Studies;

/// <summary>One study page of the report: an executed notebook in one language.</summary>
/// <param name="Study">The study name (the notebook file name without extension), e.g. "01-sexual-violence-prevalence".</param>
/// <param name="Language">"en" or "nl".</param>
/// <param name="ExecutedNotebook">The executed .ipynb to render: its bilingual outputs (figure bundles, <see cref="FigureMime"/>, and <see cref="LanguageHtml"/> tables) are shown in <paramref name="Language"/>.</param>
/// <param name="Claims">The ledger rows of this study with their verdicts.</param>
/// <param name="Provenance">Provenance lines to show (commit, versions, data files with SHA-256).</param>
public sealed record StudyPage(string Study, string Language, string ExecutedNotebook, IReadOnlyList<ClaimResult> Claims,
    IReadOnlyList<string> Provenance);

/// <summary>
/// Writes the reviewers' report: <c>index.html</c> with the claims table of every study, and one self-contained,
/// offline page per study and language (narrative, figures, tables, claims, provenance). plotly.js is inlined once
/// per page; nothing is loaded from the network. Every file is written atomically.
/// </summary>
public static class StudyReport
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Writes the report into <paramref name="directory"/> and returns the path of index.html.</summary>
    public static string Write(string directory, IReadOnlyList<StudyPage> pages, IReadOnlyList<ClaimResult> claims)
    {
        Directory.CreateDirectory(directory);
        foreach (var page in pages)
            AtomicFile.WriteAllText(Path.Combine(directory, PageFile(page)), RenderPage(page));
        var index = Path.Combine(directory, "index.html");
        AtomicFile.WriteAllText(index, RenderIndex(pages, claims));
        return index;
    }

    /// <summary>The file name of a study page, e.g. "01-sexual-violence-prevalence.en.html".</summary>
    public static string PageFile(StudyPage page) => $"{SafeName(page.Study)}.{page.Language}.html";

    private static string SafeName(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    private static string RenderIndex(IReadOnlyList<StudyPage> pages, IReadOnlyList<ClaimResult> claims)
    {
        var b = new StringBuilder();
        Head(b, "Workbench report / rapport", includePlotly: false);
        b.Append("<h1>Reproduction report <span class=\"nl\">/ Reproductierapport</span></h1>\n");
        b.Append("<p class=\"synthetic\">All data are synthetic, calibrated to published figures; not real observations. " +
                 "<span class=\"nl\">Alle gegevens zijn synthetisch, gekalibreerd op gepubliceerde cijfers; geen echte waarnemingen.</span></p>\n");
        var passed = claims.Count(c => c.Passed);
        b.Append(CultureInfo.InvariantCulture, $"<p class=\"summary {(passed == claims.Count ? "ok" : "fail")}\">{passed} of {claims.Count} published figures reproduced.</p>\n");
        b.Append("<h2>Studies <span class=\"nl\">/ Studies</span></h2>\n<ul>\n");
        foreach (var study in pages.GroupBy(p => p.Study))
        {
            b.Append("<li>").Append(Enc(study.Key)).Append(": ");
            b.Append(string.Join(" | ", study.Select(p => $"<a href=\"{Enc(PageFile(p))}\">{(p.Language == "nl" ? "Nederlands" : "English")}</a>")));
            b.Append("</li>\n");
        }
        b.Append("</ul>\n<h2>Claims <span class=\"nl\">/ Cijfers</span></h2>\n");
        ClaimsTable(b, claims);
        b.Append("</body>\n</html>\n");
        return b.ToString();
    }

    private static string RenderPage(StudyPage page)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(page.ExecutedNotebook))!;
        var cells = notebook["cells"]?.AsArray() ?? [];
        var body = new StringBuilder();
        var hasPlotlyLibrary = false;
        var hasPlot = false;
        var ids = new ElementIds();
        foreach (var cell in cells)
        {
            if (cell is null) continue;
            var type = (string?)cell["cell_type"];
            var source = Source(cell["source"]);
            if (type == "markdown")
            {
                body.Append("<section class=\"narrative\">").Append(Markdig.Markdown.ToHtml(source, Markdown)).Append("</section>\n");
                continue;
            }
            if (type != "code") continue;
            body.Append("<details class=\"code\"><summary>C#</summary><pre>").Append(Enc(source)).Append("</pre></details>\n");
            foreach (var output in cell["outputs"]?.AsArray() ?? [])
            {
                if (output is null) continue;
                switch ((string?)output["output_type"])
                {
                    case "stream":
                        body.Append("<pre class=\"stream\">").Append(Enc(Source(output["text"]))).Append("</pre>\n");
                        break;
                    case "error":
                        body.Append("<pre class=\"error\">").Append(Enc($"{(string?)output["ename"]}: {(string?)output["evalue"]}")).Append("</pre>\n");
                        break;
                    default:
                        var data = output["data"];
                        if (FigureMime.ReadBundle(data?[FigureMime.Bundle]) is { } bundle)
                        {
                            // A figure: drawn from its spec in the page's language (the language shown when it was
                            // displayed in one language only), with the page's one copy of plotly.js.
                            var spec = bundle.Specs.GetValueOrDefault(page.Language) ?? bundle.Specs.GetValueOrDefault(bundle.Shown) ?? bundle.Specs.Values.First();
                            body.Append("<div class=\"output\">").Append(FigureHtml.Fragment(spec, ids.Next("wb-" + SafeFileName.From(spec.Id) + "-" + spec.Language), includePlotlyJs: false)).Append("</div>\n");
                            hasPlot = true;
                        }
                        else if (data?[FigureMime.Plotly] is JsonObject plotly)
                        {
                            body.Append("<div class=\"output\">").Append(FigureHtml.ChartFragment(plotly.ToJsonString(), ids.Next("wb-chart"), includePlotlyJs: false)).Append("</div>\n");
                            hasPlot = true;
                        }
                        else if (data?["text/html"] is { } html)
                        {
                            // Figures and tables carry both languages; the page keeps its own.
                            var h = LanguageHtml.Select(Source(html), page.Language);
                            hasPlot |= h.Contains("Plotly.", StringComparison.Ordinal);
                            hasPlotlyLibrary |= h.Contains("plotly.js v", StringComparison.Ordinal) || h.Contains("* plotly.js", StringComparison.Ordinal);
                            body.Append("<div class=\"output\">").Append(h).Append("</div>\n");
                        }
                        else if (data?["text/plain"] is { } text)
                        {
                            body.Append("<pre class=\"output\">").Append(Enc(Source(text))).Append("</pre>\n");
                        }
                        break;
                }
            }
        }
        var b = new StringBuilder();
        Head(b, page.Study, includePlotly: hasPlot && !hasPlotlyLibrary, lang: page.Language);
        var other = page.Language == "nl" ? "en" : "nl";
        b.Append("<nav><a href=\"index.html\">").Append(page.Language == "nl" ? "Overzicht" : "Overview").Append("</a> | ");
        b.Append("<a href=\"").Append(Enc(PageFile(page with { Language = other }))).Append("\">").Append(other == "nl" ? "Nederlands" : "English").Append("</a></nav>\n");
        b.Append(body);
        b.Append("<h2>").Append(page.Language == "nl" ? "Gepubliceerde cijfers" : "Published figures").Append("</h2>\n");
        ClaimsTable(b, page.Claims);
        b.Append("<h2>").Append(page.Language == "nl" ? "Herkomst" : "Provenance").Append("</h2>\n<ul class=\"provenance\">\n");
        foreach (var line in page.Provenance) b.Append("<li>").Append(Enc(line)).Append("</li>\n");
        b.Append("</ul>\n</body>\n</html>\n");
        return b.ToString();
    }

    private static void ClaimsTable(StringBuilder b, IReadOnlyList<ClaimResult> claims)
    {
        b.Append("<table class=\"claims\">\n<thead><tr><th>claim</th><th>published</th><th>reproduced</th><th>interval</th><th>published in interval</th><th>verdict</th></tr></thead>\n<tbody>\n");
        foreach (var c in claims)
        {
            var inInterval = c.PublishedInInterval switch { true => "yes", false => "no", null => "" };
            b.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{(c.Passed ? "ok" : "fail")}\"><td title=\"{Enc(c.Entry?.SentenceEn ?? "")}\">{Enc(c.Id)}</td><td>{Enc(c.Published)}</td><td>{Enc(c.Reproduced)}</td><td>{Enc(c.Interval)}</td><td>{inInterval}</td><td>{Enc(ClaimCheck.Verdict(c.Verdict))}</td></tr>\n");
        }
        b.Append("</tbody>\n</table>\n");
    }

    private static void Head(StringBuilder b, string title, bool includePlotly, string lang = "en")
    {
        b.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Enc(title)).Append("</title>\n");
        b.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:\">\n");
        b.Append("<style>body{font-family:'Liberation Sans',Arial,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}" +
                 "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}" +
                 "tr.fail td{background:#fde0dc}.summary.fail{color:#b00020}.summary.ok{color:#006400}.nl{color:#555}" +
                 "pre{background:#f6f6f6;padding:.5em;overflow-x:auto}details.code summary{cursor:pointer;color:#555}" +
                 ".synthetic{font-style:italic}</style>\n");
        if (includePlotly) b.Append("<script>").Append(PlotlyJs.Source).Append("</script>\n");
        b.Append("</head>\n<body>\n");
    }

    private static string Source(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(x => (string?)x ?? "")),
        _ => (string?)node ?? "",
    };

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
