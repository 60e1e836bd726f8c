using System.Net;
using System.Text;
using System.Text.Json;
using Workbench.Charts;

namespace Workbench.Export;

/// <summary>
/// HTML for figures that renders with no network access: plotly.js is inlined (the copy inside Plotly.NET.dll), element
/// ids derive from the figure id, and the alt text is both the plot's accessible name and a hidden paragraph.
/// </summary>
public static class FigureHtml
{
    private const string HiddenStyle = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap";

    /// <summary>A complete, self-contained HTML document of one figure.</summary>
    public static string Document(FigureSpec spec)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(spec.Language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .Append(WebUtility.HtmlEncode(spec.Title)).Append("</title>\n<style>body{margin:16px;background:#fff;font-family:")
          .Append(HouseStyle.FontFamily).Append("}</style>\n<script>").Append(PlotlyJs.Source).Append("</script>\n</head>\n<body>\n");
        sb.Append(Fragment(spec, "wb-" + SafeFileName.From(spec.Id) + "-" + spec.Language, includePlotlyJs: false));
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// An HTML fragment for a notebook output: a figure element with the plot div (id <paramref name="elementId"/>),
    /// the hidden alt text, and the script that draws it. With <paramref name="includePlotlyJs"/> the fragment also
    /// carries plotly.js (the first figure of a document); later fragments use the already loaded script and fall
    /// back to showing the alt text if it is missing.
    /// </summary>
    public static string Fragment(FigureSpec spec, string elementId, bool includePlotlyJs)
    {
        var id = SafeFileName.From(elementId);
        var alt = WebUtility.HtmlEncode(spec.AltText);
        var sb = new StringBuilder();
        if (includePlotlyJs) sb.Append("<script>").Append(PlotlyJs.Source).Append("</script>\n");
        sb.Append("<figure class=\"wb-figure\" style=\"margin:0\">\n");
        sb.Append("<div id=\"").Append(id).Append("\" role=\"img\" aria-label=\"").Append(alt).Append("\" style=\"width:")
          .Append(spec.Width).Append("px;height:").Append(spec.Height).Append("px\"></div>\n");
        sb.Append("<figcaption style=\"").Append(HiddenStyle).Append("\">").Append(alt).Append("</figcaption>\n</figure>\n");
        AppendDrawScript(sb, JsonSerializer.Serialize(spec.Plotly), id);
        return sb.ToString();
    }

    /// <summary>
    /// An HTML fragment for any plotly.js figure JSON (e.g. a Plotly.NET chart shown in a notebook): a div with id
    /// <paramref name="elementId"/> and the script that draws it, with plotly.js inlined when <paramref name="includePlotlyJs"/>.
    /// </summary>
    public static string ChartFragment(string figureJson, string elementId, bool includePlotlyJs)
    {
        var id = SafeFileName.From(elementId);
        // Re-serialised with default escaping: <, > and & become \u003C etc., so the data can never close the script element.
        var data = JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(figureJson));
        var sb = new StringBuilder();
        if (includePlotlyJs) sb.Append("<script>").Append(PlotlyJs.Source).Append("</script>\n");
        sb.Append("<div id=\"").Append(id).Append("\" aria-label=\"chart\"></div>\n");
        AppendDrawScript(sb, data, id);
        return sb.ToString();
    }

    private static void AppendDrawScript(StringBuilder sb, string escapedJson, string id) =>
        sb.Append("<script>(function(){var fig=").Append(escapedJson).Append(";var el=document.getElementById(\"").Append(id)
          .Append("\");if(typeof Plotly===\"undefined\"){el.textContent=el.getAttribute(\"aria-label\");return;}")
          .Append("Plotly.newPlot(el,fig.data,fig.layout||{},fig.config||{});})();</script>\n");
}
