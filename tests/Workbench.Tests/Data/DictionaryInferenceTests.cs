using System.Text;
using Workbench.Cli.Commands;
using Workbench.Data;
using Workbench.Tests.Support;

namespace Workbench.Tests.Data;

/// <summary>
/// <c>workbench data infer</c> (issue 18): the draft of every data sample matches its committed dictionary on column
/// types and codes; a Dutch export (';' and decimal commas) is recognised; the TODO labels make <c>data check</c>
/// refuse the draft until they are written.
/// </summary>
public sealed class DictionaryInferenceTests : IDisposable
{
    private static readonly LoadOptions Quiet = new() { RecordProvenance = false };
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-infer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // published-figures is left out: its decimal columns hold only whole numbers and its 'period' is free text that
    // looks like a short list, which no rule can tell from the values (the draft explains both guesses).
    public static TheoryData<string> Samples() => new()
    {
        "closed-youth-care-2016", "municipal-policy", "prosecution-cases", "survey-sexual-violence",
        "trafficking-population-truth", "trafficking-registrations", "youth-care-supervision",
    };

    private static void AssertTypesAndCodes(DataDictionary expected, DataDictionary actual)
    {
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Type)), actual.Columns.Select(c => (c.Name, c.Type)));
        foreach (var (e, a) in expected.Columns.Zip(actual.Columns))
        {
            Assert.Equal(e.Codes?.Select(c => c.Code).Order(StringComparer.Ordinal), a.Codes?.Select(c => c.Code));
            Assert.Equal((e.Name, e.Required), (a.Name, a.Required));
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Infer_DataSample_MatchesTheCommittedDictionaryOnTypesAndCodes(string name)
    {
        var csv = RepoPaths.At("data-samples", name + ".csv");
        var committed = DataDictionary.Load(DataDictionary.PathFor(csv));
        var draft = DictionaryInference.Infer(csv).Dictionary;
        AssertTypesAndCodes(committed, draft);
        Assert.Equal(committed.File, draft.File);
    }

    [Theory]
    [InlineData("survey-sexual-violence")]
    [InlineData("youth-care-supervision")]
    public void Infer_SampleAsXlsxAndParquet_DraftsTheSameTypesAsFromTheCsv(string name)
    {
        var csv = RepoPaths.At("data-samples", name + ".csv");
        var committed = DataDictionary.Load(DataDictionary.PathFor(csv));
        var ds = Dataset.Load(csv, Quiet);
        var xlsx = Path.Combine(_dir, name + ".xlsx");
        TabularFiles.Workbook(xlsx, "Data", TabularFiles.Cells(ds));
        AssertTypesAndCodes(committed, DictionaryInference.Infer(xlsx).Dictionary);
        var parquet = Path.Combine(_dir, name + ".parquet");
        TabularFiles.Parquet(parquet, ds);
        AssertTypesAndCodes(committed, DictionaryInference.Infer(parquet).Dictionary);
    }

    [Fact]
    public void Infer_DutchExcelExport_DetectsSemicolonDecimalCommaAndTheDraftIsRefusedUntilFilledIn()
    {
        var csv = Path.Combine(_dir, "uitvoer.csv");
        File.WriteAllText(csv, "dossier_nr;regio;bedrag;datum;actief\nD01;Noord;1,5;2020-01-31;1\nD02;Zuid;12,25;2020-02-29;0\nD03;Noord;;2021-03-01;1\n", new UTF8Encoding(true));
        var draft = DictionaryInference.Infer(csv);
        var d = draft.Dictionary;
        Assert.Equal(new FileFormat(";", "nl-NL", "utf-8"), d.File);
        Assert.Equal([ColumnType.Identifier, ColumnType.Category, ColumnType.Decimal, ColumnType.Date, ColumnType.Boolean], d.Columns.Select(c => c.Type));
        Assert.Equal((1.5, 12.25, false), (d.Columns[2].Min, d.Columns[2].Max, d.Columns[2].Required));
        Assert.Equal(["dossier_nr"], d.PrimaryKey);

        var dictionary = DataDictionary.PathFor(csv);
        var err = new StringWriter();
        Assert.Equal(0, DataInferCommand.Run(csv, dictionary, null, 1, new StringWriter(), err));
        var check = Dataset.Validate(csv, Quiet);
        Assert.Contains(check.Errors, e => e.Message.Contains("$.columns[0].label.en: the English label is still TODO", StringComparison.Ordinal));
        Assert.Contains(check.Errors, e => e.Message.Contains("$.columns[1].codes[0].label.nl: the Dutch label is still TODO", StringComparison.Ordinal));
        // Filled in, the draft validates its own file.
        File.WriteAllText(dictionary, File.ReadAllText(dictionary).Replace("\"TODO\"", "\"filled in\"", StringComparison.Ordinal));
        Assert.True(Dataset.Validate(csv, Quiet).IsValid, string.Join("\n", Dataset.Validate(csv, Quiet).Errors));
        Assert.Equal(2, DataInferCommand.Run(csv, dictionary, null, 1, new StringWriter(), new StringWriter())); // never replaces a dictionary
    }

    [Fact]
    public void Infer_UnsureGuesses_AreExplainedNamingTheColumn()
    {
        var notes = DictionaryInference.Infer(RepoPaths.At("data-samples", "prosecution-cases.csv")).Notes;
        Assert.Contains(notes, n => n.StartsWith("column 'registered': only the value 1 occurs; drafted as boolean", StringComparison.Ordinal));
        var csv = Path.Combine(_dir, "dates.csv");
        File.WriteAllText(csv, "when,n\n31-01-2020,1\n29-02-2020,2\n");
        var draft = DictionaryInference.Infer(csv);
        Assert.Equal((ColumnType.Date, "dd-MM-yyyy"), (draft.Dictionary.Columns[0].Type, draft.Dictionary.Columns[0].Format));
        Assert.Contains(draft.Notes, n => n.Contains("column 'when': dates written as dd-MM-yyyy; drafted as date with \"format\": \"dd-MM-yyyy\"", StringComparison.Ordinal));
    }
}
