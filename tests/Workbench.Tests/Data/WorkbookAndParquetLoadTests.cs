using System.Diagnostics;
using System.Text;
using Workbench.Data;
using Workbench.Tests.Support;

namespace Workbench.Tests.Data;

/// <summary>
/// <see cref="Dataset.Load"/> reads .xlsx and .parquet against the same dictionary as the CSV (issue 18): a CSV sample
/// written to a workbook and to Parquet by an independent producer (the Open XML SDK's document model, Parquet.Net)
/// reads back equal to the CSV load; a workbook made by LibreOffice from a CSV loads; bad workbooks are refused with
/// one clear message naming the cell.
/// </summary>
public sealed class WorkbookAndParquetLoadTests : IDisposable
{
    private static readonly LoadOptions Quiet = new() { RecordProvenance = false };
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-xlsx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Samples() => new()
    {
        "survey-sexual-violence", "youth-care-supervision", "prosecution-cases", "trafficking-registrations", "municipal-policy",
    };

    /// <summary>Copies a sample's dictionary into the temporary folder and gives the path <c>name.ext</c> beside it.</summary>
    private (Dataset Csv, string Path) Sample(string name, string extension)
    {
        var csv = Path.Combine(RepoPaths.Root, "data-samples", name + ".csv");
        File.Copy(DataDictionary.PathFor(csv), Path.Combine(_dir, name + ".dictionary.json"), overwrite: true);
        return (Dataset.Load(csv, Quiet), Path.Combine(_dir, name + extension));
    }

    private string Dictionary(string name)
    {
        var source = Path.Combine(DatasetLoadTests.Valid, "people.dictionary.json");
        File.WriteAllText(Path.Combine(_dir, name + ".dictionary.json"),
            File.ReadAllText(source).Replace("\"name\": \"people\"", $"\"name\": \"{name}\"", StringComparison.Ordinal));
        return Path.Combine(_dir, name + ".xlsx");
    }

