using System.Globalization;
using System.Text;
using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>
/// The columns a survey analysis uses, held as numbers (NaN = missing) or as coded labels (-1 = missing), with where
/// each row came from so that errors name file, line and column.
/// </summary>
internal sealed partial class SurveyFrame
{
    public required int Rows { get; init; }
    public required Dictionary<string, double[]> Numbers { get; init; }
    public required Dictionary<string, (int[] Codes, string[] Levels)> Labels { get; init; }
    /// <summary>All column names of the source (for "did you mean" style errors).</summary>
    public required IReadOnlyList<string> Header { get; init; }
    public required string SourceName { get; init; }
    /// <summary>1-based line of each row; null for in-memory data (then the row number is shown).</summary>
    public int[]? Lines { get; init; }
    /// <summary>1-based field number of each column; empty for in-memory data.</summary>
    public IReadOnlyDictionary<string, int> FieldIndex { get; init; } = new Dictionary<string, int>();

    /// <summary>The sheet of a workbook the rows came from (errors then say <c>Sheet1!C2</c>), or null.</summary>
    public string? Sheet { get; init; }

    /// <summary>The sheet column of the workbook table's first header cell (default 1).</summary>
    public int FirstColumn { get; init; } = 1;

    public DataError Error(int row, string column, string message)
    {
        var line = Lines is null ? row + 1 : Lines[row];
        var field = FieldIndex.TryGetValue(column, out var f) ? f : 0;
        return Sheet is null || field == 0 ? new DataError(SourceName, line, field, message) : RawColumns.At(SourceName, line, field, message, Sheet, FirstColumn);
    }

    public double[] Number(string column) => Numbers.TryGetValue(column, out var v) ? v
        : throw new DataValidationException(new DataError(SourceName, 1, 0, Unknown(column, "numeric ")));

    public (int[] Codes, string[] Levels) Label(string column) => Labels.TryGetValue(column, out var v) ? v
        : throw new DataValidationException(new DataError(SourceName, 1, 0, Unknown(column, "")));

    public string Unknown(string column, string kind) =>
        $"{kind}column '{column}' is not in the data; the columns are: {string.Join(", ", Header)}. Check the spelling (names are case-sensitive).";

