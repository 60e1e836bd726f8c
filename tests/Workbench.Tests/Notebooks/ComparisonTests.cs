using System.Text.Json.Nodes;
using Workbench.Notebooks.Verification;

namespace Workbench.Tests.Notebooks;

public sealed class ComparisonTests
{
    [Theory]
    [InlineData("id 3f2504e0-4f89-11d3-9a0c-0305e82c3301 end", "id <guid> end")]
    [InlineData("at 2026-11-28T17:35:10.123Z ok", "at <timestamp> ok")]
    [InlineData("took 00:00:01.2345678", "took <time>")]
    [InlineData("took 12.5 ms and 3 s", "took <duration> and <duration>")]
    [InlineData("file /tmp/wb-x1/data.csv read", "file <temp> read")]
    [InlineData("at Submission#12.<Initialize>", "at Submission#<n>.<Initialize>")]
    [InlineData("<>f__AnonymousType0#5<String,Int32>", "<>f__AnonymousType#<n><String,Int32>")]
    [InlineData("a  \r\nb\r\n", "a\nb")]
    public void Sanitize_VolatileParts_Replaced(string input, string expected) =>
        Assert.Equal(expected, OutputSanitizer.Sanitize(input));

    [Fact]
    public void Sanitize_PlainNumbers_Kept() => Assert.Equal("n = 120, p = 0.25", OutputSanitizer.Sanitize("n = 120, p = 0.25"));

    [Theory]
    [InlineData("x = 1.0000000001", "x = 1.0", 1e-9, 0, true)]
    [InlineData("x = 1.01", "x = 1.0", 1e-9, 0, false)]
    [InlineData("x = 1.01", "x = 1.0", 0, 0.05, true)]
    [InlineData("x = -2e-3", "x = -0.002", 1e-9, 0, true)]
    [InlineData("x = 1 and 2", "x = 1 and 3", 1e-9, 0, false)]
    public void TextComparer_NumbersWithinTolerance(string stored, string fresh, double rtol, double atol, bool same) =>
        Assert.Equal(same, TextComparer.Compare(stored, fresh, new Tolerance(rtol, atol)) is null);

    [Fact]
    public void TextComparer_TextChanged_NamesLine() =>
        Assert.Equal("line 2: stored \"b\", now \"c\"", TextComparer.Compare("a\nb", "a\nc", new Tolerance()));

    private static string Chart(string id, string y, string title) => $$"""
        <div id="{{id}}"></div><script type="text/javascript">
        var renderPlotly_{{id}} = function() {
        var data = [{"type":"bar","x":["a","b"],"y":{{y}},"name":"count"}];
        var layout = {"title":{"text":"{{title}}"},"width":600};
        var config = {"responsive":true};
        Plotly.newPlot('{{id}}', data, layout, config);
        };
        </script>
        """;

    [Fact]
    public void Plotly_DifferentDivIds_SameChart()
    {
        Assert.Null(PlotlyComparer.Compare(Chart("a1b2", "[1,2.5]", "T"), Chart("ffee", "[1,2.5000000000001]", "T"), new Tolerance()));
    }

    [Fact]
    public void Plotly_ChangedValue_NamesTracePath()
    {
        var d = PlotlyComparer.Compare(Chart("a1", "[1,2.5]", "T"), Chart("a1", "[1,2.6]", "T"), new Tolerance())!;
        Assert.Equal("chart 1 data[0].y[1]: stored 2.5, now 2.6", Assert.Single(d));
    }

    [Fact]
    public void Plotly_ChangedTitle_Reported()
    {
        var d = PlotlyComparer.Compare(Chart("a1", "[1]", "Cases"), Chart("a1", "[1]", "Victims"), new Tolerance())!;
        Assert.Contains("chart 1 layout.title.text", Assert.Single(d));
    }

    [Fact]
    public void Plotly_InlineArguments_Extracted()
    {
        var charts = PlotlyComparer.Extract("<script>Plotly.newPlot(\"x\", [{\"y\":[1,2]}], {\"height\":300});</script>");
        var (data, layout) = Assert.Single(charts);
        Assert.Equal(2, data![0]!["y"]!.AsArray().Count);
        Assert.Equal(300, layout!["height"]!.GetValue<int>());
    }

    [Fact]
    public void OutputComparer_HtmlChartInDisplay_ComparedByData()
    {
        JsonArray Outputs(string html) => [new JsonObject
        {
            ["output_type"] = "display_data", ["metadata"] = new JsonObject(),
            ["data"] = new JsonObject { ["text/html"] = html },
        }];
        Assert.Empty(OutputComparer.Compare(Outputs(Chart("a", "[1]", "T")), Outputs(Chart("b", "[1]", "T")), new Tolerance()));
        Assert.Single(OutputComparer.Compare(Outputs(Chart("a", "[1]", "T")), Outputs(Chart("b", "[2]", "T")), new Tolerance()));
    }

    [Fact]
    public void OutputComparer_MissingOutput_Reported()
    {
        JsonArray one = [new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "x" }];
        Assert.Equal("output 1: stored stdout text, now missing", Assert.Single(OutputComparer.Compare(one, [], new Tolerance())));
    }
}
