using System.Globalization;

namespace Workbench.Claims;

/// <summary>The verdict on one published figure.</summary>
public enum ClaimVerdict
{
    /// <summary>The reproduced value lies in the band the printed figure stands for.</summary>
    Reproduced,
    /// <summary>A value was recorded but it does not round to the printed figure.</summary>
    NotReproduced,
    /// <summary>No notebook recorded this ledger id.</summary>
    NotRecorded,
    /// <summary>A notebook recorded an id that is not in the ledger.</summary>
    UnknownId,
    /// <summary>The id was recorded more than once with values that disagree.</summary>
    Conflicting,
}

/// <summary>The comparison of one ledger row with what the studies reproduced.</summary>
/// <param name="Id">The ledger id.</param>
/// <param name="Entry">The ledger row (null for an unknown id).</param>
/// <param name="Record">The reproduced value (null when not recorded).</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="PublishedInInterval">For figures with a reproduced interval: whether the published value (or range) lies in (overlaps) it.</param>
/// <param name="Message">A readable explanation.</param>
public sealed record ClaimResult(
    string Id,
    LedgerEntry? Entry,
    ClaimRecord? Record,
    ClaimVerdict Verdict,
    bool? PublishedInInterval,
    string Message)
{
    /// <summary>True when this result does not fail verification.</summary>
    public bool Passed => Verdict == ClaimVerdict.Reproduced;

    /// <summary>The printed figure, e.g. "48%", "5,000-7,500", "1 year and 10 months".</summary>
    public string Published => Entry is null ? "" : ClaimCheck.FormatPublished(Entry);

    /// <summary>The reproduced value in the ledger's unit, e.g. "48.1%".</summary>
    public string Reproduced => Record is null || Entry is null ? Record?.Value.ToString("G6", CultureInfo.InvariantCulture) ?? "" : ClaimCheck.FormatValue(Entry, Record.Value);

    /// <summary>The reproduced interval, e.g. "45.7-50.6% (95%)", or empty.</summary>
    public string Interval => Record is { Lower: { } l, Upper: { } u } && Entry is not null
        ? $"{ClaimCheck.FormatValue(Entry, l)} - {ClaimCheck.FormatValue(Entry, u)}" +
          (Record.Level is { } lv ? string.Create(CultureInfo.InvariantCulture, $" ({lv * 100:0.#}%)") : "")
        : "";
}

