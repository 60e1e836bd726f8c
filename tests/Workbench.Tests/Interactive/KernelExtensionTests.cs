using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using System.Text.Json.Nodes;
using Workbench.Charts;
using Workbench.Export;
using Workbench.Interactive;
using Workbench.Provenance;
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
    public async Task Extension_FormatsFiguresAsPlotlyMimeBundle_NoPlotlyJs_SavesSpecsToRunContext()
    {
        var folder = Directory.CreateTempSubdirectory("wb-figures-").FullName;
        var previous = RunContext.Current;
        RunContext.Current = new RunContext(FiguresFolder: folder);
        try
        {
            using var kernel = new CompositeKernel();
            await new WorkbenchKernelExtension().OnLoadAsync(kernel);
            var fig = SampleFigures.Chain();

            Assert.Equal([FigureMime.Plotly, FigureMime.Bundle, PlainTextFormatter.MimeType], Formatter.GetPreferredMimeTypesFor(typeof(Figure)));
            var plotly = JsonNode.Parse(Formatter.ToDisplayString(fig, FigureMime.Plotly))!;
            Assert.NotNull(plotly["data"]);
            Assert.NotNull(plotly["layout"]);
            var bundle = FigureMime.ReadBundle(JsonNode.Parse(Formatter.ToDisplayString(fig, FigureMime.Bundle)))!.Value;
            // A figure shown plainly carries both languages, so a report renders either page from one run.
            Assert.Equal("en", bundle.Shown);
            Assert.Equal(["en", "nl"], bundle.Specs.Keys.Order(StringComparer.Ordinal));
            Assert.Contains("Trechterdiagram", bundle.Specs["nl"].AltText);
            var dutch = FigureMime.ReadBundle(JsonNode.Parse(Formatter.ToDisplayString(fig.In(Language.Nl), FigureMime.Bundle)))!.Value;
            Assert.Equal("nl", dutch.Shown);
            Assert.Equal(["nl"], dutch.Specs.Keys);
            Assert.DoesNotContain(PlotlyJs.Source[..200], Formatter.ToDisplayString(fig, FigureMime.Plotly));
            Assert.DoesNotContain("cdn.plot.ly", Formatter.ToDisplayString(fig, FigureMime.Plotly));

            Assert.Equal(["fig-chain.en.json", "fig-chain.nl.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var spec = FigureSpec.Read(Path.Combine(folder, "fig-chain.nl.json"));
            Assert.Equal(fig.DataSha256, spec.DataSha256);
            Assert.Equal(fig.AltText(Language.Nl), spec.AltText);
        }
        finally
        {
            RunContext.Current = previous;
            Directory.Delete(folder, recursive: true);
            Formatter.ResetToDefault();
        }
    }
}