    /// <summary>Builds a frame from in-memory columns (numbers: null = missing; labels: null = missing).</summary>
    public static SurveyFrame FromColumns(IReadOnlyDictionary<string, double?[]> numbers, IReadOnlyDictionary<string, string?[]> labels)
    {
        var n = numbers.Values.Select(v => v.Length).Concat(labels.Values.Select(v => v.Length)).DefaultIfEmpty(0).First();
        foreach (var (name, col) in numbers.Select(kv => (kv.Key, kv.Value.Length)).Concat(labels.Select(kv => (kv.Key, kv.Value.Length))))
            if (col != n) throw new ArgumentException($"column '{name}' has {col} entries but the first column has {n}; give one entry per respondent.");
        var nums = numbers.ToDictionary(kv => kv.Key, kv => kv.Value.Select(v => v ?? double.NaN).ToArray(), StringComparer.Ordinal);
        var labs = new Dictionary<string, (int[], string[])>(StringComparer.Ordinal);
        foreach (var (name, values) in labels)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var codes = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var s = values[i];
                if (s is null or "" or "NA") { codes[i] = -1; continue; }
                if (!index.TryGetValue(s, out var c)) { c = index.Count; index.Add(s, c); }
                codes[i] = c;
            }
            labs[name] = (codes, index.Keys.ToArray());
        }
        return new SurveyFrame
        {
            Rows = n, Numbers = nums, Labels = labs, Header = numbers.Keys.Concat(labels.Keys).ToArray(), SourceName = "(in-memory data)",
        };
    }

    private const int MaxErrors = 100;

    /// <summary>
    /// The replicate weight columns (by <paramref name="replicatePrefix"/>), the numeric and the label columns to read,
    /// checked against <paramref name="header"/> (line <paramref name="headerLine"/> of <paramref name="path"/>): a
    /// prefix matching no column or a column the header lacks is an error naming the header.
    /// </summary>
    private static (string[] Replicates, string[] Numeric, string[] Labels) HeaderColumns(string path, int headerLine, IReadOnlyList<string> header,
        IReadOnlyCollection<string> numeric, IReadOnlyCollection<string> label, string? replicatePrefix)
    {
        var replicates = replicatePrefix is null ? [] : header.Where(h => h.StartsWith(replicatePrefix, StringComparison.Ordinal)).ToArray();
        if (replicatePrefix is not null && replicates.Length == 0)
            throw new DataValidationException(new DataError(path, headerLine, 0,
                $"no column name starts with the replicate weight prefix '{replicatePrefix}'; the header has: {string.Join(", ", header)}. " +
                "Give the common start of the replicate weight columns, e.g. --replicate-weights repw for repw1, repw2, ..."));
        var nums = numeric.Concat(replicates).Distinct(StringComparer.Ordinal).ToArray();
        var labs = label.Distinct(StringComparer.Ordinal).ToArray();
        var missing = nums.Concat(labs).Where(c => !header.Contains(c)).Distinct().ToList();
        if (missing.Count > 0)
            throw new DataValidationException(missing.Select(m => new DataError(path, headerLine, 0,
                $"column '{m}' not found in the header; the header has: {string.Join(", ", header)}. Check the spelling (names are case-sensitive).")).ToList());
        return (replicates, nums, labs);
    }

    /// <summary>
    /// Reads the named columns of a CSV file: <paramref name="numeric"/> as numbers (empty or <c>NA</c> = missing),
    /// <paramref name="label"/> as interned labels (empty or <c>NA</c> = missing), plus every column whose name starts
    /// with <paramref name="replicatePrefix"/> as numbers (returned in file order).
    /// </summary>
    public static (SurveyFrame Frame, string[] Replicates) ReadCsv(string path, IReadOnlyCollection<string> numeric, IReadOnlyCollection<string> label, string? replicatePrefix)
    {
        if (!File.Exists(path)) throw new DataValidationException(new DataError(path, 0, 0, "file not found. Check the path."));
        if (Dataset.FormatOf(path) != DataFileFormat.Csv) return ReadTable(path, numeric, label, replicatePrefix);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var reader = new CsvRecordReader(stream);
        var field = new List<CsvField>();
        if (!reader.Next(field, out _, skipBlank: false))
            throw new DataValidationException(new DataError(path, 1, 0, "the file is empty; expected a header line."));
        var header = field.Select(reader.Text).ToList();
        if (header.Count > 0 && header[0].StartsWith('\uFEFF')) header[0] = header[0][1..];
        var (replicates, nums, labs) = HeaderColumns(path, 1, header, numeric, label, replicatePrefix);
        var numField = nums.Select(c => header.IndexOf(c)).ToArray();
        var labField = labs.Select(c => header.IndexOf(c)).ToArray();
        var numValues = nums.Select(_ => new List<double>()).ToArray();
        var labCodes = labs.Select(_ => new List<int>()).ToArray();
        var levels = labs.Select(_ => new List<string>()).ToArray();
        var interners = labs.Select(_ => new SurveyCsv.ByteInterner()).ToArray();
        var lines = new List<int>();
        var errors = new List<DataError>();
        while (reader.Next(field, out var line))
        {
            if (field.Count != header.Count)
            {
                if (errors.Count < MaxErrors)
                    errors.Add(new DataError(path, line, Math.Min(field.Count, header.Count) + 1,
                        $"the row has {field.Count} fields; the header has {header.Count}. Check for a missing or extra delimiter."));
                continue;
            }
            lines.Add(line);
            for (var k = 0; k < nums.Length; k++)
            {
                var span = reader.Bytes(field[numField[k]]);
                double v;
                if (span.Length == 0 || span.SequenceEqual("NA"u8)) v = double.NaN;
                else if (!SurveyCsv.TryParseSimple(span, out v) && !double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out v) || !double.IsFinite(v))
                {
                    v = double.NaN;
                    if (errors.Count < MaxErrors)
                        errors.Add(new DataError(path, line, numField[k] + 1,
                            $"column '{nums[k]}' has '{Encoding.UTF8.GetString(span)}'; expected a finite number (empty or NA for missing). Correct the value or recode the column."));
                }
                numValues[k].Add(v);
            }
            for (var k = 0; k < labs.Length; k++)
            {
                var span = reader.Bytes(field[labField[k]]);
                labCodes[k].Add(span.Length == 0 || span.SequenceEqual("NA"u8) ? -1 : interners[k].Code(span, levels[k]));
            }
        }
        if (errors.Count > 0) throw new DataValidationException(errors, errors.Count >= MaxErrors);
        if (lines.Count == 0)
            throw new DataValidationException(new DataError(path, 2, 0, "the file has a header but no data rows; expected one row per respondent."));
        var fieldIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < nums.Length; k++) fieldIndex[nums[k]] = numField[k] + 1;
        for (var k = 0; k < labs.Length; k++) fieldIndex[labs[k]] = labField[k] + 1;
        var frame = new SurveyFrame
        {
            Rows = lines.Count,
            Numbers = nums.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => numValues[p.k].ToArray(), StringComparer.Ordinal),
            Labels = labs.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => (labCodes[p.k].ToArray(), levels[p.k].ToArray()), StringComparer.Ordinal),
            Header = header, SourceName = path, Lines = lines.ToArray(), FieldIndex = fieldIndex,
        };
        return (frame, replicates);
    }
}
