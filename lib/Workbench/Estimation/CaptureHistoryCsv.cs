using System.Globalization;
using Workbench.Data;

namespace Workbench.Estimation;

/// <summary>Which columns of a capture-history CSV hold what.</summary>
public sealed record CaptureCsvOptions
{
    /// <summary>List columns, in order; default null = every column holding only 0 and 1 (other than the count, covariate and by columns).</summary>
    public IReadOnlyList<string>? Lists { get; init; }

    /// <summary>Column of aggregated counts; default null = one row per person.</summary>
    public string? Count { get; init; }

    /// <summary>Covariate columns entering the model as factors (crossed when several); default none.</summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];

    /// <summary>Columns whose combined value defines separate strata (separate fits); default none.</summary>
    public IReadOnlyList<string> By { get; init; } = [];
}

/// <summary>Capture histories read from a CSV: all rows, and per stratum when <see cref="CaptureCsvOptions.By"/> is set.</summary>
/// <param name="All">All rows together.</param>
/// <param name="Strata">Per stratum (labels are the by-values joined by '|'), in level order; empty without by columns.</param>
public sealed record CaptureCsv(CaptureHistories All, IReadOnlyList<KeyValuePair<string, CaptureHistories>> Strata);

/// <summary>Reads capture histories from a CSV with one 0/1 column per list.</summary>
public static class CaptureHistoryCsv
{
    /// <summary>Reads <paramref name="path"/>; every problem is reported as file:line:column.</summary>
    /// <param name="path">The CSV file (header line, comma-separated, invariant culture).</param>
    /// <param name="options">Column roles; default: lists detected, one row per person, no covariates.</param>
    /// <exception cref="DataValidationException">Bad values, fewer than two lists, a row with every list 0, a level with no registrations.</exception>
    public static CaptureCsv Read(string path, CaptureCsvOptions? options = null)
    {
        var o = options ?? new CaptureCsvOptions();
        if (!File.Exists(path)) throw new DataValidationException(new DataError(path, 0, 0, "file not found. Check the path."));
        var header = CsvColumns.ReadHeader(path);
        var reserved = new HashSet<string>(o.Covariates.Concat(o.By), StringComparer.Ordinal);
        if (o.Count is not null) reserved.Add(o.Count);
        var candidates = o.Lists ?? header.Where(c => !reserved.Contains(c)).ToList();
        var raw = CsvColumns.Read(path, candidates.Concat(reserved));
        IReadOnlyList<string> lists = o.Lists ?? candidates.Where(c => raw.Values[c].All(v => v is "0" or "1")).ToList();
        if (lists.Count < 2)
            throw new DataValidationException(new DataError(path, 1, 0,
                $"multiple systems estimation needs at least two list columns (0/1); found {lists.Count}" +
                (lists.Count > 0 ? $" ({string.Join(", ", lists)})" : "") + ". Name them with --lists or check the file."));
        if (lists.Count > CaptureHistories.MaxLists)
            throw new DataValidationException(new DataError(path, 1, 0, $"at most {CaptureHistories.MaxLists} lists are supported; found {lists.Count}: {string.Join(", ", lists)}."));
        var errors = new List<DataError>();
        void Fail(DataError e)
        {
            errors.Add(e);
            if (errors.Count >= 100) throw new DataValidationException(errors, truncated: true);
        }
        var n = raw.RowCount;
        var rows = new int[n][];
        var counts = new long[n];
        long people = 0;
        for (var r = 0; r < n; r++)
        {
            rows[r] = new int[lists.Count];
            for (var i = 0; i < lists.Count; i++)
            {
                var v = raw.Values[lists[i]][r];
                if (v is "0" or "1") rows[r][i] = v[0] - '0';
                else Fail(raw.ErrorAt(r, lists[i], $"list column '{lists[i]}' has '{v ?? ""}'; expected 0 (not registered) or 1 (registered)."));
            }
            counts[r] = 1;
            if (o.Count is not null)
            {
                var s = raw.Values[o.Count][r];
                if (s is not null && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d >= 0 && d == Math.Floor(d) && d <= CaptureHistories.MaxPeople)
                    counts[r] = (long)d;
                else if (s is not null && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var big) && big > CaptureHistories.MaxPeople)
                {
                    Fail(raw.ErrorAt(r, o.Count, $"count column '{o.Count}' has '{s}': too large; at most 10^15 (1,000,000,000,000,000) people in all. Check the unit of the column."));
                    counts[r] = 0;
                }
                else
                {
                    Fail(raw.ErrorAt(r, o.Count, $"count column '{o.Count}' has '{s ?? ""}'; expected a whole number 0 or more."));
                    counts[r] = 0;
                }
            }
            if (o.Count is not null && counts[r] > CaptureHistories.MaxPeople - people)
            {
                Fail(raw.ErrorAt(r, o.Count, $"count column '{o.Count}': the counts up to this row add up to more than 10^15 (1,000,000,000,000,000) people, too large to estimate exactly. Check the unit of the column."));
                counts[r] = 0;
            }
            people += counts[r];
            if (rows[r].All(x => x == 0) && counts[r] > 0 && lists.All(l => raw.Values[l][r] is "0"))
                Fail(raw.ErrorAt(r, lists[0], "every list is 0 in this row: a person on no list cannot be observed. Remove the row (the model estimates that count)."));
            foreach (var c in o.Covariates.Concat(o.By))
                if (raw.Values[c][r] is null) Fail(raw.ErrorAt(r, c, $"column '{c}' is empty; every row needs a value."));
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        string Key(IReadOnlyList<string> cols, int r) => string.Join("|", cols.Select(c => raw.Values[c][r]));
        CaptureHistories Build(int[] idx)
        {
            var levelKeys = idx.Select(r => Key(o.Covariates, r)).ToArray();
            foreach (var group in idx.Select((r, j) => (r, key: levelKeys[j])).GroupBy(t => t.key))
                if (group.Sum(t => counts[t.r]) == 0)
                {
                    var first = group.First().r;
                    throw new DataValidationException(raw.ErrorAt(first, o.Covariates[0],
                        $"covariate level '{group.Key}' has no registrations (every count is 0). Merge it with another level or drop the covariate."));
                }
            try
            {
                return CaptureHistories.FromRows(lists, idx.Select(r => (IReadOnlyList<int>)rows[r]).ToList(), idx.Select(r => counts[r]).ToList(),
                    o.Covariates, o.Covariates.Count == 0 ? null : idx.Select(r => (IReadOnlyList<string>)o.Covariates.Select(c => raw.Values[c][r]!).ToArray()).ToList());
            }
            catch (ArgumentException ex)
            {
                throw new DataValidationException(new DataError(path, 0, 0, ex.Message));
            }
        }
        var all = Build(Enumerable.Range(0, n).ToArray());
        var strata = new List<KeyValuePair<string, CaptureHistories>>();
        if (o.By.Count > 0)
        {
            foreach (var g in Enumerable.Range(0, n).GroupBy(r => Key(o.By, r)).OrderBy(g => g.Key, LevelComparer.Instance))
            {
                if (g.Sum(r => counts[r]) == 0)
                    throw new DataValidationException(raw.ErrorAt(g.First(), o.By[0], $"stratum '{g.Key}' has no registrations (every count is 0). Remove it."));
                strata.Add(new(g.Key, BuildStratum(g.Key, g.ToArray())));
            }
        }
        return new CaptureCsv(all, strata);

        CaptureHistories BuildStratum(string key, int[] idx)
        {
            try { return Build(idx); }
            catch (DataValidationException ex) when (ex.Errors.Count == 1 && ex.Errors[0].Line == 0)
            {
                throw new DataValidationException(new DataError(path, raw.Lines[idx[0]], 0, $"stratum '{key}': {ex.Errors[0].Message}"));
            }
        }
    }
}
