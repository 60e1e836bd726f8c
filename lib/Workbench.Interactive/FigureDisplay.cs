using Plotly.NET;
using Workbench.Charts;
using Figure = Workbench.Charts.Figure;
using Workbench.Export;

namespace Workbench.Interactive;

/// <summary>
/// How figures appear in a notebook: as the mime bundle Jupyter front ends render natively (<see cref="FigureMime"/>:
/// the plotly.js figure as <c>application/vnd.plotly.v1+json</c>, plus the Workbench bundle with the figure in both
/// languages for reports), never with plotly.js inlined; and, when the run's context names a figures folder, each
/// displayed figure saved there as a spec for <c>workbench export</c>.
/// </summary>
public static class FigureDisplay
{
    /// <summary>The language a <see cref="Figure"/> is shown in (default English). Use <c>figure.In(Language.Nl)</c> for one figure.</summary>
    public static Language Language { get; set; } = Language.En;

    /// <summary>Starts a new document (kept for kernel restarts: the display state is per kernel).</summary>
    public static void Reset() => Language = Language.En;

    /// <summary>The plotly mime value of <paramref name="figure"/> in <paramref name="language"/>.</summary>
    public static string PlotlyJson(Figure figure, Language language) => FigureMime.PlotlyJson(FigureSpec.From(figure, language));

    /// <summary>
    /// The Workbench bundle of <paramref name="figure"/> in English and Dutch, <see cref="Language"/> shown, so a report
    /// can write either page from one run; saves its spec when the run's context names a figures folder.
    /// </summary>
    public static string BundleJson(Figure figure)
    {
        FigureSpecStore.SaveIfRequested(figure);
        return FigureMime.BundleJson(Language.Code(), [FigureSpec.From(figure, Language.En), FigureSpec.From(figure, Language.Nl)]);
    }

    /// <summary>The Workbench bundle of <paramref name="figure"/> in <paramref name="language"/> only; saves its spec as <see cref="BundleJson(Figure)"/> does.</summary>
    public static string BundleJson(Figure figure, Language language)
    {
        FigureSpecStore.SaveIfRequested(figure);
        return FigureMime.BundleJson(language.Code(), [FigureSpec.From(figure, language)]);
    }

    /// <summary>The plotly mime value of a plain Plotly.NET chart: its plotly.js figure.</summary>
    public static string PlotlyJson(GenericChart chart) => GenericChart.toFigureJson(chart);
}
