using Workbench.Export;
using Workbench.Notebooks.Engine;

namespace Workbench.Tests.Polyglot;

/// <summary><c>#!mermaid</c> cells rendered to SVG at run time in headless Chromium: deterministic, errors named.</summary>
public sealed class MermaidKernelTests
{
    private const string Diagram = "#!mermaid\ngraph LR\n  data[Registrations] --> mse[Multiple systems estimation]\n  mse --> figure[Published figure]";

    internal static void RequireChromium()
    {
        try { ChromiumLocator.Find(); }
        catch (ChromiumNotFoundException missing) when (Environment.GetEnvironmentVariable("CI") != "true") { throw new SkipException(missing.Message); }
    }

    private static async Task<string> RenderAsync()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.RunAsync("mermaid", Diagram);
        return Assert.Single(result.Outputs, o => o.Kind == CellOutputKind.DisplayData).Data!["image/svg+xml"];
    }

    [SkippableFact]
    public async Task MermaidCell_Flowchart_DeterministicSvgWithLabels()
    {
        RequireChromium();
        var first = await RenderAsync();
        var second = await RenderAsync();
        Assert.StartsWith("<svg", first);
        Assert.Contains("Multiple systems estimation", first);
        Assert.DoesNotContain("<script", first);
        Assert.Equal(first, second);
    }

    [SkippableFact]
    public async Task MermaidCell_BadSyntax_FailsWithMermaidMessage()
    {
        RequireChromium();
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.SubmitAsync("mermaid", "#!mermaid\ngraph LR\n  a --> ");
        Assert.False(result.Succeeded);
        Assert.Equal("MermaidError", result.Outputs[^1].ErrorName);
        Assert.StartsWith("Mermaid: ", result.Outputs[^1].ErrorValue);
    }
}
