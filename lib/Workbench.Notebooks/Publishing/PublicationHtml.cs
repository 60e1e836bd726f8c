using System.Net;
using System.Text;
using Workbench.Charts;

namespace Workbench.Notebooks.Publishing;

/// <summary>
/// A <see cref="PublicationDocument"/> as one self-contained, offline HTML file in the house style: semantic headings,
/// figures as images with alt text (SVG, inlined as data) and captions, tables with caption, notes and source line.
/// The same file is what <see cref="Workbench.Export.FigureExporter.PrintDocumentAsync"/> prints, so its headings become the PDF's bookmarks.
/// </summary>
public static class PublicationHtml
{
    /// <summary>The style sheet of publications and the factsheet (house colours, Liberation Sans, A4 print).</summary>
    internal static string Css => """
        @page { size: A4; margin: 22mm 20mm 22mm 20mm }
        html { font-family: 'Liberation Sans', Arial, sans-serif; color: %TEXT%; font-size: 11pt; line-height: 1.45 }
        body { max-width: 46em; margin: 2em auto; padding: 0 1em }
        @media print { body { margin: 0; max-width: none; padding: 0 } }
        h1 { font-size: 1.9em; line-height: 1.2; color: %ACCENT%; margin: 0 0 .6em }
        h2 { font-size: 1.35em; color: %ACCENT%; margin: 1.4em 0 .4em; break-after: avoid }
        h3 { font-size: 1.1em; margin: 1.2em 0 .3em; break-after: avoid }
        figure { margin: 1.2em 0; break-inside: avoid }
        figure img { max-width: 100%; height: auto; display: block }
        figcaption, caption { font-weight: bold; text-align: left; margin: .3em 0 }
        .source, .note { font-size: .85em; color: %NOTE%; margin: .2em 0 }
        table { border-collapse: collapse; margin: 1em 0 .3em; break-inside: avoid; font-size: .95em }
        th, td { border-bottom: 1px solid %GRID%; padding: .25em .6em; text-align: left; vertical-align: top }
        thead th { border-bottom: 2px solid %AXIS% }
        td.num { text-align: right; font-variant-numeric: tabular-nums }
        .provenance { font-size: .85em; color: %NOTE% }
        """.Replace("%TEXT%", HouseStyle.TextColour, StringComparison.Ordinal)
        .Replace("%ACCENT%", HouseStyle.Palette[0], StringComparison.Ordinal)
        .Replace("%NOTE%", HouseStyle.NoteColour, StringComparison.Ordinal)
        .Replace("%GRID%", HouseStyle.GridColour, StringComparison.Ordinal)
        .Replace("%AXIS%", HouseStyle.AxisColour, StringComparison.Ordinal);

    /// <summary>The document as HTML (UTF-8 text).</summary>
    public static string Render(PublicationDocument doc)
    {
        var b = new StringBuilder();
        Head(b, doc.Language, doc.Title);
        b.Append("<main>\n<h1>").Append(Enc(doc.Title)).Append("</h1>\n");
        var inList = false;
        foreach (var block in doc.Blocks)
        {
            var item = block is Paragraph { ListItem: true };
            if (inList && !item) b.Append("</ul>\n");
            if (!inList && item) b.Append("<ul>\n");
            inList = item;
            switch (block)
            {
                case Heading h:
                    var level = Math.Clamp(h.Level, 2, 6);
                    b.Append("<h").Append(level).Append('>').Append(Enc(h.Text)).Append("</h").Append(level).Append(">\n");
                    break;
                case Paragraph p:
                    b.Append(p.ListItem ? "<li>" : "<p>").Append(Runs(p.Runs)).Append(p.ListItem ? "</li>\n" : "</p>\n");
                    break;
                case FigureBlock f:
                    Figure(b, f);
                    break;
                case TableBlock t:
                    Table(b, t);
                    break;
                case ClaimsBlock c:
                    Claims(b, c);
                    break;
            }
        }
        if (inList) b.Append("</ul>\n");
        b.Append("</main>\n<footer class=\"provenance\">\n");
        foreach (var line in doc.Provenance) b.Append("<p>").Append(Enc(line)).Append("</p>\n");
        b.Append("</footer>\n</body>\n</html>\n");
        return b.ToString();
    }

