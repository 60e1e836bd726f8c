using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Charts;
using Workbench.Data;

namespace Workbench.Tests.Charts;

public sealed class FigureTests
{
    [Fact]
    public void AltText_Prevalence_DescribesEstimatesWithIntervals()
    {
        var fig = SampleFigures.Prevalence();
        Assert.Equal(
            "Bar chart. any sexual violence: 48.0% of girls (95% CI 45.0\u201351.0%) and 17.0% of boys (95% CI 15.0\u201319.0%); " +
            "physical contact: 21.0% of girls (95% CI 18.5\u201323.7%) and 6.2% of boys (95% CI 5.0\u20137.6%).",
            fig.AltText(Language.En));
        Assert.Equal(
            "Staafdiagram. enig seksueel geweld: 48,0% van de meisjes (95%-BI 45,0\u201351,0%) en 17,0% van de jongens (95%-BI 15,0\u201319,0%); " +
            "fysiek contact: 21,0% van de meisjes (95%-BI 18,5\u201323,7%) en 6,2% van de jongens (95%-BI 5,0\u20137,6%).",
            fig.AltText(Language.Nl));
    }

    [Fact]
    public void AltText_SingleCategory_ReadsAsOneSentence()
    {
        var fig = Figures.Prevalence("f", new("Girls report more", "Meisjes melden meer"),
            [new(new("sexual violence", "seksueel geweld"), SampleFigures.Girls, 0.48, 0.45, 0.51),
             new(new("sexual violence", "seksueel geweld"), SampleFigures.Boys, 0.17, 0.15, 0.19)],
            SampleFigures.SurveySource);
        Assert.Equal("Bar chart, sexual violence: 48% of girls (95% CI 45\u201351%) and 17% of boys (95% CI 15\u201319%).", fig.AltText(Language.En));
    }

    [Fact]
    public void AltText_OtherKinds_AreGeneratedFromTheData()
    {
        Assert.Equal("Funnel chart. suspects 1,200, prosecuted 800 (67% of suspects), convicted 300 (25% of suspects).",
            SampleFigures.Chain().AltText(Language.En));
        Assert.Equal("Trechterdiagram. verdachten 1.200, vervolgd 800 (67% van verdachten), veroordeeld 300 (25% van verdachten).",
            SampleFigures.Chain().AltText(Language.Nl));
        Assert.Equal("Range chart. 2021: estimated 5,000\u20137,500 (95% CI; point estimate 6,200), against 1,300 registered; " +
                     "2022: estimated 4,600\u20137,300 (95% CI; point estimate 5,800), against 1,250 registered.",
            SampleFigures.EstimateRange().AltText(Language.En));
        Assert.StartsWith("Line chart with confidence band. girls: from 12.0% in 2017 (95% CI 10.0\u201314.0%) to 19.0% in 2024",
            SampleFigures.Trend().AltText(Language.En));
        Assert.Equal("100% stacked bar chart. girls: partner or ex-partner 35%, acquaintance 40%, stranger 25%; " +
                     "boys: partner or ex-partner 20%, acquaintance 50%, stranger 30%.", SampleFigures.Composition().AltText(Language.En));
        Assert.StartsWith("4 panelen naast elkaar. Noord: Staafdiagram, enig seksueel geweld: 45% van de meisjes", SampleFigures.SmallMultiples().AltText(Language.Nl));
    }

    [Fact]
    public void AltText_EveryKind_DiffersFromTitle()
    {
        foreach (var fig in SampleFigures.All())
            foreach (var lang in new[] { Language.En, Language.Nl })
            {
                Assert.False(string.IsNullOrWhiteSpace(fig.AltText(lang)));
                Assert.NotEqual(fig.Title.In(lang), fig.AltText(lang));
            }
    }

    [Fact]
    public void WithAltText_RepeatingTitle_IsRefused()
    {
        var fig = SampleFigures.Chain();
        var ex = Assert.Throws<ArgumentException>(() => fig.WithAltText(new(fig.Title.En, "Iets anders")));
        Assert.Contains("repeats the title", ex.Message);
        Assert.Throws<ArgumentException>(() => fig.WithAltText(new("", "")));
        Assert.Equal("Custom", fig.WithAltText(new("Custom", "Eigen")).AltText(Language.En));
    }

    [Fact]
    public void SourceLine_SyntheticData_SaysSo()
    {
        Assert.Equal("Source: Police and Public Prosecution Service registers (synthetic data).", SampleFigures.Chain().SourceLine(Language.En));
        Assert.Equal("Bron: Registraties van politie en Openbaar Ministerie (synthetische data).", SampleFigures.Chain().SourceLine(Language.Nl));
        Assert.Equal("Source: Registers.", SampleFigures.Chain().WithSource(new("Registers", "Registraties")).SourceLine(Language.En));
        // Already says so: not repeated.
        Assert.DoesNotContain("(synthetic data)", SampleFigures.Prevalence().SourceLine(Language.En));
    }

