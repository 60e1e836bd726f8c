using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Data;
using DocumentKernelInfo = Microsoft.DotNet.Interactive.Documents.KernelInfo;
using Microsoft.DotNet.Interactive.Documents;

namespace Workbench.Notebooks.Documents;

/// <summary>The format a notebook was read from.</summary>
public enum NotebookFormat
{
    /// <summary>Jupyter nbformat 4 (.ipynb).</summary>
    Ipynb,
    /// <summary>Polyglot Notebooks' plain-text format (.dib).</summary>
    Dib,
}

/// <summary>
/// A notebook read from .ipynb (nbformat 4) or .dib. The .ipynb JSON is kept as read, so writing it back changes only
/// what the runner sets (outputs, execution counts, cell ids, the run summary in metadata).
/// </summary>
public sealed class NotebookDocument
{
    private static readonly string[] MarkdownNames = ["markdown", "md"];

    private NotebookDocument(string path, NotebookFormat format, JsonObject metadata, List<NotebookCell> cells)
    {
        Path = path;
        Format = format;
        Metadata = metadata;
        Cells = cells;
    }

    /// <summary>The full path of the file read.</summary>
    public string Path { get; }

    /// <summary>The format read.</summary>
    public NotebookFormat Format { get; }

    /// <summary>The notebook metadata (ipynb <c>metadata</c>; for .dib, built from its kernel info).</summary>
    public JsonObject Metadata { get; }

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; }

    /// <summary>The default kernel of code cells (from the notebook metadata; "csharp" when none is stated).</summary>
    public string DefaultKernel { get; private set; } = "csharp";

    /// <summary>Reads a notebook; a file that cannot be parsed throws <see cref="DataValidationException"/> naming it.</summary>
    public static NotebookDocument Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Notebook not found: {full}", full);
        var ext = System.IO.Path.GetExtension(full).ToLowerInvariant();
        return ext switch
        {
            ".ipynb" => LoadIpynb(full, File.ReadAllText(full)),
            ".dib" => LoadDib(full, File.ReadAllText(full)),
            _ => throw new DataValidationException([new DataError(full, 0, 0,
                $"'{ext}' is not a notebook format the runner reads; expected .ipynb or .dib.")]),
        };
    }

    private static NotebookDocument LoadIpynb(string path, string text)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("the top level is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new DataValidationException([new DataError(path, (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? -1) + 1,
                $"not valid notebook JSON: {ex.Message} Fix the file or restore it from version control.")]);
        }
        var major = root["nbformat"]?.GetValue<int>() ?? 0;
        if (major != 4 || root["cells"] is not JsonArray cellArray)
            throw new DataValidationException([new DataError(path, 1, 1,
                $"nbformat {major} with{(root["cells"] is JsonArray ? "" : "out")} a 'cells' array; expected nbformat 4 with cells. Convert it with `jupyter nbconvert --to notebook`.")]);
        var metadata = root["metadata"] as JsonObject ?? new JsonObject();
        var defaultKernel = DefaultKernelOf(metadata);
        var cells = new List<NotebookCell>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in cellArray)
        {
            if (node is not JsonObject cell) continue;
            var type = cell["cell_type"]?.GetValue<string>() ?? "code";
            var source = SourceText(cell["source"]);
            var cellMeta = (cell["metadata"] as JsonObject)?.DeepClone().AsObject() ?? new JsonObject();
            var tags = (cellMeta["tags"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "").ToList() ?? [];
            var kind = type switch { "markdown" => CellKind.Markdown, "raw" => CellKind.Raw, _ => CellKind.Code };
            var kernel = kind == CellKind.Code ? KernelOf(cellMeta, source, defaultKernel) : type;
            if (kind == CellKind.Code && MarkdownNames.Contains(kernel)) kind = CellKind.Markdown;
            var id = cell["id"]?.GetValue<string>();
            if (string.IsNullOrEmpty(id) || !ids.Add(id)) { id = NewId(cells.Count, ids); ids.Add(id); }
            var outputs = (cell["outputs"] as JsonArray)?.DeepClone().AsArray() ?? [];
            cells.Add(new NotebookCell(cells.Count, id, kind, kernel, source, tags, outputs, cellMeta));
        }
        return new NotebookDocument(path, NotebookFormat.Ipynb, metadata.DeepClone().AsObject(), cells) { DefaultKernel = defaultKernel };
    }

    private static NotebookDocument LoadDib(string path, string text)
    {
        var kernels = new KernelInfoCollection
        {
            new DocumentKernelInfo("csharp", "C#", ["c#", "cs"]),
            new DocumentKernelInfo("fsharp", "F#", ["f#", "fs"]),
            new DocumentKernelInfo("pwsh", "PowerShell", ["powershell"]),
            new DocumentKernelInfo("javascript", "JavaScript", ["js"]),
            new DocumentKernelInfo("html", "HTML"),
            new DocumentKernelInfo("markdown", "Markdown", ["md"]),
            new DocumentKernelInfo("mermaid", "Mermaid"),
            new DocumentKernelInfo("sql", "SQL"),
            new DocumentKernelInfo("kql", "KQL"),
            new DocumentKernelInfo("r", "R"),
            new DocumentKernelInfo("python", "Python"),
            new DocumentKernelInfo("value"),
        };
        kernels.DefaultKernelName = "csharp";
        InteractiveDocument document;
        try
        {
            document = CodeSubmission.Parse(text, kernels);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            throw new DataValidationException([new DataError(path, 1, 1, $"not a readable .dib notebook: {ex.Message}")]);
        }
        var defaultKernel = document.GetDefaultKernelName() ?? "csharp";
        var cells = new List<NotebookCell>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in document.Elements)
        {
            var kernel = string.IsNullOrEmpty(element.KernelName) ? defaultKernel : element.KernelName;
            var kind = MarkdownNames.Contains(kernel) ? CellKind.Markdown : CellKind.Code;
            var id = NewId(cells.Count, ids);
            ids.Add(id);
            var tags = kind == CellKind.Code && Parameters.ParameterCell.HasDibMarker(element.Contents) ? new List<string> { "parameters" } : [];
            cells.Add(new NotebookCell(cells.Count, id, kind, kind == CellKind.Markdown ? "markdown" : kernel, element.Contents, tags, [], new JsonObject()));
        }
        var metadata = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = defaultKernel } },
        };
        return new NotebookDocument(path, NotebookFormat.Dib, metadata, cells) { DefaultKernel = defaultKernel };
    }

    /// <summary>A fresh, unique, deterministic nbformat 4.5 cell id (8 hex digits from the position).</summary>
    internal static string NewId(int index, ISet<string> taken)
    {
        for (var salt = 0; ; salt++)
        {
            var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes($"cell-{index}-{salt}")))[..8];
            if (!taken.Contains(id)) return id;
        }
    }

    private static string DefaultKernelOf(JsonObject metadata)
    {
        var name = metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
                   ?? metadata["dotnet_interactive"]?["defaultKernelName"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(name)) return name;
        var language = metadata["kernelspec"]?["language"]?.GetValue<string>() ?? metadata["language_info"]?["name"]?.GetValue<string>();
        return language?.ToLowerInvariant() switch
        {
            "f#" or "fsharp" => "fsharp",
            "powershell" or "pwsh" => "pwsh",
            "python" => "python",
            _ => "csharp",
        };
    }

    private static string KernelOf(JsonObject cellMetadata, string source, string defaultKernel)
    {
        if (KernelNames.FromFirstLine(source) is { } named) return named;
        var name = cellMetadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
                   ?? cellMetadata["dotnet_interactive"]?["language"]?.GetValue<string>();
        return KernelNames.Canonical(string.IsNullOrEmpty(name) ? defaultKernel : name);
    }

    private static string SourceText(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };
}
