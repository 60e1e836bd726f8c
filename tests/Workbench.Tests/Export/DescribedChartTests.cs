using System.Diagnostics;
using Workbench.Export;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Export;

/// <summary>Exported chart files describe themselves: SVG title and desc, PDF Title metadata (not "about:blank").</summary>
[Collection(BrowserCollection.Name)]
public sealed class DescribedChartTests(BrowserFixture browser) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-described-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public async Task Svg_Exported_HasCaptionAsTitleAndAltTextAsDesc()
    {
        var exporter = browser.Require();
        var spec = FigureSpec.From(SampleFigures.Chain(), Language.Nl);
        var svg = await exporter.RenderSvgAsync(spec);
        var root = svg[..(svg.IndexOf('>', StringComparison.Ordinal) + 1)];
        Assert.Contains(" role=\"img\"", root);
        var expected = "<title>" + System.Security.SecurityElement.Escape(spec.Title) + "</title><desc>" + System.Security.SecurityElement.Escape(spec.AltText) + "</desc>";
        Assert.StartsWith(expected, svg[root.Length..]);
        Assert.Equal(1, CountOf(svg, "<title>"));
        System.Xml.Linq.XDocument.Parse(svg);
    }

    [SkippableFact]
    public async Task Pdf_Exported_HasTheFigureCaptionAsTitleAndIsTagged()
    {
        var exporter = browser.Require();
        var spec = FigureSpec.From(SampleFigures.Chain(), Language.En);
        var pdf = Path.Combine(_dir, "chart.pdf");
        await File.WriteAllBytesAsync(pdf, await exporter.RenderPdfAsync(spec));
        var psi = new ProcessStartInfo("pdfinfo", [pdf]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var info = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Contains("Title:           " + spec.Title + "\n", info);
        Assert.DoesNotContain("about:blank", info);
        Assert.Matches(@"Tagged:\s+yes", info);
        Assert.Matches(@"Pages:\s+1\b", info);
    }

    private static int CountOf(string s, string what)
    {
        var n = 0;
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
