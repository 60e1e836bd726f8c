using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Claims;

/// <summary>A figure reproduced by a study, recorded against its id in the published-figures ledger.</summary>
/// <param name="Id">The ledger id, e.g. "girls-physical-sv".</param>
/// <param name="Value">The reproduced value in the ledger's unit: percent as percent (48.1, not 0.481), persons, months, and for one-in-n the proportion (0.32).</param>
/// <param name="Lower">Lower bound of the reproduced interval, if any.</param>
/// <param name="Upper">Upper bound of the reproduced interval, if any.</param>
/// <param name="Level">Confidence level of the interval, if any.</param>
/// <param name="Source">Where it was recorded (the notebook), filled in by the runner.</param>
public sealed record ClaimRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("lower")] double? Lower = null,
    [property: JsonPropertyName("upper")] double? Upper = null,
    [property: JsonPropertyName("level")] double? Level = null,
    [property: JsonPropertyName("source")] string? Source = null);

/// <summary>
/// Records reproduced figures against the published-figures ledger (<c>data-samples/published-figures.csv</c>), so
/// that <c>workbench verify</c> can compare them with what was printed. Records are kept in memory and, when the run's
/// context names a claims file (<see cref="Workbench.Provenance.RunContext.ClaimsFile"/>, set by the runner's worker per
/// notebook), appended to it as JSON lines.
/// </summary>
public static partial class Claims
{
    private static readonly Lock Gate = new();
    private static readonly List<ClaimRecord> Recorded = [];

    /// <summary>Records a reproduced value (and optionally its interval) for ledger id <paramref name="id"/>.</summary>
    /// <param name="id">The ledger id.</param>
    /// <param name="value">The value, in the ledger's unit; must be finite.</param>
    /// <param name="lower">Lower interval bound (optional).</param>
    /// <param name="upper">Upper interval bound (optional).</param>
    /// <param name="level">Confidence level of the interval (optional).</param>
    /// <returns>The record, so a notebook cell can show it.</returns>
    public static ClaimRecord Record(string id, double value, double? lower = null, double? upper = null, double? level = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!double.IsFinite(value))
            throw new ArgumentException($"Claim '{id}': the value {value} is not a finite number; check the estimate before recording it.", nameof(value));
        if (lower is { } l && upper is { } u && (!double.IsFinite(l) || !double.IsFinite(u) || l > u))
            throw new ArgumentException($"Claim '{id}': the interval [{l}, {u}] is not a valid finite interval.", nameof(lower));
        var record = new ClaimRecord(id, value, lower, upper, level);
        lock (Gate)
        {
            Recorded.Add(record);
            var file = Workbench.Provenance.RunContext.Current.ClaimsFile;
            if (!string.IsNullOrEmpty(file)) File.AppendAllText(file, JsonSerializer.Serialize(record) + "\n");
        }
        return record;
    }

    /// <summary>The claims recorded in this process so far.</summary>
    public static IReadOnlyList<ClaimRecord> Snapshot()
    {
        lock (Gate) return Recorded.ToList();
    }

    /// <summary>Reads the claims of a JSON-lines claims file (as written when the run context names one).</summary>
    public static IReadOnlyList<ClaimRecord> ReadFile(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<ClaimRecord>(l)!).ToList()
            : [];
}