    internal static void Head(StringBuilder b, string language, string title)
    {
        b.Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        b.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        b.Append("<title>").Append(Enc(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
    }

    private static void Figure(StringBuilder b, FigureBlock f)
    {
        var (mime, path) = f.Svg is { } svg && File.Exists(svg) ? ("image/svg+xml", svg) : ("image/png", f.Png);
        b.Append("<figure>\n<img src=\"data:").Append(mime).Append(";base64,").Append(Convert.ToBase64String(File.ReadAllBytes(path)))
            .Append("\" alt=\"").Append(Enc(f.AltText)).Append("\">\n<figcaption>").Append(Enc(f.Caption)).Append("</figcaption>\n")
            .Append("<p class=\"source\">").Append(Enc(f.Source)).Append("</p>\n</figure>\n");
    }

    private static void Table(StringBuilder b, TableBlock t)
    {
        b.Append("<table>\n<caption>").Append(Enc(t.Caption)).Append("</caption>\n");
        if (t.Header.Count > 0)
        {
            b.Append("<thead>\n");
            foreach (var row in t.Header) Row(b, row, head: true);
            b.Append("</thead>\n");
        }
        b.Append("<tbody>\n");
        foreach (var row in t.Body) Row(b, row, head: false);
        b.Append("</tbody>\n</table>\n");
        foreach (var note in t.Notes) b.Append("<p class=\"note\">").Append(Enc(note)).Append("</p>\n");
        b.Append("<p class=\"source\">").Append(Enc(t.Source)).Append("</p>\n");
    }

    private static void Row(StringBuilder b, IReadOnlyList<TableCell> row, bool head)
    {
        b.Append("<tr>");
        foreach (var c in row)
        {
            if (c.IsHeader || head) b.Append("<th scope=\"").Append(head ? "col" : "row").Append("\">").Append(Enc(c.Text)).Append("</th>");
            else b.Append(IsNumber(c.Text) ? "<td class=\"num\">" : "<td>").Append(Enc(c.Text)).Append("</td>");
        }
        b.Append("</tr>\n");
    }

    private static void Claims(StringBuilder b, ClaimsBlock c)
    {
        b.Append("<table class=\"claims\">\n<caption>").Append(Enc(c.Caption)).Append("</caption>\n<thead>\n<tr>");
        foreach (var col in c.Columns) b.Append("<th scope=\"col\">").Append(Enc(col)).Append("</th>");
        b.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var r in c.Rows)
        {
            b.Append("<tr id=\"claim-").Append(Enc(r.Id)).Append("\"><td>").Append(Enc(r.Sentence)).Append("</td><td>").Append(Enc(r.Published))
                .Append("</td><td>").Append(Enc(r.Reproduced)).Append("</td><td>").Append(Enc(r.Interval)).Append("</td><td>").Append(Enc(r.Verdict)).Append("</td></tr>\n");
        }
        b.Append("</tbody>\n</table>\n");
    }

    private static string Runs(IEnumerable<TextRun> runs)
    {
        var sb = new StringBuilder();
        foreach (var r in runs)
        {
            var t = Enc(r.Text);
            if (r.Italic) t = "<em>" + t + "</em>";
            if (r.Bold) t = "<strong>" + t + "</strong>";
            sb.Append(t);
        }
        return sb.ToString();
    }

    internal static bool IsNumber(string s) => s.Length > 0 && s.All(ch => char.IsDigit(ch) || ch is '.' or ',' or '%' or '-' or ' ' or '\u2013');

    internal static string Enc(string s) => WebUtility.HtmlEncode(s);
}
