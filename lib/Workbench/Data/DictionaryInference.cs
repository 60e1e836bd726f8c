using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Workbench.Data;

/// <summary>A drafted data dictionary and the guesses it is unsure of, each explained.</summary>
/// <param name="Dictionary">The draft: labels, title, source, licence and unit are <c>TODO</c>, so <c>data check</c> refuses it until they are written.</param>
/// <param name="Notes">One sentence per unsure guess, naming the column and what to check.</param>
public sealed record InferredDictionary(DataDictionary Dictionary, IReadOnlyList<string> Notes);

/// <summary>
/// Drafts the data dictionary of a CSV, .xlsx or .parquet file that has none (<c>workbench data infer</c>): the CSV's
/// delimiter, encoding and culture (<c>;</c> with decimal commas is nl-NL), and per column its type (integer, decimal,
/// boolean, category with its codes, date, identifier or text), min and max, whether it is required, and a candidate
/// primary key. Records are split by the loader's own <see cref="CsvSplitter"/>, so the draft describes the file as the
/// loader will read it.
/// </summary>
/// <remarks>
/// Rules: a column whose values are all 0/1 or true/false is boolean; whole numbers are integer unless the column is an
/// identifier by name (<c>id</c>, <c>*_id</c>, <c>*_code</c>) or a number with leading zeros; numbers with the culture's
/// decimal separator are decimal; yyyy-MM-dd values are dates, and so are dd-MM-yyyy, d/M/yyyy and the like, drafted with
/// their "format" (day first when a value reads either way, with a note); text with at most <see cref="MaxCategoryCodes"/> distinct values of at most 40 characters without
/// line breaks is a category; text whose values are short and without spaces is an identifier, else text. A numeric
/// column of whole numbers cannot be told from a decimal one; such guesses and others near a threshold are explained in
/// <see cref="InferredDictionary.Notes"/>.
/// </remarks>
public static class DictionaryInference
{
    /// <summary>The most distinct values a text column may have to be drafted as a category.</summary>
    public const int MaxCategoryCodes = 50;

    private static readonly char[] Delimiters = [',', ';', '\t', '|'];

    /// <summary>Drafts the dictionary of <paramref name="path"/>.</summary>
    /// <param name="path">A CSV (UTF-8), .xlsx or .parquet file.</param>
    /// <param name="sheet">The sheet of a workbook (name or 1-based number; default the first).</param>
    /// <param name="headerRow">The header row of a workbook sheet (default 1).</param>
    /// <exception cref="DataValidationException">The file cannot be read (missing, empty, not UTF-8, ...).</exception>
    public static InferredDictionary Infer(string path, string? sheet = null, int headerRow = 1)
    {
        if (!File.Exists(path)) throw new DataValidationException(new DataError(path, 0, 0, "file not found. Check the path."));
        var notes = new List<string>();
        var format = new FileFormat();
        List<string> header;
        List<List<string?>> columns;
        if (Dataset.FormatOf(path) == DataFileFormat.Csv) (format, header, columns) = ReadCsv(path, notes);
        else (header, columns, _) = ReadTable(path, sheet, headerRow);
        var culture = DataDictionary.ResolveCulture(format.Culture);
        var definitions = header.Select((name, i) => Column(name, columns[i], culture, notes)).ToList();
        var key = PrimaryKey(definitions, columns, notes);
        var todo = new Bilingual(DataDictionary.Todo, DataDictionary.Todo);
        var dictionary = new DataDictionary
        {
            Name = Path.GetFileNameWithoutExtension(path),
            Title = todo,
            Source = DataDictionary.Todo,
            Synthetic = false,
            Licence = DataDictionary.Todo,
            UnitOfObservation = DataDictionary.Todo,
            PrimaryKey = key,
            File = format,
            Columns = definitions,
        };
        return new InferredDictionary(dictionary, notes);
    }