    [Fact]
    public void Caption_UsesNumberAndLanguage()
    {
        Assert.StartsWith("Figure 1. Girls report", SampleFigures.Prevalence().Caption(Language.En));
        Assert.StartsWith("Figuur 1. Meisjes melden", SampleFigures.Prevalence().Caption(Language.Nl));
    }

    [Fact]
    public void ToPlotlyJson_SameFigure_IsIdentical()
    {
        foreach (var fig in SampleFigures.All())
            Assert.Equal(fig.ToPlotlyJson(Language.Nl), SampleFigures.All().Single(f => f.Id == fig.Id).ToPlotlyJson(Language.Nl));
    }

    [Fact]
    public void ToPlotlyJson_Dutch_UsesDecimalCommaAndDutchLabels()
    {
        var json = JsonNode.Parse(SampleFigures.Prevalence().ToPlotlyJson(Language.Nl))!;
        Assert.Equal(",.", (string?)json["layout"]!["separators"]);
        var texts = json["data"]!.AsArray().SelectMany(t => t!["text"]?.AsArray().Select(x => (string?)x) ?? []).ToList();
        Assert.Contains("48,0%", texts);
        Assert.Equal("meisjes", (string?)json["data"]![0]!["name"]);
        var en = JsonNode.Parse(SampleFigures.Prevalence().ToPlotlyJson(Language.En))!;
        Assert.Equal(".,", (string?)en["layout"]!["separators"]);
    }

    [Fact]
    public void ToPlotlyJson_HouseStyle_PaletteFontAndNonColourCue()
    {
        var json = JsonNode.Parse(SampleFigures.Prevalence().ToPlotlyJson(Language.En))!;
        var bars = json["data"]!.AsArray().Where(t => (string?)t!["type"] == "bar").ToList();
        Assert.Equal(HouseStyle.Palette[0], (string?)bars[0]!["marker"]!["color"]);
        Assert.Equal(HouseStyle.Palette[1], (string?)bars[1]!["marker"]!["color"]);
        Assert.NotEqual((string?)bars[0]!["marker"]!["pattern"]!["shape"], (string?)bars[1]!["marker"]!["pattern"]!["shape"]);
        Assert.Equal(HouseStyle.FontFamily, (string?)json["layout"]!["font"]!["family"]);
        Assert.Equal(605, (int)json["layout"]!["width"]!);
        Assert.False((bool)json["layout"]!["xaxis"]!["showgrid"]!);
        Assert.True((bool)json["layout"]!["yaxis"]!["showgrid"]!);
    }

    [Fact]
    public void ToPlotlyJson_UserText_IsEscapedForPlotly()
    {
        var fig = SampleFigures.Chain().WithSubtitle(new("<b>A & B</b>", "<i>x</i>"));
        var json = fig.ToPlotlyJson(Language.En);
        Assert.Contains("&lt;b&gt;A &amp; B&lt;/b&gt;", JsonNode.Parse(json)!["layout"]!["annotations"]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void DataSha256_ChangesWithData_NotWithStyle()
    {
        var a = SampleFigures.Chain();
        Assert.Equal(a.DataSha256, a.WithNumber(9).WithSubtitle(new("x", "y")).DataSha256);
        var b = Figures.Chain("fig-chain", a.Title, CountTable.FromUnprotected(
            [new CountCell(new("suspects", "verdachten"), null, 1201), new CountCell(new("prosecuted", "vervolgd"), null, 800)]), a.Source);
        Assert.NotEqual(a.DataSha256, b.DataSha256);
        Assert.Matches("^[0-9a-f]{64}$", a.DataSha256);
    }

    [Fact]
    public void Prevalence_PercentagesInsteadOfProportions_AreRefusedWithTheFix()
    {
        var ex = Assert.Throws<ArgumentException>(() => Figures.Prevalence("f", new("t", "t"),
            [new(new("a", "a"), SampleFigures.Girls, 48, 45, 51)], SampleFigures.SurveySource));
        Assert.Contains("proportions, not percentages", ex.Message);
        Assert.Throws<ArgumentException>(() => Figures.Prevalence("f", new("t", "t"),
            [new(new("a", "a"), SampleFigures.Girls, double.NaN, 0.1, 0.2)], SampleFigures.SurveySource));
    }

    [Fact]
    public void Figure_MissingDutchTitle_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Figures.Chain("f", new("Title", ""), SampleFigures.ChainCounts(), SampleFigures.RegisterSource));
        Assert.Contains("English and Dutch", ex.Message);
    }

    [Fact]
    public void EveryKind_RendersBothLanguages()
    {
        foreach (var fig in SampleFigures.All())
            foreach (var lang in new[] { Language.En, Language.Nl })
            {
                var json = JsonNode.Parse(fig.ToPlotlyJson(lang))!;
                Assert.NotEmpty(json["data"]!.AsArray());
                Assert.Contains(fig.SourceLine(lang), json["layout"]!["annotations"]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
    }
}
