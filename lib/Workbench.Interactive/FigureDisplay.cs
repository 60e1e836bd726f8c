using Plotly.NET;
using Workbench.Charts;
using Figure = Workbench.Charts.Figure;
using Workbench.Export;

namespace Workbench.Interactive;

/// <summary>
/// How figures appear in a notebook: offline HTML (plotly.js inlined once per document, in the first figure's output),
/// element ids derived from the figure id, and, when <c>WORKBENCH_FIGURES</c> names a folder, each displayed figure
/// saved there as a spec for <c>workbench export</c>.
/// </summary>
public static class FigureDisplay
{
    /// <summary>The environment variable that sets the default display language ("en" or "nl").</summary>
    public const string LanguageVariable = "WORKBENCH_LANG";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, int> Shown = new(StringComparer.Ordinal);
    private static bool _plotlyIncluded;

    /// <summary>The language a <see cref="Figure"/> is shown in (default: <c>WORKBENCH_LANG</c>, else English). Use <c>figure.In(Language.Nl)</c> for one figure.</summary>
    public static Language Language { get; set; } = DefaultLanguage();

    /// <summary>Starts a new document: the next figure carries plotly.js again and ids restart.</summary>
    public static void Reset()
    {
        lock (Gate)
        {
            _plotlyIncluded = false;
            Shown.Clear();
        }
    }

    /// <summary>The HTML of <paramref name="figure"/> in <paramref name="language"/>; saves its spec when <c>WORKBENCH_FIGURES</c> is set.</summary>
    public static string Html(Figure figure, Language language)
    {
        FigureSpecStore.SaveIfRequested(figure);
        var spec = FigureSpec.From(figure, language);
        var (id, include) = Next("wb-" + SafeFileName.From(figure.Id) + "-" + language.Code());
        return FigureHtml.Fragment(spec, id, include);
    }

    /// <summary>
    /// The HTML of <paramref name="figure"/> in English and in Dutch (<see cref="LanguageHtml.Both"/>): the language of
    /// <see cref="Language"/> is shown, the other hidden, so a report can show either from one run. Saves its spec when
    /// <c>WORKBENCH_FIGURES</c> is set.
    /// </summary>
    public static string Html(Figure figure)
    {
        FigureSpecStore.SaveIfRequested(figure);
        var (en, includeEn) = Next("wb-" + SafeFileName.From(figure.Id) + "-en");
        var (nl, _) = Next("wb-" + SafeFileName.From(figure.Id) + "-nl");
        var english = FigureHtml.Fragment(FigureSpec.From(figure, Language.En), en, includePlotlyJs: false);
        var dutch = FigureHtml.Fragment(FigureSpec.From(figure, Language.Nl), nl, includePlotlyJs: false);
        var shared = includeEn ? "<script>" + PlotlyJs.Source + "</script>\n" : "";
        return LanguageHtml.Both(english, dutch, shared, Language.Code());
    }

    /// <summary>The HTML of a plain Plotly.NET chart, rendered offline like a figure.</summary>
    public static string Html(GenericChart chart)
    {
        var (id, include) = Next("wb-chart");
        return FigureHtml.ChartFragment(GenericChart.toFigureJson(chart), id, include);
    }

    /// <summary>A stable element id (the base, then base-2, base-3 ...) and whether this output must carry plotly.js.</summary>
    private static (string Id, bool IncludePlotly) Next(string baseId)
    {
        lock (Gate)
        {
            var n = Shown.GetValueOrDefault(baseId) + 1;
            Shown[baseId] = n;
            var include = !_plotlyIncluded;
            _plotlyIncluded = true;
            return (n == 1 ? baseId : baseId + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), include);
        }
    }

    private static Language DefaultLanguage()
    {
        var code = Environment.GetEnvironmentVariable(LanguageVariable);
        return LanguageExtensions.TryParseLanguage(code, out var language) ? language : Language.En;
    }
}
