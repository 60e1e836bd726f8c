using System.Text.Json.Nodes;
using Workbench.Notebooks.Engine;

namespace Workbench.Tests.Polyglot;

/// <summary>
/// Study 01's independent check: its C# cell (read from the committed notebook) fails the run when R survey's
/// prevalence differs from Workbench's beyond 1e-9, and passes when they agree.
/// </summary>
public sealed class StudyRCheckTests
{
    private static string CheckCell()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        var nb = JsonNode.Parse(File.ReadAllText(Path.Combine(dir!.FullName, "notebooks", "01-sexual-violence-prevalence.ipynb")))!;
        var cell = nb["cells"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "01-10c")!;
        return string.Concat(cell["source"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [SkippableTheory]
    [InlineData(0.4813249153382510, true)]
    [InlineData(0.4813249183382510, false)]
    public async Task Study01Check_RDiffersBeyondTolerance_FailsTheCell(double fromR, bool passes)
    {
        PolyglotEngine.RequireKernel("r");
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("csharp", "var girls = new { Estimate = 0.4813249153382510 };");
        await engine.RunAsync("r", $"#!r\nr_girls <- {fromR.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        var result = await engine.SubmitAsync("csharp", CheckCell());
        Assert.Equal(passes, result.Succeeded);
        if (!passes) Assert.Contains("differ beyond 1e-9", result.Outputs[^1].ErrorValue);
    }
}
