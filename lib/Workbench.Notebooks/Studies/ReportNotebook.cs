using Workbench.Export;
using System.Text.Json.Nodes;
using Workbench.Reporting;

namespace Workbench.Notebooks.Studies;

/// <summary>What a notebook output is to the report.</summary>
public enum ReportOutputKind
{
    /// <summary>A house-style figure (<c>Figures.*</c>): publishable.</summary>
    Figure,
    /// <summary>A publication table (<see cref="PublishedMime.Table"/>): publishable.</summary>
    Table,
    /// <summary>Values bound for the published text (<see cref="PublishedMime.Values"/>): read, never shown.</summary>
    Values,
    /// <summary>Anything else: records, DataFrame dumps, <c>display(HTML(...))</c>, streams, errors. Shown to reviewers as text only.</summary>
    Other,
}

/// <summary>One output of a code cell.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Html">For figures and tables: the HTML with both languages.</param>
/// <param name="Text">The plain text (for reviewers), or the values' JSON.</param>
public sealed record ReportOutput(ReportOutputKind Kind, string Html, string Text);

/// <summary>One cell as the report reads it.</summary>
/// <param name="Index">Zero-based position in the notebook.</param>
/// <param name="IsMarkdown">True for a narrative (markdown) cell.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Source">Its source without a tag marker line.</param>
/// <param name="Outputs">Its outputs (code cells).</param>
public sealed record ReportCell(int Index, bool IsMarkdown, CellTags Tags, string Source, IReadOnlyList<ReportOutput> Outputs)
{
    /// <summary>"cell N" (one-based, as editors count), for messages.</summary>
    public string Label => $"cell {Index + 1}";
}

/// <summary>An executed notebook as the report reads it: its cells, and the values it bound for its text.</summary>
public sealed record ReportNotebook(string Path, IReadOnlyList<ReportCell> Cells, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>Reads the executed .ipynb at <paramref name="path"/>.</summary>
    public static ReportNotebook Read(string path) => Read(JsonNode.Parse(File.ReadAllText(path))!, path);

    /// <summary>The executed .ipynb <paramref name="notebook"/>, already parsed, read from <paramref name="path"/>.</summary>
    public static ReportNotebook Read(JsonNode notebook, string path)
    {
        var cells = new List<ReportCell>();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var index = 0;
        // A figure shown twice gets a second element id (wb-ID-LANG-2), so every id on a page is unique.
        var shown = new Dictionary<string, int>(StringComparer.Ordinal);
        string UniqueId(string id)
        {
            var n = shown.GetValueOrDefault(id) + 1;
            shown[id] = n;
            return n == 1 ? id : id + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var cell in notebook["cells"]?.AsArray() ?? [])
        {
            if (cell is null) continue;
            var type = (string?)cell["cell_type"];
            var (tags, source) = CellTags.Read(cell, Source(cell["source"]));
            var outputs = new List<ReportOutput>();
            foreach (var output in cell["outputs"]?.AsArray() ?? [])
            {
                if (output is null) continue;
                var o = Output(output, UniqueId);
                outputs.Add(o);
                if (o.Kind == ReportOutputKind.Values)
                    foreach (var (k, v) in BoundValues.Parse(o.Text)) values[k] = v;
            }
            if (type is "markdown" or "code") cells.Add(new ReportCell(index, type == "markdown", tags, source, outputs));
            index++;
        }
        return new ReportNotebook(path, cells, values);
    }

    private static ReportOutput Output(JsonNode output, Func<string, string> uniqueId)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                return new ReportOutput(ReportOutputKind.Other, "", Source(output["text"]));
            case "error":
                return new ReportOutput(ReportOutputKind.Other, "", $"{(string?)output["ename"]}: {(string?)output["evalue"]}");
        }
        var data = output["data"];
        var text = Source(data?["text/plain"]);
        if (data?[PublishedMime.Values] is { } values)
            return new ReportOutput(ReportOutputKind.Values, "", values is JsonObject ? values.ToJsonString() : Source(values));
        if (data?[PublishedMime.Table] is { } table)
            return new ReportOutput(ReportOutputKind.Table, Source(table), text);
        if (FigureMime.Html(data, uniqueId) is { } figure)
            return new ReportOutput(ReportOutputKind.Figure, figure, text);
        if (data?["text/html"] is { } html)
        {
            var h = Source(html);
            if (h.Contains("<figure class=\"wb-figure\"", StringComparison.Ordinal)) return new ReportOutput(ReportOutputKind.Figure, h, text);
            return new ReportOutput(ReportOutputKind.Other, "", text.Length > 0 ? text : h);
        }
        return new ReportOutput(ReportOutputKind.Other, "", text);
    }

    internal static string Source(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(x => (string?)x ?? "")),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
