using System.Globalization;
using System.Text;
using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>
/// Files of several megabytes, so that parsing runs in parallel chunks: line numbers must stay exact across chunk
/// boundaries, also after quoted values that span lines, and results must not depend on the degree of parallelism.
/// </summary>
public sealed class LargeFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workbench-data-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, int rows, Func<int, string> row, string culture = "invariant", string delimiter = ",")
    {
        var csv = Path.Combine(_folder, name + ".csv");
        using (var writer = new StreamWriter(csv, false, new UTF8Encoding(false)))
        {
            writer.Write("id" + delimiter + "group" + delimiter + "value" + delimiter + "note\n");
            for (var i = 1; i <= rows; i++) writer.Write(row(i) + "\n");
        }
        var dictionary = new DataDictionary
        {
            Name = name,
            Title = new("Test", "Test"),
            Source = "Synthetic test data written by LargeFileTests",
            Synthetic = true,
            Licence = "CC0-1.0",
            UnitOfObservation = "row",
            PrimaryKey = ["id"],
            File = new FileFormat(delimiter, culture),
            Columns =
            [
                new ColumnDefinition { Name = "id", Type = ColumnType.Integer, Label = new("Id", "Id") },
                new ColumnDefinition
                {
                    Name = "group", Type = ColumnType.Category, Label = new("Group", "Groep"),
                    Codes = [new CategoryCode("a", new("A", "A")), new CategoryCode("b", new("B", "B"))],
                },
                new ColumnDefinition { Name = "value", Type = ColumnType.Decimal, Required = false, Label = new("Value", "Waarde") },
                new ColumnDefinition { Name = "note", Type = ColumnType.Text, Required = false, Label = new("Note", "Notitie") },
            ],
        };
        File.WriteAllText(DataDictionary.PathFor(csv), dictionary.ToJson());
        return csv;
    }

    // Every 7th row has a note spanning two lines, so row i starts on line 1 + i + (number of earlier such rows).
    private static string Row(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"{i},{(i % 3 == 0 ? "b" : "a")},{i * 0.25},{(i % 7 == 0 ? "\"two\nlines, one \"\"quote\"\"\"" : "plain")}");

    private static int LineOf(int row) => 1 + row + (row - 1) / 7;

    [Fact]
    public void Load_ManyChunksWithQuotedNewlines_SameResultSequentialAndParallel()
    {
        var csv = Write("big", 200_000, Row);
        Assert.True(new FileInfo(csv).Length > 3 << 20, "the file must span several chunks");
        var parallel = Dataset.Load(csv, new LoadOptions { RecordProvenance = false, MaxDegreeOfParallelism = 4 });
        var sequential = Dataset.Load(csv, new LoadOptions { RecordProvenance = false, MaxDegreeOfParallelism = 1 });
        Assert.Equal(200_000, parallel.RowCount);
        Assert.Equal(sequential.Integers("id"), parallel.Integers("id"));
        Assert.Equal(sequential.Decimals("value"), parallel.Decimals("value"));
        Assert.Equal(sequential.Strings("note"), parallel.Strings("note"));
        Assert.Equal(Enumerable.Range(1, 200_000).Select(i => (long?)i), parallel.Integers("id"));
        Assert.Equal("two\nlines, one \"quote\"", parallel.Strings("note")[6]);
        Assert.Equal(ProvenanceLogSha(csv), parallel.Sha256);
    }

    private static string ProvenanceLogSha(string path) => Workbench.Provenance.ProvenanceLog.Sha256Of(path);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Validate_ErrorsFarIntoTheFile_HaveExactLineNumbers(int parallelism)
    {
        int[] bad = [5, 70_001, 149_998, 199_999];
        var csv = Write("late-errors", 200_000, i => bad.Contains(i) ? $"{i},c,1,x" : Row(i));
        var result = Dataset.Validate(csv, new LoadOptions { MaxDegreeOfParallelism = parallelism });
        Assert.Equal(bad.Select(LineOf), result.Errors.Select(e => e.Line));
        Assert.All(result.Errors, e => Assert.Equal(2, e.Column));
        Assert.All(result.Errors, e => Assert.Contains("unknown code 'c'", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DuplicateKeyFarApart_ReportsBothLines()
    {
        var csv = Write("dup", 150_000, i => Row(i == 140_000 ? 3 : i));
        var error = Assert.Single(Dataset.Validate(csv).Errors);
        Assert.Equal(LineOf(140_000), error.Line);
        Assert.Contains($"duplicate primary key id=3 (first on line {LineOf(3)})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManyErrors_StopsAtTheLimitAndSaysSo()
    {
        var csv = Write("many", 50_000, i => $"{i},z,1,x");
        var result = Dataset.Validate(csv, new LoadOptions { MaxErrors = 25 });
        Assert.Equal(25, result.Errors.Count);
        Assert.True(result.Truncated);
        Assert.Equal(Enumerable.Range(2, 25), result.Errors.Select(e => e.Line));
        var ex = Assert.Throws<DataValidationException>(() => Dataset.Load(csv, new LoadOptions { MaxErrors = 25, RecordProvenance = false }));
        Assert.True(ex.Truncated);
        Assert.StartsWith("25 problems found (more not shown):", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_QuoteNeverClosedInLargeFile_StopsAtTheRecordLimitInsteadOfReadingEverything()
    {
        var csv = Write("unclosed", 100_000, i => i == 10 ? $"{i},a,1,\"oops" : $"{i},a,1,plain text without quotes");
        var result = Dataset.Validate(csv, new LoadOptions { MaxRecordBytes = 1 << 20 });
        var error = result.Errors.FirstOrDefault(e => e.Message.Contains("longer than 1 MB", StringComparison.Ordinal));
        Assert.True(error is not null, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(11, error!.Line);
    }

    [Fact]
    public void Load_DutchExportAcrossChunks_ReadsDecimalCommas()
    {
        var csv = Write("dutch", 120_000, i => string.Create(CultureInfo.InvariantCulture, $"{i};a;{i},5;\"x;y\""), "nl-NL", ";");
        var ds = Dataset.Load(csv, new LoadOptions { RecordProvenance = false });
        Assert.Equal(120_000, ds.RowCount);
        Assert.Equal(7.5, ds.Decimals("value")[6]);
        Assert.Equal("x;y", ds.Strings("note")[119_999]);
    }
}
