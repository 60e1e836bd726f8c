using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Workbench.IO;

namespace Workbench.Disclosure;

/// <summary>
/// Writes protected tables to an Excel workbook (.xlsx) the way the CBS and the office publish them: one sheet per
/// table (title, the table with its margins, counts as numbers and the disclosure symbols as text, the footnote and a
/// source line) and a last sheet explaining the symbols. Only <see cref="ProtectedTable"/>s can be written, so no raw
/// count reaches a workbook.
/// </summary>
/// <remarks>
/// Counts are stored as numbers with the number format <c>#,##0</c> and percentages with <c>0.0</c> (per the table's
/// decimals), tagged with the language's locale (<c>[$-413]</c> nl-NL, <c>[$-809]</c> en-GB), so a spreadsheet shows
/// 5.000 and 12,5 in Dutch and 5,000 and 12.5 in English while the values stay numbers a reader can compute with.
/// Suppressed cells hold their symbol (<c>x</c>, <c>&lt;10</c>, <c>–</c>) as right-aligned text. The file is written
/// atomically; LibreOffice opens it without repair (tested with <c>soffice --convert-to csv</c>).
/// </remarks>
public static class StudyWorkbook
{
    private const uint Bold = 1, Count = 2, Percent = 3, Symbol = 4, Note = 5;
    private static readonly XCell[] Blank = [];

