using System.Globalization;
using Workbench.Cli.Commands;
using Workbench.Data;
using Workbench.Tests.Data;

namespace Workbench.Tests.Statistics;

/// <summary><c>workbench survey</c> takes an .xlsx workbook or a .parquet file as it takes CSV (issue 18): the same estimates, errors at the cell.</summary>
public sealed class SurveyXlsxTests : IDisposable
{
    private static readonly string Waves = Path.Combine(SurveyFixtures.Dir, "estimators", "waves.csv");
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-survey-xlsx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => SurveyCommandTests.Run(args);

    /// <summary>The CSV as a one-sheet workbook: numbers as number cells, the rest as text.</summary>
    private string AsWorkbook(string csv, Func<int, int, string, string>? change = null)
    {
        using var stream = File.OpenRead(csv);
        var reader = new CsvRecordReader(stream);
        var fields = new List<CsvField>();
        var rows = new List<IReadOnlyList<TestCell?>>();
        while (reader.Next(fields, out _))
        {
            var r = rows.Count;
            rows.Add(fields.Select(reader.Text).Select((t, c) => change?.Invoke(r, c, t) ?? t)
                .Select(t => t.Length == 0 ? null : r > 0 && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? TestCell.Num(v) : TestCell.Text(t)).ToList());
        }
        var path = Path.Combine(_dir, "waves.xlsx");
        TabularFiles.Workbook(path, "Waves", rows);
        return path;
    }

    private static readonly string[] Args = ["--variable", "physical_sv", "--weight", "weight", "--strata", "stratum", "--cluster", "cluster", "--by", "wave,sex", "--format", "json"];

    [Fact]
    public void Total_WavesAsWorkbook_GivesTheEstimatesOfTheCsv()
    {
        var csv = Run(["total", Waves, .. Args]);
        var xlsx = Run(["total", AsWorkbook(Waves), .. Args]);
        Assert.True(csv.Code == 0, csv.Err);
        Assert.True(xlsx.Code == 0, xlsx.Err);
        Assert.Equal(csv.Out, xlsx.Out);
    }

    [Fact]
    public void Total_SampleAsParquet_GivesTheEstimatesOfTheCsv()
    {
        var sample = Workbench.Tests.Support.RepoPaths.At("data-samples", "survey-sexual-violence.csv");
        var parquet = Path.Combine(_dir, "survey.parquet");
        TabularFiles.Parquet(parquet, Dataset.Load(sample, new LoadOptions { RecordProvenance = false }));
        string[] args = ["--variable", "physical_sv", "--weight", "weight", "--strata", "stratum", "--cluster", "cluster", "--by", "sex", "--format", "json"];
        var csv = Run(["total", sample, .. args]);
        var other = Run(["total", parquet, .. args]);
        Assert.True(csv.Code == 0, csv.Err);
        Assert.True(other.Code == 0, other.Err);
        Assert.Equal(csv.Out, other.Out);
    }

    [Fact]
    public void Total_WorkbookWithATextWeight_NamesTheCell()
    {
        string? header = null;
        var path = AsWorkbook(Waves, (r, c, t) =>
        {
            if (r == 0 && t == "weight") header = c.ToString(CultureInfo.InvariantCulture);
            return r == 2 && header == c.ToString(CultureInfo.InvariantCulture) ? "heavy" : t;
        });
        var (code, _, err) = Run(["total", path, .. Args]);
        Assert.Equal(2, code);
        Assert.Matches(@"waves\.xlsx:Waves![A-Z]+3: column 'weight' has 'heavy'", err);
    }
}
