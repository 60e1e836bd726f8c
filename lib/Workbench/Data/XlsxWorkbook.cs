using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Workbench.Data;

/// <summary>How a workbook cell holds its value (the <c>t</c> attribute of <c>&lt;c&gt;</c>, ECMA-376 part 1, 18.18.11).</summary>
internal enum XlsxCellKind
{
    /// <summary>A number (a date too, when its style has a date format).</summary>
    Number,
    /// <summary>Text (shared, inline or a formula's text result).</summary>
    Text,
    /// <summary>TRUE or FALSE, as 1 or 0.</summary>
    Boolean,
    /// <summary>An error value such as <c>#DIV/0!</c>.</summary>
    Error,
    /// <summary>An ISO 8601 date-time written as text (<c>t="d"</c>).</summary>
    IsoDate,
    /// <summary>A formula that was never calculated: it has no cached value.</summary>
    Uncalculated,
}

/// <summary>One non-empty cell: its 1-based column, kind, value as written in the file and whether its style is a date format.</summary>
internal readonly record struct XlsxCell(int Column, XlsxCellKind Kind, string Value, bool DateStyle);

/// <summary>
/// A read-only .xlsx workbook opened with the Open XML SDK (DocumentFormat.OpenXml 3.3.0): its sheets, shared strings
/// and styles, and a streaming reader of one sheet's rows. The sheet XML is read with an <see cref="XmlReader"/> over
/// the part's stream, never loaded as a document, so memory stays bounded however many rows it has; formulas give their
/// cached values.
/// </summary>
internal sealed class XlsxWorkbook : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly List<(string Name, string RelationshipId)> _sheets;
    private string[]? _sharedStrings;
    private bool[]? _dateStyles;

    private XlsxWorkbook(string path, SpreadsheetDocument document)
    {
        Path = path;
        _document = document;
        var workbook = document.WorkbookPart?.Workbook
            ?? throw new DataValidationException(new DataError(path, 0, 0, "the workbook has no workbook part; save it again as an Excel workbook (.xlsx)."));
        _sheets = workbook.Sheets?.Elements<Sheet>().Select(s => (s.Name?.Value ?? "", s.Id?.Value ?? "")).ToList() ?? [];
        Date1904 = workbook.WorkbookProperties?.Date1904?.Value ?? false;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Whether dates count from 1904-01-01 (old Mac Excel) instead of 1900-01-01.</summary>
    public bool Date1904 { get; }

    /// <summary>The sheet names in workbook order.</summary>
    public IReadOnlyList<string> SheetNames => _sheets.Select(s => s.Name).ToList();

    /// <summary>Opens <paramref name="path"/>, refusing with one clear message what is not an .xlsx workbook.</summary>
    /// <exception cref="DataValidationException">The file is encrypted, an old .xls, or not an Office Open XML package.</exception>
    public static XlsxWorkbook Open(string path)
    {
        if (Sniff(path) is { } problem) throw new DataValidationException(problem);
        try
        {
            return new XlsxWorkbook(path, SpreadsheetDocument.Open(path, isEditable: false));
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException)
        {
            throw new DataValidationException(new DataError(path, 0, 0,
                $"is not a readable Excel workbook ({ex.Message.TrimEnd('.')}); open it in Excel or LibreOffice and save it again as .xlsx."));
        }
    }

    /// <summary>The problem with the file's first bytes (encrypted, .xls, not a ZIP package), or null.</summary>
    internal static DataError? Sniff(string path)
    {
        var head = new byte[8];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 8 && head.AsSpan().SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            // An OLE compound file: Excel stores a password-protected (encrypted) .xlsx as one, with an EncryptedPackage stream.
            var encrypted = Encoding.Unicode.GetBytes("EncryptedPackage");
            var bytes = File.ReadAllBytes(path);
            return bytes.AsSpan().IndexOf(encrypted) >= 0
                ? new DataError(path, 0, 0, "the workbook is password protected (encrypted), so it cannot be read; open it in Excel, " +
                    "remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it again.")
                : new DataError(path, 0, 0, "is an Excel 97-2003 workbook (.xls) named .xlsx; open it and save it as an Excel workbook (.xlsx).");
        }
        if (read < 4 || head[0] != (byte)'P' || head[1] != (byte)'K')
            return new DataError(path, 0, 0, "is not an Excel workbook (an .xlsx file is a ZIP package and this one is not); " +
                "save it from Excel or LibreOffice as .xlsx, or give the CSV file.");
        return null;
    }

    /// <summary>The sheet <paramref name="sheet"/> names (a name, else a 1-based position; null: the first sheet).</summary>
    /// <exception cref="DataValidationException">No such sheet; the message lists the sheets.</exception>
    public string ResolveSheet(string? sheet)
    {
        var list = string.Join(", ", _sheets.Select((s, i) => $"{i + 1} '{s.Name}'"));
        if (_sheets.Count == 0) throw new DataValidationException(new DataError(Path, 0, 0, "the workbook has no sheets."));
        if (sheet is null) return _sheets[0].Name;
        if (_sheets.Any(s => s.Name == sheet)) return sheet;
        if (int.TryParse(sheet, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= _sheets.Count)
            return _sheets[index - 1].Name;
        throw new DataValidationException(new DataError(Path, 0, 0,
            $"the workbook has no sheet '{FieldValidator.Show(sheet)}'; its sheets are: {list}. Give a sheet by name or number."));
    }

    /// <summary>A sheet name as a reference prefix: quoted when it is not one plain word (<c>'My data'!B3</c>).</summary>
    public static string Prefix(string sheet) =>
        sheet.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(sheet[0]) ? sheet + "!" : "'" + sheet.Replace("'", "''", StringComparison.Ordinal) + "'!";

    /// <summary>The column letters of a 1-based column (1 = A, 27 = AA).</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (var c = column; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name;
    }

    /// <summary>Parses a cell reference such as <c>AB12</c> into its 1-based column and row (0, 0 when malformed).</summary>
    public static (int Column, int Row) ParseReference(ReadOnlySpan<char> reference)
    {
        int column = 0, i = 0;
        while (i < reference.Length && char.IsAsciiLetterUpper(reference[i])) column = column * 26 + (reference[i++] - 'A' + 1);
        return int.TryParse(reference[i..], NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? (column, row) : (column, 0);
    }

    /// <summary>
    /// The rows of <paramref name="sheet"/> in order, each with its 1-based number and its non-empty cells; then, once
    /// the rows are read, <paramref name="merges"/> holds the sheet's merged ranges (they follow the rows in the file).
    /// </summary>
    public IEnumerable<(int Row, List<XlsxCell> Cells)> Rows(string sheet, List<string> merges)
    {
        var relationship = _sheets.First(s => s.Name == sheet).RelationshipId;
        if (_document.WorkbookPart!.GetPartById(relationship) is not WorksheetPart part)
            throw new DataValidationException(new DataError(Path, 0, 0, $"sheet '{sheet}' is a chart sheet or dialog, not a worksheet; give a sheet with data."));
        var strings = SharedStrings();
        var dates = DateStyles();
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, Settings);
        var rowNumber = 0;
        List<XlsxCell>? cells = null;
        var column = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "row" && cells is not null)
            {
                yield return (rowNumber, cells);
                cells = null;
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element) continue;
            switch (reader.LocalName)
            {
                case "row":
                    rowNumber = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
                    column = 0;
                    cells = [];
                    if (reader.IsEmptyElement) { yield return (rowNumber, cells); cells = null; }
                    break;
                case "c" when cells is not null:
                    var reference = reader.GetAttribute("r");
                    column = reference is null ? column + 1 : ParseReference(reference).Column;
                    var type = reader.GetAttribute("t");
                    var style = int.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
                    if (ReadCell(reader, type, strings) is { } cell)
                        cells.Add(new XlsxCell(column, cell.Kind, cell.Value, style < dates.Length && dates[style]));
                    break;
                case "mergeCell":
                    if (reader.GetAttribute("ref") is { } range) merges.Add(range);
                    break;
            }
        }
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        XmlResolver = null,
    };

    /// <summary>Reads one <c>&lt;c&gt;</c> element (the reader on it) to its end; null for an empty cell.</summary>
    private static (XlsxCellKind Kind, string Value)? ReadCell(XmlReader reader, string? type, string[] strings)
    {
        if (reader.IsEmptyElement) return null;
        string? value = null;
        StringBuilder? inline = null;
        var formula = false;
        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "v": value = reader.ReadElementContentAsString(); continue;
                    case "t": (inline ??= new StringBuilder()).Append(reader.ReadElementContentAsString()); continue;
                    case "f": formula = true; reader.Skip(); continue;
                    case "rPh": reader.Skip(); continue;
                }
            }
            reader.Read();
        }
        if (type == "inlineStr") return inline is null ? null : (XlsxCellKind.Text, inline.ToString());
        if (value is null) return formula ? (XlsxCellKind.Uncalculated, "") : null;
        return type switch
        {
            "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Length
                ? (XlsxCellKind.Text, strings[i])
                : (XlsxCellKind.Error, "a shared string that does not exist"),
            "str" => (XlsxCellKind.Text, value),
            "b" => (XlsxCellKind.Boolean, value),
            "e" => (XlsxCellKind.Error, value),
            "d" => (XlsxCellKind.IsoDate, value),
            _ => (XlsxCellKind.Number, value),
        };
    }

    /// <summary>The shared string table (each item's text runs joined, phonetic runs left out).</summary>
    private string[] SharedStrings()
    {
        if (_sharedStrings is not null) return _sharedStrings;
        var list = new List<string>();
        if (_document.WorkbookPart!.SharedStringTablePart is { } part)
        {
            using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
            using var reader = XmlReader.Create(stream, Settings);
            StringBuilder? item = null;
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    switch (reader.LocalName)
                    {
                        case "si" when reader.IsEmptyElement: list.Add(""); break;
                        case "si": item = new StringBuilder(); break;
                        case "rPh": reader.Skip(); continue;
                        case "t" when item is not null: item.Append(reader.ReadElementContentAsString()); continue;
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "si" && item is not null)
                {
                    list.Add(item.ToString());
                    item = null;
                }
                reader.Read();
            }
        }
        return _sharedStrings = list.ToArray();
    }

    /// <summary>For each cell style (index into cellXfs), whether its number format shows a date or time.</summary>
    private bool[] DateStyles()
    {
        if (_dateStyles is not null) return _dateStyles;
        var custom = new Dictionary<int, string>();
        var styles = new List<bool>();
        if (_document.WorkbookPart!.WorkbookStylesPart is { } part)
        {
            using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
            using var reader = XmlReader.Create(stream, Settings);
            var inCellXfs = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs") inCellXfs = false;
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (reader.LocalName == "numFmt"
                    && int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    custom[id] = reader.GetAttribute("formatCode") ?? "";
                else if (reader.LocalName == "cellXfs") inCellXfs = !reader.IsEmptyElement;
                else if (reader.LocalName == "xf" && inCellXfs)
                {
                    var format = int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : 0;
                    styles.Add(custom.TryGetValue(format, out var code) ? IsDateFormat(code) : IsBuiltInDate(format));
                }
            }
        }
        return _dateStyles = styles.ToArray();
    }

    /// <summary>The built-in number formats that show dates or times (ECMA-376 part 1, 18.8.30, and the East Asian ids).</summary>
    internal static bool IsBuiltInDate(int id) => id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58;

    /// <summary>Whether a custom format code shows a date or time: d, m, y, h or s outside quoted text, escapes and brackets.</summary>
    internal static bool IsDateFormat(string code)
    {
        var section = code.Split(';')[0];
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            if (c == '"') { i = section.IndexOf('"', i + 1); if (i < 0) return false; continue; }
            if (c is '\\' or '_' or '*') { i++; continue; }
            if (c == '[')
            {
                var end = section.IndexOf(']', i);
                if (end < 0) return false;
                // [h], [mm], [ss]: elapsed time; [$-413], [Red]: locale and colour, not date parts.
                if (section[(i + 1)..end].All(x => x is 'h' or 'H' or 'm' or 'M' or 's' or 'S') && end > i + 1) return true;
                i = end;
                continue;
            }
            if (c is 'd' or 'D' or 'm' or 'M' or 'y' or 'Y' or 'h' or 'H' or 's' or 'S') return true;
        }
        return false;
    }

    /// <summary>
    /// The date an Excel serial number stands for, or the problem: before 1900-01-01 (serial below 1), Excel's
    /// nonexistent 1900-02-29 (serial 60), or a time of day.
    /// </summary>
    public DateOnly? SerialToDate(double serial, out string? problem)
    {
        problem = null;
        if (!double.IsFinite(serial) || serial >= 2958466) { problem = "is not a date Excel can hold (after 9999-12-31)"; return null; }
        if (serial != Math.Floor(serial)) { problem = "holds a time of day as well as a date; the column is a date, so give the date alone"; return null; }
        if (Date1904)
        {
            if (serial < 0) { problem = "is before 1904-01-01, the first date of this workbook's 1904 date system"; return null; }
            return new DateOnly(1904, 1, 1).AddDays((int)serial);
        }
        if (serial < 1) { problem = "is before 1900-01-01, the first date Excel stores as a date"; return null; }
        if (serial == 60) { problem = "is 1900-02-29, a day that does not exist (Excel's leap-year bug)"; return null; }
        return new DateOnly(1899, 12, serial < 60 ? 31 : 30).AddDays((int)serial);
    }

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();
}
