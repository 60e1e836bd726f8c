using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using Workbench.Charts;
using Figure = Workbench.Charts.Figure;

namespace Workbench.Interactive;

/// <summary>
/// The kernel extension shipped in the Workbench package (interactive-extensions/dotnet): registers HTML formatters
/// for <see cref="Figure"/>, <see cref="LocalizedFigure"/> and Plotly.NET's <see cref="GenericChart"/> that render
/// offline, replacing Plotly.NET.Interactive's CDN-based one.
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
        if (KernelInvocationContext.Current is { } context)
            KernelInvocationContextExtensions.Display(context,
                "Workbench figures render offline (plotly.js inlined once per notebook).", PlainTextFormatter.MimeType);
        return Task.CompletedTask;
    }
}
