using System.Text.Json.Nodes;
using Workbench.Claims;
using Workbench.Export;
using Workbench.Notebooks.Studies;
using Workbench.Notebooks.Verification;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Studies;

/// <summary>
/// Issue 13: figures are stored in notebooks as the plotly mime bundle (no plotly.js), verify still compares their data
/// within the tolerance, and report pages draw them with one inlined plotly.js per page.
/// </summary>
public sealed class FigureOutputTests
{
    private static JsonObject FigureOutput(double scale = 1, string? svg = null)
    {
        var en = FigureSpec.From(SampleFigures.Chain(), Workbench.Text.Language.En);
        var nl = FigureSpec.From(SampleFigures.Chain(), Workbench.Text.Language.Nl);
        var plotly = JsonNode.Parse(FigureMime.PlotlyJson(en))!.AsObject();
        if (scale != 1) Scale(plotly, scale);
        var data = new JsonObject
        {
            [FigureMime.Plotly] = plotly,
            [FigureMime.Bundle] = JsonNode.Parse(FigureMime.BundleJson("en", [en, nl])),
            ["text/plain"] = new JsonArray("Figure 3."),
        };
        if (svg is not null) data[FigureMime.Svg] = new JsonArray(svg);
        return new JsonObject { ["data"] = data, ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };
    }

    private static void Scale(JsonObject plotly, double factor)
    {
        var trace = plotly["data"]![0]!.AsObject();
        foreach (var axis in new[] { "x", "y" })
            if (trace[axis] is JsonArray values && values.All(v => v is JsonValue j && j.TryGetValue<double>(out _)))
                trace[axis] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v!.GetValue<double>() * factor)).ToArray());
    }

    [Fact]
    public void Compare_PlotlyFigureValueChanged_IsADifference()
    {
        var differences = OutputComparer.Compare([FigureOutput()], [FigureOutput(scale: 1.5)], new Tolerance(1e-9, 0));
        Assert.Contains(differences, d => d.Contains(FigureMime.Plotly, StringComparison.Ordinal) && d.Contains("data[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_PlotlyFigureWithinTolerance_Agrees() =>
        Assert.Empty(OutputComparer.Compare([FigureOutput()], [FigureOutput(scale: 1 + 1e-12)], new Tolerance(1e-9, 0)));

    [Fact]
    public void Compare_OnlySvgFallbackDiffers_Agrees() =>
        Assert.Empty(OutputComparer.Compare([FigureOutput(svg: "<svg>a</svg>")], [FigureOutput(svg: "<svg>b</svg>")], new Tolerance(1e-9, 0)));

    [Fact]
    public void ReportPage_FigureBundles_DrawnInPageLanguageWithOnePlotlyJs()
    {
        var dir = Directory.CreateTempSubdirectory("wb-report-").FullName;
        try
        {
            var notebook = new JsonObject
            {
                ["cells"] = new JsonArray(new JsonObject
                {
                    ["cell_type"] = "code", ["source"] = new JsonArray("figure"), ["metadata"] = new JsonObject(),
                    ["outputs"] = new JsonArray(FigureOutput(svg: "<svg/>"), FigureOutput(svg: "<svg/>")),
                }),
                ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5,
            };
            var executed = Path.Combine(dir, "study.ipynb");
            File.WriteAllText(executed, notebook.ToJsonString());
            var pages = new[] { "en", "nl" }.Select(l => new StudyPage("study", l, executed, [], [])).ToList();

            StudyReport.Write(Path.Combine(dir, "report"), pages, Array.Empty<ClaimResult>());

            var nl = File.ReadAllText(Path.Combine(dir, "report", "study.nl.html"));
            Assert.Equal(1, Count(nl, PlotlyJs.Source));
            Assert.Contains("id=\"wb-fig-chain-nl\"", nl, StringComparison.Ordinal);
            Assert.Contains("id=\"wb-fig-chain-nl-2\"", nl, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(SampleFigures.Chain().AltText(Workbench.Text.Language.Nl)), nl, StringComparison.Ordinal);
            Assert.DoesNotContain("<svg/>", nl, StringComparison.Ordinal);
            var en = File.ReadAllText(Path.Combine(dir, "report", "study.en.html"));
            Assert.Contains("id=\"wb-fig-chain-en\"", en, StringComparison.Ordinal);
            Assert.DoesNotContain("wb-fig-chain-nl", en, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
