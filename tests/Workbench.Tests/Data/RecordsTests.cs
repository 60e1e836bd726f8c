using CsvHelper;
using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>A CsvHelper 34 record type for the people fixture (members matched to columns by name).</summary>
[CsvRecord]
public partial record PersonRow(string id, string sex, long age, double weight, double? score, int? told, string? note);

/// <summary>Typed rows streamed through CsvHelper after validation.</summary>
public class RecordsTests
{
    [Fact]
    public void ReadRecords_ValidFile_StreamsTypedRowsWithNulls()
    {
        var rows = Dataset.ReadRecords<PersonRow>(Path.Combine(DatasetLoadTests.Valid, "people.csv"), new LoadOptions { RecordProvenance = false }).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(new PersonRow("1", "F", 34, 1.25, 3.5, 1, "first"), rows[0]);
        Assert.Null(rows[1].score);
        Assert.Equal("has, comma", rows[2].note);
    }

    [Fact]
    public void ReadRecords_DutchExport_UsesTheDictionaryCulture()
    {
        var rows = Dataset.ReadRecords<PersonRow>(Path.Combine(DatasetLoadTests.Valid, "people-nl.csv"), new LoadOptions { RecordProvenance = false }).ToList();
        Assert.Equal([1.25, 0.8, 2.0], rows.Select(r => r.weight));
        Assert.Equal("has; semicolon", rows[2].note);
    }

    [Fact]
    public void ReadRecords_InvalidFile_ThrowsBeforeAnyRow()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Data", "malformed", "nan.csv");
        Assert.Throws<DataValidationException>(() => Dataset.ReadRecords<PersonRow>(path));
    }
}
