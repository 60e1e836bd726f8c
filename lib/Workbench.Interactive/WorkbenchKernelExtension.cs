using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using Workbench.Charts;
using Workbench.Reporting;
using Workbench.Tables;
using Figure = Workbench.Charts.Figure;

namespace Workbench.Interactive;

/// <summary>
/// The kernel extension shipped in the Workbench package (interactive-extensions/dotnet): registers HTML formatters
/// for <see cref="Figure"/>, <see cref="LocalizedFigure"/> and Plotly.NET's <see cref="GenericChart"/> that render
/// offline, replacing Plotly.NET.Interactive's CDN-based one, and the report's MIME types for
/// <see cref="PublicationTable"/> and <see cref="BoundValues"/>.
/// </summary>
public sealed class WorkbenchKernelExtension : IKernelExtension
{
    /// <summary>Registers the formatters; a new kernel is a new document, so plotly.js is included again.</summary>
    public Task OnLoadAsync(Kernel kernel)
    {
        FigureDisplay.Reset();
        Formatter.Register<Figure>((figure, writer) => writer.Write(FigureDisplay.Html(figure)), HtmlFormatter.MimeType);
        Formatter.Register<LocalizedFigure>((shown, writer) => writer.Write(FigureDisplay.Html(shown.Figure, shown.Language)), HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(FigureDisplay.Html(chart)), HtmlFormatter.MimeType);
        Formatter.Register<Figure>((figure, writer) => writer.Write(figure.Caption(FigureDisplay.Language) + "\n" + figure.AltText(FigureDisplay.Language)), PlainTextFormatter.MimeType);
        foreach (var type in new[] { typeof(Figure), typeof(LocalizedFigure), typeof(GenericChart) })
            Formatter.SetPreferredMimeTypesFor(type, HtmlFormatter.MimeType);
        // Publication tables and bound values say what they are by MIME type, so the report recognises them; editors show
        // the HTML (a table in the display language) or the plain text.
        Formatter.Register<PublicationTable>((table, writer) => writer.Write(table.BothHtml(FigureDisplay.Language)), PublishedMime.Table);
        Formatter.Register<PublicationTable>((table, writer) => writer.Write(table.BothHtml(FigureDisplay.Language)), HtmlFormatter.MimeType);
        Formatter.Register<PublicationTable>((table, writer) => writer.Write(table.ToText(FigureDisplay.Language)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(PublicationTable), PublishedMime.Table, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.Register<BoundValues>((values, writer) => writer.Write(values.ToJson()), PublishedMime.Values);
        Formatter.Register<BoundValues>((values, writer) => writer.Write(values.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(BoundValues), PublishedMime.Values, PlainTextFormatter.MimeType);
        if (KernelInvocationContext.Current is { } context)
            KernelInvocationContextExtensions.Display(context,
                "Workbench figures render offline (plotly.js inlined once per notebook).", PlainTextFormatter.MimeType);
        return Task.CompletedTask;
    }
}
