using Workbench.Export;

namespace Workbench.Tests.Charts;

/// <summary>Value labels stand clear of the whisker caps (issue 15: labels on whisker caps were hard to read).</summary>
public sealed class ValueLabelTests
{
    [Fact]
    public void Prevalence_ValueLabels_StandAboveTheWhiskerCaps()
    {
        var spec = FigureSpec.From(SampleFigures.Prevalence(), Language.En);
        var traces = spec.Plotly["data"]!.AsArray();
        var axisMax = spec.Plotly["layout"]!["yaxis"]!["range"]![1]!.GetValue<double>();
        var bars = traces.Where(t => (string?)t!["type"] == "bar").ToList();
        var labels = traces.Where(t => (string?)t!["mode"] == "text").ToList();
        Assert.Equal(bars.Count, labels.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            var y = bars[i]!["y"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            var up = bars[i]!["error_y"]!["array"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            var at = labels[i]!["y"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            for (var j = 0; j < y.Length; j++)
                Assert.True(at[j] - (y[j] + up[j]) >= 0.02 * axisMax, $"label {j} of series {i} sits at {at[j]}, the cap at {y[j] + up[j]}");
        }
    }
}
