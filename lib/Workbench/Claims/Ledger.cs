using System.Globalization;
using System.Text.RegularExpressions;
using Workbench.Data;

namespace Workbench.Claims;

/// <summary>
/// The claims ledger: every published figure the studies must reproduce (<c>data-samples/published-figures.csv</c>),
/// read into immutable <see cref="LedgerEntry"/> records.
/// </summary>
public sealed partial class Ledger
{
    /// <summary>The ledger's columns, in file order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["id", "sentence_en", "value", "low", "high", "unit", "rounding", "kind", "publication", "year", "period", "study"];

    /// <summary>The optional column with each figure's Dutch sentence (read when the file has it).</summary>
    public const string DutchSentenceColumn = "sentence_nl";

    /// <summary>The units a ledger entry may have.</summary>
    public static IReadOnlyList<string> Units { get; } = ["percent", "persons-per-year", "months", "one-in-n"];

    private readonly Dictionary<string, LedgerEntry> _byId;

    /// <summary>Creates a ledger from entries (ids must be unique).</summary>
    public Ledger(IEnumerable<LedgerEntry> entries)
    {
        Entries = entries.ToList();
        _byId = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        foreach (var e in Entries)
            if (!_byId.TryAdd(e.Id, e)) throw new ArgumentException($"duplicate ledger id '{e.Id}'.", nameof(entries));
    }

    /// <summary>The entries in file order.</summary>
    public IReadOnlyList<LedgerEntry> Entries { get; }

    /// <summary>The entry with <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such id; the message lists the ids that exist.</exception>
    public LedgerEntry this[string id] => _byId.TryGetValue(id, out var e)
        ? e
        : throw new KeyNotFoundException($"no ledger entry '{id}'; the ledger has: {string.Join(", ", _byId.Keys)}.");

    /// <summary>The entry with <paramref name="id"/>, or null.</summary>
    public LedgerEntry? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The entries a study must reproduce.</summary>
    public IReadOnlyList<LedgerEntry> ForStudy(string study) => Entries.Where(e => e.Study == study).ToList();

    /// <summary>
    /// Reads and validates the ledger at <paramref name="path"/>. Every problem (unknown rounding or kind, a number
    /// that does not parse, a missing value or range end, a duplicate id) is collected with its line and column.
    /// </summary>
    /// <exception cref="DataValidationException">The file is missing or has problems.</exception>
    public static Ledger Load(string path)
    {
        var hasDutch = File.Exists(path) && CsvColumns.ReadHeader(path).Contains(DutchSentenceColumn);
        var raw = CsvColumns.Read(path, hasDutch ? [.. ColumnNames, DutchSentenceColumn] : ColumnNames);
        var errors = new List<DataError>();
        var entries = new List<LedgerEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var roundings = Enum.GetValues<Rounding>().ToDictionary(LedgerEntry.Code, r => r, StringComparer.Ordinal);
        var kinds = Enum.GetValues<ClaimKind>().ToDictionary(LedgerEntry.Code, k => k, StringComparer.Ordinal);
        for (var row = 0; row < raw.RowCount; row++)
        {
            var before = errors.Count;
            string Text(string column)
            {
                var s = raw.Values[column][row];
                if (s is null) errors.Add(raw.ErrorAt(row, column, $"column '{column}' is empty; expected a value."));
                return s ?? "";
            }
            double? Number(string column)
            {
                var s = raw.Values[column][row];
                if (s is null) return null;
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
                errors.Add(raw.ErrorAt(row, column, $"column '{column}' has '{s}'; expected a finite number with a decimal point."));
                return null;
            }
            var id = Text("id");
            if (id.Length > 0 && !KebabCase().IsMatch(id))
                errors.Add(raw.ErrorAt(row, "id", $"id '{id}' is not kebab-case; use lower-case words joined by '-'."));
            else if (id.Length > 0 && !seen.Add(id))
                errors.Add(raw.ErrorAt(row, "id", $"id '{id}' occurs twice; ids must be unique."));
            var sentence = Text("sentence_en");
            var value = Number("value");
            var low = Number("low");
            var high = Number("high");
            var unit = Text("unit");
            if (unit.Length > 0 && !Units.Contains(unit))
                errors.Add(raw.ErrorAt(row, "unit", $"unit '{unit}' is unknown; expected one of {string.Join(", ", Units)}."));
            var roundingText = Text("rounding");
            if (!roundings.TryGetValue(roundingText, out var rounding) && roundingText.Length > 0)
                errors.Add(raw.ErrorAt(row, "rounding",
                    $"rounding '{roundingText}' is unknown; expected one of {string.Join(", ", roundings.Keys)}."));
            var kindText = Text("kind");
            if (!kinds.TryGetValue(kindText, out var kind) && kindText.Length > 0)
                errors.Add(raw.ErrorAt(row, "kind", $"kind '{kindText}' is unknown; expected one of {string.Join(", ", kinds.Keys)}."));
            var publication = Text("publication");
            var yearText = Text("year");
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && yearText.Length > 0)
                errors.Add(raw.ErrorAt(row, "year", $"column 'year' has '{yearText}'; expected a year such as 2020."));
            var period = Text("period");
            var study = Text("study");
            if (errors.Count > before) continue;
            var isRange = rounding is Rounding.Range or Rounding.PercentRange;
            if (isRange && (low is null || high is null || low > high))
                errors.Add(raw.ErrorAt(row, "low", $"rounding '{roundingText}' needs low <= high in columns 'low' and 'high'."));
            else if (!isRange && rounding != Rounding.Majority && value is null)
                errors.Add(raw.ErrorAt(row, "value", $"rounding '{roundingText}' needs the printed figure in column 'value'."));
            else if (rounding == Rounding.OneInN && value <= 0.5)
                errors.Add(raw.ErrorAt(row, "value", $"one-in-n needs n > 0.5 in column 'value'; found {value}."));
            else
                entries.Add(new LedgerEntry(id, sentence, value, low, high, unit, rounding, kind, publication, year, period, study,
                    hasDutch ? raw.Values[DutchSentenceColumn][row] : null));
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        return new Ledger(entries);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
