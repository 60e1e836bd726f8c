using System.Text.RegularExpressions;
using Workbench.Tests.Support;

namespace Workbench.Tests.Studies;

/// <summary>What a newcomer's clone holds: committed study notebooks name no developer's folder.</summary>
public sealed partial class CommittedNotebookTests
{
    public static TheoryData<string> Notebooks() =>
        new(Directory.GetFiles(RepoPaths.At("notebooks"), "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void StoredOutputs_CommittedNotebook_HoldNoAbsoluteMachinePath(string name)
    {
        var text = File.ReadAllText(RepoPaths.At("notebooks", name));
        var hits = MachinePath().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.True(hits.Count == 0, $"{name} holds absolute paths: {string.Join(", ", hits)}; store outputs with `workbench verify --update`.");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void CommittedNotebook_Size_Under300KB(string name)
    {
        var bytes = new FileInfo(RepoPaths.At("notebooks", name)).Length;
        Assert.True(bytes < 300 * 1024, $"{name} is {bytes / 1024} KB; figures are stored as application/vnd.plotly.v1+json with an SVG fallback, never with plotly.js inlined.");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void StoredFigures_CommittedNotebook_PlotlyMimeWithSvgFallbackAndNoPlotlyJs(string name)
    {
        var text = File.ReadAllText(RepoPaths.At("notebooks", name));
        Assert.DoesNotContain("* plotly.js v", text, StringComparison.Ordinal);
        var outputs = System.Text.Json.Nodes.JsonNode.Parse(text)!["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? []).Select(o => o!["data"]).OfType<System.Text.Json.Nodes.JsonObject>()
            .Where(d => d.ContainsKey(Workbench.Export.FigureMime.Bundle)).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, d =>
        {
            Assert.IsType<System.Text.Json.Nodes.JsonObject>(d[Workbench.Export.FigureMime.Plotly]);
            Assert.StartsWith("<svg", Workbench.Notebooks.Documents.NotebookWriter.MultilineText(d[Workbench.Export.FigureMime.Svg]), StringComparison.Ordinal);
        });
    }

    [GeneratedRegex(@"(?<![\w<])/(?:home|root|work|Users|tmp|var/folders)/[\w.\-/]+")]
    private static partial Regex MachinePath();
}
