using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Notebooks.Engine;

namespace Workbench.Notebooks.Documents;

/// <summary>Writes notebooks as nbformat 4.5 JSON (cell ids, execution counts, outputs) and converts outputs to nbformat.</summary>
public static class NotebookWriter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The nbformat 4.5 JSON of <paramref name="document"/> with <paramref name="cells"/> (outputs as given).</summary>
    /// <param name="document">The notebook read (its metadata is kept).</param>
    /// <param name="cells">The cells to write, in order.</param>
    /// <param name="extraMetadata">Top-level metadata entries to add or replace (e.g. the run summary), or null.</param>
    public static string ToJson(NotebookDocument document, IEnumerable<NotebookCell> cells, IReadOnlyDictionary<string, JsonNode?>? extraMetadata = null)
    {
        var metadata = document.Metadata.DeepClone().AsObject();
        if (extraMetadata is not null)
            foreach (var (key, value) in extraMetadata) metadata[key] = value?.DeepClone();
        var array = new JsonArray();
        foreach (var cell in cells)
        {
            var node = new JsonObject
            {
                ["cell_type"] = cell.Kind switch { CellKind.Markdown => "markdown", CellKind.Raw => "raw", _ => "code" },
            };
            if (cell.Kind == CellKind.Code) node["execution_count"] = cell.ExecutionCount is { } n ? JsonValue.Create(n) : null;
            node["id"] = cell.Id;
            var cellMeta = cell.Metadata.DeepClone().AsObject();
            if (cell.Kind == CellKind.Code && document.Format == NotebookFormat.Dib)
                cellMeta["polyglot_notebook"] = new JsonObject { ["kernelName"] = cell.Kernel };
            if (cell.Tags.Count > 0) cellMeta["tags"] = new JsonArray(cell.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
            node["metadata"] = cellMeta;
            if (cell.Kind == CellKind.Code) node["outputs"] = cell.Outputs.DeepClone();
            node["source"] = Lines(cell.Source);
            array.Add(node);
        }
        var root = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = metadata,
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>Converts engine outputs to nbformat output objects.</summary>
    public static JsonArray ToNbformat(IEnumerable<CellOutput> outputs, int executionCount)
    {
        var array = new JsonArray();
        foreach (var o in outputs)
        {
            JsonObject node = o.Kind switch
            {
                CellOutputKind.ExecuteResult => new JsonObject
                {
                    ["data"] = DataNode(o.Data), ["execution_count"] = executionCount, ["metadata"] = new JsonObject(),
                    ["output_type"] = "execute_result",
                },
                CellOutputKind.DisplayData => new JsonObject
                {
                    ["data"] = DataNode(o.Data), ["metadata"] = new JsonObject(), ["output_type"] = "display_data",
                },
                CellOutputKind.Stream => new JsonObject
                {
                    ["name"] = o.StreamName ?? "stdout", ["output_type"] = "stream", ["text"] = Lines(Normalise(o.Text ?? "")),
                },
                _ => new JsonObject
                {
                    ["ename"] = o.ErrorName ?? "Error", ["evalue"] = Normalise(o.ErrorValue ?? ""), ["output_type"] = "error",
                    ["traceback"] = new JsonArray((o.Traceback ?? []).Select(t => (JsonNode?)JsonValue.Create(Normalise(t))).ToArray()),
                },
            };
            array.Add(node);
        }
        return array;
    }

    /// <summary>The text of an nbformat multi-line string (a string or an array of lines).</summary>
    public static string MultilineText(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        null => "",
        _ => node.ToJsonString(),
    };

    private static JsonObject DataNode(IReadOnlyDictionary<string, string>? data)
    {
        var node = new JsonObject();
        foreach (var (mime, value) in (data ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            node[mime] = mime.EndsWith("json", StringComparison.Ordinal) && TryParse(value) is { } json ? json : Lines(Normalise(value));
        return node;
    }

    private static JsonNode? TryParse(string value)
    {
        try { return JsonNode.Parse(value); }
        catch (JsonException) { return null; }
    }

    /// <summary>An nbformat multi-line string (an array of lines) of <paramref name="text"/>, with "\n" line endings.</summary>
    internal static JsonArray MultilineNode(string text) => Lines(Normalise(text));

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            array.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }
}
