using System.Text.Json.Nodes;
using Workbench.Export;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Export;

/// <summary>
/// Issue 13: the static SVG fallback of a figure output is drawn from what the output carries: a Workbench figure from
/// its bundle, a plain plotly figure (a Plotly.NET chart) from its plotly value; nothing for other outputs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SvgFallbackTests(BrowserFixture browser)
{
    private const string BarChart = """{"data":[{"type":"bar","x":["north","south"],"y":[12,7]}],"layout":{"title":{"text":"<b>Cases</b> by region"}}}""";

    [SkippableFact]
    public async Task RenderSvg_PlainPlotlyFigureWithoutSize_DrawnAtPlotlyDefaultSizeAndDescribed()
    {
        var exporter = browser.Require();
        var figure = JsonNode.Parse(BarChart)!.AsObject();

        var svg = await exporter.RenderSvgAsync(figure, "Cases by region", "Bar chart of cases by region");

        var root = svg[..(svg.IndexOf('>', StringComparison.Ordinal) + 1)];
        Assert.Contains(" width=\"700\"", root);
        Assert.Contains(" height=\"450\"", root);
        Assert.StartsWith("<title>Cases by region</title><desc>Bar chart of cases by region</desc>", svg[root.Length..]);
        Assert.Contains(">north<", svg);
        Assert.Null(figure["layout"]!["width"]);
        System.Xml.Linq.XDocument.Parse(svg);
    }

    [SkippableFact]
    public async Task SvgFallback_PlotlyOutputWithoutBundle_TitledByItsLayout()
    {
        var exporter = browser.Require();
        var data = new JsonObject { [FigureMime.Plotly] = BarChart, ["text/plain"] = new JsonArray("Plotly chart") };

        var svg = await FigureMime.SvgFallbackAsync(exporter, data);

        Assert.NotNull(svg);
        Assert.Contains("<title>Cases by region</title><desc>Plotly chart</desc>", svg);
        Assert.Contains(">south<", svg);
    }

    [SkippableFact]
    public async Task SvgFallback_WorkbenchBundle_DrawsTheLanguageShown()
    {
        var exporter = browser.Require();
        var en = FigureSpec.From(SampleFigures.Chain(), Language.En);
        var nl = FigureSpec.From(SampleFigures.Chain(), Language.Nl);
        var data = new JsonObject
        {
            [FigureMime.Plotly] = JsonNode.Parse(FigureMime.PlotlyJson(nl)),
            [FigureMime.Bundle] = JsonNode.Parse(FigureMime.BundleJson("nl", [en, nl])),
        };

        var svg = await FigureMime.SvgFallbackAsync(exporter, data);

        Assert.Equal(await exporter.RenderSvgAsync(nl), svg);
    }

    [SkippableFact]
    public async Task SvgFallback_OutputWithSvgOrWithoutFigure_DrawsNothing()
    {
        var exporter = browser.Require();
        Assert.Null(await FigureMime.SvgFallbackAsync(exporter, new JsonObject { [FigureMime.Plotly] = BarChart, [FigureMime.Svg] = "<svg/>" }));
        Assert.Null(await FigureMime.SvgFallbackAsync(exporter, new JsonObject { ["text/plain"] = "42", ["text/html"] = "<b>42</b>" }));
        Assert.Null(await FigureMime.SvgFallbackAsync(exporter, new JsonObject { [FigureMime.Plotly] = "{\"layout\":{}}" }));
    }
}
