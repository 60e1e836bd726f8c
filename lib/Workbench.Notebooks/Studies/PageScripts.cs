using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Export;

namespace Workbench.Notebooks.Studies;

/// <summary>
/// The scripts a report page may run and its Content-Security-Policy. A page runs only the inlined plotly.js and the
/// figures' draw scripts, each allowed by its SHA-256 hash (no <c>'unsafe-inline'</c>): a draw script is accepted only
/// in the exact form <see cref="FigureHtml"/> writes, with figure data that parse as JSON. Any other script, and any
/// markup that could run script (event handler attributes, <c>javascript:</c> addresses, frames, objects, forms, meta
/// and base elements) makes the output unpublishable.
/// </summary>
public static partial class PageScripts
{
    [GeneratedRegex(@"<script\b[^>]*>(.*?)</script\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptElement();

    [GeneratedRegex(@"^\(function\(\)\{var fig=(?<json>\{.*\});var el=document\.getElementById\(""(?<id>[A-Za-z0-9_-]+)""\);if\(typeof Plotly===""undefined""\)\{el\.textContent=el\.getAttribute\(""aria-label""\);return;\}Plotly\.newPlot\(el,fig\.data,fig\.layout\|\|\{\},fig\.config\|\|\{\}\);\}\)\(\);$", RegexOptions.Singleline)]
    private static partial Regex DrawScript();

    [GeneratedRegex(@"<(?<name>[a-zA-Z][a-zA-Z0-9:-]*)(?<attrs>(?:\s+[^\s=/>]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s>]+))?)*)\s*/?>")]
    private static partial Regex StartTag();

    [GeneratedRegex(@"(?<name>[^\s=/>]+)(?:\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)'|(?<v>[^\s>]+)))?")]
    private static partial Regex Attribute();

    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
        { "script", "iframe", "object", "embed", "form", "meta", "base", "link", "frame", "frameset", "style", "template" };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
        { "href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster" };

    /// <summary>The plotly.js element as figures inline it.</summary>
    public static string PlotlyElement => "<script>" + PlotlyJs.Source + "</script>";

    /// <summary>
    /// <paramref name="html"/> (a figure or table output) without inlined plotly.js copies, with its draw scripts
    /// checked; null (with <paramref name="problem"/>) when it holds anything else that could run script.
    /// </summary>
    public static string? Clean(string html, out string? problem)
    {
        problem = null;
        var withoutPlotly = html.Replace(PlotlyElement, "", StringComparison.Ordinal);
        foreach (Match m in ScriptElement().Matches(withoutPlotly))
        {
            if (!IsDrawScript(m.Groups[1].Value))
            {
                problem = "holds a script that is not a figure's draw script";
                return null;
            }
        }
        var markup = ScriptElement().Replace(withoutPlotly, "");
        if (DangerousMarkup(markup) is { } d)
        {
            problem = $"holds markup that could run script ({d})";
            return null;
        }
        return withoutPlotly;
    }

    /// <summary>
    /// The first element or attribute of <paramref name="markup"/> that could run script or load content (an event
    /// handler, a <c>javascript:</c> address, a frame, object, form, meta or base element), or null. Attribute values are
    /// read as values: an alt text that mentions "onerror=" is text.
    /// </summary>
    public static string? DangerousMarkup(string markup)
    {
        foreach (Match tag in StartTag().Matches(markup))
        {
            var name = tag.Groups["name"].Value;
            if (ForbiddenElements.Contains(name)) return $"a <{name}> element";
            foreach (Match a in Attribute().Matches(tag.Groups["attrs"].Value))
            {
                var attr = a.Groups["name"].Value;
                if (attr.StartsWith("on", StringComparison.OrdinalIgnoreCase)) return $"an event handler '{attr}' on <{name}>";
                var value = System.Net.WebUtility.HtmlDecode(a.Groups["v"].Value).Trim();
                if (UrlAttributes.Contains(attr) && (Regex.IsMatch(value, @"^\s*(javascript|vbscript|data\s*:\s*text/html)", RegexOptions.IgnoreCase) || attr.Equals("srcdoc", StringComparison.OrdinalIgnoreCase)))
                    return $"a script address in '{attr}' on <{name}>";
            }
        }
        return null;
    }

    /// <summary>True when <paramref name="script"/> is a draw script in <see cref="FigureHtml"/>'s exact form with JSON figure data.</summary>
    public static bool IsDrawScript(string script)
    {
        var m = DrawScript().Match(script);
        if (!m.Success) return false;
        try
        {
            return JsonNode.Parse(m.Groups["json"].Value) is JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>The Content-Security-Policy of a page whose inline scripts are <paramref name="scripts"/> (their text content).</summary>
    public static string Policy(IEnumerable<string> scripts)
    {
        var hashes = scripts.Select(s => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s))) + "'").Distinct().ToList();
        var scriptSrc = hashes.Count == 0 ? "'none'" : string.Join(" ", hashes);
        // plotly.js sets styles on the elements it draws and adds a style sheet, so styles may be inline; styles run no script.
        return $"default-src 'none'; script-src {scriptSrc}; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";
    }

    /// <summary>The text content of every script element in <paramref name="html"/>.</summary>
    public static IEnumerable<string> Scripts(string html) => ScriptElement().Matches(html).Select(m => m.Groups[1].Value);
}
