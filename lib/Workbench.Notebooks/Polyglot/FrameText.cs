using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// The text/plain and text/html forms of a DataFrame that a <c>#!sql</c> cell (or a value from R or Python) shows:
/// the first <see cref="MaxRows"/> rows, then a line with the full size. Values are formatted with the invariant
/// culture (round-trip doubles, ISO dates), so outputs are the same on every machine.
/// </summary>
internal static class FrameText
{
    /// <summary>Rows shown before the size line.</summary>
    public const int MaxRows = 20;

    /// <summary>Both forms, text/plain first.</summary>
    public static IReadOnlyCollection<FormattedValue> Format(DataFrame frame) =>
        [new FormattedValue("text/plain", Plain(frame)), new FormattedValue("text/html", Html(frame))];

    /// <summary>An aligned text table.</summary>
    public static string Plain(DataFrame frame)
    {
        var shown = (int)Math.Min(frame.Rows.Count, MaxRows);
        var columns = frame.Columns.ToList();
        var cells = new string[shown + 1][];
        cells[0] = columns.Select(c => c.Name).ToArray();
        for (var r = 0; r < shown; r++) cells[r + 1] = columns.Select(c => Cell(c[r])).ToArray();
        var widths = Enumerable.Range(0, columns.Count).Select(c => cells.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in cells)
            text.Append(string.Join("  ", row.Select((v, c) => v.PadRight(widths[c]))).TrimEnd()).Append('\n');
        text.Append(Size(frame));
        return text.ToString();
    }

    /// <summary>An HTML table.</summary>
    public static string Html(DataFrame frame)
    {
        var shown = (int)Math.Min(frame.Rows.Count, MaxRows);
        var text = new StringBuilder("<table><thead><tr>");
        foreach (var c in frame.Columns) text.Append("<th>").Append(WebUtility.HtmlEncode(c.Name)).Append("</th>");
        text.Append("</tr></thead><tbody>");
        for (var r = 0; r < shown; r++)
        {
            text.Append("<tr>");
            foreach (var c in frame.Columns) text.Append("<td>").Append(WebUtility.HtmlEncode(Cell(c[r]))).Append("</td>");
            text.Append("</tr>");
        }
        text.Append("</tbody></table><p>").Append(WebUtility.HtmlEncode(Size(frame))).Append("</p>");
        return text.ToString();
    }

    private static string Size(DataFrame frame) =>
        string.Create(CultureInfo.InvariantCulture, $"({frame.Rows.Count} rows × {frame.Columns.Count} columns)");

    /// <summary>One value as shown in a table.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "NA",
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };
}
