using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Workbench.Charts;
using Workbench.Data;
using Workbench.IO;

namespace Workbench.Export;

/// <summary>
/// A figure in one language as a JSON file: what <c>workbench export</c> renders, and what notebooks save when the
/// run's context names a figures folder (<see cref="Workbench.Provenance.RunContext.FiguresFolder"/>). Holds the plotly.js figure and the metadata a
/// publisher needs (caption, alt text, source line, notes, SHA-256 of the data).
/// </summary>
public sealed record FigureSpec
{
    /// <summary>The schema tag of this format.</summary>
    public const string CurrentSchema = "workbench-figure/1";

    /// <summary>The schema tag ("workbench-figure/1").</summary>
    [JsonPropertyName("schema")] public string Schema { get; init; } = CurrentSchema;
    /// <summary>The figure id (as given; sanitised only when used as a file name).</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    /// <summary>The figure number, or null.</summary>
    [JsonPropertyName("number")] public int? Number { get; init; }
    /// <summary>"en" or "nl".</summary>
    [JsonPropertyName("language")] public required string Language { get; init; }
    /// <summary>The chart kind.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    /// <summary>The caption ("Figure 3. Title").</summary>
    [JsonPropertyName("title")] public required string Title { get; init; }
    /// <summary>The alt text.</summary>
    [JsonPropertyName("altText")] public required string AltText { get; init; }
    /// <summary>The source line as printed.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }
    /// <summary>The notes under the chart.</summary>
    [JsonPropertyName("notes")] public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>"estimates", "registered-counts" or "estimates-and-registered-counts".</summary>
    [JsonPropertyName("numbers")] public required string Numbers { get; init; }
    /// <summary>True when the data are synthetic.</summary>
    [JsonPropertyName("synthetic")] public bool Synthetic { get; init; }
    /// <summary>Lower-case hex SHA-256 of the data behind the figure.</summary>
    [JsonPropertyName("dataSha256")] public required string DataSha256 { get; init; }
    /// <summary>Width in CSS pixels.</summary>
    [JsonPropertyName("width")] public required int Width { get; init; }
    /// <summary>Height in CSS pixels.</summary>
    [JsonPropertyName("height")] public required int Height { get; init; }
    /// <summary>The plotly.js figure: {"data", "layout", "config"}.</summary>
    [JsonPropertyName("plotly")] public required JsonObject Plotly { get; init; }

    /// <summary>The file-name stem: the sanitised id and the language, e.g. "fig-1.nl".</summary>
    [JsonIgnore] public string FileStem => SafeFileName.From(Id) + "." + LanguageExtensions.FromTag(Language).Code();

    /// <summary>JSON options for spec files (indented, readable non-ASCII).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The spec of <paramref name="figure"/> in <paramref name="language"/>.</summary>
    public static FigureSpec From(Figure figure, Language language) => new()
    {
        Id = figure.Id,
        Number = figure.Number,
        Language = language.Code(),
        Kind = figure.Kind,
        Title = figure.Caption(language),
        AltText = figure.AltText(language),
        Source = figure.SourceLine(language),
        Notes = figure.Notes(language),
        Numbers = NumberKinds.Name(figure.Numbers),
        Synthetic = figure.SyntheticData,
        DataSha256 = figure.DataSha256,
        Width = figure.Size.Width,
        Height = figure.Size.Height,
        Plotly = JsonNode.Parse(figure.ToPlotlyJson(language))!.AsObject(),
    };

    /// <summary>The spec as indented JSON with "\n" line endings and a final newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions).Replace("\r\n", "\n") + "\n";

    /// <summary>Reads a spec file.</summary>
    /// <exception cref="DataValidationException">Not a readable figure spec; the error names the file and what is wrong.</exception>
    public static FigureSpec Read(string path)
    {
        FigureSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<FigureSpec>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new DataValidationException(new DataError(path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1,
                $"not a figure spec ({ex.Message}); figure specs are written by notebook runs (`workbench export <notebooks>` or `workbench verify`)"));
        }
        if (spec is null || spec.Schema != CurrentSchema)
            throw new DataValidationException(new DataError(path, 1, 1, $"schema is '{spec?.Schema}', expected '{CurrentSchema}'"));
        if (!LanguageExtensions.All.Any(l => l.Code() == spec.Language))
            throw new DataValidationException(new DataError(path, 1, 1, $"language is '{spec.Language}', expected 'en' or 'nl'"));
        if (spec.Width < 50 || spec.Height < 50 || spec.Width > 4000 || spec.Height > 4000)
            throw new DataValidationException(new DataError(path, 1, 1, $"size {spec.Width}x{spec.Height} px is outside 50-4000 px"));
        return spec;
    }
}

/// <summary>
/// Saves displayed figures as specs for <c>workbench export</c>: when the run's context names a figures folder
/// (<see cref="Workbench.Provenance.RunContext.FiguresFolder"/>, set by the runner's worker), every figure shown in a
/// notebook is written there in both languages.
/// </summary>
public static class FigureSpecStore
{
    /// <summary>Writes <paramref name="figure"/> in English and Dutch to <paramref name="folder"/> as <c>&lt;id&gt;.&lt;lang&gt;.json</c>; returns the paths.</summary>
    public static IReadOnlyList<string> Save(Figure figure, string folder)
    {
        var paths = new List<string>();
        foreach (var lang in new[] { Language.En, Language.Nl })
        {
            var spec = FigureSpec.From(figure, lang);
            var path = SafeFileName.ResolveInside(folder, spec.FileStem + ".json");
            AtomicFile.WriteAllText(path, spec.ToJson());
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Saves <paramref name="figure"/> when the run's context names a figures folder; returns the paths written (none otherwise).</summary>
    public static IReadOnlyList<string> SaveIfRequested(Figure figure)
    {
        var folder = Workbench.Provenance.RunContext.Current.FiguresFolder;
        return string.IsNullOrWhiteSpace(folder) ? [] : Save(figure, folder);
    }

    /// <summary>Reads every <c>*.json</c> spec in <paramref name="folder"/>, ordered by file name.</summary>
    /// <exception cref="DataValidationException">A file is not a figure spec.</exception>
    public static IReadOnlyList<FigureSpec> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Figure folder '{folder}' does not exist.");
        return DataValidationException.ReadJsonFolder(folder, FigureSpec.Read);
    }

    /// <summary>
    /// Reads the specs a run saved: those in <paramref name="folder"/> and in each of its subfolders (a runner gives every
    /// notebook its own, so two notebooks never write the same file), ordered by folder, then file name. A figure that
    /// several notebooks displayed with the same data (the .ipynb and .dib copies of one study) is kept once; figures that
    /// share an id but not their data are all kept, so the caller can name the clash.
    /// </summary>
    /// <exception cref="DataValidationException">A file is not a figure spec.</exception>
    public static IReadOnlyList<FigureSpec> ReadRunFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Figure folder '{folder}' does not exist.");
        var folders = new[] { folder }.Concat(Directory.GetDirectories(folder).Order(StringComparer.Ordinal));
        var specs = new List<FigureSpec>();
        var errors = new List<DataError>();
        foreach (var f in folders)
        {
            try { specs.AddRange(ReadFolder(f)); }
            catch (DataValidationException ex) { errors.AddRange(ex.Errors); }
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        return specs.DistinctBy(s => s.ToJson(), StringComparer.Ordinal).ToList();
    }
}