/// <summary>Compares the recorded claims of the studies with the published-figures ledger.</summary>
public static class ClaimCheck
{
    /// <summary>
    /// Checks every ledger row against <paramref name="records"/>: a row nobody recorded fails, a recorded id the
    /// ledger does not know fails, and a value fails unless it lies in the row's rounding band
    /// (<see cref="LedgerEntry.Band"/>). For rows with a reproduced interval the result also says whether the
    /// published value lies in it (information, not a verdict).
    /// </summary>
    /// <param name="ledger">The published figures.</param>
    /// <param name="records">The claims the notebooks recorded.</param>
    /// <param name="unfinished">
    /// Why a study did not run to its end (study name to the run's failure, e.g. a worker start timeout), or null
    /// (default) when every study ran. A row of such a study that was not recorded says so, instead of advising a
    /// <c>Claims.Record</c> call the notebook may well make.
    /// </param>
    public static IReadOnlyList<ClaimResult> Check(Ledger ledger, IEnumerable<ClaimRecord> records,
        IReadOnlyDictionary<string, string>? unfinished = null)
    {
        var byId = records.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var results = new List<ClaimResult>();
        foreach (var entry in ledger.Entries)
        {
            if (!byId.TryGetValue(entry.Id, out var recs))
            {
                if (unfinished is not null && unfinished.TryGetValue(entry.Study, out var why))
                {
                    results.Add(new(entry.Id, entry, null, ClaimVerdict.NotRecorded, null,
                        $"not checked: study {entry.Study} did not run to its end ({why})."));
                    continue;
                }
                results.Add(new(entry.Id, entry, null, ClaimVerdict.NotRecorded, null,
                    $"no notebook recorded '{entry.Id}'; study {entry.Study} should call Claims.Record(\"{entry.Id}\", ...)."));
                continue;
            }
            var distinct = recs.Select(r => r.Value).Distinct().Count();
            var record = recs[^1];
            var inInterval = PublishedInInterval(entry, record);
            if (distinct > 1)
            {
                results.Add(new(entry.Id, entry, record, ClaimVerdict.Conflicting, inInterval,
                    $"recorded {recs.Count} times with different values ({string.Join(", ", recs.Select(r => FormatValue(entry, r.Value)))})."));
                continue;
            }
            var ok = entry.IsReproducedBy(record.Value);
            results.Add(new(entry.Id, entry, record, ok ? ClaimVerdict.Reproduced : ClaimVerdict.NotReproduced, inInterval,
                ok ? $"{FormatValue(entry, record.Value)} is in {entry.Band} ({LedgerEntry.Code(entry.Rounding)})."
                   : $"{FormatValue(entry, record.Value)} is outside {entry.Band}, the values printed as {FormatPublished(entry)} ({LedgerEntry.Code(entry.Rounding)})."));
        }
        foreach (var (id, recs) in byId.Where(kv => ledger.Find(kv.Key) is null).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            results.Add(new(id, null, recs[^1], ClaimVerdict.UnknownId, null,
                $"'{id}' is not an id of the ledger; check the spelling or add the figure to published-figures.csv."));
        return results;
    }

    /// <summary>Whether the published figure lies in the reproduced interval (overlaps it, for a range); null without interval.</summary>
    public static bool? PublishedInInterval(LedgerEntry entry, ClaimRecord record)
    {
        if (record.Lower is not { } lower || record.Upper is not { } upper) return null;
        if (entry.Rounding == Rounding.OneInN) return entry.Value is { } n && 1 / n >= lower && 1 / n <= upper;
        if (entry.Value is { } v) return v >= lower && v <= upper;
        if (entry.Low is { } lo && entry.High is { } hi) return lo <= upper && hi >= lower;
        return null;
    }

    /// <summary>The figure as printed, e.g. "48%", "5,000-7,500", "one in 3", "1 year and 10 months".</summary>
    public static string FormatPublished(LedgerEntry e) => e.Rounding switch
    {
        Rounding.Range when e.Unit == "percent" => $"{N(e.Low)}-{N(e.High)}%",
        Rounding.Range => $"{N(e.Low)}-{N(e.High)}",
        Rounding.PercentRange => $"{N(e.Low)}-{N(e.High)}%",
        Rounding.PercentInteger => $"{N(e.Value)}%",
        Rounding.Nearest100 => $"around {N(e.Value)}",
        Rounding.OneInN => $"one in {N(e.Value)}",
        Rounding.YearsMonths => YearsMonths(e.Value ?? 0),
        Rounding.Majority => "the majority",
        _ => N(e.Value),
    };

    /// <summary>A reproduced value in the entry's unit, e.g. "48.1%", "6,509", "22.0 months", "0.323 (one in 3.10)".</summary>
    public static string FormatValue(LedgerEntry e, double x) => e.Unit switch
    {
        "percent" => x.ToString("0.0", CultureInfo.InvariantCulture) + "%",
        "months" => x.ToString("0.0", CultureInfo.InvariantCulture) + " months",
        "one-in-n" => string.Create(CultureInfo.InvariantCulture, $"{x:0.000} (one in {1 / x:0.00})"),
        _ => x.ToString("#,##0", CultureInfo.InvariantCulture),
    };

    private static string N(double? x) => x is { } v ? v.ToString("#,##0.##", CultureInfo.InvariantCulture) : "?";

    private static string YearsMonths(double months)
    {
        var total = (int)Math.Round(months, MidpointRounding.AwayFromZero);
        int y = total / 12, m = total % 12;
        var years = y == 1 ? "1 year" : $"{y} years";
        return m == 0 ? years : $"{years} and {m} months";
    }

    /// <summary>A plain-text table: claim, published, reproduced, interval, in interval, verdict.</summary>
    public static string ToTable(IReadOnlyList<ClaimResult> results)
    {
        var rows = results.Select(r => new[]
        {
            r.Id, r.Published, r.Reproduced, r.Interval,
            r.PublishedInInterval switch { true => "yes", false => "no", null => "" },
            Verdict(r.Verdict),
        }).ToList();
        string[] head = ["claim", "published", "reproduced", "interval", "published in interval", "verdict"];
        var widths = head.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        var lines = new List<string> { Line(head), Line(widths.Select(w => new string('-', w)).ToArray()) };
        lines.AddRange(rows.Select(Line));
        var passed = results.Count(r => r.Passed);
        lines.Add($"{passed} of {results.Count} claims reproduced");
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The verdict as a short word in English, as the claims table prints it.</summary>
    public static string Verdict(ClaimVerdict v) => Verdict(v, Language.En);

    /// <summary>The verdict as a short word in <paramref name="language"/> ("reproduced", "NOT REPRODUCED", ...).</summary>
    public static string Verdict(ClaimVerdict v, Language language) => v switch
    {
        ClaimVerdict.Reproduced => Phrases.Get(Phrase.VerdictReproduced, language),
        ClaimVerdict.NotReproduced => Phrases.Get(Phrase.VerdictNotReproduced, language),
        ClaimVerdict.NotRecorded => Phrases.Get(Phrase.VerdictNotRecorded, language),
        ClaimVerdict.UnknownId => Phrases.Get(Phrase.VerdictUnknownId, language),
        ClaimVerdict.Conflicting => Phrases.Get(Phrase.VerdictConflicting, language),
        _ => v.ToString(),
    };
}
