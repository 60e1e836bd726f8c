using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Workbench.Data;

namespace Workbench.Disclosure;

/// <summary>Renders a <see cref="ProtectedTable"/> as text, Markdown, HTML, CSV or JSON, always with its footnote.</summary>
internal static class TableRenderer
{
    private sealed record Block(string? Heading, string[] Header, List<string[]> Rows);

    public static string Text(ProtectedTable t, Language lang)
    {
        var sb = new StringBuilder();
        if (t.TitleIn(lang) is { } title) sb.Append(title).Append('\n').Append('\n');
        foreach (var block in Blocks(t, lang))
        {
            if (block.Heading is not null) sb.Append(block.Heading).Append('\n');
            var all = new List<string[]> { block.Header };
            all.AddRange(block.Rows);
            var widths = Enumerable.Range(0, block.Header.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
            foreach (var row in all)
            {
                var parts = row.Select((s, c) => c == 0 ? s.PadRight(widths[c]) : s.PadLeft(widths[c]));
                sb.Append(string.Join("  ", parts).TrimEnd()).Append('\n');
                if (ReferenceEquals(row, block.Header)) sb.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            }
            sb.Append('\n');
        }
        foreach (var line in Footnotes.Sentences(t, lang)) sb.Append(line).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Escapes text for a Markdown table: &lt;, &gt; and &amp; become entities (so no label can open an HTML tag or an
    /// autolink), and the CommonMark punctuation that starts emphasis, code, links, images, strike-through, headings or
    /// cell breaks gets a backslash. Line breaks become spaces (a row is one line).
    /// </summary>
    internal static string MarkdownEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '#' or '!': sb.Append('\\').Append(ch); break;
                case '\r' or '\n': sb.Append(' '); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    public static string Markdown(ProtectedTable t, Language lang)
    {
        static string Esc(string s) => MarkdownEscape(s);
        var sb = new StringBuilder();
        if (t.TitleIn(lang) is { } title) sb.Append("**").Append(Esc(title)).Append("**\n\n");
        foreach (var block in Blocks(t, lang))
        {
            if (block.Heading is not null) sb.Append("*").Append(Esc(block.Heading)).Append("*\n\n");
            sb.Append("| ").Append(string.Join(" | ", block.Header.Select(Esc))).Append(" |\n");
            sb.Append("|").Append(string.Join("|", block.Header.Select((_, c) => c == 0 ? "---" : "---:"))).Append("|\n");
            foreach (var row in block.Rows) sb.Append("| ").Append(string.Join(" | ", row.Select(Esc))).Append(" |\n");
            sb.Append('\n');
        }
        foreach (var line in Footnotes.Sentences(t, lang)) sb.Append(Esc(line)).Append("  \n");
        return sb.ToString();
    }

    public static string Html(ProtectedTable t, Language lang)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<div class=\"protected-table\" lang=\"").Append(lang.Code()).Append("\">\n");
        foreach (var block in Blocks(t, lang))
        {
            sb.Append("<table>\n");
            var caption = string.Join(" — ", new[] { t.TitleIn(lang), block.Heading }.Where(s => s is not null));
            if (caption.Length > 0) sb.Append("<caption>").Append(E(caption)).Append("</caption>\n");
            sb.Append("<thead><tr>");
            foreach (var h in block.Header) sb.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
            sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in block.Rows)
            {
                sb.Append("<tr><th scope=\"row\">").Append(E(row[0])).Append("</th>");
                foreach (var c in row.Skip(1)) sb.Append("<td>").Append(E(c)).Append("</td>");
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
        }
        sb.Append("<p class=\"footnote\">");
        sb.Append(string.Join("<br>", Footnotes.Sentences(t, lang).Select(E)));
        sb.Append("</p>\n</div>\n");
        return sb.ToString();
    }

    public static string Csv(ProtectedTable t, Language lang)
    {
        var pct = t.Options is { Percentages: not PercentageBase.None };
        var sb = new StringBuilder();
        var header = t.Dimensions.Select(d => d.Name).Concat(["count", "shown", "reasons"]);
        if (pct) header = header.Concat(["percentage", "percentage_shown"]);
        sb.Append(string.Join(",", header.Select(CsvFormat.Quote))).Append('\n');
        foreach (var c in t.Cells)
        {
            var fields = Labels(t, c, lang).ToList();
            fields.Add(c.Value?.ToString(CultureInfo.InvariantCulture) ?? "");
            fields.Add(c.Shown);
            fields.Add(string.Join(" ", Publication.PublishedCodes(c, t.Options)));
            if (pct)
            {
                fields.Add(c.Percentage?.ToString(CultureInfo.InvariantCulture) ?? "");
                fields.Add(c.PercentageShown ?? "");
            }
            sb.Append(string.Join(",", fields.Select(CsvFormat.Quote))).Append('\n');
        }
        foreach (var line in Footnotes.Sentences(t, lang)) sb.Append("# ").Append(line).Append('\n');
        return sb.ToString();
    }

    public static string Json(ProtectedTable t, Language lang)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (t.Title is not null) w.WriteString("title", t.Title);
            w.WriteBoolean("protected", t.IsProtected);
            if (t.UnprotectedReason is not null) w.WriteString("unprotectedReason", t.UnprotectedReason);
            if (t.Options is { } o)
            {
                w.WriteNumber("minimumCell", o.MinimumCell);
                w.WriteNumber("roundingBase", o.RoundingBase);
                w.WriteString("percentages", o.Percentages.ToString().ToLowerInvariant());
            }
            w.WriteStartArray("dimensions");
            foreach (var d in t.Dimensions)
            {
                w.WriteStartObject();
                w.WriteString("name", d.Name);
                w.WriteStartArray("categories");
                foreach (var c in d.Categories) w.WriteStringValue(c);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("cells");
            foreach (var c in t.Cells)
            {
                w.WriteStartObject();
                w.WriteStartObject("dims");
                var labels = Labels(t, c, lang);
                for (var d = 0; d < t.Rank; d++) w.WriteString(t.Dimensions[d].Name, labels[d]);
                w.WriteEndObject();
                w.WriteBoolean("margin", c.IsMargin);
                if (c.Value is { } v) w.WriteNumber("value", v); else w.WriteNull("value");
                w.WriteString("shown", c.Shown);
                w.WriteStartArray("reasons");
                foreach (var code in Publication.PublishedCodes(c, t.Options)) w.WriteStringValue(code);
                w.WriteEndArray();
                if (c.PercentageShown is not null)
                {
                    if (c.Percentage is { } p) w.WriteNumber("percentage", p); else w.WriteNull("percentage");
                    w.WriteString("percentageShown", c.PercentageShown);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("footnote");
            foreach (var line in Footnotes.Sentences(t, lang)) w.WriteStringValue(line);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    private static string[] Labels(ProtectedTable t, ProtectedCell c, Language lang) =>
        c.Index.Select((i, d) => i == FrequencyTable.Total ? Footnotes.MarginLabel(t.Dimensions[d], lang) : c.Labels[d]).ToArray();

    /// <summary>The text of one cell for a reader: the count in the reader's culture, a percentage in brackets, or a symbol.</summary>
    private static string Show(ProtectedCell c, ProtectedTable t, Language lang)
    {
        var culture = lang.Culture();
        var count = c.Value is { } v ? v.ToString("N0", culture) : c.Shown;
        if (c.PercentageShown is null || c.Value is null) return count;
        var decimals = t.Options!.Decimals;
        var pct = c.Percentage is { } p ? p.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), culture) + "%" : c.PercentageShown;
        return $"{count} ({pct})";
    }

    private static List<Block> Blocks(ProtectedTable t, Language lang)
    {
        var dims = t.Dimensions;
        var totals = dims.Select(d => Footnotes.MarginLabel(d, lang)).ToArray();
        int[] Positions(int d) => Enumerable.Range(0, dims[d].Count).Append(FrequencyTable.Total).ToArray();
        string Label(int d, int i) => i == FrequencyTable.Total ? totals[d] : dims[d].LabelIn(i, lang);
        if (t.Rank == 1)
        {
            var rows = Positions(0).Select(i => new[] { Label(0, i), Show(t[i], t, lang) }).ToList();
            return [new Block(null, [dims[0].HeadingIn(lang), Phrases.Get(Phrase.Count, lang)], rows)];
        }
        Block Grid(string? heading, int layer)
        {
            var header = new[] { $"{dims[0].HeadingIn(lang)} \\ {dims[1].HeadingIn(lang)}" }.Concat(Positions(1).Select(j => Label(1, j))).ToArray();
            var rows = Positions(0).Select(i => new[] { Label(0, i) }
                .Concat(Positions(1).Select(j => Show(t.Rank == 2 ? t[i, j] : t[i, j, layer], t, lang))).ToArray()).ToList();
            return new Block(heading, header, rows);
        }
        if (t.Rank == 2) return [Grid(null, 0)];
        return Positions(2).Select(l => Grid($"{dims[2].HeadingIn(lang)}: {Label(2, l)}", l)).ToList();
    }
}
