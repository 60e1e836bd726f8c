using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.IO;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Parameters;

namespace Workbench.Notebooks.Jupyter;

/// <summary>What <see cref="NotebookConverter.Convert"/> wrote.</summary>
/// <param name="OutputPath">The file written.</param>
/// <param name="Cells">Number of cells written.</param>
/// <param name="Warnings">What the target format could not keep (outputs and tags in a .dib), one line each.</param>
public sealed record ConversionResult(string OutputPath, int Cells, IReadOnlyList<string> Warnings);

/// <summary>
/// Converts notebooks between Polyglot Notebooks' .dib and Jupyter's .ipynb, so studies move to the workbench kernel:
/// an .ipynb gets the <c>workbench-csharp</c> kernelspec, cells keep their tags (<c>parameters</c>; in a .dib the others on a first-line marker, <c>&lt;!-- tags: lang-nl --&gt;</c> or
/// <c>// tags: remove-cell</c>), and cells for
/// another kernel (#!html, #!value) start with their directive so they run the same in Jupyter and in <c>workbench run</c>.
/// </summary>
public static class NotebookConverter
{
    /// <summary>Converts <paramref name="sourcePath"/> to <paramref name="to"/> and writes it atomically.</summary>
    /// <param name="sourcePath">An .ipynb or .dib notebook.</param>
    /// <param name="to">The target format; default: the other one.</param>
    /// <param name="outputPath">Where to write; default: the source path with the target's extension. Never the source itself.</param>
    public static ConversionResult Convert(string sourcePath, NotebookFormat? to = null, string? outputPath = null)
    {
        var document = NotebookDocument.Load(sourcePath);
        var format = to ?? (document.Format == NotebookFormat.Ipynb ? NotebookFormat.Dib : NotebookFormat.Ipynb);
        var output = Path.GetFullPath(outputPath ?? Path.ChangeExtension(document.Path, format == NotebookFormat.Ipynb ? ".ipynb" : ".dib"));
        if (string.Equals(output, document.Path, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
            throw new DataValidationException([new DataError(document.Path, 0, 0,
                $"converting would overwrite the source notebook; give --out with another path (or --to {(format == NotebookFormat.Ipynb ? "dib" : "ipynb")}).")]);
        var warnings = new List<string>();
        var text = format == NotebookFormat.Ipynb ? ToIpynb(document) : ToDib(document, warnings);
        AtomicFile.WriteAllText(output, text);
        return new ConversionResult(output, document.Cells.Count, warnings);
    }

    /// <summary>The .ipynb (nbformat 4.5) text of <paramref name="document"/> with the workbench kernelspec.</summary>
    public static string ToIpynb(NotebookDocument document)
    {
        var cells = document.Cells.Select(c => c.Kind == CellKind.Code ? c with { Source = WithDirective(c) } : c);
        var metadata = new Dictionary<string, JsonNode?>
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = KernelSpec.DisplayName, ["language"] = KernelSpec.Language, ["name"] = KernelSpec.Name },
            ["language_info"] = new JsonObject { ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "C#", ["pygments_lexer"] = "csharp" },
        };
        // As Polyglot Notebooks writes it, the notebook lists the kernels its cells use (a C#-only notebook is written as before).
        var kernels = KernelInfo(document);
        if (kernels["items"]!.AsArray().Count > 1) metadata["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = kernels };
        return NotebookWriter.ToJson(document, cells, metadata);
    }

    /// <summary>The .dib text of <paramref name="document"/>; what a .dib cannot hold is added to <paramref name="warnings"/>.</summary>
    public static string ToDib(NotebookDocument document, List<string> warnings)
    {
        var text = new StringBuilder();
        var meta = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = document.DefaultKernel,
                ["items"] = KernelInfo(document)["items"]!.DeepClone(),
            },
        };
        text.Append("#!meta\n\n").Append(meta.ToJsonString(new JsonSerializerOptions { WriteIndented = false })).Append("\n\n");
        foreach (var cell in document.Cells)
        {
            var source = cell.Source.Replace("\r\n", "\n", StringComparison.Ordinal);
            var kernel = cell.Kind switch { CellKind.Markdown => "markdown", CellKind.Raw => "markdown", _ => cell.Kernel };
            if (cell.Kind == CellKind.Code && KernelNames.FromFirstLine(source, allowArguments: false) is { } named)
            {
                // In a .dib a "#!name" line starts a new cell, so the directive becomes the cell's own header.
                kernel = named;
                source = source.Contains('\n') ? source[(source.IndexOf('\n') + 1)..] : "";
            }
            if (cell.Kind == CellKind.Code && cell.Tags.Contains(ParameterCell.Tag) && !ParameterCell.HasDibMarker(source))
                source = "// parameters\n" + source;
            // A .dib has no cell metadata: other tags (lang-nl, remove-cell, ...) go on a marker line the report reads.
            var other = cell.Tags.Where(t => t != ParameterCell.Tag).ToList();
            if (other.Count > 0 && cell.Kind != CellKind.Raw && !cell.Tags.Contains(ParameterCell.Tag))
                source = (cell.Kind == CellKind.Markdown ? $"<!-- tags: {string.Join(", ", other)} -->" : $"// tags: {string.Join(", ", other)}") + "\n" + source;
            if (cell.Kind == CellKind.Raw) warnings.Add($"{cell.Label}: a raw cell becomes a Markdown cell.");
            if (cell.Outputs.Count > 0) warnings.Add($"{cell.Label}: {cell.Outputs.Count} stored output(s) are dropped (a .dib has no outputs).");
            text.Append("#!").Append(kernel).Append("\n\n").Append(source.TrimEnd('\n')).Append("\n\n");
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The notebook's kernel list in Polyglot Notebooks' form: the default kernel, then every kernel its code cells use.</summary>
    private static JsonObject KernelInfo(NotebookDocument document)
    {
        var names = new List<string> { document.DefaultKernel };
        foreach (var c in document.Cells)
            if (c.Kind == CellKind.Code && !names.Contains(c.Kernel)) names.Add(c.Kernel);
        return new JsonObject
        {
            ["defaultKernelName"] = document.DefaultKernel,
            ["items"] = new JsonArray(names.Select(n => (JsonNode?)new JsonObject { ["aliases"] = new JsonArray(), ["name"] = n }).ToArray()),
        };
    }

    /// <summary>A code cell's source with its kernel directive first when the cell is not C# and does not say so itself.</summary>
    private static string WithDirective(NotebookCell cell)
    {
        if (cell.Kernel == "csharp" || KernelNames.FromFirstLine(cell.Source, allowArguments: true) is not null) return cell.Source;
        return $"#!{cell.Kernel}\n{cell.Source}";
    }
}