    private static void AssertSameData(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.RowCount, actual.RowCount);
        foreach (var name in expected.ColumnNames)
        {
            switch (expected.Column(name).Type)
            {
                case ColumnType.Integer: Assert.Equal(expected.Integers(name), actual.Integers(name)); break;
                case ColumnType.Decimal: Assert.Equal(expected.Decimals(name), actual.Decimals(name)); break;
                case ColumnType.Boolean: Assert.Equal(expected.Booleans(name), actual.Booleans(name)); break;
                case ColumnType.Date: Assert.Equal(expected.Dates(name), actual.Dates(name)); break;
                default: Assert.Equal(expected.Strings(name), actual.Strings(name)); break;
            }
            Assert.Equal(expected.Label(name), actual.Label(name));
        }
        Assert.Equal(expected.Title(), actual.Title());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Load_CsvSampleWrittenToXlsx_ReadsBackEqualToTheCsvLoad(string name)
    {
        var (csv, path) = Sample(name, ".xlsx");
        TabularFiles.Workbook(path, "Data", TabularFiles.Cells(csv));
        AssertSameData(csv, Dataset.Load(path, Quiet));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Load_CsvSampleWrittenToParquet_ReadsBackEqualToTheCsvLoad(string name)
    {
        var (csv, path) = Sample(name, ".parquet");
        TabularFiles.Parquet(path, csv);
        AssertSameData(csv, Dataset.Load(path, Quiet));
    }

    [SkippableFact]
    public void Load_WorkbookSavedByLibreOfficeFromACsv_LoadsEqualToTheCsv()
    {
        RequiredTool.Require("/usr/bin/soffice", "libreoffice-calc-nogui");
        var (csv, path) = Sample("youth-care-supervision", ".xlsx");
        var source = Path.Combine(_dir, "source");
        Directory.CreateDirectory(source);
        File.Copy(Path.Combine(RepoPaths.Root, "data-samples", "youth-care-supervision.csv"), Path.Combine(source, "youth-care-supervision.csv"));
        LibreOffice.Convert(Path.Combine(source, "youth-care-supervision.csv"), "xlsx", _dir);
        Assert.True(File.Exists(path), "LibreOffice wrote no workbook");
        AssertSameData(csv, Dataset.Load(path, Quiet));
    }

    [Fact]
    public void Load_SheetByNameOrNumberAndHeaderBelowATitle_ReadsTheTable()
    {
        var path = Dictionary("titled");
        TabularFiles.Workbook(path, "Tabel 1", [
            [TestCell.Text("Synthetic people")],
            [],
            [TestCell.Text("id"), TestCell.Text("sex"), TestCell.Text("age"), TestCell.Text("weight"), TestCell.Text("score"), TestCell.Text("told"), TestCell.Text("visit"), TestCell.Text("note")],
            [TestCell.Text("1"), TestCell.Text("F"), TestCell.Num(34), TestCell.Num(1.25), new TestCell("7", Number: true, Formula: "3.5*2"), TestCell.Num(1), TestCell.Date(43586), TestCell.Text("first")],
        ]);
        foreach (var sheet in new[] { "Tabel 1", "1" })
        {
            var ds = Dataset.Load(path, Quiet with { Sheet = sheet, HeaderRow = 3 });
            Assert.Equal(1, ds.RowCount);
            Assert.Equal(7.0, ds.Decimals("score")[0]); // a formula reads as its cached value
            Assert.Equal(new DateOnly(2019, 5, 1), ds.Dates("visit")[0]);
            Assert.Equal(true, ds.Booleans("told")[0]);
        }
        var ex = Assert.Throws<DataValidationException>(() => Dataset.Load(path, Quiet with { Sheet = "Data" }));
        Assert.Contains("has no sheet 'Data'; its sheets are: 1 'Tabel 1'", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadWorkbooks() => new()
    {
        { "text-in-number", "text-in-number.xlsx:Data!C2: column 'age' has 'thirty'; expected a whole number" },
        { "date-before-1900", "date-before-1900.xlsx:Data!G2: column 'visit' has the date serial 0, which is before 1900-01-01" },
        { "nonexistent-leap-day", "which is 1900-02-29, a day that does not exist" },
        { "number-in-date", "column 'visit' has the number 43586, not a date; format the cells as dates" },
        { "no-header", "no-header.xlsx:Data!C1: row 1 holds '34' in C1, not a column name: the sheet has no header row" },
        { "merged-header", "merged-header.xlsx:Data!G1:H1: cells G1:H1 are merged in the header row; unmerge them" },
        { "merged-data", "merged-data.xlsx:Data!H2: cells H2:H3 are merged, so only H2 holds a value" },
        { "error-cell", "error-cell.xlsx:Data!D2: column 'weight' has the Excel error #DIV/0!" },
        { "uncalculated", "uncalculated.xlsx:Data!D2: column 'weight' has a formula without a calculated value" },
    };

    [Theory]
    [MemberData(nameof(BadWorkbooks))]
    public void Load_BadWorkbook_GivesOneClearErrorNamingTheCell(string name, string expected)
    {
        var path = Dictionary(name);
        string[] header = ["id", "sex", "age", "weight", "score", "told", "visit", "note"];
        TestCell?[] Good(int id) => [TestCell.Text(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), TestCell.Text("F"), TestCell.Num(34), TestCell.Num(1.25), null, TestCell.Num(0), TestCell.Date(43586), TestCell.Text("x")];
        var row = Good(1);
        var rows = new List<IReadOnlyList<TestCell?>> { header.Select(h => (TestCell?)TestCell.Text(h)).ToList() };
        string[]? merges = null;
        switch (name)
        {
            case "text-in-number": row[2] = TestCell.Text("thirty"); break;
            case "date-before-1900": row[6] = TestCell.Date(0); break;
            case "nonexistent-leap-day": row[6] = TestCell.Date(60); break;
            case "number-in-date": row[6] = TestCell.Num(43586); break;
            case "no-header": rows.Clear(); break;
            case "merged-header": rows[0] = header.Take(7).Select(h => (TestCell?)TestCell.Text(h)).ToList(); merges = ["G1:H1"]; break;
            case "merged-data": merges = ["H2:H3"]; break;
            case "error-cell": row[3] = new TestCell("#DIV/0!", Error: true); break;
            case "uncalculated": row[3] = new TestCell("", Number: true, Formula: "1/0"); break;
        }
        rows.Add(row);
        var second = Good(2);
        if (name == "merged-data") second[7] = null;
        rows.Add(second);
        TabularFiles.Workbook(path, "Data", rows, merges);
        var ex = Assert.Throws<DataValidationException>(() => Dataset.Load(path, Quiet));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Errors.Count, Dataset.Validate(path, Quiet).Errors.Count);
    }

    [Fact]
    public void Load_PasswordProtectedWorkbook_SaysToRemoveThePassword()
    {
        // Excel saves an encrypted workbook as an OLE compound file holding an "EncryptedPackage" stream (MS-OFFCRYPTO 2.3.4).
        var path = Dictionary("locked");
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(bytes, 1024);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Single(Assert.Throws<DataValidationException>(() => Dataset.Load(path, Quiet)).Errors);
        Assert.Contains("password protected (encrypted)", error.Message, StringComparison.Ordinal);
        File.WriteAllText(path, "id,sex\n1,F\n");
        Assert.Contains("is not an Excel workbook", Assert.Single(Dataset.Validate(path, Quiet).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAndDataCheck_WorkbookEncryptedByLibreOffice_SayToRemoveThePasswordNotACrash()
    {
        // A real encrypted .xlsx (LibreOffice 7.4 Calc, synthetic values; Fixtures/Data/encrypted/make-encrypted-workbook.py).
        var fixture = Path.Combine(RepoPaths.Root, "tests", "Workbench.Tests", "Fixtures", "Data", "encrypted", "people-encrypted.xlsx");
        var path = Dictionary("people-encrypted");
        File.Copy(fixture, path);
        var error = Assert.Single(Assert.Throws<DataValidationException>(() => Dataset.Load(path, Quiet)).Errors);
        Assert.Equal(path, error.File);
        Assert.Contains("password protected (encrypted)", error.Message, StringComparison.Ordinal);
        Assert.Contains("remove the password", error.Message, StringComparison.Ordinal);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll"), "data", "check", path })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "workbench data check did not finish");
        output += await stderr;
        // data check reports the file it cannot read as a file with a problem (exit 1), as it does every refused file.
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("people-encrypted.xlsx", output, StringComparison.Ordinal);
        Assert.Contains("password protected (encrypted)", output, StringComparison.Ordinal);
        Assert.Contains("remove the password", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public void FrequencyTableRead_TableAsXlsx_ReadsLikeTheCsvSoDiscloseAndMseTakeWorkbooks()
    {
        var csv = Path.Combine(RepoPaths.Root, "tests", "Workbench.Tests", "Fixtures", "Disclosure", "region-exploitation-2d.csv");
        var raw = CsvColumns.Read(csv, CsvColumns.ReadHeader(csv));
        var xlsx = Path.Combine(_dir, "table.xlsx");
        var header = CsvColumns.ReadHeader(csv);
        var rows = new List<IReadOnlyList<TestCell?>> { header.Select(h => (TestCell?)TestCell.Text(h)).ToList() };
        for (var r = 0; r < raw.RowCount; r++)
            rows.Add(header.Select(h => (TestCell?)(h == "count" ? TestCell.Num(double.Parse(raw.Values[h][r]!, System.Globalization.CultureInfo.InvariantCulture)) : TestCell.Text(raw.Values[h][r]!))).ToList());
        TabularFiles.Workbook(xlsx, "Data", rows);
        var fromCsv = Workbench.Disclosure.FrequencyTableCsv.Read(csv).Protect();
        var fromXlsx = Workbench.Disclosure.FrequencyTableCsv.Read(xlsx).Protect();
        Assert.Equal(fromCsv.ToText(), fromXlsx.ToText());
        Assert.Equal(raw.Lines.Select(l => l), CsvColumns.Read(xlsx, ["count"]).Lines); // sheet rows are the CSV's lines
    }

    [Fact]
    public void Load_TruncatedWorkbook_IsOneErrorNotACrash()
    {
        var (csv, path) = Sample("municipal-policy", ".xlsx");
        TabularFiles.Workbook(path, "Data", TabularFiles.Cells(csv));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Single(Dataset.Validate(path, Quiet).Errors);
        Assert.Equal(0, error.Line);
        Assert.Contains("open it in Excel or LibreOffice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ParquetWithAColumnTheDictionaryLacks_NamesTheSchemaColumn()
    {
        var (csv, path) = Sample("municipal-policy", ".parquet");
        TabularFiles.Parquet(path, csv);
        var dictionary = Path.Combine(_dir, "municipal-policy.dictionary.json");
        File.WriteAllText(dictionary, File.ReadAllText(dictionary).Replace("\"has_policy\"", "\"policy\"", StringComparison.Ordinal));
        var result = Dataset.Validate(path, Quiet);
        Assert.Contains(result.Errors, e => e.ToString().Contains("municipal-policy.parquet:schema column 5: header field 5 is 'has_policy'", StringComparison.Ordinal));
    }
}

/// <summary>Runs LibreOffice headless with a private profile, so parallel runs and the user's profile are untouched.</summary>
internal static class LibreOffice
{
    public static void Convert(string input, string format, string outDir)
    {
        var profile = Directory.CreateTempSubdirectory("wb-lo-profile-").FullName;
        try
        {
            var start = new ProcessStartInfo("/usr/bin/soffice")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var a in new[] { $"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", format, "--outdir", outDir, input })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(180_000)) { process.Kill(entireProcessTree: true); throw new TimeoutException("LibreOffice did not finish in 180 s"); }
            Assert.True(process.ExitCode == 0, $"soffice exited {process.ExitCode}: {output.Result} {error.Result}");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
