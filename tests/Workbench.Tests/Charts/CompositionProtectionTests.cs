using Sdc = Workbench.Disclosure.Disclosure;
using System.Reflection;
using System.Text.Json.Nodes;
using Workbench.Charts;
using Workbench.Data;
using Workbench.Disclosure;

namespace Workbench.Tests.Charts;

/// <summary>Composition charts of counts are fail-closed (issue 14): shares only from published counts, a suppressed cell shown as suppressed.</summary>
public class CompositionProtectionTests
{
    private static readonly Bilingual Title = new("Most units have no policy", "De meeste eenheden hebben geen beleid");
    private static readonly Bilingual Source = new("Synthetic register", "Synthetisch register");

    // unit a: 6 and 3 (all suppressed), unit b: 16 and 6 (6 suppressed), unit c: 16 and 17
    private static ProtectedTable Table() => Sdc.Protect(FrequencyTable.FromCounts(new long[,] { { 6, 3 }, { 16, 6 }, { 16, 17 }, { 24, 11 } },
        new TableDimension("unit", ["a", "b", "c", "d"]), new TableDimension("policy", ["no", "yes"])), new DisclosureOptions(MinimumCell: 10, RoundingBase: 5));

    private static JsonObject Plotly(Figure f) => JsonNode.Parse(f.ToPlotlyJson(Language.En))!.AsObject();

    [Fact]
    public void Composition_ProtectedTable_SharesArePublishedCountOverPublishedTotal()
    {
        var table = Table();
        var figure = Figures.Composition("c", Title, table, Source);
        var data = Plotly(figure)["data"]!.AsArray();

        var no = data.First(t => (string?)t!["name"] == "no")!["x"]!.AsArray().Select(v => v?.GetValue<double>()).ToList();
        for (var i = 0; i < 4; i++)
        {
            var cell = table[i, 0];
            var total = table[i, FrequencyTable.Total];
            if (cell.IsSuppressed || total.IsSuppressed) Assert.Null(no[i]);
            else Assert.Equal((double)cell.Value!.Value / total.Value!.Value, no[i]!.Value, 15);
        }
        Assert.Equal(NumberKind.RegisteredCounts, figure.Numbers);
        Assert.NotNull(figure.Disclosure);
    }

    [Fact]
    public void Composition_SuppressedCell_HasNoBarAndShowsTheSymbol()
    {
        var table = Table();
        Assert.True(table[1, 1].IsSuppressed);
        var figure = Figures.Composition("c", Title, table, Source);
        var data = Plotly(figure)["data"]!.AsArray();

        var yes = data.First(t => (string?)t!["name"] == "yes")!["x"]!.AsArray();
        Assert.Null(yes[1]);
        var marks = data.Single(t => (string?)t!["mode"] == "text")!;
        Assert.Contains(marks["text"]!.AsArray(), t => (string?)t == "x");
        Assert.Contains("b: no", figure.AltText(Language.En), StringComparison.Ordinal);
        Assert.Contains("yes x", figure.AltText(Language.En), StringComparison.Ordinal);
        Assert.Contains(figure.Notes(Language.En), n => n.Contains("x", StringComparison.Ordinal));
    }

    [Fact]
    public void Composition_Layout_RecordsNumbersKindAndSharesOfPublishedCounts()
    {
        var meta = Plotly(Figures.Composition("c", Title, Table(), Source))["layout"]!["meta"]!["workbench"]!;

        Assert.Equal("registered-counts", (string?)meta["numbers"]);
        Assert.Equal("published-counts", (string?)meta["sharesOf"]);
        var estimates = Plotly(SampleFigures.Composition())["layout"]!["meta"]!["workbench"]!;
        Assert.Equal("estimates", (string?)estimates["numbers"]);
        Assert.Null(estimates["sharesOf"]);
    }