    private static (FileFormat, List<string>, List<List<string?>>) ReadCsv(string path, List<string> notes)
    {
        var head = new byte[FileSniffer.SniffBytes];
        int read;
        using (var s = File.OpenRead(path)) read = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var start = head.AsSpan(0, read);
        if (FileSniffer.Check(path, start, loneCrAllowed: false) is { } problem) throw new DataValidationException(problem);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) start = start[3..];
        if (start.IndexOfAnyExcept(" \t\r\n"u8) < 0) throw new DataValidationException(new DataError(path, 0, 0, "the file is empty; a draft needs at least a header line."));
        if (!Utf8.IsValid(read == head.Length ? TrimPartialRune(start) : start))
            throw new DataValidationException(new DataError(path, 1, 0,
                "the file is not UTF-8 (probably Windows-1252 from Excel); save it as \"CSV UTF-8\" and draft again."));

        // The delimiter that splits the first lines into the same number (> 1) of fields most often.
        var sample = Encoding.UTF8.GetString(start).Split('\n').Take(50).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var delimiter = Delimiters.Select(d => (d, Score: Consistency(sample, d))).OrderByDescending(x => x.Score).First() is { Score: > 0 } best ? best.d : ',';

        var columns = new List<List<string?>>();
        List<string> header;
        using (var stream = File.OpenRead(path))
        {
            var reader = new CsvRecordReader(stream, delimiter);
            var fields = new List<CsvField>();
            reader.Next(fields, out _, skipBlank: false);
            header = fields.Select(reader.Text).ToList();
            foreach (var _ in header) columns.Add([]);
            while (reader.Next(fields, out _))
            {
                if (fields.Count != header.Count) continue; // reported by data check once the draft is filled in
                for (var i = 0; i < fields.Count; i++) columns[i].Add(fields[i].Length == 0 ? null : reader.Text(fields[i]));
            }
        }
        // A decimal comma (1,5) where no value has a decimal point (1.5) means the culture writes decimal commas.
        var commas = columns.Sum(c => c.Count(v => v is not null && IsNumber(v, ',')));
        var points = columns.Sum(c => c.Count(v => v is not null && IsNumber(v, '.') && v.Contains('.', StringComparison.Ordinal)));
        var culture = delimiter != ',' && commas > 0 && points == 0 ? "nl-NL" : "invariant";
        if (delimiter == ';' && culture == "invariant")
            notes.Add("file: the delimiter is ';' (Excel with Dutch settings) but no number has a decimal comma; culture left invariant. Set \"culture\": \"nl-NL\" if decimals are written with a comma.");
        return (new FileFormat(delimiter.ToString(), culture, "utf-8"), header, columns);
    }

    private static ReadOnlySpan<byte> TrimPartialRune(ReadOnlySpan<byte> bytes)
    {
        var cut = bytes.Length;
        while (cut > 0 && cut > bytes.Length - 4 && (bytes[cut - 1] & 0xC0) == 0x80) cut--;
        return cut > 0 && bytes[cut - 1] >= 0xC0 ? bytes[..(cut - 1)] : bytes;
    }

    private static int Consistency(List<string> lines, char d)
    {
        if (lines.Count == 0) return 0;
        var counts = lines.Select(l => l.Split(d).Length).ToList();
        var first = counts[0];
        return first > 1 ? counts.Count(c => c == first) : 0;
    }

    /// <summary>
    /// The header, every value as invariant text (null when empty; workbook dates as yyyy-MM-dd) and the row each
    /// record is on (the sheet row; for Parquet the 1-based row of data) of a workbook or Parquet file.
    /// </summary>
    /// <exception cref="DataValidationException">The file cannot be read.</exception>
    internal static (List<string> Header, List<List<string?>> Columns, List<int> Rows) ReadTable(string path, string? sheet = null, int headerRow = 1) =>
        ReadTable(path, sheet, headerRow, out _, out _);

    /// <summary>As <see cref="ReadTable(string, string?, int)"/>, with the sheet read and the column of the first header cell (null and 1 for Parquet), for positions such as <c>Sheet1!C2</c>.</summary>
    internal static (List<string> Header, List<List<string?>> Columns, List<int> Rows) ReadTable(string path, string? sheet, int headerRow, out string? sheetName, out int firstColumn)
    {
        sheetName = null;
        firstColumn = 1;
        if (Dataset.FormatOf(path) == DataFileFormat.Xlsx) return ReadWorkbook(path, sheet, headerRow, out sheetName, out firstColumn);
        var names = ParquetDatasetReader.ReadAsText(path, out var columns);
        return (names, columns, Enumerable.Range(1, columns.Count == 0 ? 0 : columns[0].Count).ToList());
    }

    private static (List<string>, List<List<string?>>, List<int>) ReadWorkbook(string path, string? sheet, int headerRow, out string sheetName, out int firstColumn)
    {
        var lines = new List<int>();
        using var workbook = XlsxWorkbook.Open(path);
        var name = workbook.ResolveSheet(sheet);
        List<string>? header = null;
        var first = 1;
        var columns = new List<List<string?>>();
        foreach (var (row, cells) in workbook.Rows(name, []))
        {
            if (row < headerRow || (header is null && cells.Count == 0)) continue;
            if (header is null)
            {
                first = cells[0].Column;
                header = Enumerable.Range(first, cells[^1].Column - first + 1).Select(c => cells.FirstOrDefault(x => x.Column == c).Value ?? "").ToList();
                foreach (var _ in header) columns.Add([]);
                continue;
            }
            if (cells.Count == 0) continue;
            var values = new string?[header.Count];
            foreach (var cell in cells)
            {
                var f = cell.Column - first;
                if (f < 0 || f >= values.Length || cell.Value.Length == 0) continue;
                values[f] = cell.Kind == XlsxCellKind.Number && cell.DateStyle && double.TryParse(cell.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
                    ? workbook.SerialToDate(serial, out _)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? cell.Value
                    : cell.Value;
            }
            for (var i = 0; i < values.Length; i++) columns[i].Add(values[i]);
            lines.Add(row);
        }
        if (header is null) throw new DataValidationException(new DataError(path, 0, 0, $"sheet '{name}' has no rows from row {headerRow} on; give the sheet and header row of the table."));
        sheetName = name;
        firstColumn = first;
        return (header, columns, lines);
    }

    private static ColumnDefinition Column(string name, List<string?> values, CultureInfo culture, List<string> notes)
    {
        var present = values.Where(v => v is not null).Select(v => v!).ToList();
        var required = present.Count == values.Count;
        var todo = new Bilingual(DataDictionary.Todo, DataDictionary.Todo);
        ColumnDefinition Make(ColumnType type) => new() { Name = name, Type = type, Required = required, Label = todo };
        if (present.Count == 0)
        {
            notes.Add($"column '{name}': every value is empty; drafted as optional text. Give its real type or drop the column.");
            return Make(ColumnType.Text) with { Required = false };
        }
        var distinct = present.Distinct(StringComparer.Ordinal).ToList();
        var separator = culture.NumberFormat.NumberDecimalSeparator[0];
        var idName = name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_id", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("_code", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_nr", StringComparison.OrdinalIgnoreCase);
        if (distinct.All(v => v is "0" or "1") || distinct.All(v => v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase)))
        {
            if (distinct.Count == 1)
                notes.Add($"column '{name}': only the value {distinct[0]} occurs; drafted as boolean. Make it integer if it is a count.");
            return Make(ColumnType.Boolean);
        }
        if (!idName && present.All(v => IsInteger(v)) && !present.Any(v => v.Length > 1 && v[0] == '0'))
        {
            var numbers = present.Select(v => long.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToList();
            if (distinct.Count == values.Count && numbers.Zip(numbers.Skip(1)).All(p => p.Second == p.First + 1))
                notes.Add($"column '{name}': whole numbers counting up by one (a row number?); drafted as integer. Make it identifier if it names the row.");
            return Make(ColumnType.Integer) with { Min = numbers.Min(), Max = numbers.Max() };
        }
        if (!idName && present.All(v => IsNumber(v, separator)))
        {
            var numbers = present.Select(v => double.Parse(v, NumberStyles.Float, culture)).ToList();
            return Make(ColumnType.Decimal) with { Min = numbers.Min(), Max = numbers.Max() };
        }
        if (present.All(v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
            return Make(ColumnType.Date);
        // Day first (as in the Netherlands) before month first: a column whose days are all 12 or less reads either way.
        foreach (var layout in new[] { "dd-MM-yyyy", "d-M-yyyy", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "d.M.yyyy", "MM/dd/yyyy", "M/d/yyyy" })
        {
            if (!present.All(v => DateOnly.TryParseExact(v, layout, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))) continue;
            var dayFirst = layout[0] == 'd';
            var other = dayFirst ? (layout.Contains('/', StringComparison.Ordinal) ? "MM/dd/yyyy" : null) : null;
            if (other is not null && present.All(v => DateOnly.TryParseExact(v, other, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
                notes.Add($"column '{name}': dates written as {layout}, and every day is 12 or less, so they read month first too; drafted day first (\"format\": \"{layout}\"). Change the format to {other} if the month comes first.");
            else
                notes.Add($"column '{name}': dates written as {layout}; drafted as date with \"format\": \"{layout}\".");
            return Make(ColumnType.Date) with { Format = layout };
        }
        var shortWords = present.All(v => v.Length <= 40 && v.AsSpan().IndexOfAny("\r\n") < 0);
        if (!idName && distinct.Count <= MaxCategoryCodes && shortWords && distinct.Count < present.Count)
        {
            if (distinct.Count > 20)
                notes.Add($"column '{name}': {distinct.Count} distinct values; drafted as a category. Make it identifier or text if the values are not a fixed list.");
            var codes = distinct.Order(StringComparer.Ordinal).Select(c => new CategoryCode(c, todo)).ToList();
            return Make(ColumnType.Category) with { Codes = codes };
        }
        if (idName || present.All(v => v.Length <= 40 && !v.Contains(' ', StringComparison.Ordinal)))
        {
            if (idName && distinct.Count <= MaxCategoryCodes && distinct.Count < present.Count / 2)
                notes.Add($"column '{name}': named like an identifier but only {distinct.Count} distinct values; drafted as identifier. Make it category if the values are a fixed list.");
            return Make(ColumnType.Identifier);
        }
        return Make(ColumnType.Text);
    }

    private static IReadOnlyList<string> PrimaryKey(List<ColumnDefinition> columns, List<List<string?>> values, List<string> notes)
    {
        bool Unique(params int[] c)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var r = 0; r < values[0].Count; r++)
            {
                if (c.Any(i => values[i][r] is null)) return false;
                if (!seen.Add(string.Join("\u001F", c.Select(i => values[i][r])))) return false;
            }
            return true;
        }
        if (values.Count == 0 || values[0].Count == 0) return [];
        var candidates = Enumerable.Range(0, columns.Count).Where(i => columns[i].Type is ColumnType.Identifier or ColumnType.Integer).ToList();
        foreach (var i in candidates.OrderBy(i => columns[i].Type == ColumnType.Identifier ? 0 : 1))
            if (Unique(i)) return [columns[i].Name];
        var keys = Enumerable.Range(0, columns.Count).Where(i => columns[i].Type is not (ColumnType.Decimal or ColumnType.Text)).ToList();
        foreach (var i in keys)
            foreach (var j in keys.Where(j => j > i))
                if (Unique(i, j))
                {
                    notes.Add($"primary key: no single column is unique; '{columns[i].Name}' and '{columns[j].Name}' together are. Check that this is what identifies a row.");
                    return [columns[i].Name, columns[j].Name];
                }
        notes.Add("primary key: no column or pair of columns is unique in every row; none drafted. Add the key columns if the rows have one.");
        return [];
    }

    private static bool IsInteger(string v) =>
        v.Length is > 0 and <= 18 && (v[0] is '-' or '+' ? v.Length > 1 && v.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0 : v.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0);

    /// <summary>Digits with at most one <paramref name="separator"/> (and an optional sign), as the loader reads decimals.</summary>
    private static bool IsNumber(string v, char separator)
    {
        var s = v.AsSpan();
        if (s.Length > 0 && s[0] is '-' or '+') s = s[1..];
        var at = s.IndexOf(separator);
        if (at >= 0) s = at == 0 || at == s.Length - 1 ? "x" : string.Concat(s[..at], s[(at + 1)..]);
        return s.Length > 0 && s.IndexOfAnyExceptInRange('0', '9') < 0;
    }
}
