using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workbench.IO;

namespace Workbench.Export;

/// <summary>What a batch export wrote.</summary>
/// <param name="Exported">Figures written (0 when one failed: then nothing in the target changed).</param>
/// <param name="Failed">Figures that failed to render.</param>
/// <param name="Lines">One line per figure written ("stem: files"), then the summary line, for the caller to print.</param>
/// <param name="Errors">One line per failed figure, then what was kept, for the caller to print.</param>
public sealed record FigureBatchResult(int Exported, int Failed, IReadOnlyList<string> Lines, IReadOnlyList<string> Errors);

/// <summary>
/// Renders a set of figure specs through one headless Chromium into a folder and writes its <c>manifest.json</c>
/// (schema <c>workbench-export/1</c>: figure id, number, language, title, alt text, source, numbers, files, SHA-256 of
/// the data). The one owner of the manifest format: <c>workbench export</c> and <c>workbench verify</c> both call it.
/// </summary>
public static class FigureBatch
{
    /// <summary>The manifest's schema name.</summary>
    public const string Schema = "workbench-export/1";

    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Renders <paramref name="specs"/> into <paramref name="target"/> and writes manifest.json. The files are made in a
    /// staging folder and replace the target's content together, only when every figure rendered: when one fails,
    /// nothing in the target changes.
    /// </summary>
    /// <param name="specs">The figures, in the order the manifest lists them.</param>
    /// <param name="target">The output folder (created if missing, replaced whole).</param>
    /// <param name="inputs">Files or folders the target must not hold (the export's inputs).</param>
    /// <param name="formats">The formats to write.</param>
    /// <param name="resolution">PNG resolution in dots per inch.</param>
    /// <param name="timeout">Longest one chart may take to render.</param>
    /// <param name="shownAs">How messages name the target (default: the target itself), for a target inside a staging folder.</param>
    /// <param name="browser">A browser the run already started (kept open), or null (default) to start one for this export.</param>
    /// <exception cref="ChromiumNotFoundException">No browser could be found.</exception>
    /// <exception cref="ArgumentException">The target holds one of <paramref name="inputs"/>.</exception>
    public static async Task<FigureBatchResult> ExportAsync(IReadOnlyList<FigureSpec> specs, string target, IReadOnlyList<string> inputs,
        ExportFormats formats, int resolution, TimeSpan timeout, string? shownAs = null, LazyFigureExporter? browser = null)
    {
        await using var batch = Begin(target, inputs, formats, resolution, timeout, shownAs, browser);
        return await batch.CompleteAsync(specs);
    }

    /// <summary>
    /// Starts an export into <paramref name="target"/> whose figures can be rendered as they become known
    /// (<see cref="PendingFigureBatch.Render"/>), one at a time, while the caller goes on (<c>workbench verify</c> renders
    /// a study's figures while the next study runs); <see cref="PendingFigureBatch.CompleteAsync"/> renders the rest on all
    /// the browser's pages and writes the manifest, exactly as <see cref="ExportAsync"/> does. The parameters are
    /// <see cref="ExportAsync"/>'s.
    /// </summary>
    /// <exception cref="ArgumentException">The target holds one of <paramref name="inputs"/>.</exception>
    public static PendingFigureBatch Begin(string target, IReadOnlyList<string> inputs, ExportFormats formats, int resolution, TimeSpan timeout,
        string? shownAs = null, LazyFigureExporter? browser = null) =>
        new(StagedFolder.Begin(target, inputs), shownAs ?? target, formats, resolution, timeout, browser);

    /// <summary>The manifest of a finished batch: the rendered figures in the order of <paramref name="specs"/>, or the errors.</summary>
    internal static FigureBatchResult Finish(StagedFolder staged, string shownAs, ExportFormats formats, int resolution,
        IReadOnlyList<FigureSpec> specs, IReadOnlyList<(IReadOnlyList<string>? Names, string? Error)> outcomes)
    {
        var lines = new List<string>();
        var errors = new List<string>();
        var entries = new List<ManifestEntry>();
        for (var i = 0; i < specs.Count; i++)
        {
            var (names, error) = outcomes[i];
            if (names is null)
            {
                errors.Add(error!);
                continue;
            }
            var spec = specs[i];
            entries.Add(new ManifestEntry(spec.Id, spec.Number, spec.Language, spec.Title, spec.AltText, spec.Source, spec.Numbers, spec.Synthetic, spec.DataSha256, names));
            lines.Add($"{spec.FileStem}: {string.Join(", ", names)}");
        }
        if (errors.Count > 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"workbench export: {errors.Count} of {specs.Count} figure(s) failed, so nothing in {shownAs} was changed: the previous figures and manifest.json are kept."));
            return new FigureBatchResult(0, errors.Count - 1, lines, errors);
        }
        var manifest = new Manifest(Schema, string.Join(",", FormatNames(formats)), resolution, entries);
        AtomicFile.WriteAllText(SafeFileName.ResolveInside(staged.Path, "manifest.json"), JsonSerializer.Serialize(manifest, ManifestJson).Replace("\r\n", "\n") + "\n");
        staged.Commit();
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Exported {entries.Count} figure(s) to {shownAs}; manifest.json written."));
        return new FigureBatchResult(entries.Count, 0, lines, errors);
    }

    /// <summary>Parses a comma-separated list of formats: svg, pdf, png, html (case-insensitive).</summary>
    /// <exception cref="ArgumentException">An unknown or empty list; the message lists the accepted names.</exception>
    public static ExportFormats ParseFormats(string text)
    {
        var formats = ExportFormats.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            formats |= part.ToLowerInvariant() switch
            {
                "svg" => ExportFormats.Svg,
                "pdf" => ExportFormats.Pdf,
                "png" => ExportFormats.Png,
                "html" => ExportFormats.Html,
                _ => throw new ArgumentException($"--format '{part}' is not a format; use svg, pdf, png and/or html, comma-separated."),
            };
        return formats == ExportFormats.None ? throw new ArgumentException("--format is empty; use svg, pdf, png and/or html.") : formats;
    }

    private static IEnumerable<string> FormatNames(ExportFormats f) =>
        new[] { (ExportFormats.Svg, "svg"), (ExportFormats.Pdf, "pdf"), (ExportFormats.Png, "png"), (ExportFormats.Html, "html") }
            .Where(t => f.HasFlag(t.Item1)).Select(t => t.Item2);

    private sealed record Manifest(
        [property: JsonPropertyName("schema")] string Schema,
        [property: JsonPropertyName("formats")] string Formats,
        [property: JsonPropertyName("dpi")] int Dpi,
        [property: JsonPropertyName("figures")] IReadOnlyList<ManifestEntry> Figures);

    private sealed record ManifestEntry(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("number")] int? Number,
        [property: JsonPropertyName("language")] string Language,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("altText")] string AltText,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("numbers")] string Numbers,
        [property: JsonPropertyName("synthetic")] bool Synthetic,
        [property: JsonPropertyName("dataSha256")] string DataSha256,
        [property: JsonPropertyName("files")] IReadOnlyList<string> Files);
}
