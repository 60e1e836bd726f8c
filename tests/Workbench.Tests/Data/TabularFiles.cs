using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Parquet;
using Parquet.Schema;
using DataField = Parquet.Schema.DataField;

using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>A cell a test puts in a workbook: text, a number (optionally date-formatted), a formula or an error.</summary>
internal sealed record TestCell(string Value, bool Number = false, bool DateStyle = false, string? Formula = null, bool Error = false, bool Boolean = false)
{
    public static TestCell Text(string value) => new(value);
    public static TestCell Num(double value) => new(value.ToString("R", CultureInfo.InvariantCulture), Number: true);
    public static TestCell Date(double serial) => new(serial.ToString("R", CultureInfo.InvariantCulture), Number: true, DateStyle: true);
}

/// <summary>
/// Writes test inputs with the Open XML SDK's document model and Parquet.Net directly (not through the workbench's own
/// writers), so a round trip checks the readers against an independent producer.
/// </summary>
internal static class TabularFiles
{
    /// <summary>Writes a workbook with one sheet; <paramref name="rows"/> start at row 1, null cells are left out.</summary>
    public static void Workbook(string path, string sheet, IEnumerable<IReadOnlyList<TestCell?>> rows, IEnumerable<string>? merges = null, bool date1904 = false)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        if (date1904) workbookPart.Workbook.AppendChild(new WorkbookProperties { Date1904 = true });
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = new Stylesheet(
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat { NumberFormatId = 0 }, new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
        var strings = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var sheetData = new SheetData();
        var r = 0;
        foreach (var row in rows)
        {
            r++;
            var xmlRow = new Row { RowIndex = (uint)r };
            for (var c = 0; c < row.Count; c++)
            {
                if (row[c] is not { } cell) continue;
                var reference = XlsxWorkbook.ColumnName(c + 1) + r.ToString(CultureInfo.InvariantCulture);
                var x = new Cell { CellReference = reference };
                if (cell.DateStyle) x.StyleIndex = 1;
                if (cell.Formula is not null) x.CellFormula = new CellFormula(cell.Formula);
                if (cell.Error) { x.DataType = CellValues.Error; x.CellValue = new CellValue(cell.Value); }
                else if (cell.Boolean) { x.DataType = CellValues.Boolean; x.CellValue = new CellValue(cell.Value); }
                else if (cell.Number) { if (cell.Value.Length > 0) x.CellValue = new CellValue(cell.Value); }
                else
                {
                    if (!index.TryGetValue(cell.Value, out var i)) { i = strings.Count; strings.Add(cell.Value); index[cell.Value] = i; }
                    x.DataType = CellValues.SharedString;
                    x.CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture));
                }
                xmlRow.AppendChild(x);
            }
            sheetData.AppendChild(xmlRow);
        }
        var sharedPart = workbookPart.AddNewPart<SharedStringTablePart>();
        sharedPart.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(s) { Space = SpaceProcessingModeValues.Preserve })));
        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
        worksheetPart.Worksheet = new Worksheet(sheetData);
        if (merges?.ToList() is { Count: > 0 } list)
            worksheetPart.Worksheet.AppendChild(new MergeCells(list.Select(m => new MergeCell { Reference = m })));
        workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = sheet }));
    }

    /// <summary>The cells of a loaded dataset as a workbook would hold them: numbers, Excel date serials, text.</summary>
    public static IEnumerable<IReadOnlyList<TestCell?>> Cells(Dataset ds)
    {
        yield return ds.ColumnNames.Select(n => (TestCell?)TestCell.Text(n)).ToList();
        for (var row = 0; row < ds.RowCount; row++)
        {
            var cells = new List<TestCell?>();
            foreach (var name in ds.ColumnNames)
            {
                cells.Add(ds.Column(name).Type switch
                {
                    ColumnType.Integer => ds.Integers(name)[row] is { } v ? TestCell.Num(v) : null,
                    ColumnType.Decimal => ds.Decimals(name)[row] is { } v ? TestCell.Num(v) : null,
                    ColumnType.Boolean => ds.Booleans(name)[row] is { } v ? new TestCell(v ? "1" : "0", Boolean: true) : null,
                    ColumnType.Date => ds.Dates(name)[row] is { } v ? TestCell.Date(v.DayNumber - new DateOnly(1899, 12, 30).DayNumber) : null,
                    _ => ds.Strings(name)[row] is { } v ? TestCell.Text(v) : null,
                });
            }
            yield return cells;
        }
    }

    /// <summary>Writes a loaded dataset as Parquet with typed, nullable columns (two row groups when it has more than one row).</summary>
    public static void Parquet(string path, Dataset ds)
    {
        var fields = ds.ColumnNames.Select(n => ds.Column(n).Type switch
        {
            ColumnType.Integer => (DataField)new DataField<long?>(n),
            ColumnType.Decimal => new DataField<double?>(n),
            ColumnType.Boolean => new DataField<bool?>(n),
            ColumnType.Date => new DataField<DateOnly?>(n),
            _ => new DataField<string>(n),
        }).ToArray();
        Task.Run(async () =>
        {
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            var half = ds.RowCount / 2;
            foreach (var (from, to) in new[] { (0, half), (half, ds.RowCount) })
            {
                if (to <= from) continue;
                using var group = writer.CreateRowGroup();
                foreach (var (field, name) in fields.Zip(ds.ColumnNames))
                {
                    var range = Enumerable.Range(from, to - from);
                    switch (ds.Column(name).Type)
                    {
                        case ColumnType.Integer: await group.WriteAsync<long>(field, range.Select(i => ds.Integers(name)[i]).ToArray().AsMemory()); break;
                        case ColumnType.Decimal: await group.WriteAsync<double>(field, range.Select(i => ds.Decimals(name)[i]).ToArray().AsMemory()); break;
                        case ColumnType.Boolean: await group.WriteAsync<bool>(field, range.Select(i => ds.Booleans(name)[i]).ToArray().AsMemory()); break;
                        case ColumnType.Date: await group.WriteAsync<DateOnly>(field, range.Select(i => ds.Dates(name)[i]).ToArray().AsMemory()); break;
                        default: await group.WriteAsync(field, range.Select(i => ds.Strings(name)[i]).ToArray()); break;
                    }
                }
            }
        }).GetAwaiter().GetResult();
    }
}
