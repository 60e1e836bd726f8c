using System.Text.Json.Nodes;
using Workbench.Charts;
using Workbench.Data;

namespace Workbench.Tests.Charts;

public sealed class DisclosureTests
{
    private static readonly Bilingual Title = new("Few cases reach court", "Weinig zaken komen voor de rechter");

    [Fact]
    public void Chain_SmallUnprotectedCount_IsRefusedWithTheFix()
    {
        var ex = Assert.Throws<UnprotectedCountException>(() => CountTable.FromUnprotected(
        [
            new CountCell(new("suspects", "verdachten"), null, 120),
            new CountCell(new("convicted", "veroordeeld"), null, 7),
        ]));
        Assert.Contains("'convicted'", ex.Message);
        Assert.Contains("below the minimum cell of 10", ex.Message);
        Assert.Contains("Protect the table first", ex.Message);
    }

    [Fact]
    public void EstimateRange_SmallRegisteredCount_IsRefused()
    {
        var ex = Assert.Throws<UnprotectedCountException>(() => Figures.EstimateRange("f", Title,
            [new RangePoint(Bilingual.Same("2023"), 20, 30, 45, Registered: 4)], SampleFigures.RegisterSource));
        Assert.Contains("(registered) is 4", ex.Message);
    }

    [Fact]
    public void Unprotected_ZeroAndLargeCounts_AreAccepted()
    {
        var table = CountTable.FromUnprotected([new CountCell(new("a", "a"), null, 0), new CountCell(new("b", "b"), null, 10)]);
        Assert.Null(table.Legend);
        Assert.Throws<UnprotectedCountException>(() => CountTable.FromUnprotected([new CountCell(new("a", "a"), null, 12)], minimumCell: 15));
    }

    [Fact]
    public void Protected_SuppressedCell_ShowsMarkAndLegend()
    {
        var table = CountTable.FromProtected(
        [
            new CountCell(new("suspects", "verdachten"), null, 120, CellStatus.Rounded),
            new CountCell(new("prosecuted", "vervolgd"), null, 40, CellStatus.Rounded),
            new CountCell(new("convicted", "veroordeeld"), null, null, CellStatus.Suppressed),
        ], new DisclosureLegend(MinimumCell: 10, RoundingBase: 5, SuppressedCells: 1, RoundedCells: 2));
        var fig = Figures.Chain("f", Title, table, SampleFigures.RegisterSource);
        Assert.Contains("Counts rounded to multiples of 5. x = not shown (fewer than 10 cases), to protect privacy.", fig.Notes(Language.En));
        Assert.Contains("Aantallen afgerond op veelvouden van 5. x = niet getoond (minder dan 10 gevallen), ter bescherming van de privacy.", fig.Notes(Language.Nl));
        var json = JsonNode.Parse(fig.ToPlotlyJson(Language.En))!;
        var texts = json["data"]![0]!["text"]!.AsArray().Select(t => (string?)t).ToList();
        Assert.Equal(["120", "40 (33%)", "x"], texts);
        Assert.Contains("convicted not shown", fig.AltText(Language.En));
    }

    [Fact]
    public void CompositionOfCounts_SuppressedCell_IsRefused()
    {
        var table = CountTable.FromProtected(
        [
            new CountCell(SampleFigures.Girls, new("known", "bekend"), 40, CellStatus.Protected),
            new CountCell(SampleFigures.Girls, new("stranger", "onbekend"), null, CellStatus.Suppressed),
        ], new DisclosureLegend(10, null, 1, 0));
        var ex = Assert.Throws<ArgumentException>(() => Figures.Composition("f", Title, table, SampleFigures.RegisterSource));
        Assert.Contains("would reveal it", ex.Message);
    }
}
