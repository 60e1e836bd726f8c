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
        shownAs ??= target;
        var lines = new List<string>();
        var errors = new List<string>();
        using var staged = StagedFolder.Begin(target, inputs);
        await using var own = browser is null ? new LazyFigureExporter(new ExportOptions { Timeout = timeout }) : null;
        var exporter = await (browser ?? own!).GetAsync();
        // As many figures at once as the exporter has pages (each its own file names); the manifest, the lines and the
        // errors keep the order of the specs.
        var outcomes = new (List<string>? Names, string? Error)[specs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, specs.Count), new ParallelOptions { MaxDegreeOfParallelism = exporter.Pages }, async (i, _) =>
        {
            var spec = specs[i];
            try
            {
                var files = await exporter.ExportAsync(spec, staged.Path, formats, resolution);
                outcomes[i] = (files.Select(f => Path.GetFileName(f)!).ToList(), null);
            }
            catch (Exception ex) when (ex is TimeoutException or PuppeteerSharp.PuppeteerException or InvalidOperationException)
            {
                outcomes[i] = (null, $"workbench export: figure '{spec.Id}' ({spec.Language}) failed: {ex.Message}");
            }
        });
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
