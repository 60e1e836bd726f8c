using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workbench.Disclosure.Audit;

/// <summary>One cell of a published table as a reader sees it.</summary>
/// <param name="Name">The cell named by its labels ("den-haag / yes", "Total / Total").</param>
/// <param name="Value">The published count, or null when suppressed or not a number.</param>
/// <param name="Suppressed">True for "x" or "&lt;10".</param>
/// <param name="Below">For "&lt;10": the reader knows the count is below 10; null otherwise.</param>
internal sealed record PublishedCell(string Name, long? Value, bool Suppressed, long? Below);

/// <summary>A table as published by <c>ProtectedTable.ToHtml</c>: dimensions, cells in row-major order with totals last, and the rules the footnote states.</summary>
internal sealed class PublishedTable
{
    public required string Page { get; init; }
    public required string Caption { get; init; }
    public required IReadOnlyList<string> DimensionNames { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> Categories { get; init; }
    /// <summary>Cells of the table extended by its totals (the total at index Count of each dimension).</summary>
    public required PublishedCell[] Cells { get; init; }
    /// <summary>The rounding base the footnote states (1 when it states none).</summary>
    public required int RoundingBase { get; init; }
    /// <summary>True when the footnote says the table was released without disclosure control.</summary>
    public required bool Unprotected { get; init; }

    public int Rank => DimensionNames.Count;

    public int Offset(IReadOnlyList<int> index)
    {
        var offset = 0;
        for (var d = 0; d < Rank; d++) offset = offset * (Categories[d].Count + 1) + index[d];
        return offset;
    }

    public int[] IndexOf(int offset)
    {
        var index = new int[Rank];
        for (var d = Rank - 1; d >= 0; d--)
        {
            var n = Categories[d].Count + 1;
            index[d] = offset % n;
            offset /= n;
        }
        return index;
    }

    /// <summary>Every line of the extended table: the entries along one dimension, then their total, as offsets.</summary>
    public IEnumerable<int[]> Lines()
    {
        for (var k = 0; k < Cells.Length; k++)
        {
            var index = IndexOf(k);
            for (var d = 0; d < Rank; d++)
            {
                if (index[d] != Categories[d].Count) continue; // start each line at its total
                var line = new int[Categories[d].Count + 1];
                var at = (int[])index.Clone();
                for (var i = 0; i <= Categories[d].Count; i++)
                {
                    at[d] = i;
                    line[i] = Offset(at);
                }
                yield return line;
            }
        }
    }
}

/// <summary>One trace of a chart: its points as (category, value, decimals in the published number).</summary>
internal sealed record FigureTrace(string Name, string Type, string? Mode, bool HasErrorBars, IReadOnlyList<(string Category, double Value, int Decimals)> Points)
{
    /// <summary>The categories where the trace has no value (null: a bar not drawn, e.g. a suppressed share).</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];
}

/// <summary>
/// The data of one chart: from the plotly.js JSON in a page or chart file; its kind from the manifest or from the
/// chart's own <c>layout.meta.workbench</c> (numbers kind, and what its shares are computed from).
/// </summary>
internal sealed record PublishedFigure(string Page, string Id, string Language, string? Numbers, bool Stacked, IReadOnlyList<FigureTrace> Traces, IReadOnlyList<string> Texts)
{
    /// <summary>"published-counts" when the chart says its shares are of the published counts (the audit checks it); otherwise null.</summary>
    public string? SharesOf { get; init; }

