using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workbench.Data;

/// <summary>
/// Reads one sheet of an .xlsx workbook against a data dictionary: the header row names the columns (matched by name
/// as in a CSV), every later non-blank row is a record, and each cell is validated by the loader's
/// <see cref="FieldValidator"/> after it is turned into invariant text (numbers as written, Excel dates as yyyy-MM-dd,
/// formulas as their cached values). Problems name their cell: <c>file:Sheet!B3: message</c>.
/// </summary>
internal static class XlsxDatasetReader
{
    public static ReadResult Read(string path, DataDictionary dictionary, LoadOptions options)
    {
        try
        {
            return ReadSheet(path, dictionary, options);
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or InvalidDataException or IOException
            or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidOperationException)
        {
            // A damaged package or sheet (truncated download, XML cut off): one message, never a crash.
            return new ReadResult([], 0, [new DataError(path, 0, 0,
                $"the workbook is damaged and cannot be read ({ex.Message.TrimEnd('.')}); open it in Excel or LibreOffice, let it repair the file and save it again.")], false);
        }
    }

    private static ReadResult ReadSheet(string path, DataDictionary dictionary, LoadOptions options)
    {
        using var workbook = XlsxWorkbook.Open(path);
        var sheet = workbook.ResolveSheet(options.Sheet);
        var prefix = XlsxWorkbook.Prefix(sheet);
        var headerRow = options.HeaderRow;
        var merges = new List<string>();
        using var rows = workbook.Rows(sheet, merges).GetEnumerator();

        // The header: the first row at or below HeaderRow that has a cell (rows above it are titles).
        List<XlsxCell>? header = null;
        var headerAt = headerRow;
        while (rows.MoveNext())
        {
            if (rows.Current.Row < headerRow || rows.Current.Cells.Count == 0) continue;
            (headerAt, header) = rows.Current;
            break;
        }
        if (header is null || headerAt != headerRow)
            return Fail(path, rows, merges, new DataError(path, headerRow, 0,
                $"row {headerRow} of sheet '{sheet}' is empty: the sheet has no header row. Put the column names in row {headerRow} " +
                $"({HeaderReader.Expected(dictionary)}), or give the row that holds them (--header-row)."), prefix);
        var first = header[0].Column;
        string? Location(int line, int field) =>
            line <= 0 ? null : field <= 0 ? $"{prefix}{line}:{line}" : $"{prefix}{XlsxWorkbook.ColumnName(first + field - 1)}{line}";
        if (header.FindIndex(c => c.Kind != XlsxCellKind.Text) is var bad and >= 0 && (header[bad].Column, header[bad].Value) is var (at, shown))
            return Fail(path, rows, merges, new DataError(path, headerAt, at - first + 1,
                $"row {headerAt} holds '{FieldValidator.Show(shown)}' in {XlsxWorkbook.ColumnName(at)}{headerAt}, not a column name: the sheet has no header row. " +
                $"Insert a row with the column names ({HeaderReader.Expected(dictionary)}), or give the row that holds them (--header-row).")
                { Location = Location(headerAt, at - first + 1) }, prefix);
        var names = new List<string>();
        for (var column = first; column <= header[^1].Column; column++)
            names.Add(header.FirstOrDefault(c => c.Column == column).Value ?? "");
        var headerErrors = HeaderReader.Check(path, dictionary, names)
            .Select(e => e with { Line = headerAt, Location = Location(headerAt, e.Column) }).ToList();
        if (headerErrors.Count > 0)
            return Fail(path, rows, merges, headerErrors, prefix, headerAt, options.MaxErrors);

        var layout = new CsvLayout(path, dictionary, names, headerAt, CultureInfo.InvariantCulture);
        var sink = new RowSink(layout, options, Location);
        var buffer = new byte[256];
        var values = new XlsxCell?[names.Count];
        while (!sink.Full && rows.MoveNext())
        {
            var (line, cells) = rows.Current;
            Array.Clear(values);
            var any = false;
            foreach (var cell in cells)
            {
                var field = cell.Column - first;
                if (field < 0 || field >= values.Length)
                {
                    if (cell.Value.Length > 0)
                        sink.Error(line, Math.Max(0, field + 1), $"cell {XlsxWorkbook.ColumnName(cell.Column)}{line} has '{FieldValidator.Show(cell.Value)}' " +
                            "outside the columns of the header row; give it a column name or remove it.");
                    continue;
                }
                if (cell.Value.Length == 0 && cell.Kind == XlsxCellKind.Text) continue;
                values[field] = cell;
                any = true;
            }
            if (!any) continue; // a blank row is skipped, as a blank line is in a CSV
            for (var f = 0; f < values.Length; f++)
            {
                if (values[f] is not { } cell) { sink.Field(f, [], line); continue; }
                var def = layout.Fields[f].Definition;
                var text = Canonical(workbook, cell, def, out var problem);
                if (problem is not null)
                {
                    sink.Error(line, f + 1, $"column '{def.Name}' {problem}");
                    sink.Missing(f);
                    continue;
                }
                var n = Encoding.UTF8.GetMaxByteCount(text!.Length);
                if (n > buffer.Length) buffer = new byte[Math.Max(n, buffer.Length * 2)];
                sink.Field(f, buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)), line);
            }
            sink.EndRow(line);
        }
        while (rows.MoveNext()) { } // the merged ranges follow the rows
        foreach (var range in merges) MergeError(sink, range, first, headerAt);
        return sink.Finish(Sha256(path));
    }

    /// <summary>The cell as the invariant text the validator reads, or the problem with it.</summary>
    private static string? Canonical(XlsxWorkbook workbook, XlsxCell cell, ColumnDefinition def, out string? problem)
    {
        problem = null;
        switch (cell.Kind)
        {
            case XlsxCellKind.Error:
                problem = $"has the Excel error {FieldValidator.Show(cell.Value)}; correct the formula or the value it refers to.";
                return null;
            case XlsxCellKind.Uncalculated:
                problem = "has a formula without a calculated value; open the workbook in Excel or LibreOffice, let it calculate and save it.";
                return null;
            case XlsxCellKind.Boolean:
                return cell.Value;
            case XlsxCellKind.IsoDate:
                return cell.Value.Length >= 10 && (cell.Value.Length == 10 || cell.Value[10..] is "T00:00:00" or "T00:00:00Z" or "T00:00:00.000")
                    ? cell.Value[..10] : cell.Value;
            case XlsxCellKind.Text:
                return cell.Value;
        }
        if (!double.TryParse(cell.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            problem = $"has '{FieldValidator.Show(cell.Value)}', which is not a number although the cell is numeric; save the workbook again.";
            return null;
        }
        if (def.Type == ColumnType.Date || cell.DateStyle && def.Type is ColumnType.Text or ColumnType.Identifier or ColumnType.Category)
        {
            if (!cell.DateStyle)
            {
                problem = $"has the number {FieldValidator.Show(cell.Value)}, not a date; format the cells as dates in Excel or type them as {def.Format ?? "yyyy-MM-dd"}.";
                return null;
            }
            // A date cell is a date whatever the dictionary's format; it reaches the validator in that format.
            if (workbook.SerialToDate(number, out var why) is { } date) return date.ToString(def.Type == ColumnType.Date && def.Format is { } f ? f : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            problem = $"has the date serial {FieldValidator.Show(cell.Value)}, which {why}. Type such a date as text yyyy-MM-dd.";
            return null;
        }
        // Whole numbers as integers (Excel writes 34 as "34" but 1e15 as "1E+15"); anything else as written.
        if (number == Math.Floor(number) && Math.Abs(number) < 9.2e18)
            return ((long)number).ToString(CultureInfo.InvariantCulture);
        return cell.Value;
    }

    private static void MergeError(RowSink sink, string range, int first, int headerRow)
    {
        var parts = range.Split(':');
        var (c1, r1) = XlsxWorkbook.ParseReference(parts[0]);
        var r2 = parts.Length > 1 ? XlsxWorkbook.ParseReference(parts[1]).Row : r1;
        if (r2 < headerRow) return; // a merged title above the table
        var field = Math.Max(0, c1 - first + 1);
        if (r1 <= headerRow)
            sink.Error(headerRow, field, $"cells {range} are merged in the header row; unmerge them and give each column its own name in row {headerRow}.");
        else
            sink.Error(r1, field, $"cells {range} are merged, so only {parts[0]} holds a value and the others read as empty; unmerge them and fill in every cell.");
    }

    private static ReadResult Fail(string path, IEnumerator<(int Row, List<XlsxCell> Cells)> rows,
        List<string> merges, DataError error, string prefix) =>
        Fail(path, rows, merges, [error], prefix, error.Line, 1);

    /// <summary>
    /// The header could not be used: before reporting its problems, look for merged header cells (listed after the
    /// rows), the usual cause, and report those instead.
    /// </summary>
    private static ReadResult Fail(string path, IEnumerator<(int Row, List<XlsxCell> Cells)> rows,
        List<string> merges, List<DataError> errors, string prefix, int headerRow, int maxErrors)
    {
        while (rows.MoveNext()) { }
        var merged = merges.Where(m =>
        {
            var parts = m.Split(':');
            var top = XlsxWorkbook.ParseReference(parts[0]).Row;
            var bottom = parts.Length > 1 ? XlsxWorkbook.ParseReference(parts[1]).Row : top;
            return top <= headerRow && bottom >= headerRow;
        }).Select(m => new DataError(path, headerRow, 0,
            $"cells {m} are merged in the header row; unmerge them and give each column its own name in row {headerRow}.")
            { Location = prefix + m }).ToList();
        var reported = merged.Count > 0 ? merged : errors;
        return new ReadResult([], 0, reported.Take(Math.Max(1, maxErrors)).ToArray(), reported.Count > maxErrors);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
