using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workbench.Data;

namespace Workbench.Disclosure.Audit;

/// <summary>
/// The independent leak audit: reads what an output folder publishes, as a reader would, and tries to recover every
/// suppressed cell from all of it together. It does not use the protection code's own records.
/// </summary>
/// <remarks>
/// <para>Published: every <c>*.html</c>, <c>*.svg</c> and <c>*.xlsx</c> (the studies' workbooks, read sheet by sheet) under the folder except <c>notebooks/</c> (the researcher's
/// working copies, which say so in their metadata: <c>metadata.workbench.published = false</c>), and <c>manifest.json</c>. Read: protected tables (<c>div.protected-table</c>: cells, "x", "&lt;10",
/// the Total row and column, the rounding base stated in the footnote), the plotly.js data of every chart
/// (<c>var fig=</c> in report pages and chart files), alt texts and figcaptions, the bar labels of SVG exports, the
/// numbers kind in the manifest, and raw record displays of notebook outputs.</para>
/// <para>Rules. (1) A suppressed cell whose range, given everything published for the study in that language, is
/// narrower than <see cref="AuditOptions.ProtectionWidth"/> is exposed. (2) A count from 1 to MinimumCell - 1 that is
/// published (a table cell, a bar of a chart of counts, its alt text or SVG label) or follows exactly from shares is
/// exposed. (3) A raw record display of whole-number counts is an unprotected count. (4) A literal count of people from 1
/// to 9 ("3 victims", "vijf slachtoffers") in a chart's title, notes or alt text, a table caption or a heading is exposed. Exempt by kind: a chart with
/// error bars is a model output (survey percentages, MSE estimates); a chart the manifest marks "estimates" is taken
/// at its word unless it is a stack of shares summing to one, which is a composition of counts whatever its label.</para>
/// <para>Links between numbers: tables in a study that share a dimension (same name and categories) share its
/// margins; a chart category whose label matches a table category (ignoring case and punctuation) is that margin,
/// and a stacked part whose name matches a category of another dimension is that cell.</para>
/// </remarks>
public static partial class LeakAudit
{
    [GeneratedRegex("(?i)year|jaar|percent|share|mean|average|median|month|estimate|lower|upper|level|seed|index|rate|ratio|order|number|df$|decimals|width|height|dpi|version|minimum|rounding|min$|max$")]
    private static partial Regex NotACountRx();
    [GeneratedRegex("(?<![\\p{L}0-9.,])([0-9]{1,3}(?:[.,][0-9]{3})*|[0-9]+)(?![\\p{L}0-9]|[.,][0-9]|\\s*%)")]
    private static partial Regex IntegerInTextRx();
    [GeneratedRegex("[^\\p{L}\\p{N}]")]
    private static partial Regex NonAlnumRx();
    // a small number (digits or a word) followed, within two words, by a noun that counts people (English and Dutch);
    // "one in three children", "een op de zes jongens" are ratios, not counts: the number may not follow "in", "op (de)", "of", "out of"
    [GeneratedRegex("(?<!\\b(?:in|op|de|of|per|out of|every|elke|ieder)\\s)(?<![0-9][.,])\\b(?<n>[1-9]|one|two|three|four|five|six|seven|eight|nine|twee|drie|vier|vijf|zes|zeven|acht|negen)\\s+(?:(?!in\\b|op\\b|of\\b|out\\b|per\\b|van\\b|de\\b)[\\p{L}-]+\\s+){0,2}?(?<noun>victims?|children|child|girls?|boys?|suspects?|offenders?|perpetrators?|persons?|people|respondents?|pupils?|minors?|young people|adults?|cases|slachtoffers?|kinderen|kind|meisjes?|jongens?|verdachten?|daders?|plegers?|personen|mensen|respondenten|leerlingen|jongeren|minderjarigen|volwassenen|gevallen)\\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex PeopleCountRx();

    /// <summary>Audits everything published under <paramref name="folder"/>.</summary>
    /// <param name="folder">An output folder (e.g. the <c>--out</c> of <c>workbench verify</c>) or any folder of pages and charts.</param>
    /// <param name="options">Thresholds (default <see cref="AuditOptions"/>: 10, width 1).</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="DataValidationException">A file cannot be read as published output; the error names it.</exception>
    public static AuditReport Run(string folder, AuditOptions? options = null)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Output folder '{folder}' does not exist; give the --out folder of workbench verify.");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Rel: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .Where(f => !f.Rel.Split('/').Contains("notebooks"))
            .OrderBy(f => f.Rel, StringComparer.Ordinal)
            .ToList();
        var numbers = new Dictionary<string, string>();
        var altTexts = new List<(string Page, string Id, string Lang, string Text)>();
        foreach (var f in files.Where(f => Path.GetFileName(f.Rel) == "manifest.json")) ReadManifest(f.Full, f.Rel, numbers, altTexts);
        var pages = new List<(string Rel, string Content)>();
        foreach (var f in files.Where(f => f.Rel.EndsWith(".html", StringComparison.Ordinal) || f.Rel.EndsWith(".svg", StringComparison.Ordinal)))
        {
            try { pages.Add((f.Rel, File.ReadAllText(f.Full))); }
            catch (IOException ex) { throw new DataValidationException(new DataError(f.Full, 1, 1, $"cannot be read ({ex.Message})")); }
        }
        // Workbooks (publish --format xlsx): their protected tables join the study's pages in the same language.
        var workbooks = new List<(string Rel, List<PublishedTable> Tables)>();
        foreach (var f in files.Where(f => f.Rel.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)))
            workbooks.Add((f.Rel, PublishedContent.WorkbookTables(f.Rel, f.Full, LanguageExtensions.FromTag(StudyOf(f.Rel).Lang))));
        return Audit(pages, numbers, altTexts, options ?? new AuditOptions(), workbooks);
    }