    /// <summary>The text drawn in the chart: title, subtitle and notes (the layout's annotations).</summary>
    public IReadOnlyList<string> Titles { get; init; } = [];
}

/// <summary>A raw record display in a notebook output (<c>{ Year = 2015, Suspects = 175 }</c>), not a protected table.</summary>
internal sealed record RawDisplay(string Page, string Text, IReadOnlyList<(string Name, string Value)> Fields);

/// <summary>Reads what a reader sees in published HTML, SVG and the chart manifest; trusts nothing the protection code keeps to itself.</summary>
internal static partial class PublishedContent
{
    [GeneratedRegex("<div class=\"protected-table\"(?<attrs>[^>]*)>(?<body>.*?)<p class=\"footnote\">(?<foot>.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex ProtectedTableRx();
    [GeneratedRegex("<table[^>]*>(?<t>.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex TableRx();
    [GeneratedRegex("<caption[^>]*>(?<c>.*?)</caption>", RegexOptions.Singleline)]
    private static partial Regex CaptionRx();
    [GeneratedRegex("<tr[^>]*>(?<r>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowRx();
    [GeneratedRegex("<t[hd][^>]*>(?<c>.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellRx();
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRx();
    [GeneratedRegex("(?:multiple of|veelvoud van) (?<b>[0-9]+)")]
    private static partial Regex RoundingRx();
    [GeneratedRegex("lang=\"(?<l>[a-zA-Z-]+)\"")]
    private static partial Regex LangRx();
    [GeneratedRegex("getElementById\\(\"(?<id>[^\"]+)\"\\)")]
    private static partial Regex ElementIdRx();
    [GeneratedRegex("<span class=\"dni-code-hint\"><code>(?<c>.*?)</code></span>", RegexOptions.Singleline)]
    private static partial Regex CodeHintRx();
    [GeneratedRegex(",\\s(?=[A-Za-z_][A-Za-z0-9_]*\\s=\\s)")]
    private static partial Regex FieldSplitRx();
    [GeneratedRegex("<text[^>]*class=\"bartext[^\"]*\"[^>]*>(?<t>.*?)</text>", RegexOptions.Singleline)]
    private static partial Regex BarTextRx();
    [GeneratedRegex("aria-label=\"(?<t>[^\"]*)\"")]
    private static partial Regex AriaRx();
    [GeneratedRegex("<figcaption[^>]*>(?<t>.*?)</figcaption>", RegexOptions.Singleline)]
    private static partial Regex FigcaptionRx();

    [GeneratedRegex("<h[1-6][^>]*>(?<t>.*?)</h[1-6]>", RegexOptions.Singleline)]
    private static partial Regex HeadingRx();

    /// <summary>The text of every heading (h1 to h6) on a page.</summary>
    public static List<string> Headings(string html) => HeadingRx().Matches(html).Select(m => Text(m.Groups["t"].Value)).ToList();

    public static string Text(string html) => WebUtility.HtmlDecode(TagRx().Replace(html, "")).Trim();

    /// <summary>Every protected-table block on a page.</summary>
    public static List<PublishedTable> Tables(string page, string html)
    {
        var tables = new List<PublishedTable>();
        foreach (Match m in ProtectedTableRx().Matches(html))
        {
            var language = LanguageExtensions.FromTag(LangRx().Match(m.Groups["attrs"].Value) is { Success: true } l ? l.Groups["l"].Value : null);
            var foot = Text(m.Groups["foot"].Value.Replace("<br>", "\n", StringComparison.Ordinal));
            var rounding = RoundingRx().Match(foot) is { Success: true } r ? int.Parse(r.Groups["b"].Value, CultureInfo.InvariantCulture) : 1;
            var unprotected = foot.StartsWith("U:", StringComparison.Ordinal);
            var blocks = TableRx().Matches(m.Groups["body"].Value).Select(b => ParseBlock(b.Groups["t"].Value)).ToList();
            if (blocks.Count == 0) continue;
            var table = Assemble(page, blocks, language, rounding, unprotected);
            if (table is not null) tables.Add(table);
        }
        return tables;
    }

    private sealed record Block(string Caption, List<string> Header, List<List<string>> Rows);

    private static Block ParseBlock(string t)
    {
        var caption = CaptionRx().Match(t) is { Success: true } c ? Text(c.Groups["c"].Value) : "";
        var rows = RowRx().Matches(t).Select(r => CellRx().Matches(r.Groups["r"].Value).Select(x => Text(x.Groups["c"].Value)).ToList()).ToList();
        return rows.Count == 0 ? new Block(caption, [], []) : new Block(caption, rows[0], rows.Skip(1).ToList());
    }

    private static PublishedTable? Assemble(string page, List<Block> blocks, Language language, int rounding, bool unprotected)
    {
        var first = blocks[0];
        if (first.Header.Count < 2 || first.Rows.Count == 0) return null;
        var corner = first.Header[0];
        var split = corner.Split(" \\ ");
        var rowCats = first.Rows.Take(first.Rows.Count - 1).Select(r => r[0]).ToList();
        List<string> dimNames;
        List<IReadOnlyList<string>> cats;
        string caption;
        if (split.Length < 2)
        {
            dimNames = [corner];
            cats = [rowCats];
            caption = first.Caption;
        }
        else
        {
            dimNames = [split[0], split[1]];
            cats = [rowCats, first.Header.Skip(1).Take(first.Header.Count - 2).ToList()];
            caption = first.Caption;
            if (blocks.Count > 1)
            {
                // rank 3: one grid per layer, captioned "Title — layer: label", the total layer last
                var layers = blocks.Select(b => b.Caption.Split(" — ")[^1]).ToList();
                var layerName = layers[0].Split(": ")[0];
                dimNames.Add(layerName);
                cats.Add(layers.Take(layers.Count - 1).Select(s => s.Length > layerName.Length + 2 ? s[(layerName.Length + 2)..] : s).ToList());
                var parts = first.Caption.Split(" — ");
                caption = parts.Length > 1 ? string.Join(" — ", parts.Take(parts.Length - 1)) : layerName;
            }
        }
        var sizes = cats.Select(c => c.Count + 1).ToArray();
        var cells = new PublishedCell[sizes.Aggregate(1, (a, b) => a * b)];
        var layerCount = dimNames.Count == 3 ? blocks.Count : 1;
        for (var l = 0; l < layerCount; l++)
        {
            var block = blocks[l];
            if (block.Rows.Count != sizes[0]) return null;
            for (var i = 0; i < sizes[0]; i++)
            {
                var row = block.Rows[i];
                var columns = dimNames.Count == 1 ? 1 : sizes[1];
                if (row.Count != columns + 1) return null;
                for (var j = 0; j < columns; j++)
                {
                    int[] index = dimNames.Count switch { 1 => [i], 2 => [i, j], _ => [i, j, l] };
                    var offset = 0;
                    for (var d = 0; d < index.Length; d++) offset = offset * sizes[d] + index[d];
                    var labels = index.Select((x, d) => x == sizes[d] - 1 ? Phrases.Get(Phrase.Total, language) : cats[d][x]);
                    cells[offset] = ParseCell(string.Join(" / ", labels), row[j + 1], language.Culture());
                }
            }
        }
        return new PublishedTable
        {
            Page = page, Caption = caption.Length > 0 ? caption : string.Join(" x ", dimNames), DimensionNames = dimNames,
            Categories = cats, Cells = cells, RoundingBase = rounding, Unprotected = unprotected,
        };
    }

    private static PublishedCell ParseCell(string name, string shown, CultureInfo culture)
    {
        var text = shown.Trim();
        var paren = text.IndexOf(" (", StringComparison.Ordinal);
        if (paren > 0) text = text[..paren]; // "12 (33.3%)": the count before the percentage
        if (text == "x") return new PublishedCell(name, null, true, null);
        if (text.StartsWith('<'))
            return new PublishedCell(name, null, true, long.TryParse(text[1..], NumberStyles.AllowThousands, culture, out var below) ? below : null);
        return long.TryParse(text, NumberStyles.AllowThousands, culture, out var v)
            ? new PublishedCell(name, v, false, null)
            : new PublishedCell(name, null, false, null);
    }

    /// <summary>Every plotly.js figure on a page or in a chart file (<c>var fig={...}</c> followed by the element id).</summary>
    public static List<PublishedFigure> Figures(string page, string html, IReadOnlyDictionary<string, string> numbersByFigure)
    {
        var figures = new List<PublishedFigure>();
        const string marker = "var fig=";
        for (var at = html.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = html.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            var start = at + marker.Length;
            var end = ObjectEnd(html, start);
            if (end < 0) throw new FormatException($"{page}: the chart data starting at character {start} is not closed.");
            var tail = html.Substring(end, Math.Min(400, html.Length - end));
            var elementId = ElementIdRx().Match(tail) is { Success: true } e ? e.Groups["id"].Value : "figure";
            var (id, lang) = SplitElementId(elementId);
            using var doc = JsonDocument.Parse(html.AsMemory(start, end - start));
            var texts = new List<string>();
            var figureTag = html.LastIndexOf("id=\"" + elementId + "\"", at, StringComparison.Ordinal);
            if (figureTag >= 0)
            {
                var around = html.Substring(figureTag, Math.Min(8000, at - figureTag));
                if (AriaRx().Match(around) is { Success: true } a) texts.Add(WebUtility.HtmlDecode(a.Groups["t"].Value));
                if (FigcaptionRx().Match(around) is { Success: true } f) texts.Add(Text(f.Groups["t"].Value));
            }
            figures.Add(Figure(page, id, lang, doc.RootElement, numbersByFigure.GetValueOrDefault(id + "." + lang), texts));
            at = end;
        }
        return figures;
    }

    private static (string Id, string Lang) SplitElementId(string elementId)
    {
        var id = elementId.StartsWith("wb-", StringComparison.Ordinal) ? elementId[3..] : elementId;
        var (name, language) = LanguageExtensions.SplitLanguageSuffix(id, '-');
        return (name, language.Code());
    }

    /// <summary>The index just after the JSON object starting at <paramref name="start"/>, or -1.</summary>
    private static int ObjectEnd(string s, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < s.Length; i++)
        {
            var c = s[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') inString = true;
            else if (c is '{' or '[') depth++;
            else if (c is '}' or ']' && --depth == 0) return i + 1;
        }
        return -1;
    }

    private static PublishedFigure Figure(string page, string id, string lang, JsonElement root, string? numbers, List<string> texts)
    {
        var layout = root.TryGetProperty("layout", out var l) ? l : default;
        var stacked = layout.ValueKind == JsonValueKind.Object && layout.TryGetProperty("barmode", out var bm) && bm.GetString() is "stack" or "relative";
        string? sharesOf = null;
        if (layout.ValueKind == JsonValueKind.Object && layout.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("workbench", out var wb) && wb.ValueKind == JsonValueKind.Object)
        {
            if (numbers is null && wb.TryGetProperty("numbers", out var kind) && kind.ValueKind == JsonValueKind.String) numbers = kind.GetString();
            if (wb.TryGetProperty("sharesOf", out var of) && of.ValueKind == JsonValueKind.String) sharesOf = of.GetString();
        }
        var titles = new List<string>();
        if (layout.ValueKind == JsonValueKind.Object && layout.TryGetProperty("annotations", out var notes) && notes.ValueKind == JsonValueKind.Array)
            foreach (var a in notes.EnumerateArray())
                if (a.ValueKind == JsonValueKind.Object && a.TryGetProperty("text", out var at) && at.ValueKind == JsonValueKind.String)
                    titles.Add(Text((at.GetString() ?? "").Replace("<br>", " ", StringComparison.Ordinal)));
        var traces = new List<FigureTrace>();
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in data.EnumerateArray())
            {
                var type = t.TryGetProperty("type", out var ty) ? ty.GetString() ?? "" : "";
                var mode = t.TryGetProperty("mode", out var mo) ? mo.GetString() : null;
                var name = t.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                var horizontal = t.TryGetProperty("orientation", out var o) && o.GetString() == "h";
                var (valueKey, catKey, axisKey) = horizontal ? ("x", "y", "yaxis") : ("y", "x", "xaxis");
                var errors = t.TryGetProperty("error_x", out _) || t.TryGetProperty("error_y", out _);
                var points = new List<(string, double, int)>();
                var missing = new List<string>();
                if (t.TryGetProperty(valueKey, out var values) && values.ValueKind == JsonValueKind.Array
                    && t.TryGetProperty(catKey, out var positions) && positions.ValueKind == JsonValueKind.Array)
                {
                    var axis = layout.ValueKind == JsonValueKind.Object && layout.TryGetProperty(axisKey, out var ax) ? ax : default;
                    var vs = values.EnumerateArray().ToList();
                    var ps = positions.EnumerateArray().ToList();
                    for (var i = 0; i < Math.Min(vs.Count, ps.Count); i++)
                    {
                        if (vs[i].ValueKind == JsonValueKind.Null) missing.Add(Category(ps[i], axis));
                        if (vs[i].ValueKind != JsonValueKind.Number) continue;
                        points.Add((Category(ps[i], axis), vs[i].GetDouble(), Decimals(vs[i].GetRawText())));
                    }
                }
                traces.Add(new FigureTrace(name, type, mode, errors, points) { Missing = missing });
            }
        }
        return new PublishedFigure(page, id, lang, numbers, stacked, traces, texts) { SharesOf = sharesOf, Titles = titles };
    }

    private static string Category(JsonElement position, JsonElement axis)
    {
        if (position.ValueKind == JsonValueKind.String) return position.GetString() ?? "";
        if (position.ValueKind != JsonValueKind.Number) return position.GetRawText();
        var p = position.GetDouble();
        if (axis.ValueKind == JsonValueKind.Object && axis.TryGetProperty("tickvals", out var tv) && axis.TryGetProperty("ticktext", out var tt)
            && tv.ValueKind == JsonValueKind.Array && tt.ValueKind == JsonValueKind.Array)
        {
            var vals = tv.EnumerateArray().ToList();
            var texts = tt.EnumerateArray().ToList();
            var best = -1;
            for (var i = 0; i < Math.Min(vals.Count, texts.Count); i++)
                if (vals[i].ValueKind == JsonValueKind.Number && Math.Abs(vals[i].GetDouble() - p) < 0.5
                    && (best < 0 || Math.Abs(vals[i].GetDouble() - p) < Math.Abs(vals[best].GetDouble() - p)))
                    best = i;
            if (best >= 0) return Text(texts[best].GetString() ?? "");
        }
        return p.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Digits after the decimal point as published; 16 for a number written with an exponent or a full double.</summary>
    private static int Decimals(string raw)
    {
        if (raw.Contains('e', StringComparison.OrdinalIgnoreCase)) return 16;
        var dot = raw.IndexOf('.');
        return dot < 0 ? 0 : raw.Length - dot - 1;
    }

    /// <summary>The data labels printed on the bars of an exported SVG.</summary>
    public static List<string> SvgBarTexts(string svg) =>
        BarTextRx().Matches(svg).Select(m => Text(m.Groups["t"].Value)).ToList();

    /// <summary>Every raw record display (the .NET Interactive tree view of an object) in a page's outputs.</summary>
    public static List<RawDisplay> RawDisplays(string page, string html)
    {
        var displays = new List<RawDisplay>();
        foreach (Match m in CodeHintRx().Matches(html))
        {
            var text = Text(m.Groups["c"].Value);
            if (!text.StartsWith('{') || !text.EndsWith('}')) continue;
            var fields = FieldSplitRx().Split(text[1..^1].Trim())
                .Select(f => f.Split(" = ", 2))
                .Where(p => p.Length == 2)
                .Select(p => (p[0].Trim(), p[1].Trim()))
                .ToList();
            displays.Add(new RawDisplay(page, text, fields));
        }
        return displays;
    }
}
