using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>
/// A date column's "format" in the dictionary (issue 18): non-ISO dates such as 31-12-2019 are read from CSV fields and
/// from workbook text cells, a value in another layout is an error naming file, line, column, the value and the
/// format, and <c>data infer</c> drafts the format it detects.
/// </summary>
public sealed class DateFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-date-format-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly LoadOptions Quiet = new() { RecordProvenance = false };

    private string Write(string name, string csv, string format = "dd-MM-yyyy", string type = "date")
    {
        var path = Path.Combine(_dir, name + ".csv");
        File.WriteAllText(path, csv);
        File.WriteAllText(DataDictionary.PathFor(path), $$"""
            {
              "name": "{{name}}",
              "title": { "en": "Synthetic registrations", "nl": "Synthetische registraties" },
              "source": "Synthetic test input (DateFormatTests)",
              "synthetic": true,
              "licence": "CC0-1.0",
              "unitOfObservation": "registration",
              "columns": [
                { "name": "id", "type": "identifier", "label": { "en": "Id", "nl": "Id" } },
                { "name": "registered", "type": "{{type}}", "format": "{{format}}", "label": { "en": "Registered on", "nl": "Geregistreerd op" } }
              ]
            }
            """);
        return path;
    }

    [Fact]
    public void Load_CsvWithDayFirstFormat_ReadsTheDates()
    {
        var ds = Dataset.Load(Write("reg", "id,registered\na,31-12-2019\nb,01-02-2020\n"), Quiet);
        Assert.Equal([new DateOnly(2019, 12, 31), new DateOnly(2020, 2, 1)], ds.Dates("registered").Select(d => d!.Value));
    }

    [Fact]
    public void Load_CsvDateInAnotherLayout_NamesFileLineColumnValueAndFormat()
    {
        var path = Write("reg", "id,registered\na,31-12-2019\nb,2020-02-01\n");
        var ex = Assert.Throws<DataValidationException>(() => Dataset.Load(path, Quiet));
        Assert.Contains("reg.csv:3:2: column 'registered' has '2020-02-01'; expected a date as dd-MM-yyyy (e.g. 31-12-2019)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WorkbookWithTextAndDateCells_ReadsBothAsDates()
    {
        var csv = Write("reg", "id,registered\na,31-12-2019\n", "d/M/yyyy");
        var xlsx = Path.ChangeExtension(csv, ".xlsx");
        File.Move(DataDictionary.PathFor(csv), DataDictionary.PathFor(xlsx));
        File.Delete(csv);
        TabularFiles.Workbook(xlsx, "Reg", [
            [TestCell.Text("id"), TestCell.Text("registered")],
            [TestCell.Text("a"), TestCell.Text("31/12/2019")],
            [TestCell.Text("b"), TestCell.Date(43862)], // 2020-02-01 as an Excel date cell
            [TestCell.Text("c"), TestCell.Text("2020-03-01")],
        ]);
        var ex = Assert.Throws<DataValidationException>(() => Dataset.Load(xlsx, Quiet));
        Assert.Single(ex.Errors);
        Assert.Contains("reg.xlsx:Reg!B4: column 'registered' has '2020-03-01'; expected a date as d/M/yyyy (e.g. 31/12/2019)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yyyy", "does not name the day")]
    [InlineData("dd-MM-yyyy HH:mm", "has a time part")]
    public void Load_DictionaryWithAnUnusableFormat_FailsNamingTheFix(string format, string why)
    {
        var ex = Assert.Throws<DataValidationException>(() => Dataset.Load(Write("reg", "id,registered\na,2019\n", format), Quiet));
        Assert.Contains($"has the date format '{format}', which {why}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FormatOnATextColumn_FailsSayingItIsForDates()
    {
        var ex = Assert.Throws<DataValidationException>(() => Dataset.Load(Write("reg", "id,registered\na,x\n", type: "text"), Quiet));
        Assert.Contains("\"format\" applies to date columns only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_DayFirstDates_DraftsADateColumnWithItsFormatThatLoads()
    {
        var csv = Path.Combine(_dir, "draft.csv");
        File.WriteAllText(csv, "id,registered,seen\na,31-12-2019,01/02/2020\nb,15-01-2020,03/04/2020\n");
        var draft = DictionaryInference.Infer(csv);
        var registered = draft.Dictionary.Columns.Single(c => c.Name == "registered");
        Assert.Equal((ColumnType.Date, "dd-MM-yyyy"), (registered.Type, registered.Format));
        var seen = draft.Dictionary.Columns.Single(c => c.Name == "seen");
        Assert.Equal((ColumnType.Date, "dd/MM/yyyy"), (seen.Type, seen.Format));
        Assert.Contains(draft.Notes, n => n.Contains("column 'seen'", StringComparison.Ordinal) && n.Contains("read month first too", StringComparison.Ordinal));
        Assert.Contains("\"format\": \"dd-MM-yyyy\"", draft.Dictionary.ToJson(), StringComparison.Ordinal);
    }
}
