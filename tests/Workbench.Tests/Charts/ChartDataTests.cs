using Microsoft.Data.Analysis;
using Workbench.Charts;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.Estimation;
using Workbench.Statistics;

namespace Workbench.Tests.Charts;

public sealed class ChartDataTests
{
    private static readonly Bilingual Title = new("Few suspects are convicted", "Weinig verdachten worden veroordeeld");
    private static readonly TableDimension Steps = new("stage", ["suspects", "prosecuted", "convicted"]);

    private static Bilingual StepLabel(string code) => code switch
    {
        "suspects" => new("suspects", "verdachten"),
        "prosecuted" => new("prosecuted", "vervolgd"),
        _ => new("convicted", "veroordeeld"),
    };

    [Fact]
    public void Counts_FromProtectedTable_SuppressesSmallCountAndCarriesFootnote()
    {
        var table = global::Workbench.Disclosure.Disclosure.Protect(FrequencyTable.FromCounts([123, 41, 7], Steps), new DisclosureOptions(MinimumCell: 10, RoundingBase: 5));
        var counts = ChartData.Counts(table.CountsAlong(0), StepLabel);
        Assert.Contains(counts.Cells, c => c.Status == CellStatus.Suppressed && c.Value is null);
        var fig = Figures.Chain("f", Title, counts, SampleFigures.RegisterSource);
        Assert.Contains(table.Footnote(Language.En).Replace("\r", ""), fig.Notes(Language.En));
        Assert.Contains(table.Footnote(Language.Nl).Replace("\r", ""), fig.Notes(Language.Nl));
        Assert.DoesNotContain("7", fig.ToPlotlyJson(Language.En).Replace("0.7", "").Split("\"text\"")[1].Split(']')[0]);
    }

    [Fact]
    public void Counts_SameSmallCountsUnprotected_AreRefused()
    {
        var cells = new[] { 123.0, 41, 7 }.Select((v, i) => new CountCell(StepLabel(Steps.Categories[i]), null, v));
        Assert.Throws<UnprotectedCountException>(() => CountTable.FromUnprotected(cells));
    }

    [Fact]
    public void Counts_ReleasedUnprotectedWithReason_ShowsTheReason()
    {
        var table = global::Workbench.Disclosure.Disclosure.ReleaseUnprotected(FrequencyTable.FromCounts([1230, 410, 170], Steps), "published in the annual report 2024", "test table");
        var fig = Figures.Chain("f", Title, ChartData.Counts(table.CountsAlong(0), StepLabel), SampleFigures.RegisterSource);
        Assert.Contains(fig.Notes(Language.En), n => n.Contains("published in the annual report 2024", StringComparison.Ordinal));
    }

    [Fact]
    public void Counts_TwoDimensionalTable_RowsAndColumnsBecomeCategoriesAndGroups()
    {
        var table = global::Workbench.Disclosure.Disclosure.Protect(FrequencyTable.FromCounts(new long[,] { { 120, 80 }, { 60, 45 } },
            new TableDimension("stage", ["suspects", "prosecuted"]), new TableDimension("year", ["2022", "2023"])));
        var counts = ChartData.Counts(table);
        Assert.Equal(4, counts.Cells.Count);
        Assert.Equal("2023", counts.Cells[1].Group!.En);
        var fig = Figures.Chain("f", Title, counts, SampleFigures.RegisterSource);
        Assert.Contains("2022: suspects 120", fig.AltText(Language.En));
    }

    [Fact]
    public void Proportions_FromSurveyEstimates_KeepIntervals()
    {
        SurveyEstimate E(string domain, double p, double lo, double hi) => new(domain, 500, 100, 0, 1000, p, 0.02, lo, hi, 0.95, 40, 1.3, 400, "logit");
        var points = ChartData.Proportions([E("f", 0.48, 0.45, 0.51), E("m", 0.17, 0.15, 0.19)], new("sexual violence", "seksueel geweld"),
            d => d == "f" ? SampleFigures.Girls : SampleFigures.Boys);
        var fig = Figures.Prevalence("f", new("Girls report more", "Meisjes melden meer"), points, SampleFigures.SurveySource);
        Assert.Equal("Bar chart, sexual violence: 48% of girls (95% CI 45\u201351%) and 17% of boys (95% CI 15\u201319%).", fig.AltText(Language.En));
        var single = ChartData.Proportion(new ProportionEstimate(48, 100, 0.48, 0.38, 0.58, 0.95, ProportionMethod.Wilson), Bilingual.Same("x"), SampleFigures.Girls);
        Assert.Equal(0.38, single.Lower);
    }

    [Fact]
    public void Range_FromMseResult_ShowsObservedBesideEstimate()
    {
        var result = new MseResult(Observed: 1300, Estimate: 6200, DarkFigure: 4900, Lower: 5000, Upper: 7500, Model: [], ModelNotation: "[1,2,3]",
            Deviance: 1, Df: 1, Aic: 1, Bic: 1, Method: "fixed", Ci: "wald", Level: 0.95, Lists: ["A", "B", "C"], Cells: [], Levels:
            [new LevelEstimate("age", "child", 400, 2000, 1600, 1500, 2600), new LevelEstimate("age", "adult", 900, 4200, 3300, 3400, 5000)],
            FixedAtMinusInfinity: [], ModelsConsidered: 1, Skipped: [], BootstrapReplicates: 0);
        var row = ChartData.Range(result, Bilingual.Same("2022"));
        Assert.Equal((5000.0, 6200.0, 7500.0, 1300.0), (row.Low, row.Point, row.High, row.Registered!.Value));
        var rows = ChartData.Ranges(result, "age", l => l == "child" ? new("children", "kinderen") : new("adults", "volwassenen"));
        Assert.Equal(["children", "adults"], rows.Select(r => r.Category.En));
        Assert.Throws<ArgumentException>(() => ChartData.Ranges(result, "gender"));
    }

    [Fact]
    public void Proportions_FromDataFrame_UseDictionaryLabels()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("gender", ["f", "m"]),
            new StringDataFrameColumn("outcome", ["sv", "sv"]),
            new DoubleDataFrameColumn("p", [0.48, 0.17]),
            new DoubleDataFrameColumn("lo", [0.45, 0.15]),
            new DoubleDataFrameColumn("hi", [0.51, 0.19]));
        var dictionary = new DataDictionary
        {
            Name = "x", Title = new("x", "x"), Source = "synthetic", Synthetic = true, Licence = "CC0-1.0", UnitOfObservation = "estimate",
            Columns =
            [
                new ColumnDefinition { Name = "gender", Type = ColumnType.Category, Label = new("Gender", "Geslacht"),
                    Codes = [new CategoryCode("f", SampleFigures.Girls), new CategoryCode("m", SampleFigures.Boys)] },
            ],
        };
        var points = ChartData.Proportions(frame, category: "outcome", group: "gender", estimate: "p", lower: "lo", upper: "hi", dictionary);
        Assert.Equal(SampleFigures.Girls, points[0].Group);
        Assert.Equal("sv", points[0].Category.En);
        var ex = Assert.Throws<ArgumentException>(() => ChartData.Proportions(frame, "outcome", "sex", "p", "lo", "hi"));
        Assert.Contains("no column 'sex'", ex.Message);
        var trend = ChartData.Trend(frame, period: "outcome", series: "gender", estimate: "p", dictionary: dictionary);
        Assert.Null(trend[0].Lower);
    }
}