    [Fact]
    public void Composition_RawSharesOverload_IsRefusedAtCompileTimeAndRunTime()
    {
        var method = typeof(Figures).GetMethods().Single(m => m.Name == "Composition"
            && m.GetParameters()[2].ParameterType == typeof(IEnumerable<CompositionPart>));
        var obsolete = method.GetCustomAttribute<ObsoleteAttribute>();

        Assert.NotNull(obsolete);
        Assert.True(obsolete.IsError);
        Assert.Contains("protected", obsolete.Message, StringComparison.Ordinal);
        var ex = Assert.Throws<TargetInvocationException>(() => method.Invoke(null, ["c", Title, Array.Empty<CompositionPart>(), Source, false]));
        Assert.IsType<UnprotectedCountException>(ex.InnerException);
    }

    [Fact]
    public void Composition_TableReleasedUnprotectedWithSmallCount_Throws()
    {
        var released = Sdc.ReleaseUnprotected(FrequencyTable.FromCounts(new long[,] { { 16, 6 }, { 16, 17 } },
            new TableDimension("unit", ["a", "b"]), new TableDimension("policy", ["no", "yes"])), reason: "national figures");

        var ex = Assert.Throws<UnprotectedCountException>(() => Figures.Composition("c", Title, released, Source));
        Assert.Contains("'a' / 'yes'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Protect the table first", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Composition_TableReleasedUnprotectedWithoutSmallCounts_IsShownAsShares()
    {
        var released = Sdc.ReleaseUnprotected(FrequencyTable.FromCounts(new long[,] { { 16, 16 }, { 16, 48 } },
            new TableDimension("unit", ["a", "b"]), new TableDimension("policy", ["no", "yes"])), reason: "national figures");

        var figure = Figures.Composition("c", Title, released, Source);

        Assert.Equal("100% stacked bar chart. a: no 50%, yes 50%; b: no 25%, yes 75%.", figure.AltText(Language.En));
    }

    [Fact]
    public void Composition_RowWithSuppressedTotal_ShowsNoBarsAndNoShares()
    {
        var table = Table();
        Assert.True(table[0, FrequencyTable.Total].IsSuppressed || table[0, 0].IsSuppressed);
        var shares = table.Shares(dimension: 1, at: [0, FrequencyTable.Total]);
        var figure = Figures.Composition("c", Title, [(Bilingual.Same("a"), shares)], Source);
        var bars = Plotly(figure)["data"]!.AsArray().Where(t => (string?)t!["type"] == "bar").ToList();

        Assert.All(bars, b => Assert.Null(b!["x"]!.AsArray()[0]));
        Assert.DoesNotContain("%", figure.AltText(Language.En)["100% stacked bar chart.".Length..], StringComparison.Ordinal);
    }

    [Fact]
    public void CompositionOfEstimates_ShowsEstimatesScaledToOne()
    {
        var figure = Figures.CompositionOfEstimates("e", Title,
            [new(Bilingual.Same("girls"), Bilingual.Same("known"), 3), new(Bilingual.Same("girls"), Bilingual.Same("stranger"), 1)], Source);

        Assert.Equal(NumberKind.Estimates, figure.Numbers);
        Assert.Equal("100% stacked bar chart. girls: known 75%, stranger 25%.", figure.AltText(Language.En));
    }

    [Fact]
    public void Trend_RegisteredCountsBelowTheMinimum_Throws()
    {
        var ex = Assert.Throws<UnprotectedCountException>(() => Figures.Trend("t", Title,
            [new TrendPoint("2021", Bilingual.Same("victims"), 40), new TrendPoint("2022", Bilingual.Same("victims"), 7)], Source, scale: ValueScale.Count));

        Assert.Contains("'victims' in 2022 is 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_RegisteredCounts_AreMarkedAsCounts()
    {
        var counts = Figures.Trend("t", Title,
            [new TrendPoint("2021", Bilingual.Same("victims"), 40), new TrendPoint("2022", Bilingual.Same("victims"), 70)], Source, scale: ValueScale.Count);
        var estimates = Figures.Trend("t", Title,
            [new TrendPoint("2021", Bilingual.Same("victims"), 4, 2, 6), new TrendPoint("2022", Bilingual.Same("victims"), 7, 5, 9)], Source, scale: ValueScale.Count);

        Assert.Equal(NumberKind.RegisteredCounts, counts.Numbers);
        Assert.Equal(NumberKind.Estimates, estimates.Numbers);
    }
}
