using Workbench.Cli.Commands;
using Workbench.Data;
using Workbench.Tests.Data;
using Workbench.Tests.Support;

namespace Workbench.Tests.Statistics;

/// <summary><c>workbench prevalence</c> takes .xlsx and .parquet as it takes CSV (issue 18): the same estimates, and errors at the cell.</summary>
public sealed class PrevalenceXlsxParquetTests : IDisposable
{
    private static readonly string Sample = RepoPaths.At("data-samples", "survey-sexual-violence.csv");
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-prevalence-xlsx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Design = ["--outcome", "physical_sv", "--weight", "weight", "--strata", "stratum", "--cluster", "cluster", "--by", "sex", "--format", "json"];

    [Theory]
    [InlineData(".xlsx")]
    [InlineData(".parquet")]
    public void Prevalence_SampleAsWorkbookOrParquet_GivesTheEstimatesOfTheCsv(string extension)
    {
        var ds = Dataset.Load(Sample, new LoadOptions { RecordProvenance = false });
        var path = Path.Combine(_dir, "survey" + extension);
        if (extension == ".xlsx") TabularFiles.Workbook(path, "Survey", TabularFiles.Cells(ds));
        else TabularFiles.Parquet(path, ds);
        var csv = PrevalenceCliTests.Run([Sample, .. Design]);
        var other = PrevalenceCliTests.Run([path, .. Design]);
        Assert.True(other.Code == 0, other.Err);
        Assert.Equal(0, csv.Code);
        Assert.Equal(csv.Out, other.Out);
    }

    [Fact]
    public void Prevalence_WorkbookWithABadOutcome_NamesTheCell()
    {
        var path = Path.Combine(_dir, "bad.xlsx");
        TabularFiles.Workbook(path, "Survey", [
            [TestCell.Text("id"), TestCell.Text("y"), TestCell.Text("weight")],
            [TestCell.Text("a"), TestCell.Num(1), TestCell.Num(2.5)],
            [TestCell.Text("b"), TestCell.Num(2), TestCell.Num(1.5)],
            [TestCell.Text("c"), TestCell.Num(0), TestCell.Num(-1)],
        ]);
        var (code, _, err) = PrevalenceCliTests.Run([path, "--outcome", "y", "--weight", "weight"]);
        Assert.Equal(2, code);
        Assert.Contains("bad.xlsx:Survey!B3: outcome column 'y' has '2'", err, StringComparison.Ordinal);
        Assert.Contains("bad.xlsx:Survey!C4:", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Prevalence_ParquetWithoutTheColumn_NamesTheFileAndTheHeader()
    {
        var ds = Dataset.Load(Sample, new LoadOptions { RecordProvenance = false });
        var path = Path.Combine(_dir, "survey.parquet");
        TabularFiles.Parquet(path, ds);
        var (code, _, err) = PrevalenceCliTests.Run([path, "--outcome", "nope"]);
        Assert.Equal(2, code);
        Assert.Contains("survey.parquet:", err, StringComparison.Ordinal);
        Assert.Contains("column 'nope' not found in the header", err, StringComparison.Ordinal);
    }
}
