using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using Workbench.Charts;
using Workbench.Export;
using Workbench.Reporting;
using Workbench.Tables;
using Figure = Workbench.Charts.Figure;

namespace Workbench.Interactive;

/// <summary>
/// The kernel extension shipped in the Workbench package (interactive-extensions/dotnet): registers formatters for
/// <see cref="Figure"/>, <see cref="LocalizedFigure"/> and Plotly.NET's <see cref="GenericChart"/> that produce the
/// mime bundle Jupyter front ends render natively (<see cref="FigureMime.Plotly"/>, with the Workbench bundle and a
/// text description), replacing Plotly.NET.Interactive's CDN-based HTML. Nothing loads from the network and no output
/// carries plotly.js. It also registers the report's MIME types for <see cref="PublicationTable"/> (saving the
/// protected ones for the study's workbook, <see cref="ProtectedTableStore"/>) and <see cref="BoundValues"/>.
/// </summary>
public sealed class WorkbenchKernelExtension : IKernelExtension
{
    /// <summary>Registers the formatters.</summary>
    public Task OnLoadAsync(Kernel kernel)
    {
        FigureDisplay.Reset();
        Formatter.Register<Figure>((figure, writer) => writer.Write(FigureDisplay.PlotlyJson(figure, FigureDisplay.Language)), FigureMime.Plotly);
        Formatter.Register<Figure>((figure, writer) => writer.Write(FigureDisplay.BundleJson(figure)), FigureMime.Bundle);
        Formatter.Register<Figure>((figure, writer) => writer.Write(Describe(figure, FigureDisplay.Language)), PlainTextFormatter.MimeType);
        Formatter.Register<LocalizedFigure>((shown, writer) => writer.Write(FigureDisplay.PlotlyJson(shown.Figure, shown.Language)), FigureMime.Plotly);
        Formatter.Register<LocalizedFigure>((shown, writer) => writer.Write(FigureDisplay.BundleJson(shown.Figure, shown.Language)), FigureMime.Bundle);
        Formatter.Register<LocalizedFigure>((shown, writer) => writer.Write(Describe(shown.Figure, shown.Language)), PlainTextFormatter.MimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(FigureDisplay.PlotlyJson(chart)), FigureMime.Plotly);
        Formatter.Register<GenericChart>((_, writer) => writer.Write("Plotly chart"), PlainTextFormatter.MimeType);
        foreach (var type in new[] { typeof(Figure), typeof(LocalizedFigure) })
            Formatter.SetPreferredMimeTypesFor(type, FigureMime.Plotly, FigureMime.Bundle, PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), FigureMime.Plotly, PlainTextFormatter.MimeType);
        // Publication tables and bound values say what they are by MIME type, so the report recognises them; editors show
        // the HTML (a table in the display language) or the plain text.
        // A protected table shown for the report is also saved for the study's workbook when the run asks for it.
        Formatter.Register<PublicationTable>((table, writer) =>
        {
            ProtectedTableStore.SaveIfRequested(table);
            writer.Write(table.BothHtml(FigureDisplay.Language));
        }, PublishedMime.Table);
        Formatter.Register<PublicationTable>((table, writer) => writer.Write(table.BothHtml(FigureDisplay.Language)), HtmlFormatter.MimeType);
        Formatter.Register<PublicationTable>((table, writer) => writer.Write(table.ToText(FigureDisplay.Language)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(PublicationTable), PublishedMime.Table, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.Register<BoundValues>((values, writer) => writer.Write(values.ToJson()), PublishedMime.Values);
        Formatter.Register<BoundValues>((values, writer) => writer.Write(values.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(BoundValues), PublishedMime.Values, PlainTextFormatter.MimeType);
        if (KernelInvocationContext.Current is { } context)
            KernelInvocationContextExtensions.Display(context,
                "Workbench figures render as Plotly outputs (application/vnd.plotly.v1+json), offline.", PlainTextFormatter.MimeType);
        return Task.CompletedTask;
    }

    private static string Describe(Figure figure, Language language) => figure.Caption(language) + "\n" + figure.AltText(language);
}
