using Workbench.Data;
using Workbench.Provenance;

namespace Workbench.Tests.Data;

/// <summary>Valid files (Fixtures/Data/valid, written by make_corpus.py) load with the right types, values and labels.</summary>
public class DatasetLoadTests
{
    internal static readonly string Valid = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Data", "valid");
    private static readonly LoadOptions Quiet = new() { RecordProvenance = false };

    [Theory]
    [InlineData("people")]
    [InlineData("people-nl")]
    [InlineData("people-bom-crlf")]
    public void Load_ValidFile_GivesTypedValuesAndNulls(string name)
    {
        var ds = Dataset.Load(Path.Combine(Valid, name + ".csv"), Quiet);
        Assert.Equal(name, ds.Name);
        Assert.Equal(3, ds.RowCount);
        Assert.Equal(["1", "2", "3"], ds.Strings("id"));
        Assert.Equal(["F", "M", "F"], ds.Strings("sex"));
        Assert.Equal([34L, 27L, 45L], ds.Integers("age").Select(v => v!.Value));
        Assert.Equal([1.25, 0.8, 2.0], ds.Decimals("weight").Select(v => v!.Value));
        Assert.Equal([3.5, null, 7.25], ds.Decimals("score"));
        Assert.Equal([true, false, null], ds.Booleans("told"));
        Assert.Equal([new DateOnly(2019, 5, 1), null, new DateOnly(2020, 1, 31)], ds.Dates("visit"));
        Assert.Equal(1, ds.Decimals("score").MissingCount);
        Assert.True(ds.Dates("visit").IsMissing(1));
        Assert.Equal(0.0, ds.Decimals("score").Values[1]);
    }

    [Fact]
    public void Load_BomCrlfAndQuotedNewline_KeepsTextExactly()
    {
        var ds = Dataset.Load(Path.Combine(Valid, "people-bom-crlf.csv"), Quiet);
        Assert.Equal(["id", "sex", "age", "weight", "score", "told", "visit", "note"], ds.ColumnNames);
        Assert.Equal("second\r\nline, with \"quotes\"", ds.Strings("note")[1]);
        Assert.Equal("has, comma", ds.Strings("note")[2]);
    }

    [Fact]
    public void Load_DutchExport_ReadsDecimalCommaWhateverTheMachineCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            // A machine culture with a decimal point must not change how a nl-NL file is read, and vice versa.
            Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
            var nl = Dataset.Load(Path.Combine(Valid, "people-nl.csv"), Quiet);
            Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
            var invariant = Dataset.Load(Path.Combine(Valid, "people.csv"), Quiet);
            Assert.Equal(invariant.Decimals("weight"), nl.Decimals("weight"));
            Assert.Equal(invariant.Decimals("score"), nl.Decimals("score"));
            Assert.Equal("has; semicolon", nl.Strings("note")[2]);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Load_HeaderOnly_IsValidWithZeroRows()
    {
        var ds = Dataset.Load(Path.Combine(Valid, "people-header-only.csv"), Quiet);
        Assert.Equal(0, ds.RowCount);
        Assert.Empty(ds.Integers("age"));
        Assert.Equal(0, ds.ToDataFrame().Rows.Count);
        Assert.Equal(0, ds.ToDeedle().RowCount);
    }

    [Fact]
    public void Load_ColumnsInAnotherOrder_MatchedByNameAndShownInDictionaryOrder()
    {
        var ds = Dataset.Load(Path.Combine(Valid, "people-reordered.csv"), Quiet);
        Assert.Equal("id", ds.ColumnNames[0]);
        Assert.Equal(["first", "second"], ds.Strings("note"));
        Assert.Equal([34L, 27L], ds.Integers("age").Select(v => v!.Value));
    }

    [Fact]
    public void Labels_ComeFromTheDictionaryInBothLanguages()
    {
        var ds = Dataset.Load(Path.Combine(Valid, "people.csv"), Quiet);
        Assert.Equal("Synthetische testpersonen", ds.Title().Nl);
        Assert.Equal("Synthetic test people", ds.Title().En);
        Assert.Equal("Leeftijd", ds.Label("age").Nl);
        Assert.Equal("Age", ds.Label("age").En);
        Assert.Equal("meisjes", ds.CodeLabel("sex", "F").Nl);
        Assert.Equal("boys", ds.CodeLabel("sex", "M").En);
        Assert.Equal("years", ds.Unit("age"));
        Assert.Throws<ArgumentException>(() => ds.CodeLabel("sex", "X"));
        Assert.Throws<ArgumentException>(() => ds.CodeLabel("age", "1"));
    }

    [Fact]
    public void Accessors_WrongTypeOrUnknownColumn_ThrowNamingTheFix()
    {
        var ds = Dataset.Load(Path.Combine(Valid, "people.csv"), Quiet);
        var wrong = Assert.Throws<ArgumentException>(() => ds.Integers("weight"));
        Assert.Contains("use Decimals(\"weight\")", wrong.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => ds.Strings("nope"));
        Assert.Contains("its columns are: id, sex, age", unknown.Message, StringComparison.Ordinal);
        Assert.Equal([34.0, 27.0, 45.0], ds.Numbers("age").Select(v => v!.Value));
    }

    [Fact]
    public void Load_RecordsTheFileAndItsSha256InTheProvenanceLog()
    {
        var path = Path.Combine(Valid, "people.csv");
        var ds = Dataset.Load(path);
        Assert.Equal(ProvenanceLog.Sha256Of(path), ds.Sha256);
        Assert.Contains(ProvenanceLog.Snapshot(), e => e.Kind == "data-file" && e.Subject == Path.GetFullPath(path) && e.Detail == ds.Sha256);
    }

    [Fact]
    public void Validate_ValidFile_ReturnsNoErrorsAndTheRowCount()
    {
        var result = Dataset.Validate(Path.Combine(Valid, "people.csv"), Quiet);
        Assert.True(result.IsValid);
        Assert.Equal(3, result.RowCount);
    }

    [Fact]
    public void Summarize_GivesCountsMeansAndCodeCounts()
    {
        var s = Dataset.Load(Path.Combine(Valid, "people.csv"), Quiet).Summarize().ToDictionary(c => c.Name);
        Assert.Equal(2, s["score"].NonMissing);
        Assert.Equal(1, s["score"].Missing);
        Assert.Equal(5.375, s["score"].Mean!.Value, 12);
        Assert.Equal([new ValueCount("F", 2), new ValueCount("M", 1)], s["sex"].Counts);
        Assert.Equal(3, s["note"].Distinct);
    }

    [Fact]
    public void Load_SelectedColumns_KeepsThoseAndTheKeyButValidatesAll()
    {
        var ds = Dataset.Load(Path.Combine(Valid, "people.csv"), Quiet with { Columns = ["age", "score"] });
        Assert.Equal(["id", "age", "score"], ds.ColumnNames);
        Assert.False(ds.HasColumn("sex"));
        Assert.Equal(3, ds.ToDataFrame().Columns.Count);
        var bad = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Data", "malformed", "nan.csv");
        Assert.Throws<DataValidationException>(() => Dataset.Load(bad, Quiet with { Columns = ["age"] }));
        var unknown = Assert.Throws<DataValidationException>(() => Dataset.Load(Path.Combine(Valid, "people.csv"), Quiet with { Columns = ["agee"] }));
        Assert.Contains("unknown column(s) 'agee'", unknown.Message, StringComparison.Ordinal);
    }
}
