using System.Globalization;
using System.Text;
using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>
/// Fast reader for <c>workbench prevalence</c>: parses only the columns a survey estimate needs straight from UTF-8
/// bytes with the shared <see cref="CsvRecordReader"/> (RFC 4180 quoting, BOM, CRLF), interning labels so that a million rows cost a few arrays rather than
/// millions of strings. Errors name file, line and column like <see cref="CsvColumns"/>.
/// </summary>
internal static class SurveyCsv
{
    private const int MaxErrors = 100;

    public static (SurveyData Data, string?[]? By) Read(string path, string outcome, SurveyDesign design, string? by)
    {
        if (!File.Exists(path)) throw new DataValidationException(new DataError(path, 0, 0, "file not found. Check the path."));
        var roles = new List<(string Role, string Column)> { ("outcome", outcome) };
        if (design.Weight is not null) roles.Add(("weight", design.Weight));
        if (design.Strata is not null) roles.Add(("strata", design.Strata));
        if (design.Cluster is not null) roles.Add(("cluster", design.Cluster));
        if (by is not null) roles.Add(("by", by));
        if (Dataset.FormatOf(path) != DataFileFormat.Csv)
        {
            // A workbook or Parquet file: its columns as text, validated as CSV columns are (positions Sheet1!C2 or row:column).
            var raw = CsvColumns.Read(path, roles.Select(r => r.Column));
            return (SurveyData.FromColumns(raw, outcome, design), by is null ? null : raw.Values[by].Select(v => v == "NA" ? null : v).ToArray());
        }

        var errors = new List<DataError>();
        var y = new List<double?>(); var w = new List<double>(); var lines = new List<int>();
        var labels = roles.Select(_ => new List<string?>()).ToArray();
        var codes = roles.Select(_ => new List<int>()).ToArray();
        var levels = roles.Select(_ => new List<string>()).ToArray();
        var interned = roles.Select(_ => new ByteInterner()).ToArray();
        int[]? fieldOf = null;
        int headerCount = 0;
        var fieldIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var reader = new CsvRecordReader(stream);
        var field = new List<CsvField>();
        while (reader.Next(field, out var line, skipBlank: fieldOf is not null))
        {
            if (fieldOf is null)
            {
                var header = field.Select(reader.Text).ToList();
                if (header.Count > 0 && header[0].StartsWith('\uFEFF')) header[0] = header[0][1..];
                headerCount = header.Count;
                var missing = roles.Where(r => !header.Contains(r.Column)).ToList();
                if (missing.Count > 0)
                    throw new DataValidationException(missing.Select(m => new DataError(path, 1, 0,
                        $"column '{m.Column}' not found in the header; the header has: {string.Join(", ", header)}.")).ToList());
                fieldOf = roles.Select(r => header.IndexOf(r.Column)).ToArray();
                foreach (var (r, i) in roles.Select((r, i) => (r, i))) fieldIndex[r.Column] = fieldOf[i] + 1;
                continue;
            }
            if (field.Count != headerCount)
            {
                if (errors.Count < MaxErrors)
                    errors.Add(new DataError(path, line, Math.Min(field.Count, headerCount) + 1,
                        $"the row has {field.Count} fields; the header has {headerCount}. Check for a missing or extra delimiter."));
                continue;
            }
            lines.Add(line);
            for (var k = 0; k < roles.Count; k++)
            {
                var f = field[fieldOf[k]];
                var span = reader.Bytes(f);
                switch (roles[k].Role)
                {
                    case "outcome":
                        if (span.Length == 0 || span.SequenceEqual("NA"u8)) y.Add(null);
                        else if (span.SequenceEqual("1"u8)) y.Add(1.0);
                        else if (span.SequenceEqual("0"u8)) y.Add(0.0);
                        else if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is 0 or 1) y.Add(v);
                        else
                        {
                            y.Add(null);
                            if (errors.Count < MaxErrors)
                                errors.Add(new DataError(path, line, fieldOf[k] + 1,
                                    $"outcome column '{outcome}' has '{Encoding.UTF8.GetString(span)}'; expected 0 or 1 (empty or NA for missing). Recode the outcome to 0/1."));
                        }
                        break;
                    case "weight":
                        if (span.Length > 0 && (TryParseSimple(span, out var wt) || double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out wt))
                            && double.IsFinite(wt) && wt > 0)
                            w.Add(wt);
                        else
                        {
                            w.Add(double.NaN);
                            if (errors.Count < MaxErrors)
                            {
                                var what = span.Length == 0 ? "is empty" : $"has '{Encoding.UTF8.GetString(span)}'";
                                errors.Add(new DataError(path, line, fieldOf[k] + 1,
                                    $"weight column '{design.Weight}' {what}; expected a positive finite number. Give every respondent a positive weight or remove the row."));
                            }
                        }
                        break;
                    default:
                        // A domain value that is empty or NA (R write.csv's missing value) is no domain; strata and
                        // clusters keep "NA" as a label and an empty one is reported by the design check.
                        var code = span.Length == 0 || (roles[k].Role == "by" && span.SequenceEqual("NA"u8)) ? -1 : interned[k].Code(span, levels[k]);
                        codes[k].Add(code);
                        labels[k].Add(code < 0 ? null : levels[k][code]);
                        break;
                }
            }
        }
        if (fieldOf is null) throw new DataValidationException(new DataError(path, 1, 0, "the file is empty; expected a header line."));
        if (errors.Count > 0) throw new DataValidationException(errors, errors.Count >= MaxErrors);
        if (lines.Count == 0)
            throw new DataValidationException(new DataError(path, 2, 0, "the file has a header but no data rows; expected one row per respondent."));
        string?[]? Labels(string role)
        {
            var k = roles.FindIndex(r => r.Role == role);
            if (k < 0) return null;
            var array = labels[k].ToArray();
            LabelCodes.Register(array, levels[k].ToArray(), codes[k].ToArray());
            return array;
        }
        var data = new SurveyData(y.ToArray(), design.Weight is null ? null : w.ToArray(), Labels("strata"), Labels("cluster"))
        {
            Source = new SurveyDataSource(path, lines.ToArray(), fieldIndex, roles.ToDictionary(r => r.Role, r => r.Column, StringComparer.Ordinal)),
        };
        return (data, Labels("by"));
    }

    private static readonly double[] Pow10 = Enumerable.Range(0, 23).Select(k => Math.Pow(10, k)).ToArray();

    /// <summary>
    /// Clinger's fast path for plain decimals ("123.456", at most 18 digits, no exponent): when the digits form an
    /// integer below 2^53 and there are at most 22 decimals, integer / 10^decimals is one correctly rounded division,
    /// so the result equals double.Parse. Anything else returns false and is parsed by the framework.
    /// </summary>
    internal static bool TryParseSimple(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s[0] is (byte)'-' or (byte)'+') { negative = s[0] == (byte)'-'; i = 1; }
        ulong mantissa = 0;
        int digits = 0, decimals = 0;
        var dot = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                if (++digits > 18) return false;
                mantissa = mantissa * 10 + (ulong)(c - '0');
                if (dot) decimals++;
            }
            else if (c == (byte)'.' && !dot) dot = true;
            else return false;
        }
        if (digits == 0 || mantissa > (1UL << 53) || decimals > 22) return false;
        value = mantissa / Pow10[decimals];
        if (negative) value = -value;
        return true;
    }

    /// <summary>
    /// Codes labels by their UTF-8 bytes (FNV-1a hash, open addressing), decoding each distinct label once, so a
    /// million rows cost no string work. Levels are numbered in order of first appearance.
    /// </summary>
    internal sealed class ByteInterner
    {
        private int[] _slots = new int[64]; // code + 1; 0 = empty
        private readonly List<byte[]> _keys = [];
        private readonly List<uint> _hashes = [];

        public int Code(ReadOnlySpan<byte> label, List<string> levels)
        {
            var h = 2166136261u;
            foreach (var b in label) h = (h ^ b) * 16777619u;
            var mask = _slots.Length - 1;
            var i = (int)(h & (uint)mask);
            while (_slots[i] != 0)
            {
                var e = _slots[i] - 1;
                if (_hashes[e] == h && label.SequenceEqual(_keys[e])) return e;
                i = (i + 1) & mask;
            }
            var code = _keys.Count;
            _keys.Add(label.ToArray());
            _hashes.Add(h);
            levels.Add(Encoding.UTF8.GetString(label));
            _slots[i] = code + 1;
            if (_keys.Count * 2 > _slots.Length) Grow();
            return code;
        }

        private void Grow()
        {
            _slots = new int[_slots.Length * 2];
            var mask = _slots.Length - 1;
            for (var e = 0; e < _keys.Count; e++)
            {
                var i = (int)(_hashes[e] & (uint)mask);
                while (_slots[i] != 0) i = (i + 1) & mask;
                _slots[i] = e + 1;
            }
        }
    }
}