    private static void ReadManifest(string path, string rel, Dictionary<string, string> numbers, List<(string, string, string, string)> altTexts)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (!doc.RootElement.TryGetProperty("figures", out var figs) || figs.ValueKind != JsonValueKind.Array) return;
            foreach (var f in figs.EnumerateArray())
            {
                var id = f.TryGetProperty("id", out var i) ? i.GetString() ?? "" : "";
                var lang = LanguageExtensions.FromTag(f.TryGetProperty("language", out var l) ? l.GetString() : null).Code();
                if (f.TryGetProperty("numbers", out var n) && n.GetString() is { } kind) numbers[id + "." + lang] = kind;
                if (f.TryGetProperty("altText", out var a) && a.GetString() is { } alt) altTexts.Add((rel, id, lang, alt));
            }
        }
        catch (JsonException ex)
        {
            throw new DataValidationException(new DataError(path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1,
                $"not a chart manifest ({ex.Message}); workbench export writes it"));
        }
    }

    /// <summary>Audits pages given as (relative path, content): HTML pages and chart files, SVG exports.</summary>
    internal static AuditReport Audit(IReadOnlyList<(string Rel, string Content)> pages, IReadOnlyDictionary<string, string> numbers,
        IReadOnlyList<(string Page, string Id, string Lang, string Text)> altTexts, AuditOptions options,
        IReadOnlyList<(string Rel, List<PublishedTable> Tables)>? workbooks = null)
    {
        var findings = new List<AuditFinding>();
        var notes = new List<string>();
        var groups = new Dictionary<string, Group>();
        var figureHome = new Dictionary<string, string>();
        var tableCount = 0;
        var figureCount = 0;
        var svgs = new List<(string Rel, string Content)>();
        foreach (var (rel, content) in pages)
        {
            if (rel.EndsWith(".svg", StringComparison.Ordinal)) { svgs.Add((rel, content)); continue; }
            var (study, lang) = StudyOf(rel);
            List<PublishedTable> tables;
            List<PublishedFigure> figures;
            try
            {
                tables = PublishedContent.Tables(rel, content);
                figures = PublishedContent.Figures(rel, content, numbers);
            }
            catch (Exception ex) when (ex is JsonException or FormatException)
            {
                throw new DataValidationException(new DataError(rel, 1, 1, $"chart data cannot be read ({ex.Message})"));
            }
            tableCount += tables.Count;
            figureCount += figures.Count;
            // a chart file joins the study whose page shows the same figure
            var key = tables.Count == 0 && figures.Count > 0 && figureHome.TryGetValue(figures[0].Id + "." + figures[0].Language, out var home)
                ? home : study + "." + lang;
            if (!groups.TryGetValue(key, out var g)) groups[key] = g = new Group();
            foreach (var t in tables)
                if (g.TableKeys.Add(Signature(t))) g.Tables.Add(t);
            foreach (var f in figures)
            {
                figureHome.TryAdd(f.Id + "." + f.Language, key);
                if (g.FigureKeys.Add(f.Id + "|" + string.Join(";", f.Traces.SelectMany(t => t.Points.Select(p => p.Value))))) g.Figures.Add(f);
            }
            foreach (var d in PublishedContent.RawDisplays(rel, content)) RawDisplayFindings(d, findings);
            foreach (var heading in PublishedContent.Headings(content)) PeopleCountFindings(rel, "heading", "heading", heading, findings);
            foreach (var t in tables) PeopleCountFindings(rel, t.Caption, "caption", t.Caption, findings);
            foreach (var f in figures)
            {
                foreach (var title in f.Titles) PeopleCountFindings(rel, "chart " + f.Id, "title or note", title, findings);
                foreach (var text in f.Texts) PeopleCountFindings(rel, "chart " + f.Id, "alt text", text, findings);
            }
        }
        foreach (var (rel, tables) in workbooks ?? [])
        {
            var (study, lang) = StudyOf(rel);
            if (!groups.TryGetValue(study + "." + lang, out var g)) groups[study + "." + lang] = g = new Group();
            tableCount += tables.Count;
            foreach (var t in tables)
            {
                if (g.TableKeys.Add(Signature(t))) g.Tables.Add(t);
                PeopleCountFindings(rel, t.Caption, "caption", t.Caption, findings);
            }
        }
        var suppressed = 0;
        foreach (var g in groups.Values) suppressed += AuditGroup(g, options, findings, notes);
        foreach (var (rel, svg) in svgs) SvgFindings(rel, svg, numbers, options, findings);
        foreach (var (page, id, lang, text) in altTexts)
        {
            if (IsCountKind(numbers.GetValueOrDefault(id + "." + lang))) TextFindings(page, id, "alt text", text, options, findings);
            PeopleCountFindings(page, "chart " + id, "alt text", text, findings);
        }
        var distinct = findings.Distinct().ToList();
        return new AuditReport(distinct, pages.Count + (workbooks?.Count ?? 0), tableCount, figureCount, suppressed, notes);
    }

    private sealed class Group
    {
        public readonly List<PublishedTable> Tables = [];
        public readonly HashSet<string> TableKeys = [];
        public readonly List<PublishedFigure> Figures = [];
        public readonly HashSet<string> FigureKeys = [];
    }

    private static (string Study, string Lang) StudyOf(string rel)
    {
        var name = Path.GetFileName(rel);
        var stem = name[..name.LastIndexOf('.')];
        var (study, language) = LanguageExtensions.SplitLanguageSuffix(stem, '.');
        return (study, language.Code());
    }

    private static string Signature(PublishedTable t) =>
        string.Join("|", t.DimensionNames) + "#" + string.Join(",", t.Cells.Select(c => c.Value?.ToString(CultureInfo.InvariantCulture) ?? (c.Suppressed ? "x" : "?")));

    internal static string Normalise(string label) => NonAlnumRx().Replace(label, "").ToLowerInvariant();

    private static bool IsCountKind(string? numbers) => numbers is "registered-counts" or "estimates-and-registered-counts";

    /// <summary>Builds the attacker's model of one study in one language, solves it and reports what it exposes; returns the number of suppressed cells.</summary>
    private static int AuditGroup(Group g, AuditOptions options, List<AuditFinding> findings, List<string> notes)
    {
        var m = options.MinimumCell;
        var model = new AttackModel();
        var cellQ = new List<int[]>();
        var suppressed = 0;
        foreach (var t in g.Tables)
        {
            var qs = new int[t.Cells.Length];
            var b = t.RoundingBase;
            for (var k = 0; k < t.Cells.Length; k++)
            {
                var c = t.Cells[k];
                if (c.Suppressed)
                {
                    suppressed++;
                    qs[k] = model.Add(1, c.Below is { } below ? below - 1 : AttackModel.Unbounded, t.Page, t.Caption, c.Name, suppressed: true);
                }
                else if (c.Value is { } v)
                {
                    qs[k] = t.Unprotected || b <= 1
                        ? model.Add(v, v, t.Page, t.Caption, c.Name)
                        : model.Add(Math.Max(0, v - b / 2), v + (b - 1 - b / 2), t.Page, t.Caption, c.Name);
                    if (v >= 1 && v < m)
                        findings.Add(new AuditFinding(t.Page, t.Caption, c.Name, $"a count of {v} is published (counts from 1 to {m - 1} must not be)"));
                }
                else
                {
                    qs[k] = model.Add(0, AttackModel.Unbounded, t.Page, t.Caption, c.Name);
                }
            }
            foreach (var line in t.Lines())
                model.Sum(line.Select((k, i) => (qs[k], i == line.Length - 1 ? -1.0 : 1.0)).ToList());
            cellQ.Add(qs);
        }
        LinkSharedMargins(g.Tables, cellQ, model);
        foreach (var f in g.Figures) AddFigure(f, g.Tables, cellQ, model, options, findings);
        var rep = model.Solve(notes, options.ProtectionWidth);
        foreach (var root in rep.Distinct())
        {
            var q = model.Quantities[root];
            var width = q.Hi == AttackModel.Unbounded ? long.MaxValue : q.Hi - q.Lo;
            if (q.Suppressed && width < options.ProtectionWidth)
            {
                foreach (var place in q.Places.Where(p => p.Suppressed).Distinct())
                {
                    var others = q.Places.Where(p => p != place).Select(p => $"{p.Element} ({p.Cell})").Distinct().ToList();
                    var how = others.Count > 0 ? $"; it is also {string.Join(", ", others)}" : "";
                    findings.Add(new AuditFinding(place.Page, place.Element, place.Cell, width == 0
                        ? $"suppressed, but the published figures together give exactly {q.Lo}{how}"
                        : $"suppressed, but the published figures together narrow it to {q.Lo}-{q.Hi}{how}"));
                }
            }
            else if (!q.Suppressed && q.Derived && q.Hi < m && q.Lo >= 1 && width < options.ProtectionWidth)
            {
                var place = q.Places[0];
                findings.Add(new AuditFinding(place.Page, place.Element, place.Cell, width == 0
                    ? $"the shares with the table totals give a count of exactly {q.Lo} (counts from 1 to {m - 1} must not be derivable)"
                    : $"the shares with the table totals narrow a count to {q.Lo}-{q.Hi} (counts from 1 to {m - 1} must not be derivable)"));
            }
        }
        return suppressed;
    }

    /// <summary>Tables that share a dimension (same name and categories) count the same population: its margins are equal.</summary>
    private static void LinkSharedMargins(List<PublishedTable> tables, List<int[]> cellQ, AttackModel model)
    {
        for (var a = 0; a < tables.Count; a++)
            for (var b = a + 1; b < tables.Count; b++)
            {
                var (ta, tb) = (tables[a], tables[b]);
                for (var da = 0; da < ta.Rank; da++)
                    for (var db = 0; db < tb.Rank; db++)
                    {
                        if (Normalise(ta.DimensionNames[da]) != Normalise(tb.DimensionNames[db])) continue;
                        if (!ta.Categories[da].Select(Normalise).SequenceEqual(tb.Categories[db].Select(Normalise))) continue;
                        for (var i = 0; i <= ta.Categories[da].Count; i++)
                            model.Same(cellQ[a][ta.Offset(Margin(ta, da, i))], cellQ[b][tb.Offset(Margin(tb, db, i))]);
                    }
            }
    }

    private static int[] Margin(PublishedTable t, int d, int i)
    {
        var index = t.Categories.Select(c => c.Count).ToArray();
        index[d] = i;
        return index;
    }

    /// <summary>The table cells whose label on some dimension is <paramref name="label"/>, other dimensions at their totals.</summary>
    private static IEnumerable<(int Table, int Dim, int Position)> Matches(List<PublishedTable> tables, string label)
    {
        var key = Normalise(label);
        for (var t = 0; t < tables.Count; t++)
            for (var d = 0; d < tables[t].Rank; d++)
                for (var i = 0; i < tables[t].Categories[d].Count; i++)
                    if (Normalise(tables[t].Categories[d][i]) == key) yield return (t, d, i);
    }

    private static void AddFigure(PublishedFigure f, List<PublishedTable> tables, List<int[]> cellQ, AttackModel model, AuditOptions options,
        List<AuditFinding> findings)
    {
        if (f.Traces.Any(t => t.HasErrorBars)) return; // a model output with its interval: exempt by kind
        var bars = f.Traces.Where(t => t.Type == "bar").ToList();
        var element = "chart " + f.Id;
        var declared = f.SharesOf == "published-counts";
        if (f.Stacked && bars.Count > 1 && ShareScale(bars, declared) is { } scale)
        {
            foreach (var category in bars.SelectMany(b => b.Points.Select(p => p.Category)).Distinct())
            {
                var matches = Matches(tables, category).ToList();
                var values = bars.SelectMany(b => b.Points.Where(p => p.Category == category)).Select(p => p.Value / scale).ToList();
                // shares the chart says are of the published counts, and that are, add nothing to the tables
                if (declared && matches.Any(x => OfPublishedCounts(tables[x.Table], x.Dim, x.Position, values))) continue;
                // shares of rounded counts need not sum to one: those that do not are no exact shares of one whole
                if (declared && !bars.Any(b => b.Missing.Contains(category)) && Math.Abs(values.Sum() - 1) > 1e-6) continue;
                var whole = model.Add(1, AttackModel.Unbounded, f.Page, element, category, derived: true);
                foreach (var (t, d, i) in matches) model.Same(whole, cellQ[t][tables[t].Offset(Margin(tables[t], d, i))]);
                var parts = new List<(int, double, double)>();
                foreach (var bar in bars)
                {
                    var shown = bar.Points.Where(p => p.Category == category).Select(p => (p.Value, p.Decimals, Missing: false));
                    var hidden = bar.Missing.Where(c => c == category).Select(_ => (Value: double.NaN, Decimals: 0, Missing: true));
                    foreach (var p in shown.Concat(hidden))
                    {
                        // a part with no bar is an unknown count in the sum, with no share (suppressed, or its whole is)
                        var part = model.Add(0, AttackModel.Unbounded, f.Page, element, $"{category} / {bar.Name}", derived: !p.Missing);
                        foreach (var (t, d, i) in matches)
                            for (var e = 0; e < tables[t].Rank; e++)
                                for (var j = 0; e != d && j < tables[t].Categories[e].Count; j++)
                                    if (Normalise(tables[t].Categories[e][j]) == Normalise(bar.Name))
                                    {
                                        var index = Margin(tables[t], d, i);
                                        index[e] = j;
                                        model.Same(part, cellQ[t][tables[t].Offset(index)]);
                                    }
                        var tol = Math.Max(0.5 * Math.Pow(10, -p.Decimals), 1e-12) / scale;
                        parts.Add((part, p.Missing ? double.NaN : p.Value / scale, tol));
                    }
                }
                model.Shares(whole, parts);
            }
            return;
        }
        var countTraces = IsCountKind(f.Numbers) ? f.Traces.Where(t => f.Numbers == "registered-counts" ? t.Mode is null || !t.Mode.Contains("text", StringComparison.Ordinal) : t.Type == "bar")
            : f.Numbers is null ? bars.Where(b => b.Points.All(p => p.Value == Math.Floor(p.Value))) : [];
        var counted = false;
        foreach (var trace in countTraces)
        {
            foreach (var p in trace.Points)
            {
                counted = true;
                var name = trace.Name.Length > 0 ? $"{p.Category} / {trace.Name}" : p.Category;
                if (p.Value >= 1 && p.Value < options.MinimumCell && p.Value == Math.Floor(p.Value))
                    findings.Add(new AuditFinding(f.Page, element, name, $"a count of {p.Value.ToString(CultureInfo.InvariantCulture)} is published in a chart of counts"));
                if (p.Value != Math.Floor(p.Value) || p.Value < 0) continue;
                var bar = model.Add((long)p.Value, (long)p.Value, f.Page, element, name);
                foreach (var (t, d, i) in Matches(tables, p.Category).Where(x => tables[x.Table].Rank == 1))
                    model.Same(bar, cellQ[t][tables[t].Offset(Margin(tables[t], d, i))]);
            }
        }
        if (counted) foreach (var text in f.Texts) TextFindings(f.Page, element, "alt text", text, options, findings);
    }

    /// <summary>
    /// 1 when every category's stacked bars sum to one, 100 when they sum to 100 (percentages), otherwise null. A
    /// category with a part not drawn (a suppressed share) sums to less.
    /// </summary>
    private static double? ShareScale(List<FigureTrace> bars, bool declared)
    {
        var missing = bars.SelectMany(b => b.Missing).ToHashSet();
        var sums = bars.SelectMany(b => b.Points).GroupBy(p => p.Category).Select(g => (g.Key, Sum: g.Sum(p => p.Value))).ToList();
        if (sums.Count == 0) return null;
        // shares of published (rounded) counts: each in [0, 1], a row's sum off by the rounding
        if (declared && bars.SelectMany(b => b.Points).All(p => p.Value is >= 0 and <= 1 + 1e-9)) return 1;
        if (!sums.Any(s => !missing.Contains(s.Key))) return null;
        foreach (var scale in new[] { 1.0, 100.0 })
            if (sums.All(s => missing.Contains(s.Key) ? s.Sum <= scale * (1 + 1e-6) : Math.Abs(s.Sum - scale) < 1e-6 * scale))
                return scale;
        return null;
    }

    /// <summary>
    /// True when every share is a published count of the table line through category <paramref name="position"/> of
    /// dimension <paramref name="dim"/> (the other dimensions at their totals) divided by the line's published total or
    /// by the sum of its published entries: then the shares are a function of the published table.
    /// </summary>
    private static bool OfPublishedCounts(PublishedTable t, int dim, int position, IReadOnlyList<double> shares)
    {
        if (t.Rank < 2) return false;
        for (var e = 0; e < t.Rank; e++)
        {
            if (e == dim) continue;
            var index = Margin(t, dim, position);
            var entries = new List<long?>();
            for (var j = 0; j < t.Categories[e].Count; j++)
            {
                index[e] = j;
                entries.Add(t.Cells[t.Offset(index)].Value);
            }
            index[e] = t.Categories[e].Count;
            var published = entries.Where(v => v is not null).Select(v => v!.Value).ToList();
            var wholes = new List<long>();
            if (t.Cells[t.Offset(index)].Value is { } total) wholes.Add(total);
            if (entries.All(v => v is not null)) wholes.Add(published.Sum());
            foreach (var w in wholes.Where(w => w > 0))
                if (shares.All(s => published.Any(c => Math.Abs(s * w - c) < 1e-6 * Math.Max(1, w))))
                    return true;
        }
        return false;
    }

    private static void TextFindings(string page, string element, string what, string text, AuditOptions options, List<AuditFinding> findings)
    {
        foreach (Match m in IntegerInTextRx().Matches(text))
            if (long.TryParse(m.Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v) && v >= 1 && v < options.MinimumCell)
                findings.Add(new AuditFinding(page, element, what, $"the {what} of a chart of counts prints a count of {v}: \"{Excerpt(text, m.Index)}\""));
    }

    /// <summary>A literal count of people from 1 to 9 in published text ("3 victims", "five children") is a finding, whatever the chart's kind.</summary>
    private static void PeopleCountFindings(string page, string element, string what, string text, List<AuditFinding> findings)
    {
        foreach (Match m in PeopleCountRx().Matches(text))
            findings.Add(new AuditFinding(page, element, what,
                $"the {what} prints a count of people from 1 to 9 (\"{m.Value}\"); publish counts only from protected values: \"{Excerpt(text, m.Index)}\""));
    }

    private static string Excerpt(string text, int at)
    {
        var start = Math.Max(0, at - 30);
        return text.Substring(start, Math.Min(text.Length - start, 60)).Trim();
    }

    private static void SvgFindings(string rel, string svg, IReadOnlyDictionary<string, string> numbers, AuditOptions options, List<AuditFinding> findings)
    {
        var name = Path.GetFileName(rel);
        var stem = name[..^4];
        var (id, language) = LanguageExtensions.SplitLanguageSuffix(stem, '.');
        var lang = language.Code();
        if (!IsCountKind(numbers.GetValueOrDefault(id + "." + lang))) return;
        foreach (var label in PublishedContent.SvgBarTexts(svg))
            TextFindings(rel, "chart " + id, "bar label", label, options, findings);
    }

    private static void RawDisplayFindings(RawDisplay d, List<AuditFinding> findings)
    {
        var counts = d.Fields.Where(f => long.TryParse(f.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !NotACountRx().IsMatch(f.Name)).ToList();
        if (counts.Count == 0) return;
        var text = d.Text.Length > 90 ? d.Text[..90] + "..." : d.Text;
        findings.Add(new AuditFinding(d.Page, "output " + text, string.Join(", ", counts.Select(c => $"{c.Name} = {c.Value}")),
            "exact counts in a raw data display, not from a protected table"));
    }
}