    /// <summary>Writes <paramref name="tables"/> to the workbook <paramref name="path"/>, one sheet each, plus the symbols sheet.</summary>
    /// <param name="tables">The protected tables, in publication order (at least one).</param>
    /// <param name="language">The language of labels, footnotes and number formats.</param>
    /// <param name="path">The .xlsx file; replaced atomically.</param>
    /// <param name="source">The source line under every table (default: the National Rapporteur, in <paramref name="language"/>).</param>
    /// <exception cref="ArgumentException">No tables were given.</exception>
    public static void Write(IReadOnlyList<ProtectedTable> tables, Text.Language language, string path, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0) throw new ArgumentException("give at least one protected table to write.", nameof(tables));
        foreach (var table in tables) Disclosure.EnsureProtected(table);
        Write(tables.Select(ProtectedTableRecord.From).ToList(), language, path, source);
    }

    /// <summary>
    /// Writes the protected tables a run saved (<paramref name="tables"/>) to the workbook <paramref name="path"/>: one sheet
    /// per table, named and captioned with its number on the report page ("Tabel 3"; its position when unnumbered), with
    /// the page's labels and source line, plus the symbols sheet.
    /// </summary>
    /// <param name="tables">The records, in publication order (at least one).</param>
    /// <param name="language">The language of labels, footnotes and number formats.</param>
    /// <param name="path">The .xlsx file; replaced atomically.</param>
    /// <param name="source">The source line under a table whose record names none (default: the National Rapporteur).</param>
    /// <exception cref="ArgumentException">No tables were given.</exception>
    public static void Write(IReadOnlyList<ProtectedTableRecord> tables, Text.Language language, string path, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0) throw new ArgumentException("give at least one protected table to write.", nameof(tables));
        var lang = language;
        source ??= Phrases.Get(Phrase.SourceRapporteur, lang);
        // The package is built in memory (it needs a readable stream; the tables are small), then written atomically.
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var decimals = tables.Select(t => t.Decimals).Max();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles(lang, decimals);
            var sheets = new Sheets();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < tables.Count; i++)
            {
                var t = tables[i];
                var name = Phrases.Format(Phrase.TableNumber, lang, (t.Number ?? i + 1).ToString(CultureInfo.InvariantCulture));
                var sheet = SheetName(name);
                for (var k = 2; !names.Add(sheet); k++) sheet = SheetName(name + " (" + k.ToString(CultureInfo.InvariantCulture) + ")");
                var line = t.Source is { } own ? Phrases.Format(Phrase.SourceOf, lang, own.In(lang)) : source;
                AddSheet(workbookPart, sheets, sheet, TableRows(t, lang, name, line), (uint)(i + 1));
            }
            AddSheet(workbookPart, sheets, Phrases.Get(Phrase.SymbolsSheet, lang),
                SymbolRows(tables, lang), (uint)(tables.Count + 1));
            workbookPart.Workbook.AppendChild(sheets);
        }
        AtomicFile.WriteAllBytes(path, memory.GetBuffer().AsSpan(0, (int)memory.Length));
    }

    /// <summary>One written cell: text, or a number with its style.</summary>
    private sealed record XCell(string? Text, double? Number = null, uint Style = 0);

    private static List<XCell[]> TableRows(ProtectedTableRecord t, Text.Language lang, string name, string source)
    {
        var rows = new List<XCell[]> { new[] { new XCell(t.Title?.In(lang) is not { Length: > 0 } title ? name : $"{name}. {title}", Style: Bold) } };
        if (t.Unit is { } unit) rows.Add([new XCell(unit.In(lang))]);
        rows.Add(Blank);
        var dims = t.Dimensions;
        // A nested chain (suspects, brought to court, convicted) has no total along its first dimension, as on the page.
        int[] Positions(int d) => d == 0 && t.Nested
            ? Enumerable.Range(0, dims[d].Labels.Count).ToArray()
            : Enumerable.Range(0, dims[d].Labels.Count).Append(FrequencyTable.Total).ToArray();
        string Label(int d, int i) => i == FrequencyTable.Total ? dims[d].Total.In(lang) : dims[d].Labels[i].In(lang);
        var percentages = t.Cells.Any(c => c.PercentageShown is not null);
        void Grid(Func<int, int, RecordCell> at, bool percent)
        {
            if (t.Rank == 1)
            {
                rows.Add([new XCell(dims[0].Heading.In(lang), Style: Bold), new XCell(percent ? "%" : Phrases.Get(Phrase.Count, lang), Style: Bold)]);
                foreach (var i in Positions(0)) rows.Add([new XCell(Label(0, i)), Value(at(i, 0), percent)]);
                return;
            }
            rows.Add([new XCell($"{dims[0].Heading.In(lang)} \\ {dims[1].Heading.In(lang)}{(percent ? " (%)" : "")}", Style: Bold), .. Positions(1).Select(j => new XCell(Label(1, j), Style: Bold))]);
            foreach (var i in Positions(0)) rows.Add([new XCell(Label(0, i)), .. Positions(1).Select(j => Value(at(i, j), percent))]);
        }
        void Blocks(bool percent)
        {
            if (t.Rank <= 2)
            {
                Grid((i, j) => t.Rank == 1 ? t[i] : t[i, j], percent);
                return;
            }
            foreach (var layer in Positions(2))
            {
                rows.Add([new XCell($"{dims[2].Heading.In(lang)}: {Label(2, layer)}", Style: Bold)]);
                Grid((i, j) => t[i, j, layer], percent);
                rows.Add(Blank);
            }
        }
        Blocks(false);
        if (percentages)
        {
            rows.Add(Blank);
            Blocks(true);
        }
        rows.Add(Blank);
        foreach (var line in t.Footnote(lang)) rows.Add([new XCell(line, Style: Note)]);
        rows.Add([new XCell(source, Style: Note)]);
        return rows;
    }

    /// <summary>A count as a number, a percentage as a number, or the published symbol as text.</summary>
    private static XCell Value(RecordCell c, bool percent)
    {
        if (!percent) return c.Value is { } v ? new XCell(null, v, Count) : new XCell(c.Shown, Style: Symbol);
        if (c.Value is null) return new XCell(c.Shown, Style: Symbol);
        return c.Percentage is { } p ? new XCell(null, p, Percent) : new XCell(c.PercentageShown ?? "", Style: Symbol);
    }

    private static List<XCell[]> SymbolRows(IReadOnlyList<ProtectedTableRecord> tables, Text.Language lang)
    {
        var rows = new List<XCell[]>
        {
            new[] { new XCell(Phrases.Get(Phrase.SymbolsSheet, lang), Style: Bold) },
            Blank,
            new[] { new XCell(Phrases.Get(Phrase.Symbol, lang), Style: Bold), new XCell(Phrases.Get(Phrase.Meaning, lang), Style: Bold) },
        };
        var minimum = tables.Where(t => t.UnprotectedReason is null).Select(t => t.MinimumCell).DefaultIfEmpty(10).Min();
        var culture = lang.Culture();
        var below = (minimum - 1).ToString(culture);
        rows.Add([new XCell("x", Style: Symbol), new XCell(Phrases.Format(Phrase.SymbolConfidential, lang, below))]);
        if (tables.Any(t => t.UnprotectedReason is null && t.DistinguishPrimary))
            rows.Add([new XCell($"<{minimum.ToString(culture)}", Style: Symbol), new XCell(Phrases.Format(Phrase.SymbolBelowMinimum, lang, minimum.ToString(culture)))]);
        rows.Add([new XCell("–", Style: Symbol), new XCell(Phrases.Get(Phrase.SymbolPercentageWithheld, lang))]);
        rows.Add(Blank);
        rows.Add([new XCell(Phrases.Get(Phrase.RoundedTotalsNote, lang), Style: Note)]);
        return rows;
    }

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, string name, List<XCell[]> rows, uint id)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var width = Math.Max(2, rows.Max(r => r.Length));
        var columns = new Columns(new Column { Min = 1, Max = 1, Width = 34, CustomWidth = true },
            new Column { Min = 2, Max = (uint)width, Width = 14, CustomWidth = true });
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
            {
                var x = rows[r][c];
                var reference = Data.XlsxWorkbook.ColumnName(c + 1) + (r + 1).ToString(CultureInfo.InvariantCulture);
                var cell = new Cell { CellReference = reference, StyleIndex = x.Style };
                if (x.Number is { } n) cell.CellValue = new CellValue(n);
                else
                {
                    cell.DataType = CellValues.InlineString;
                    cell.InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(x.Text ?? "") { Space = SpaceProcessingModeValues.Preserve });
                }
                row.AppendChild(cell);
            }
            data.AppendChild(row);
        }
        part.Worksheet = new Worksheet(columns, data);
        sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id, Name = SheetName(name) });
    }

    /// <summary>A valid sheet name: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? ' ' : c).ToArray()).Trim();
        return clean.Length > 31 ? clean[..31] : clean;
    }

    private static Stylesheet Styles(Text.Language lang, int decimals)
    {
        var locale = Phrases.Get(Phrase.ExcelLocale, lang);
        var fraction = decimals > 0 ? "." + new string('0', decimals) : "";
        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = locale + "#,##0" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = locale + "0" + fraction }) { Count = 2 },
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
                new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Right }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true },
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 }) { Count = 6 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }
}
