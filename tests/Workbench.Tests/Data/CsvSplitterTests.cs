using System.Text;
using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>
/// The typed loader (<see cref="ChunkParser"/>) and the streaming readers (<see cref="CsvRecordReader"/>) split records
/// with the one <see cref="CsvSplitter"/> (issue 13 section 4): on every input they agree on which lines are records,
/// where each starts, and what each field holds.
/// </summary>
public sealed class CsvSplitterTests : IDisposable
{
    private static readonly LoadOptions Quiet = new() { RecordProvenance = false };
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-splitter-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes <paramref name="text"/> as name.csv with a dictionary of text columns (optional).</summary>
    private string Dataset(string name, string text, params string[] columns) => Dataset(name, text, ColumnType.Text, columns);

    private string Dataset(string name, string text, ColumnType firstType, params string[] columns)
    {
        var path = Path.Combine(_dir, name + ".csv");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        var dictionary = new DataDictionary
        {
            Name = name,
            Title = new Bilingual("Test", "Test"),
            Source = "test",
            Synthetic = true,
            Licence = "CC0-1.0",
            UnitOfObservation = "row",
            Columns = columns.Select((c, i) => new ColumnDefinition { Name = c, Type = i == 0 ? firstType : ColumnType.Text, Required = false, Label = new(c, c) }).ToList(),
        };
        File.WriteAllText(DataDictionary.PathFor(path), dictionary.ToJson());
        return path;
    }

    [Fact]
    public void Load_LineHoldingOnlyEmptyQuotes_IsAMissingValueRowBlankLineIsNot()
    {
        var path = Dataset("one", "x\n1\n\"\"\n\n2\n", "x");
        var ds = Workbench.Data.Dataset.Load(path, Quiet);
        Assert.Equal(["1", null, "2"], ds.Strings("x"));
        // The streaming reader sees the same rows on the same lines.
        var raw = CsvColumns.Read(path, ["x"]);
        Assert.Equal(new string?[] { "1", null, "2" }, raw.Values["x"]);
        Assert.Equal(new[] { 2, 3, 5 }, raw.Lines);
    }

    [Fact]
    public void Validate_LineHoldingOnlyEmptyQuotesInTwoColumnFile_IsARowWithOneFieldLikeTheStreamingReader()
    {
        var path = Dataset("two", "a,b\n1,2\n\"\"\n\n3,4\n", "a", "b");
        var result = Workbench.Data.Dataset.Validate(path, Quiet);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3, 2), (error.Line, error.Column));
        Assert.Contains("the row has 1 fields; the header has 2", error.Message, StringComparison.Ordinal);
        var ex = Assert.Throws<DataValidationException>(() => CsvColumns.Read(path, ["a"]));
        Assert.Equal((3, 2), (ex.Errors[0].Line, ex.Errors[0].Column));
    }

    public static TheoryData<string, string> Inputs() => new()
    {
        { "quoted-newlines", "a,b\n\"x\ny\",1\n2,\"p\r\nq\"\r\n3,4\n" },
        { "doubled-quotes", "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n,\"\"\n" },
        { "blank-lines", "a,b\n\n1,2\r\n\r\n\n3,4" },
        { "no-final-newline", "a,b\n1,\"2\"" },
        { "lone-cr-inside-quotes", "a,b\n\"x\ry\",1\n" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void LoaderAndStreamingReader_WellFormedInput_AgreeOnValuesAndLines(string name, string text)
    {
        var path = Dataset(name, text, "a", "b");
        var ds = Workbench.Data.Dataset.Load(path, Quiet);
        var raw = CsvColumns.Read(path, ["a", "b"]);
        Assert.Equal(raw.Values["a"], ds.Strings("a"));
        Assert.Equal(raw.Values["b"], ds.Strings("b"));
        // A wrong value on every row is reported on the line the streaming reader gives that row.
        var numbers = path.Replace(".csv", "-n.csv", StringComparison.Ordinal);
        File.Copy(path, numbers);
        File.WriteAllText(DataDictionary.PathFor(numbers), File.ReadAllText(DataDictionary.PathFor(path))
            .Replace($"\"name\": \"{name}\"", $"\"name\": \"{name}-n\"", StringComparison.Ordinal)
            .Replace("\"type\": \"text\"", "\"type\": \"date\"", StringComparison.Ordinal));
        var lines = Workbench.Data.Dataset.Validate(numbers, Quiet).Errors.Where(e => e.Column == 1).Select(e => e.Line);
        var expected = raw.Values["a"].Select((v, i) => (v, raw.Lines[i])).Where(x => x.v is not null).Select(x => x.Item2);
        Assert.Equal(expected, lines);
    }

    [Fact]
    public void Validate_StrayQuoteInUnquotedValue_IsReportedOnItsLineAndTheNextRowsStillRead()
    {
        // Before the one splitter the loader let the stray quote open a quoted run to the next quote in the file,
        // swallowing the rows between; the streaming reader read it literally. Now both stop the field at its delimiter.
        var path = Dataset("stray", "a,b\n1,x\"y\n2,3\n4,\"z\"\n", "a", "b");
        var result = Workbench.Data.Dataset.Validate(path, Quiet);
        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 2), (error.Line, error.Column));
        Assert.Contains("double quote inside an unquoted value", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, result.RowCount);
        var raw = CsvColumns.Read(path, ["b"]);
        Assert.Equal(new string?[] { "x\"y", "3", "z" }, raw.Values["b"]);
    }

    [Fact]
    public void Validate_LoneCarriageReturnAfterTheFirst64KiB_EndsARecordAndCountsALine()
    {
        // The start of the file is checked for CR-only line endings; further on a lone CR ends a record for every
        // reader, so line numbers after it stay the same in all of them.
        var sb = new StringBuilder("a,b\n");
        var rows = 0;
        while (sb.Length < 70_000) { sb.Append(rows).Append(",text\n"); rows++; }
        sb.Append("x,y\rbad,\"q\"\n");
        var path = Dataset("cr", sb.ToString(), ColumnType.Integer, "a", "b");
        var errors = Workbench.Data.Dataset.Validate(path, Quiet).Errors;
        var raw = CsvColumns.Read(path, ["a"]);
        Assert.Equal(rows + 2, raw.RowCount);
        Assert.Equal(new[] { raw.Lines[^2], raw.Lines[^1] }, errors.Select(e => e.Line));
        Assert.Equal(rows + 2, errors[0].Line);
        Assert.Equal(rows + 3, errors[1].Line);
    }

    [Fact]
    public void TrySplit_RecordCutAtBufferEnd_AsksForMoreUnlessFinal()
    {
        var splitter = new CsvSplitter(',');
        var fields = new CsvField[4];
        var data = "1,\"ab"u8;
        Assert.False(splitter.TrySplit(data, 0, false, fields, out _, out _, out _));
        Assert.True(splitter.TrySplit(data, 0, true, fields, out var count, out _, out _));
        Assert.Equal(2, count);
        Assert.Equal(CsvQuoteProblem.NotClosed, fields[1].Problem);
        Assert.False(splitter.TrySplit("1,2\r"u8, 0, false, fields, out _, out _, out _));
    }
}
