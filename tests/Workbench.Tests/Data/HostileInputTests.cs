using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Cli;
using Workbench.Cli.Commands;
using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>
/// Inputs written to break the loader (issue 12): cultures whose number symbols are not ASCII, signs, overflow,
/// dictionaries with too many codes, headers that would swallow the file, and files that would need gigabytes.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private static readonly LoadOptions Quiet = new() { RecordProvenance = false };
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Every .NET culture whose decimal or group separator or sign has a character outside ASCII.</summary>
    public static TheoryData<string> NonAsciiNumberCultures() => new(NonAsciiNumberCultureNames());

    private static List<string> NonAsciiNumberCultureNames() =>
        CultureInfo.GetCultures(CultureTypes.AllCultures)
            .Where(c => c.Name.Length > 0)
            .Where(c => new[] { c.NumberFormat.NumberDecimalSeparator, c.NumberFormat.NumberGroupSeparator, c.NumberFormat.NegativeSign, c.NumberFormat.PositiveSign }
                .Any(s => s.Any(ch => ch > 127)))
            .Select(c => c.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void NonAsciiNumberCultures_IncludeArabicAndPersian()
    {
        var names = NonAsciiNumberCultureNames();
        Assert.True(names.Count >= 100, $"only {names.Count} cultures");
        Assert.Contains("ar-SA", names);
        Assert.Contains("fa-IR", names);
    }

    [Theory]
    [MemberData(nameof(NonAsciiNumberCultures))]
    public void Load_CultureWithNonAsciiNumberSymbols_ReadsItsSeparatorAndSignsAndNeverMisreads(string name)
    {
        var n = CultureInfo.GetCultureInfo(name).NumberFormat;
        var sep = n.NumberDecimalSeparator;
        var delimiter = sep == "," ? ";" : ",";
        var rows = new[]
        {
            ($"1{sep}5", "-7"),
            ($"{n.NegativeSign}2{sep}25", $"{n.NegativeSign}8"),
            ($"-3{sep}125", "+9"),
            ($"{n.PositiveSign}1{sep}5", $"{n.PositiveSign}12"),
            ($"+1{sep}5e-2", "-9223372036854775808"),
            ("-0", "0"),
        };
        var csv = Write("numbers", delimiter, name, rows.Select(r => $"{r.Item1}{delimiter}{r.Item2}"));
        var ds = Dataset.Load(csv, Quiet);
        Assert.Equal([1.5, -2.25, -3.125, 1.5, 0.015, 0.0], ds.Decimals("x").Select(v => v!.Value));
        Assert.Equal([-7L, -8L, 9L, 12L, long.MinValue, 0L], ds.Integers("n").Select(v => v!.Value));

        // A value in another convention is an error, never a different number.
        var wrong = new List<string>();
        if (sep != ".") wrong.Add("0.5");
        if (sep != ",") wrong.Add("\"0,5\"");
        if (sep[0] > 127) wrong.Add($"1{(char)(byte)sep[0]}5"); // the separator's low byte alone (U+066B -> 'k')
        foreach (var value in wrong)
        {
            var bad = Write("numbers", delimiter, name, [$"{value}{delimiter}1"]);
            var result = Dataset.Validate(bad, Quiet);
            Assert.False(result.IsValid, $"{name}: '{value}' was accepted");
            Assert.Contains(result.Errors, e => e.Line == 2 && e.Column == 1 && e.Message.Contains("expected a number with", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Load_ArabicFixture_ReadsU066BSeparatorAsciiAndNativeSigns()
    {
        var ds = Dataset.Load(Path.Combine(DatasetLoadTests.Valid, "people-ar.csv"), Quiet);
        Assert.Equal([34L, 27L, 45L], ds.Integers("age").Select(v => v!.Value));
        Assert.Equal([1.25, 0.8, 2.0], ds.Decimals("weight").Select(v => v!.Value));
        Assert.Equal([-3.5, -0.25, 7.25], ds.Decimals("score").Select(v => v!.Value));
    }

    [Theory]
    [InlineData("+27", 27L)]
    [InlineData("-27", -27L)]
    [InlineData("0000000000000000000000027", 27L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("+9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Load_IntegerWithSignOrAtTheLimits_ReadsIt(string text, long expected)
    {
        var csv = Write("numbers", ",", "invariant", [$"+1.5,{text}"]);
        var ds = Dataset.Load(csv, Quiet);
        Assert.Equal(expected, ds.Integers("n")[0]);
        Assert.Equal(1.5, ds.Decimals("x")[0]);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("+99999999999999999999999")]
    public void Validate_IntegerOutOfRange_SaysTooLarge(string text)
    {
        var csv = Write("numbers", ",", "invariant", [$"1,{text}"]);
        var error = Assert.Single(Dataset.Validate(csv, Quiet).Errors);
        Assert.Equal((2, 2), (error.Line, error.Column));
        Assert.Contains("too large for a whole number", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fraction", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+", "expected a whole number (integer).")]
    [InlineData("++1", "expected a whole number (integer).")]
    [InlineData("1+", "expected a whole number (integer).")]
    public void Validate_MisplacedPlus_IsAnError(string text, string fragment)
    {
        var csv = Write("numbers", ",", "invariant", [$"1,{text}"]);
        Assert.Contains(fragment, Assert.Single(Dataset.Validate(csv, Quiet).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CategoryWithMoreThan65535Codes_IsADictionaryErrorAtItsCodesAndCheckExits1()
    {
        var csv = WriteCategory(65_536);
        var dictionary = DataDictionary.PathFor(csv);
        var result = Dataset.Validate(csv, Quiet);
        var error = Assert.Single(result.Errors);
        Assert.Equal(dictionary, error.File);
        Assert.Contains("has 65,536 codes; a category may have at most 65,535", error.Message, StringComparison.Ordinal);
        var (line, column) = PositionOf(File.ReadAllText(dictionary), "\"codes\": [");
        Assert.Equal((line, column + "\"codes\": ".Length), (error.Line, error.Column));

        var output = new StringWriter();
        Assert.Equal(ExitCodes.CheckFailed, DataCli.Check(csv, 100, output, new StringWriter()));
        Assert.Contains($"{dictionary}:{line}:{column + 9}:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CategoryWith65535Codes_ReadsTheLastCode()
    {
        var csv = WriteCategory(65_535);
        var ds = Dataset.Load(csv, Quiet);
        Assert.Equal(["c65534", "c0"], ds.Strings("code"));
    }

    [Fact]
    public void Validate_UnclosedQuoteInHeaderOfALargeFile_GivesOneShortMessage()
    {
        var header = "x,\"n";
        var body = new StringBuilder(header).Append('\n');
        while (body.Length < 1 << 20) body.Append("1.5,2\n");
        var csv = Write("numbers", ",", "invariant", [], rawCsv: body.ToString());
        var error = Assert.Single(Dataset.Validate(csv, Quiet).Errors);
        Assert.Equal((1, 2), (error.Line, error.Column));
        Assert.Contains("header field 2 opens a double quote that is not closed on line 1", error.Message, StringComparison.Ordinal);
        Assert.True(error.ToString().Length < 400, error.ToString());

        var columns = Assert.Throws<DataValidationException>(() => CsvColumns.Read(csv, ["x"]));
        Assert.True(columns.Message.Length < 400, columns.Message);
        Assert.Contains(":1:2: header field 2 opens a double quote", columns.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HeaderOfFiftyThousandUnknownNames_ReportsUpToTheLimitInShortLines()
    {
        var header = string.Join(',', Enumerable.Range(0, 50_000).Select(i => $"unknown_{i}_" + new string('z', 80)));
        var csv = Write("numbers", ",", "invariant", [], rawCsv: header + "\n1.5,2\n");
        var result = Dataset.Validate(csv, Quiet);
        Assert.Equal(Quiet.MaxErrors, result.Errors.Count);
        Assert.True(result.Truncated);
        Assert.All(result.Errors, e => Assert.True(e.ToString().Length < csv.Length + 300, e.ToString()));
    }

    [Fact]
    public void Validate_WideHeaderAndBlankLines_AllocatesLittleMoreThanTheFile()
    {
        // 2,000 columns and about a million blank lines: the chunk buffers used to be sized by line breaks times
        // columns (some 16 GB); they are sized by the rows the bytes can hold.
        const int columns = 2000;
        var names = Enumerable.Range(0, columns).Select(i => $"c{i}").ToList();
        var csv = Path.Combine(_dir, "wide.csv");
        var body = new StringBuilder(string.Join(',', names)).Append('\n');
        for (var r = 0; r < 3; r++) body.AppendJoin(',', names.Select(n => n + "v" + r)).Append('\n');
        body.Append('\n', (1 << 20) - body.Length);
        File.WriteAllText(csv, body.ToString());
        var dictionary = JsonNode.Parse(File.ReadAllText(DataDictionary.PathFor(WriteCategory(2))))!.AsObject();
        dictionary["name"] = "wide";
        dictionary["primaryKey"] = new JsonArray();
        dictionary["columns"] = new JsonArray(names.Select(n => (JsonNode)new JsonObject
        {
            ["name"] = n, ["type"] = "text", ["required"] = false, ["label"] = new JsonObject { ["en"] = n, ["nl"] = n },
        }).ToArray());
        File.WriteAllText(DataDictionary.PathFor(csv), dictionary.ToJsonString());
        Assert.Equal(1 << 20, new FileInfo(csv).Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Dataset.Validate(csv, Quiet with { MaxDegreeOfParallelism = 1 });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal(3, result.RowCount);
        Assert.True(allocated < 256L << 20, $"validating a 1 MiB file allocated {allocated >> 20} MiB");
    }

    [Fact]
    public void Check_MalformedCorpus_PrintsNoControlCharacterOrDirectionMark()
    {
        var output = new StringWriter { NewLine = "\n" };
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Data", "malformed");
        Assert.Equal(ExitCodes.CheckFailed, DataCli.Check(folder, 100, output, output));
        var text = output.ToString();
        Assert.Contains("\\x1B[2J", text, StringComparison.Ordinal);
        var unsafeAt = text.AsSpan().IndexOfAny("\0\u0001\u0007\u0008\u000B\u000C\r\u001B\u007F\u009B\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");
        Assert.True(unsafeAt < 0, unsafeAt < 0 ? "" : $"unsafe character U+{(int)text[unsafeAt]:X4} near: {text[Math.Max(0, unsafeAt - 80)..unsafeAt]}");
    }

    [Fact]
    public void TerminalSafeWriter_EscapesControlsKeepsLayout()
    {
        var inner = new StringWriter();
        using (var w = new TerminalSafeWriter(inner))
        {
            w.Write("a\u001B[31mred\tb\r\nc\rd\u202Ee");
            w.Write('\u0007');
            w.Write("\r");
            w.Write("\n\r");
        }
        Assert.Equal("a\\x1B[31mred\tb\r\nc\\rd\\u202Ee\\x07\r\n\\r", inner.ToString());
    }

    [Fact]
    public void CsvColumns_UnicodeAndLineEndingProblems_NameTheCause()
    {
        var utf16 = Path.Combine(_dir, "utf16.csv");
        File.WriteAllBytes(utf16, Encoding.Unicode.GetBytes("region,count\nNorth,3\n"));
        Assert.Contains("looks like UTF-16 (little-endian)", Assert.Throws<DataValidationException>(() => CsvColumns.Read(utf16, ["count"])).Message, StringComparison.Ordinal);
        var bom2 = Path.Combine(_dir, "bom2.csv");
        File.WriteAllBytes(bom2, [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. "region,count\nNorth,3\n"u8]);
        Assert.Contains("two UTF-8 byte order marks", Assert.Throws<DataValidationException>(() => CsvColumns.Read(bom2, ["count"])).Message, StringComparison.Ordinal);
        var semicolon = Path.Combine(_dir, "semicolon.csv");
        File.WriteAllText(semicolon, "region;count\nNorth;3\n");
        var ex = Assert.Throws<DataValidationException>(() => CsvColumns.Read(semicolon, ["region", "count"]));
        Assert.Contains(":1:1: the header is not separated by ','; the file seems to use ';'", ex.Message, StringComparison.Ordinal);
        Assert.Equal("3", Assert.Single(CsvColumns.Read(semicolon, ["count"], ';').Values["count"]));
        // CsvColumns reads CR line endings (and UTF-16 with a byte order mark) as they are.
        var cr = Path.Combine(_dir, "cr.csv");
        File.WriteAllText(cr, "region,count\rNorth,3\rSouth,4\r");
        Assert.Equal(new string?[] { "3", "4" }, CsvColumns.Read(cr, ["count"]).Values["count"]);
    }

    private string Write(string name, string delimiter, string culture, IEnumerable<string> rows, string? rawCsv = null)
    {
        var csv = Path.Combine(_dir, name + ".csv");
        File.WriteAllText(csv, rawCsv ?? string.Join('\n', rows.Prepend($"x{delimiter}n")) + "\n");
        var json = new JsonObject
        {
            ["name"] = name,
            ["title"] = new JsonObject { ["en"] = "Synthetic numbers", ["nl"] = "Synthetische getallen" },
            ["source"] = "Synthetic test input (HostileInputTests)",
            ["synthetic"] = true,
            ["licence"] = "CC0-1.0",
            ["unitOfObservation"] = "row",
            ["file"] = new JsonObject { ["delimiter"] = delimiter, ["culture"] = culture, ["encoding"] = "utf-8" },
            ["columns"] = new JsonArray(
                new JsonObject { ["name"] = "x", ["type"] = "decimal", ["label"] = new JsonObject { ["en"] = "x", ["nl"] = "x" } },
                new JsonObject { ["name"] = "n", ["type"] = "integer", ["label"] = new JsonObject { ["en"] = "n", ["nl"] = "n" } }),
        };
        File.WriteAllText(DataDictionary.PathFor(csv), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return csv;
    }

    /// <summary>A one-column category dataset with <paramref name="codes"/> codes c0, c1, ...; rows: the last code, the first.</summary>
    private string WriteCategory(int codes)
    {
        var csv = Path.Combine(_dir, $"codes{codes}.csv");
        File.WriteAllText(csv, $"code\nc{codes - 1}\nc0\n");
        var list = new StringBuilder();
        for (var i = 0; i < codes; i++)
            list.Append(i == 0 ? "" : ",\n").Append(CultureInfo.InvariantCulture, $"        {{ \"code\": \"c{i}\", \"label\": {{ \"en\": \"c{i}\", \"nl\": \"c{i}\" }} }}");
        File.WriteAllText(DataDictionary.PathFor(csv), $$"""
            {
              "name": "codes{{codes}}",
              "title": { "en": "Synthetic codes", "nl": "Synthetische codes" },
              "source": "Synthetic test input (HostileInputTests)",
              "synthetic": true,
              "licence": "CC0-1.0",
              "unitOfObservation": "row",
              "columns": [
                { "name": "code", "type": "category", "label": { "en": "Code", "nl": "Code" },
                  "codes": [
            {{list}}
                  ] }
              ]
            }
            """);
        return csv;
    }

    private static (int Line, int Column) PositionOf(string text, string needle)
    {
        var at = text.IndexOf(needle, StringComparison.Ordinal);
        var lineStart = text.LastIndexOf('\n', at) + 1;
        return (text[..at].Count(c => c == '\n') + 1, at - lineStart + 1);
    }
}
