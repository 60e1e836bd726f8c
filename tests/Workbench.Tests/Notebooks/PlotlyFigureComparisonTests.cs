using Workbench.Notebooks.Verification;

namespace Workbench.Tests.Notebooks;

/// <summary>Regression: figures written by the workbench formatter (`var fig={...}; Plotly.newPlot(el, fig.data, fig.layout||{})`) are compared by their data.</summary>
public class PlotlyFigureComparisonTests
{
    private static string Html(double y) =>
        "<div id=\"wb-x-en\"></div><script>(function(){var fig={\"data\":[{\"type\":\"bar\",\"y\":[" +
        y.ToString(System.Globalization.CultureInfo.InvariantCulture) +
        "]}],\"layout\":{\"title\":\"t\"},\"config\":{}};var el=document.getElementById(\"wb-x-en\");Plotly.newPlot(el,fig.data,fig.layout||{},fig.config||{});})();</script>";

    [Fact]
    public void FormatterFigure_ChangedValue_IsADifference()
    {
        var differences = PlotlyComparer.Compare(Html(0.48), Html(0.47), new Tolerance(1e-9, 0));
        Assert.NotNull(differences);
        Assert.Contains(differences!, d => d.Contains("data[0].y[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void FormatterFigure_SameValue_Agrees() =>
        Assert.Null(PlotlyComparer.Compare(Html(0.48), Html(0.48), new Tolerance(1e-9, 0)));

    [Fact]
    public void UnreadableChart_IsADifference_NotSilentlyEqual() =>
        Assert.NotNull(PlotlyComparer.Compare("<script>Plotly.newPlot(el, mystery, other)</script>", "<script>Plotly.newPlot(el, mystery, other)</script>", new Tolerance(1e-9, 0)));
}
