using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Verification;

/// <summary>
/// Compares Plotly charts by their trace data and layout, parsed from the JSON inside the HTML
/// (<c>var data = [...]; var layout = {...};</c> as Plotly.NET writes it, or the arguments of <c>Plotly.newPlot</c>),
/// so random div ids, script references and whitespace do not matter.
/// </summary>
public static class PlotlyComparer
{
    /// <summary>The charts (data, layout) found in <paramref name="html"/>; empty when it holds none.</summary>
    public static IReadOnlyList<(JsonNode? Data, JsonNode? Layout)> Extract(string html)
    {
        var charts = new List<(JsonNode?, JsonNode?)>();
        var at = 0;
        while ((at = html.IndexOf("Plotly.newPlot(", at, StringComparison.Ordinal)) >= 0)
        {
            at += "Plotly.newPlot(".Length;
            var args = SplitArguments(html, at);
            JsonNode? data = args.Count > 1 ? ParseOrVariable(html, args[1], at) : null;
            JsonNode? layout = args.Count > 2 ? ParseOrVariable(html, args[2], at) : null;
            if (data is not null || layout is not null) charts.Add((data, layout));
        }
        return charts;
    }

    /// <summary>Compares two HTML outputs holding Plotly charts; null when they agree, else the differences.</summary>
    public static IReadOnlyList<string>? Compare(string storedHtml, string freshHtml, Tolerance tolerance)
    {
        var a = Extract(storedHtml);
        var b = Extract(freshHtml);
        if (a.Count == 0 && b.Count == 0)
            return HasChart(storedHtml) || HasChart(freshHtml) ? ["a Plotly chart is present but its data and layout could not be read"] : null;
        var differences = new List<string>();
        if (a.Count != b.Count) return [$"stored {a.Count} chart(s), now {b.Count}"];
        for (var i = 0; i < a.Count; i++)
        {
            CompareNode($"chart {i + 1} data", a[i].Data, b[i].Data, tolerance, differences);
            CompareNode($"chart {i + 1} layout", a[i].Layout, b[i].Layout, tolerance, differences);
        }
        return differences.Count == 0 ? null : differences;
    }

    /// <summary>True when the HTML holds a Plotly chart.</summary>
    public static bool HasChart(string html) => html.Contains("Plotly.newPlot(", StringComparison.Ordinal);

    internal static void CompareNode(string path, JsonNode? a, JsonNode? b, Tolerance tolerance, List<string> differences)
    {
        if (differences.Count >= 20) return;
        switch (a, b)
        {
            case (null, null):
                return;
            case (JsonObject oa, JsonObject ob):
                foreach (var key in oa.Select(kv => kv.Key).Union(ob.Select(kv => kv.Key)).Order(StringComparer.Ordinal))
                {
                    if (!oa.ContainsKey(key)) differences.Add($"{path}.{key}: not stored, now {Show(ob[key])}");
                    else if (!ob.ContainsKey(key)) differences.Add($"{path}.{key}: stored {Show(oa[key])}, now missing");
                    else CompareNode($"{path}.{key}", oa[key], ob[key], tolerance, differences);
                }
                return;
            case (JsonArray xa, JsonArray xb):
                if (xa.Count != xb.Count) { differences.Add($"{path}: stored {xa.Count} values, now {xb.Count}"); return; }
                for (var i = 0; i < xa.Count; i++) CompareNode($"{path}[{i}]", xa[i], xb[i], tolerance, differences);
                return;
            case (JsonValue va, JsonValue vb):
                if (va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
                {
                    var x = va.GetValue<double>();
                    var y = vb.GetValue<double>();
                    if (!tolerance.Close(x, y)) differences.Add($"{path}: stored {Show(va)}, now {Show(vb)}");
                    return;
                }
                if (va.GetValueKind() == JsonValueKind.String && vb.GetValueKind() == JsonValueKind.String)
                {
                    if (TextComparer.Compare(va.GetValue<string>(), vb.GetValue<string>(), tolerance) is { } d) differences.Add($"{path}: {d}");
                    return;
                }
                if (va.ToJsonString() != vb.ToJsonString()) differences.Add($"{path}: stored {Show(va)}, now {Show(vb)}");
                return;
            default:
                differences.Add($"{path}: stored {Show(a)}, now {Show(b)}");
                return;
        }
    }

    private static string Show(JsonNode? node)
    {
        var s = node?.ToJsonString() ?? "null";
        return s.Length > 80 ? s[..77] + "..." : s;
    }

    private static JsonNode? ParseOrVariable(string html, string argument, int before)
    {
        var text = argument.Trim();
        if (text.EndsWith("||{}", StringComparison.Ordinal)) text = text[..^4].Trim();
        if (text.StartsWith('[') || text.StartsWith('{')) return TryParse(text);
        // A property of a variable (`fig.data`, as the workbench's figure formatter writes it).
        var dot = text.IndexOf('.');
        var name = dot < 0 ? text : text[..dot];
        // A variable name: find its last `var name = ` (or `let`/`const`, with or without spaces) before the call.
        foreach (var keyword in new[] { "var ", "let ", "const " })
        foreach (var assign in new[] { " = ", "=" })
        {
            var marker = keyword + name + assign;
            var at = html.LastIndexOf(marker, before, StringComparison.Ordinal);
            if (at < 0) continue;
            var start = at + marker.Length;
            var end = ValueEnd(html, start);
            if (end <= start) continue;
            var value = TryParse(html[start..end]);
            return dot < 0 ? value : value?[text[(dot + 1)..]];
        }
        return null;
    }

    private static JsonNode? TryParse(string json)
    {
        try { return JsonNode.Parse(json); }
        catch (JsonException) { return null; }
    }

    private static List<string> SplitArguments(string text, int start)
    {
        var args = new List<string>();
        var depth = 0;
        var begin = start;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'') { i = StringEnd(text, i); continue; }
            if (c is '[' or '{' or '(') depth++;
            else if (c is ']' or '}') depth--;
            else if (c == ')')
            {
                if (depth == 0) { args.Add(text[begin..i]); return args; }
                depth--;
            }
            else if (c == ',' && depth == 0) { args.Add(text[begin..i]); begin = i + 1; }
        }
        return args;
    }

    private static int ValueEnd(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'') { i = StringEnd(text, i); continue; }
            if (c is '[' or '{') depth++;
            else if (c is ']' or '}')
            {
                depth--;
                if (depth == 0) return i + 1;
            }
            else if (c == ';' && depth == 0) return i;
        }
        return -1;
    }

    private static int StringEnd(string text, int quoteAt)
    {
        var quote = text[quoteAt];
        for (var i = quoteAt + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == quote) return i;
        }
        return text.Length - 1;
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
