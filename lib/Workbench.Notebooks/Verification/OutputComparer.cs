using System.Text.Json.Nodes;
using Workbench.Export;
using Workbench.Notebooks.Documents;

namespace Workbench.Notebooks.Verification;

/// <summary>
/// Compares a cell's stored nbformat outputs with fresh ones: text/plain, streams and error messages as sanitised text
/// with numbers within tolerance; text/html likewise, except Plotly charts, compared by trace data and layout; figures
/// (<see cref="FigureMime.Plotly"/> and the Workbench bundle) by value, numbers within tolerance.
/// </summary>
public static class OutputComparer
{
    /// <remarks>
    /// A figure's static fallback (<see cref="FigureMime.Svg"/>, <c>image/png</c>) is not compared: it is drawn from the
    /// plotly figure of the same output, which is compared by value within the tolerance.
    /// </remarks>
    private static readonly string[] ComparedMimes = ["text/plain", "text/html", "text/markdown", "application/json", FigureMime.Plotly, FigureMime.Bundle];

    /// <summary>The differences between the stored and fresh outputs of one cell (empty when they agree).</summary>
    public static IReadOnlyList<string> Compare(JsonArray stored, JsonArray fresh, Tolerance tolerance)
    {
        var differences = new List<string>();
        var a = stored.OfType<JsonObject>().ToList();
        var b = fresh.OfType<JsonObject>().ToList();
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var label = $"output {i + 1}";
            if (i >= a.Count) { differences.Add($"{label}: not stored, now {Describe(b[i])}"); continue; }
            if (i >= b.Count) { differences.Add($"{label}: stored {Describe(a[i])}, now missing"); continue; }
            var typeA = Type(a[i]);
            var typeB = Type(b[i]);
            if (typeA != typeB && !(IsDisplay(typeA) && IsDisplay(typeB)))
            {
                differences.Add($"{label}: stored {Describe(a[i])}, now {Describe(b[i])}");
                continue;
            }
            switch (typeA)
            {
                case "stream":
                    Text(differences, $"{label} ({a[i]["name"]})", a[i]["text"], b[i]["text"], tolerance);
                    break;
                case "error":
                    if (a[i]["ename"]?.ToString() != b[i]["ename"]?.ToString())
                        differences.Add($"{label}: stored error {a[i]["ename"]}, now {b[i]["ename"]}");
                    else Text(differences, $"{label} (error {a[i]["ename"]})", a[i]["evalue"], b[i]["evalue"], tolerance);
                    break;
                default:
                    var da = a[i]["data"] as JsonObject ?? [];
                    var db = b[i]["data"] as JsonObject ?? [];
                    foreach (var mime in ComparedMimes)
                    {
                        var hasA = da.ContainsKey(mime);
                        var hasB = db.ContainsKey(mime);
                        if (!hasA && !hasB) continue;
                        if (hasA != hasB) { differences.Add($"{label} {mime}: {(hasA ? "stored, now missing" : "not stored, now present")}"); continue; }
                        if (mime is "application/json" or FigureMime.Plotly)
                        {
                            PlotlyComparer.CompareNode($"{label} {mime}", da[mime], db[mime], tolerance, differences);
                            continue;
                        }
                        if (mime == FigureMime.Bundle)
                        {
                            // The data hash is of the numbers the bundle's plotly figures hold, which are compared within the tolerance.
                            PlotlyComparer.CompareNode($"{label} figure", WithoutDataHash(da[mime]), WithoutDataHash(db[mime]), tolerance, differences);
                            continue;
                        }
                        var ta = NotebookWriter.MultilineText(da[mime]);
                        var tb = NotebookWriter.MultilineText(db[mime]);
                        if (mime == "text/html" && (PlotlyComparer.HasChart(ta) || PlotlyComparer.HasChart(tb)))
                        {
                            foreach (var d in PlotlyComparer.Compare(ta, tb, tolerance) ?? []) differences.Add($"{label} {d}");
                            continue;
                        }
                        if (TextComparer.Compare(ta, tb, tolerance) is { } diff) differences.Add($"{label} {mime}: {diff}");
                    }
                    break;
            }
        }
        return differences;
    }

    private static JsonNode? WithoutDataHash(JsonNode? bundle)
    {
        var copy = bundle?.DeepClone();
        if (copy?["figures"] is JsonObject figures)
            foreach (var (_, spec) in figures)
                (spec as JsonObject)?.Remove("dataSha256");
        return copy;
    }

    private static void Text(List<string> differences, string label, JsonNode? a, JsonNode? b, Tolerance tolerance)
    {
        if (TextComparer.Compare(NotebookWriter.MultilineText(a), NotebookWriter.MultilineText(b), tolerance) is { } d)
            differences.Add($"{label}: {d}");
    }

    private static bool IsDisplay(string type) => type is "execute_result" or "display_data";

    private static string Type(JsonObject output) => output["output_type"]?.ToString() ?? "";

    private static string Describe(JsonObject output) => Type(output) switch
    {
        "stream" => $"{output["name"]} text",
        "error" => $"error {output["ename"]}",
        var t => t.Replace('_', ' '),
    };
}
