using System.Globalization;
using System.Text;

namespace Workbench.Estimation;

/// <summary>
/// Counts of people by capture pattern (which lists registered them), optionally by covariate level: the input of
/// multiple systems estimation. Immutable; build with <see cref="FromCounts"/>, <see cref="FromRows"/> or
/// <see cref="CaptureHistoryCsv.Read(string, CaptureCsvOptions?)"/>.
/// </summary>
public sealed record CaptureHistories
{
    /// <summary>Maximum number of lists (digits 1-9 name them in the bracket notation).</summary>
    public const int MaxLists = 9;

    /// <summary>
    /// Largest number of people a table may hold (10^15): counts are fitted as doubles, exact up to 2^53 ≈ 9·10^15,
    /// and every sum of counts must stay well inside that. Larger inputs are rejected with a clear error.
    /// </summary>
    public const long MaxPeople = 1_000_000_000_000_000;

    internal CaptureHistories(IReadOnlyList<string> lists, IReadOnlyList<string> covariates, IReadOnlyList<string> levels, long[] counts)
    {
        Lists = lists;
        Covariates = covariates;
        Levels = levels;
        CountsByCell = counts;
        Observed = counts.Sum();
    }

    /// <summary>List names, in order; the first is digit 1 in the bracket notation.</summary>
    public IReadOnlyList<string> Lists { get; }

    /// <summary>Covariate names (empty without covariates). Several covariates are crossed into one factor.</summary>
    public IReadOnlyList<string> Covariates { get; }

    /// <summary>Covariate levels (crossed levels joined by '|'); one empty level without covariates.</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>Number of people observed on at least one list.</summary>
    public long Observed { get; }

    /// <summary>Counts indexed by level * 2^k + pattern bit mask (bit i = list i); pattern 0 is always 0.</summary>
    internal long[] CountsByCell { get; }

    internal int K => Lists.Count;

    /// <summary>The count of <paramref name="pattern"/> (e.g. "1010") at <paramref name="level"/> (null: summed over levels).</summary>
    public long Count(string pattern, string? level = null)
    {
        var mask = ParsePattern(pattern, K);
        if (level is null) return Enumerable.Range(0, Levels.Count).Sum(l => CountsByCell[(l << K) + mask]);
        var li = IndexOfLevel(level);
        return CountsByCell[(li << K) + mask];
    }

    private int IndexOfLevel(string level)
    {
        for (var i = 0; i < Levels.Count; i++) if (Levels[i] == level) return i;
        throw new ArgumentException($"level '{level}' not found; the levels are: {string.Join(", ", Levels)}.", nameof(level));
    }

    /// <summary>Capture histories from counts per pattern, e.g. {"1000": 1131, "0100": 845, ...}; patterns not given count 0.</summary>
    /// <param name="lists">List names (2 to 9), in the order of the pattern characters.</param>
    /// <param name="counts">Count per pattern; patterns are strings of 0/1 with one character per list.</param>
    public static CaptureHistories FromCounts(IReadOnlyList<string> lists, IEnumerable<KeyValuePair<string, long>> counts)
    {
        ValidateLists(lists);
        var k = lists.Count;
        var cells = new long[1 << k];
        foreach (var (pattern, n) in counts)
        {
            var mask = ParsePattern(pattern, k);
            if (mask == 0 && n != 0) throw new ArgumentException($"pattern '{pattern}' has every list 0: such people are unobservable by definition. Remove it.", nameof(counts));
            if (n < 0) throw new ArgumentException($"pattern '{pattern}' has count {n}; counts must be 0 or more.", nameof(counts));
            cells[mask] = Add(cells[mask], n, $"pattern '{pattern}'");
        }
        return Create(lists, [], [""], cells);
    }

