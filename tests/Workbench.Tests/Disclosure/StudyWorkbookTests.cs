using Workbench.Tests.Support;
using System.Globalization;
using Workbench.Cli.Commands;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.Tests.Data;
using Workbench.Text;
using Sdc = Workbench.Disclosure.Disclosure;

namespace Workbench.Tests.Disclosure;

/// <summary>
/// Protected tables written to .xlsx (issue 18): LibreOffice opens the workbook without repair and shows, cell for
/// cell, the published counts, percentages and symbols in the language's number format, with one sheet per table
/// and one explaining the symbols.
/// </summary>
public sealed class StudyWorkbookTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-studybook-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IReadOnlyList<ProtectedTable> Tables()
    {
        var age = new TableDimension("age", ["0-11", "12-14", "15-17"]);
        var sex = new TableDimension("sex", ["girls", "boys"]);
        var bySex = FrequencyTable.FromCounts(new long[,] { { 1234, 3, 2410 }, { 987, 15, 5 } }, sex, age, "Victims by sex and age");
        var byAge = FrequencyTable.FromCounts([2221, 18, 2415], age, "Victims by age");
        return Sdc.Protect([bySex, byAge], new DisclosureOptions(Percentages: PercentageBase.Row));
    }

    /// <summary>What a reader sees in a cell: the count or percentage in the language's format, or the symbol.</summary>
    private static string Shown(ProtectedCell c, bool percent, CultureInfo culture) =>
        !percent ? c.Value is { } v ? v.ToString("N0", culture) : c.Shown
        : c.Value is null ? c.Shown : c.Percentage is { } p ? p.ToString("F1", culture) : c.PercentageShown!;

    /// <summary>The rows of a CSV LibreOffice wrote, as field texts.</summary>
    internal static List<List<string>> ReadCsv(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = new CsvRecordReader(stream);
        var rows = new List<List<string>>();
        var fields = new List<CsvField>();
        while (reader.Next(fields, out _, skipBlank: false)) rows.Add(fields.Select(reader.Text).ToList());
        return rows;
    }

    [SkippableTheory]
    [InlineData(Language.Nl)]
    [InlineData(Language.En)]
    public void Write_LinkedTables_LibreOfficeShowsThePublishedValuesInTheLanguagesFormat(Language language)
    {
        RequiredTool.Require("/usr/bin/soffice", "libreoffice-calc-nogui");
        var tables = Tables();
        var path = Path.Combine(_dir, "study.xlsx");
        StudyWorkbook.Write(tables, language, path);
        // Every sheet to its own CSV, cells as shown (filter options: comma, quote, UTF-8, ..., as shown, ..., all sheets).
        LibreOffice.Convert(path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", _dir);
        var word = language == Language.Nl ? "Tabel" : "Table";
        var culture = language.Culture();
        var lang = language == Language.Nl ? Language.Nl : Language.En;

        var grid = ReadCsv(Path.Combine(_dir, $"study-{word} 1.csv"));
        Assert.Equal($"{word} 1. Victims by sex and age", grid[0][0]);
        var t = tables[0];
        int[] rows = [0, 1, FrequencyTable.Total], columns = [0, 1, 2, FrequencyTable.Total];
        foreach (var percent in new[] { false, true })
        {
            var top = percent ? 2 + 1 + rows.Length + 1 : 2;
            Assert.Equal("sex \\ age" + (percent ? " (%)" : ""), grid[top][0]);
            for (var i = 0; i < rows.Length; i++)
                for (var j = 0; j < columns.Length; j++)
                    Assert.Equal(Shown(t[rows[i], columns[j]], percent, culture), grid[top + 1 + i][1 + j]);
        }
        Assert.Contains(grid, r => r[0] == t.Footnote(lang).Split(Environment.NewLine)[0]);
        Assert.Contains(grid, r => r[0].StartsWith(language == Language.Nl ? "Bron: " : "Source: ", StringComparison.Ordinal));
        Assert.Equal(language == Language.Nl ? "1.235" : "1,235", grid[3][1]); // 1,234 rounded to base 5, with the language's separator

        var oneWay = ReadCsv(Path.Combine(_dir, $"study-{word} 2.csv"));
        Assert.Equal(Shown(tables[1][1], false, culture), oneWay[4][1]);
        var symbols = ReadCsv(Path.Combine(_dir, $"study-{(language == Language.Nl ? "Verklaring van tekens" : "Explanation of symbols")}.csv"));
        Assert.Contains(symbols, r => r[0] == "x");
    }

    [Fact]
    public void Write_Workbook_HasOneSheetPerTablePlusTheSymbolsSheetAndCountsAsNumbers()
    {
        var path = Path.Combine(_dir, "tables.xlsx");
        StudyWorkbook.Write(Tables(), Language.Nl, path);
        using var workbook = XlsxWorkbook.Open(path);
        Assert.Equal(["Tabel 1", "Tabel 2", "Verklaring van tekens"], workbook.SheetNames);
        var cells = workbook.Rows("Tabel 2", []).SelectMany(r => r.Cells.Select(c => (r.Row, c))).ToList();
        Assert.Contains(cells, x => x.c.Kind == XlsxCellKind.Number && x.c.Value == "2220"); // 2,221 rounded, stored as a number
        Assert.Contains(workbook.Rows("Tabel 1", []).SelectMany(r => r.Cells), c => c.Kind == XlsxCellKind.Text && c.Value == "x");
    }

    [Fact]
    public void Write_NoTables_ThrowsNamingTheFix() =>
        Assert.Contains("at least one protected table", Assert.Throws<ArgumentException>(() => StudyWorkbook.Write(Array.Empty<ProtectedTable>(), Language.En, Path.Combine(_dir, "none.xlsx"))).Message, StringComparison.Ordinal);

    [Fact]
    public void Disclose_FormatXlsxWithoutOut_IsAUsageErrorAndWithOutWritesTheWorkbook()
    {
        var csv = Path.Combine(_dir, "t.csv");
        File.WriteAllText(csv, "age,count\n0-11,16\n12-14,3\n15-17,40\n");
        var err = new StringWriter();
        Assert.Equal(2, DiscloseCommand.Run(new DiscloseRequest(csv, Format: "xlsx"), new StringWriter(), err));
        Assert.Contains("--out tables.xlsx", err.ToString(), StringComparison.Ordinal);
        var xlsx = Path.Combine(_dir, "t.xlsx");
        Assert.Equal(0, DiscloseCommand.Run(new DiscloseRequest(csv, Format: "xlsx", Output: xlsx, Language: "nl"), new StringWriter(), new StringWriter()));
        using var workbook = XlsxWorkbook.Open(xlsx);
        Assert.Equal(["Tabel 1", "Verklaring van tekens"], workbook.SheetNames);
    }
}
