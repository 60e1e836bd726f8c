using Workbench.Claims;
using Workbench.Data;
using Workbench.Synthetic;

namespace Workbench.Tests.Synthetic;

public sealed class LedgerTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "wb-ledger-" + Guid.NewGuid().ToString("N"));

    public LedgerTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static readonly string[] RequiredIds =
    [
        "victims-per-year", "child-victims-domestic-sexual-exploitation", "victims-labour-criminal-exploitation",
        "offenders-prosecuted-per-year", "share-suspects-prosecuted", "average-unsuspended-sentence",
        "children-physical-sv", "boys-physical-sv", "girls-physical-sv", "boys-told-no-one", "girls-told-no-one",
        "offenders-known-to-child", "offenders-peers", "closed-youth-care-sexual-violence",
        "no-youth-support-within-six-months",
    ];

    private static readonly string[] Studies =
    [
        "01-sexual-violence-prevalence", "02-trafficking-victim-estimates", "03-prosecution-and-sentencing",
        "04-youth-care-linkage", "05-regional-approach",
    ];

    [Fact]
    public void Load_CommittedLedger_HasEveryFactsheetFigure()
    {
        var ledger = Ledger.Load(RepoPaths.Sample("published-figures.csv"));
        Assert.True(ledger.Entries.Count >= 15);
        foreach (var id in RequiredIds) Assert.NotNull(ledger.Find(id));
        Assert.All(ledger.Entries, e =>
        {
            Assert.Equal("Factsheet National Rapporteur, July 2020", e.Publication);
            Assert.Equal(2020, e.Year);
            Assert.Contains(e.Study, Studies);
            Assert.False(string.IsNullOrWhiteSpace(e.SentenceEn));
            _ = e.Band; // every row has a well-defined band
        });
        Assert.All(Studies, s => Assert.NotEmpty(ledger.ForStudy(s)));
        Assert.Equal(PublishedFigures.Entries, ledger.Entries);
    }

    [Theory]
    [InlineData("girls-physical-sv", 47.5, true)]
    [InlineData("girls-physical-sv", 48.49, true)]
    [InlineData("girls-physical-sv", 48.5, false)]
    [InlineData("girls-physical-sv", 47.49, false)]
    [InlineData("victims-per-year", 5000, true)]
    [InlineData("victims-per-year", 7500, true)]
    [InlineData("victims-per-year", 7500.1, false)]
    [InlineData("child-victims-domestic-sexual-exploitation", 1250, true)]
    [InlineData("child-victims-domestic-sexual-exploitation", 1349.9, true)]
    [InlineData("child-victims-domestic-sexual-exploitation", 1350, false)]
    [InlineData("average-unsuspended-sentence", 21.5, true)]
    [InlineData("average-unsuspended-sentence", 22.5, false)]
    [InlineData("children-physical-sv", 0.323, true)]
    [InlineData("children-physical-sv", 0.4, true)]
    [InlineData("children-physical-sv", 0.2857, false)]
    [InlineData("children-physical-sv", 0.41, false)]
    [InlineData("share-suspects-prosecuted", 72.6, true)]
    [InlineData("share-suspects-prosecuted", 69.9, false)]
    [InlineData("municipalities-without-policy-2017", 50, false)]
    [InlineData("municipalities-without-policy-2017", 70, true)]
    [InlineData("girls-physical-sv", double.NaN, false)]
    public void IsReproducedBy_FollowsTheRoundingBand(string id, double x, bool expected)
    {
        var ledger = new Ledger(PublishedFigures.Entries);
        Assert.Equal(expected, ledger[id].IsReproducedBy(x));
    }

    [Fact]
    public void Indexer_UnknownId_ListsTheIds()
    {
        var ledger = new Ledger(PublishedFigures.Entries);
        var ex = Assert.Throws<KeyNotFoundException>(() => ledger["no-such-figure"]);
        Assert.Contains("girls-physical-sv", ex.Message);
    }

    private string Write(params string[] rows)
    {
        var path = Path.Combine(_temp, "ledger.csv");
        File.WriteAllText(path, string.Join("\n", [string.Join(",", Ledger.ColumnNames), .. rows]) + "\n");
        return path;
    }

    private const string Tail = ",Factsheet,2020,2019,02-trafficking-victim-estimates";

    [Fact]
    public void Load_Malformed_ReportsEveryProblemWithLineAndColumn()
    {
        var path = Write(
            "ok-row,Sentence.,48,,,percent,percent-integer,survey-proportion" + Tail,
            "Bad_Id,Sentence.,48,,,percent,percent-integer,survey-proportion" + Tail,
            "ok-row,Sentence.,48,,,percent,percent-integer,survey-proportion" + Tail,
            "rounding-row,Sentence.,48,,,percent,to-the-nearest,survey-proportion" + Tail,
            "number-row,Sentence.,4 8,,,percent,percent-integer,survey-proportion" + Tail,
            "range-row,Sentence.,,7500,5000,persons-per-year,range,estimate" + Tail,
            "value-row,Sentence.,,,,percent,percent-integer,estimate" + Tail,
            "unit-row,Sentence.,48,,,kilograms,percent-integer,estimate" + Tail,
            "kind-row,Sentence.,48,,,percent,percent-integer,guess" + Tail);
        var ex = Assert.Throws<DataValidationException>(() => Ledger.Load(path));
        var messages = ex.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(messages, m => m.Contains(":3:1:") && m.Contains("kebab-case"));
        Assert.Contains(messages, m => m.Contains(":4:1:") && m.Contains("occurs twice"));
        Assert.Contains(messages, m => m.Contains(":5:7:") && m.Contains("to-the-nearest") && m.Contains("percent-integer"));
        Assert.Contains(messages, m => m.Contains(":6:3:") && m.Contains("'4 8'"));
        Assert.Contains(messages, m => m.Contains(":7:4:") && m.Contains("low <= high"));
        Assert.Contains(messages, m => m.Contains(":8:3:") && m.Contains("column 'value'"));
        Assert.Contains(messages, m => m.Contains(":9:6:") && m.Contains("kilograms"));
        Assert.Contains(messages, m => m.Contains(":10:8:") && m.Contains("guess"));
    }

    [Fact]
    public void Load_MissingColumn_NamesIt()
    {
        var path = Path.Combine(_temp, "short.csv");
        File.WriteAllText(path, "id,sentence_en\nx,y\n");
        var ex = Assert.Throws<DataValidationException>(() => Ledger.Load(path));
        Assert.Contains("column 'value' not found", ex.Message);
    }

    [Fact]
    public void Load_MissingFile_Throws()
    {
        var ex = Assert.Throws<DataValidationException>(() => Ledger.Load(Path.Combine(_temp, "none.csv")));
        Assert.Contains("file not found", ex.Message);
    }
}
