using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workbench.Claims;
using Workbench.Data;
using Workbench.IO;
using Workbench.Notebooks.Verification;

namespace Workbench.Notebooks.Publishing;

/// <summary>The verdict of <c>workbench verify</c> on one study (one notebook; a study kept as .ipynb and .dib counts once).</summary>
/// <param name="Study">The study name, e.g. "01-sexual-violence-prevalence".</param>
/// <param name="Notebook">The executed notebook, relative to the run folder, e.g. "notebooks/01-sexual-violence-prevalence.ipynb".</param>
/// <param name="Passed">True when every kept format of the notebook ran and its outputs matched.</param>
/// <param name="Failure">Why it did not pass (a run failure or the differing cells), or null.</param>
public sealed record StudyVerdict(
    [property: JsonPropertyName("study")] string Study,
    [property: JsonPropertyName("notebook")] string Notebook,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("failure")] string? Failure);

/// <summary>
/// <c>verification.json</c> in a verify run's output folder (schema <c>workbench-verification/1</c>): per study whether
/// it verified, and every claim checked with its ledger row, reproduced value and verdict. What <c>workbench publish</c>
/// and <c>workbench factsheet</c> read, so that a document states only what the run verified.
/// </summary>
/// <param name="Finished">When the verify run wrote it (UTC).</param>
/// <param name="Studies">The studies that ran.</param>
/// <param name="Claims">The claims checked.</param>
public sealed record VerificationRecord(DateTimeOffset Finished, IReadOnlyList<StudyVerdict> Studies, IReadOnlyList<ClaimResult> Claims)
{
    /// <summary>The schema name.</summary>
    public const string Schema = "workbench-verification/1";

    /// <summary>The file name in the run folder.</summary>
    public const string FileName = "verification.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The record of a verify run: one verdict per study (from the .ipynb when a study is kept in both formats).</summary>
    /// <param name="runFolder">The run folder the notebooks were written under (paths are stored relative to it).</param>
    /// <param name="verified">What the verifier found per notebook.</param>
    /// <param name="claims">The checked claims.</param>
    public static VerificationRecord From(string runFolder, IReadOnlyList<NotebookVerification> verified, IReadOnlyList<ClaimResult> claims)
    {
        var studies = verified
            .GroupBy(v => Path.GetFileNameWithoutExtension(v.Path), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var primary = g.OrderBy(v => Path.GetExtension(v.Path) == ".ipynb" ? 0 : 1).First();
                var failed = g.Where(v => !v.Passed).ToList();
                var failure = failed.Count == 0 ? null : string.Join("; ", failed.Select(v =>
                    $"{Path.GetFileName(v.Path)}: " + (v.Run.Failure ?? string.Join(", ", v.Cells.Where(c => !c.Passed).Select(c => c.Label)) + " differ")));
                var output = primary.Run.OutputPath is { } o ? Path.GetRelativePath(runFolder, o).Replace('\\', '/') : "";
                return new StudyVerdict(g.Key, output, failed.Count == 0 && primary.Run.OutputPath is not null, failure);
            })
            .ToList();
        return new VerificationRecord(DateTimeOffset.UtcNow, studies, claims);
    }

    /// <summary>Writes the record atomically as <paramref name="path"/>.</summary>
    public void Write(string path)
    {
        var file = new FileShape(Schema, Finished.ToString("O", CultureInfo.InvariantCulture), Studies,
            Claims.Select(c => new ClaimShape(c.Id, c.Entry, c.Record, c.Verdict, c.PublishedInInterval, c.Message)).ToList());
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(file, Json).Replace("\r\n", "\n") + "\n");
    }

    /// <summary>Reads <c>verification.json</c>.</summary>
    /// <exception cref="DataValidationException">The file is not a verification record; the error names the file and the fix.</exception>
    public static VerificationRecord Read(string path)
    {
        FileShape? file;
        try
        {
            file = JsonSerializer.Deserialize<FileShape>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new DataValidationException(new DataError(path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1,
                $"not a verification record ({ex.Message}); run `workbench verify --out DIR` to write one"));
        }
        if (file is null || file.Schema != Schema)
            throw new DataValidationException(new DataError(path, 1, 1, $"schema is '{file?.Schema}', expected '{Schema}'; run `workbench verify --out DIR` with this version"));
        var finished = DateTimeOffset.TryParse(file.Finished, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var f) ? f : DateTimeOffset.MinValue;
        return new VerificationRecord(finished, file.Studies ?? [],
            (file.Claims ?? []).Select(c => new ClaimResult(c.Id, c.Entry, c.Record, c.Verdict, c.PublishedInInterval, c.Message ?? "")).ToList());
    }

    private sealed record FileShape(
        [property: JsonPropertyName("schema")] string Schema,
        [property: JsonPropertyName("finished")] string Finished,
        [property: JsonPropertyName("studies")] IReadOnlyList<StudyVerdict>? Studies,
        [property: JsonPropertyName("claims")] IReadOnlyList<ClaimShape>? Claims);

    private sealed record ClaimShape(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("entry")] LedgerEntry? Entry,
        [property: JsonPropertyName("record")] ClaimRecord? Record,
        [property: JsonPropertyName("verdict")] ClaimVerdict Verdict,
        [property: JsonPropertyName("publishedInInterval")] bool? PublishedInInterval,
        [property: JsonPropertyName("message")] string? Message);
}
