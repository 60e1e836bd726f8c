using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Workbench.Charts;
using Workbench.Export;
using Workbench.Interactive;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Interactive;

/// <summary>The .NET Interactive formatter registry is process-wide: these tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FormatterCollection
{
    public const string Name = "dotnet-interactive-formatter";
}

[Collection(FormatterCollection.Name)]
public sealed class KernelExtensionTests
{
    [Fact]
    public async Task Extension_FormatsFiguresOffline_PlotlyOncePerDocument_SavesSpecs()
    {
        var folder = Directory.CreateTempSubdirectory("wb-figures-").FullName;
        var previous = Environment.GetEnvironmentVariable(FigureSpecStore.EnvironmentVariable);
        Environment.SetEnvironmentVariable(FigureSpecStore.EnvironmentVariable, folder);
        try
        {
            using var kernel = new CompositeKernel();
            await new WorkbenchKernelExtension().OnLoadAsync(kernel);
            var fig = SampleFigures.Chain();

            var first = Formatter.ToDisplayString(fig, HtmlFormatter.MimeType);
            var second = Formatter.ToDisplayString(fig.In(Language.Nl), HtmlFormatter.MimeType);
            var third = Formatter.ToDisplayString(fig, HtmlFormatter.MimeType);

            Assert.Contains(PlotlyJs.Source, first);
            Assert.DoesNotContain(PlotlyJs.Source, second);
            Assert.DoesNotContain(PlotlyJs.Source, third);
            // A figure shown plainly carries both languages (English shown, Dutch hidden), so a report renders either page from one run.
            Assert.Contains("<div class=\"wb-lang\" lang=\"en\">\n<figure", first);
            Assert.Contains("id=\"wb-fig-chain-en\"", first);
            Assert.Contains("<div class=\"wb-lang\" lang=\"nl\" hidden>\n<figure", first);
            Assert.Contains("id=\"wb-fig-chain-nl\"", first);
            Assert.Contains("id=\"wb-fig-chain-nl-2\"", second);
            Assert.DoesNotContain("wb-lang", second);
            Assert.Contains("id=\"wb-fig-chain-en-2\"", third);
            Assert.Contains("Trechterdiagram", second);
            Assert.DoesNotContain("cdn.plot.ly", second);

            Assert.Equal(["fig-chain.en.json", "fig-chain.nl.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var spec = FigureSpec.Read(Path.Combine(folder, "fig-chain.nl.json"));
            Assert.Equal(fig.DataSha256, spec.DataSha256);
            Assert.Equal(fig.AltText(Language.Nl), spec.AltText);

            // A new kernel is a new document: plotly.js is included again.
            await new WorkbenchKernelExtension().OnLoadAsync(kernel);
            Assert.Contains(PlotlyJs.Source, Formatter.ToDisplayString(SampleFigures.Trend(), HtmlFormatter.MimeType));
        }
        finally
        {
            Environment.SetEnvironmentVariable(FigureSpecStore.EnvironmentVariable, previous);
            Directory.Delete(folder, recursive: true);
            Formatter.ResetToDefault();
        }
    }
}
