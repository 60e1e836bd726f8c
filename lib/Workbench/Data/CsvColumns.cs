using System.Globalization;
using System.Text;

namespace Workbench.Data;

/// <summary>Columns read by name from a CSV file that has no data dictionary (for command-line tools).</summary>
/// <param name="Path">The file read.</param>
/// <param name="Values">The raw text of each requested column, one entry per data row (null when the field is empty).</param>
/// <param name="Lines">The 1-based line number on which each data row starts.</param>
/// <param name="FieldIndex">The 1-based field number of each requested column in the header.</param>
public sealed record RawColumns(
    string Path,
    IReadOnlyDictionary<string, string?[]> Values,
    int[] Lines,
    IReadOnlyDictionary<string, int> FieldIndex)
{
    /// <summary>Number of data rows.</summary>
    public int RowCount => Lines.Length;

    /// <summary>The sheet the columns were read from, for a workbook (errors then say <c>Sheet1!C2</c>); null for CSV and Parquet.</summary>
    public string? Sheet { get; init; }

    /// <summary>The sheet column of the first header cell of a workbook table (default 1, column A).</summary>
    public int FirstColumn { get; init; } = 1;

    /// <summary>Error for a value of <paramref name="column"/> in data row <paramref name="row"/>.</summary>
    public DataError ErrorAt(int row, string column, string message) => At(Path, Lines[row], FieldIndex[column], message, Sheet, FirstColumn);

    /// <summary>An error at a line (a sheet row) and field, with its cell position when <paramref name="sheet"/> is given.</summary>
    internal static DataError At(string path, int line, int field, string message, string? sheet, int firstColumn) =>
        new(path, line, field, message)
        {
            Location = sheet is null ? null : XlsxWorkbook.Prefix(sheet) + XlsxWorkbook.ColumnName(firstColumn + field - 1) + line.ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>
    /// Parses <paramref name="column"/> as finite doubles (invariant culture); empty fields become NaN only when
    /// <paramref name="allowMissing"/>; otherwise every problem is collected into one <see cref="DataValidationException"/>.
    /// </summary>
    public double[] Doubles(string column, bool allowMissing = false, int maxErrors = 100)
    {
        var raw = Values[column];
        var result = new double[raw.Length];
        var errors = new List<DataError>();
        for (var i = 0; i < raw.Length; i++)
        {
            var s = raw[i];
            if (s is null)
            {
                if (allowMissing) { result[i] = double.NaN; continue; }
                errors.Add(ErrorAt(i, column, $"column '{column}' is empty; expected a number. Fill in the value or remove the row."));
            }
            else if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            {
                result[i] = v;
            }
            else
            {
                errors.Add(ErrorAt(i, column, $"column '{column}' has '{s}'; expected a finite number with a decimal point."));
            }
            if (errors.Count >= maxErrors) throw new DataValidationException(errors, truncated: true);
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        return result;
    }
}

/// <summary>
/// Reads selected columns of a CSV by header name, streaming with the shared <see cref="CsvRecordReader"/> (RFC 4180: quoted fields may hold delimiters, quotes and
/// newlines; a UTF-8 BOM and CRLF are accepted). Memory grows with the columns kept, not with the file.
/// </summary>
public static class CsvColumns
{
    /// <summary>Reads <paramref name="columns"/> from <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">Header names to keep; each must exist.</param>
    /// <param name="delimiter">Field delimiter (default ',').</param>
    /// <exception cref="DataValidationException">The file is missing, empty, or lacks a column.</exception>
    public static RawColumns Read(string path, IEnumerable<string> columns, char delimiter = ',')
    {
        var wanted = columns.Distinct(StringComparer.Ordinal).ToList();
        if (!File.Exists(path))
            throw new DataValidationException(new DataError(path, 0, 0, "file not found. Check the path."));
        if (Dataset.FormatOf(path) != DataFileFormat.Csv) return ReadTable(path, wanted);
        using var stream = Open(path, delimiter);
        var parser = new CsvRecordReader(stream, delimiter);
        var record = new List<CsvField>();
        if (!parser.Next(record, out _, skipBlank: false))
            throw new DataValidationException(new DataError(path, 1, 0, "the file is empty; expected a header line."));
        var header = record.Select(parser.Text).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++) index.TryAdd(header[i], i);
        var missing = wanted.Where(w => !index.ContainsKey(w)).ToList();
        if (missing.Count > 0 && DelimiterGuess.Find(header, delimiter, wanted.Contains, wanted.Count) is { } guess)
            throw new DataValidationException(guess.ToError(path,
                $"Read it with delimiter {DelimiterGuess.Describe(guess.Found)}, or save the file with {DelimiterGuess.Describe(delimiter)}."));
        if (missing.Count > 0)
            throw new DataValidationException(missing.Select(m => new DataError(path, 1, 0,
                $"column '{FieldValidator.Show(m)}' not found in the header; the header has: {Shown(header)}.")).ToList());
        var lists = wanted.ToDictionary(w => w, _ => new List<string?>(), StringComparer.Ordinal);
        var lines = new List<int>();
        var errors = new List<DataError>();
        var fields = record;
        var columnsWanted = wanted.Select(w => (Values: lists[w], Field: index[w])).ToArray();
        while (parser.Next(fields, out var line))
        {
            if (fields.Count != header.Count)
            {
                errors.Add(new DataError(path, line, Math.Min(fields.Count, header.Count) + 1,
                    $"the row has {fields.Count} fields; the header has {header.Count}. Check for a missing or extra delimiter."));
                if (errors.Count >= 100) throw new DataValidationException(errors, truncated: true);
                continue;
            }
            lines.Add(line);
            foreach (var (values, field) in columnsWanted)
            {
                var f = fields[field];
                values.Add(f.Length == 0 ? null : parser.Text(f));
            }
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        return new RawColumns(path,
            lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            lines.ToArray(),
            wanted.ToDictionary(w => w, w => index[w] + 1, StringComparer.Ordinal));
    }

    /// <summary>Reads only the header of <paramref name="path"/>.</summary>
    /// <exception cref="DataValidationException">The file is not UTF-8 text or its header leaves a quote open.</exception>
    public static IReadOnlyList<string> ReadHeader(string path, char delimiter = ',')
    {
        if (Dataset.FormatOf(path) != DataFileFormat.Csv && File.Exists(path)) return DictionaryInference.ReadTable(path).Header;
        using var stream = Open(path, delimiter);
        var parser = new CsvRecordReader(stream, delimiter);
        var record = new List<CsvField>();
        return parser.Next(record, out _, skipBlank: false) ? record.Select(parser.Text).ToList() : [];
    }

    /// <summary>
    /// The columns of the first sheet of a workbook, or of a Parquet file, as text (numbers as stored, workbook dates as
    /// yyyy-MM-dd), so the commands that read a table without a dictionary (disclose, mse) take those formats too.
    /// </summary>
    private static RawColumns ReadTable(string path, List<string> wanted)
    {
        var (header, values, rows) = DictionaryInference.ReadTable(path, null, 1, out var sheet, out var first);
        var missing = wanted.Where(w => !header.Contains(w)).ToList();
        if (missing.Count > 0)
            throw new DataValidationException(missing.Select(m => new DataError(path, rows.Count > 0 ? rows[0] - 1 : 1, 0,
                $"column '{FieldValidator.Show(m)}' not found in the header; the header has: {Shown(header)}.")).ToList());
        return new RawColumns(path,
            wanted.ToDictionary(w => w, w => values[header.IndexOf(w)].ToArray(), StringComparer.Ordinal),
            rows.ToArray(),
            wanted.ToDictionary(w => w, w => header.IndexOf(w) + 1, StringComparer.Ordinal)) { Sheet = sheet, FirstColumn = first };
    }

    /// <summary>A header as shown in messages: names escaped and shortened, at most 20 of them.</summary>
    internal static string Shown(IReadOnlyList<string> header) =>
        string.Join(", ", header.Take(20).Select(FieldValidator.Show)) + (header.Count > 20 ? $", ... ({header.Count} columns)" : "");

    /// <summary>
    /// Opens the file after checking its first bytes: an encoding the reader cannot decode, or a quote left open on
    /// the header line (which would make the whole file one column name), is reported in one line.
    /// </summary>
    private static Stream Open(string path, char delimiter)
    {
        var start = new byte[FileSniffer.SniffBytes];
        int filled;
        using (var stream = File.OpenRead(path))
        {
            filled = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        var head = start.AsSpan(0, filled);
        if (FileSniffer.Check(path, head, loneCrAllowed: true, unicodeBomAllowed: true) is { } problem)
            throw new DataValidationException(problem);
        if (head.IndexOfAny((byte)0xFF, (byte)0xFE, (byte)0x00) != 0)
        {
            var lineEnd = head.IndexOfAny((byte)'\n', (byte)'\r');
            if ((lineEnd >= 0 || filled < start.Length)
                && FileSniffer.UnclosedQuoteField(lineEnd < 0 ? head : head[..lineEnd], (byte)delimiter) is var open and > 0)
                throw new DataValidationException(FileSniffer.UnclosedHeaderQuote(path, open));
        }
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        // UTF-16 and UTF-32 with a byte order mark are read as they are: transcoded to the UTF-8 the record reader parses.
        return UnicodeBomEncoding(head) is { } encoding ? Encoding.CreateTranscodingStream(file, encoding, Encoding.UTF8) : file;
    }

    private static Encoding? UnicodeBomEncoding(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) ? Encoding.UTF32
        : head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) ? new UTF32Encoding(bigEndian: true, byteOrderMark: true)
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
        : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
        : null;
}