    /// <summary>Capture histories from one row per person (or per group with <paramref name="counts"/>).</summary>
    /// <param name="lists">List names (2 to 9).</param>
    /// <param name="rows">For each row, one 0/1 value per list.</param>
    /// <param name="counts">Optional count per row (default 1 each).</param>
    /// <param name="covariates">Optional covariate names (default none).</param>
    /// <param name="covariateValues">For each row, one value per covariate (required with covariates).</param>
    public static CaptureHistories FromRows(IReadOnlyList<string> lists, IReadOnlyList<IReadOnlyList<int>> rows,
        IReadOnlyList<long>? counts = null, IReadOnlyList<string>? covariates = null, IReadOnlyList<IReadOnlyList<string>>? covariateValues = null)
    {
        ValidateLists(lists);
        covariates ??= [];
        if (covariates.Count > 0 && (covariateValues is null || covariateValues.Count != rows.Count))
            throw new ArgumentException("covariateValues must give one entry per row when covariates are named.", nameof(covariateValues));
        if (counts is not null && counts.Count != rows.Count)
            throw new ArgumentException("counts must give one entry per row.", nameof(counts));
        var masks = new int[rows.Count];
        var keys = new string[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Count != lists.Count) throw new ArgumentException($"row {r + 1} has {row.Count} values; expected one per list ({lists.Count}).", nameof(rows));
            var mask = 0;
            for (var i = 0; i < row.Count; i++)
            {
                if (row[i] is not (0 or 1)) throw new ArgumentException($"row {r + 1}, list '{lists[i]}' has {row[i]}; expected 0 or 1.", nameof(rows));
                if (row[i] == 1) mask |= 1 << i;
            }
            var n = counts?[r] ?? 1;
            if (n < 0) throw new ArgumentException($"row {r + 1} has count {n}; counts must be 0 or more.", nameof(counts));
            if (mask == 0 && n > 0) throw new ArgumentException($"row {r + 1} has every list 0: such people are unobservable by definition. Remove the row.", nameof(rows));
            masks[r] = mask;
            keys[r] = covariates.Count == 0 ? "" : string.Join("|", covariateValues![r]);
        }
        var levels = keys.Distinct(StringComparer.Ordinal).Order(LevelComparer.Instance).ToList();
        var index = levels.Select((l, i) => (l, i)).ToDictionary(t => t.l, t => t.i, StringComparer.Ordinal);
        var cells = new long[levels.Count << lists.Count];
        long total = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var n = counts?[r] ?? 1;
            total = Add(total, n, $"row {r + 1}");
            cells[(index[keys[r]] << lists.Count) + masks[r]] += n;
        }
        return Create(lists, covariates, levels, cells);
    }

    /// <summary>a + n, or a clear error when the people add up to more than <see cref="MaxPeople"/> (never an overflow).</summary>
    internal static long Add(long a, long n, string where) =>
        n <= MaxPeople - a ? a + n
            : throw new ArgumentException($"{where}: count too large; the counts add up to more than 10^15 (1,000,000,000,000,000) people, the most this estimation handles exactly. Check the count column (a unit error?).",
                "counts");

    internal static CaptureHistories Create(IReadOnlyList<string> lists, IReadOnlyList<string> covariates, IReadOnlyList<string> levels, long[] cells)
    {
        long people = 0;
        foreach (var c in cells) people = Add(people, c, "the table");
        var k = lists.Count;
        for (var i = 0; i < k; i++)
        {
            long onList = 0;
            for (var c = 0; c < cells.Length; c++) if ((c & (1 << i)) != 0) onList += cells[c];
            if (onList == 0) throw new ArgumentException($"list '{lists[i]}' registers nobody; remove it from the lists.");
        }
        for (var l = 0; l < levels.Count; l++)
        {
            long n = 0;
            for (var p = 1; p < 1 << k; p++) n += cells[(l << k) + p];
            if (n == 0) throw new ArgumentException($"covariate level '{levels[l]}' has no registrations; merge it with another level or drop the covariate.");
        }
        return new CaptureHistories(lists.ToArray(), covariates.ToArray(), levels.ToArray(), cells);
    }

    /// <summary>The same people without covariates (counts summed over levels).</summary>
    public CaptureHistories WithoutCovariates()
    {
        if (Covariates.Count == 0) return this;
        var cells = new long[1 << K];
        for (var c = 0; c < CountsByCell.Length; c++) cells[c & ((1 << K) - 1)] += CountsByCell[c];
        return new CaptureHistories(Lists, [], [""], cells);
    }

    internal CaptureHistories WithCounts(long[] cells) => new(Lists, Covariates, Levels, cells);

    private static void ValidateLists(IReadOnlyList<string> lists)
    {
        if (lists.Count < 2) throw new ArgumentException($"multiple systems estimation needs at least two lists; {lists.Count} given.", nameof(lists));
        if (lists.Count > MaxLists) throw new ArgumentException($"at most {MaxLists} lists are supported; {lists.Count} given.", nameof(lists));
        if (lists.Distinct(StringComparer.Ordinal).Count() != lists.Count) throw new ArgumentException("list names must be distinct.", nameof(lists));
    }

    internal static int ParsePattern(string pattern, int k)
    {
        if (pattern.Length != k || pattern.Any(ch => ch is not ('0' or '1')))
            throw new ArgumentException($"pattern '{pattern}' must be {k} characters of 0 and 1, one per list.", nameof(pattern));
        var mask = 0;
        for (var i = 0; i < k; i++) if (pattern[i] == '1') mask |= 1 << i;
        return mask;
    }

    internal static string FormatPattern(int mask, int k)
    {
        var sb = new StringBuilder(k);
        for (var i = 0; i < k; i++) sb.Append((mask & (1 << i)) != 0 ? '1' : '0');
        return sb.ToString();
    }
}

/// <summary>Orders levels numerically when they are numbers (years), otherwise ordinally.</summary>
internal sealed class LevelComparer : IComparer<string>
{
    public static readonly LevelComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) &&
            double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
            return a.CompareTo(b);
        return string.CompareOrdinal(x, y);
    }
}
