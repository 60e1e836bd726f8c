using Sdc = Workbench.Disclosure.Disclosure;
using System.Globalization;
using System.Text.Json.Nodes;
using Workbench.Disclosure;

namespace Workbench.Tests.Audit;

/// <summary>Builds a published-output folder (report pages, chart files) in a temporary directory, as workbench verify lays it out.</summary>
internal sealed class PublishedFolder : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "wb-audit-" + Guid.NewGuid().ToString("N"));

    public PublishedFolder() => Directory.CreateDirectory(Path.Combine(Root, "report"));

    public void Page(string name, params string[] parts) =>
        File.WriteAllText(Path.Combine(Root, "report", name),
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>t</title></head>\n<body>\n" +
            string.Join("\n", parts.Select(p => "<div class=\"output\">" + p + "</div>")) + "\n</body>\n</html>\n");

    /// <summary>A 100% stacked bar chart as Figures.Composition writes it: one trace per part, categories on the y axis.</summary>
    public static string Composition(string id, IReadOnlyList<string> categories, IReadOnlyList<(string Part, double[] Shares)> parts)
    {
        var data = new JsonArray();
        foreach (var (part, shares) in parts)
            data.Add(new JsonObject
            {
                ["type"] = "bar", ["name"] = part, ["orientation"] = "h",
                ["x"] = new JsonArray(shares.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                ["y"] = new JsonArray(categories.Select((_, i) => (JsonNode)JsonValue.Create((double)i)).ToArray()),
            });
        var layout = new JsonObject
        {
            ["barmode"] = "stack",
            ["yaxis"] = new JsonObject
            {
                ["tickmode"] = "array",
                ["tickvals"] = new JsonArray(categories.Select((_, i) => (JsonNode)JsonValue.Create((double)i)).ToArray()),
                ["ticktext"] = new JsonArray(categories.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            },
        };
        var fig = new JsonObject { ["data"] = data, ["layout"] = layout, ["config"] = new JsonObject() };
        return $"<figure class=\"wb-figure\"><div id=\"wb-{id}-en\" role=\"img\" aria-label=\"100% stacked bar chart.\"></div></figure>\n" +
               $"<script>(function(){{var fig={fig.ToJsonString()};var el=document.getElementById(\"wb-{id}-en\");Plotly.newPlot(el,fig.data,fig.layout||{{}},fig.config||{{}});}})();</script>";
    }

    /// <summary>Exact shares of each column in each row of <paramref name="counts"/> (what Composition was given in study 05).</summary>
    public static List<(string Part, double[] Shares)> ExactShares(long[,] counts, IReadOnlyList<string> parts)
    {
        var rows = counts.GetLength(0);
        return parts.Select((p, j) => (p, Enumerable.Range(0, rows).Select(i =>
        {
            var total = Enumerable.Range(0, parts.Count).Sum(k => counts[i, k]);
            return total == 0 ? 0 : counts[i, j] / (double)total;
        }).ToArray())).ToList();
    }

    public static string Table(long[,] counts, string[] rows, string[] columns, DisclosureOptions options, string title = "t") =>
        Sdc.Protect(FrequencyTable.FromCounts(counts, new TableDimension("unit", rows), new TableDimension("policy", columns), title), options).ToHtml();

    public static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
