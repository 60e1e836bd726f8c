using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Export;

/// <summary>
/// How a figure is stored in a notebook output, the way Jupyter front ends render it natively: the plotly.js figure as
/// <see cref="Plotly"/> (<c>{"data", "layout", "config"}</c>, drawn by JupyterLab, VS Code and nbviewer with their own
/// plotly.js), a static <see cref="Svg"/> fallback for viewers without plotly (<see cref="SvgFallbackAsync"/>: added by
/// the runner and by the Jupyter kernel, each through one browser per run or session), and <see cref="Bundle"/>: the figure's spec in each language it was shown in, from
/// which a report writes its English and Dutch pages after one run. No output carries plotly.js itself: only report
/// pages inline it, once per page.
/// </summary>
public static class FigureMime
{
    /// <summary>The plotly mime type Jupyter front ends render: <c>application/vnd.plotly.v1+json</c>.</summary>
    public const string Plotly = "application/vnd.plotly.v1+json";

    /// <summary>The static fallback's mime type: <c>image/svg+xml</c>.</summary>
    public const string Svg = "image/svg+xml";

    /// <summary>The Workbench figure bundle: <c>application/vnd.workbench.figure.v1+json</c>, <c>{"shown": "en", "figures": {"en": spec, "nl": spec}}</c>.</summary>
    public const string Bundle = "application/vnd.workbench.figure.v1+json";

    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The plotly mime value of <paramref name="spec"/>: its plotly.js figure.</summary>
    public static string PlotlyJson(FigureSpec spec) => spec.Plotly.ToJsonString(Compact);

    /// <summary>The bundle of <paramref name="specs"/> (one per language), <paramref name="shown"/> ("en" or "nl") being the language displayed.</summary>
    public static string BundleJson(string shown, IEnumerable<FigureSpec> specs)
    {
        var figures = new JsonObject();
        foreach (var spec in specs) figures[spec.Language] = JsonSerializer.SerializeToNode(spec, Compact);
        return new JsonObject { ["shown"] = shown, ["figures"] = figures }.ToJsonString(Compact);
    }

    /// <summary>
    /// Reads a bundle (as stored in an nbformat output: a JSON object, or its text): the language shown and the spec per
    /// language; null when <paramref name="node"/> is not a bundle.
    /// </summary>
    public static (string Shown, IReadOnlyDictionary<string, FigureSpec> Specs)? ReadBundle(JsonNode? node)
    {
        try
        {
            if (node is JsonValue v && v.TryGetValue<string>(out var text)) node = JsonNode.Parse(text);
            if (node?["figures"] is not JsonObject figures) return null;
            var specs = new Dictionary<string, FigureSpec>(StringComparer.Ordinal);
            foreach (var (language, spec) in figures)
                if (spec?.Deserialize<FigureSpec>(FigureSpec.JsonOptions) is { } s) specs[language] = s;
            var shown = (string?)node["shown"] ?? "en";
            return specs.Count == 0 ? null : (shown, specs);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Draws the static fallback (<see cref="Svg"/>) of one output's mime bundle through <paramref name="exporter"/>: a
    /// Workbench figure from its <see cref="Bundle"/> (in the language shown), any other plotly figure (a plain Plotly.NET
    /// chart) from its <see cref="Plotly"/> value, titled by its layout title and described by the output's text/plain.
    /// Null when <paramref name="data"/> holds no figure or already has an SVG.
    /// </summary>
    /// <param name="exporter">The browser that draws it.</param>
    /// <param name="data">The output's data as nbformat or the Jupyter protocol stores it (JSON values as objects or text, text as a string or lines); not changed.</param>
    public static async Task<string?> SvgFallbackAsync(FigureExporter exporter, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentNullException.ThrowIfNull(data);
        if (data.ContainsKey(Svg)) return null;
        if (ReadBundle(data[Bundle]) is { } bundle)
            return await exporter.RenderSvgAsync(bundle.Specs.GetValueOrDefault(bundle.Shown) ?? bundle.Specs.Values.First()).ConfigureAwait(false);
        if (PlotlyFigure(data[Plotly]) is not { } figure) return null;
        var text = Text(data["text/plain"]);
        var title = Text(figure["layout"]?["title"] is JsonObject t ? t["text"] : figure["layout"]?["title"]);
        // plotly titles may carry HTML (<b>, <br>): the SVG's title is plain text.
        title = title is null ? null : System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(title, "<[^>]*>", " "), @"\s+", " ").Trim();
        return await exporter.RenderSvgAsync(figure, string.IsNullOrEmpty(title) ? text ?? "Plotly chart" : title, text ?? "").ConfigureAwait(false);
    }

    /// <summary>A plotly.js figure (an object with a <c>data</c> array) stored as an object or as its text; null otherwise.</summary>
    private static JsonObject? PlotlyFigure(JsonNode? node)
    {
        try
        {
            if (node is JsonValue v && v.TryGetValue<string>(out var json)) node = JsonNode.Parse(json);
            return node is JsonObject { } figure && figure["data"] is JsonArray ? figure : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Text stored as a string or, as nbformat does, as a list of lines; null for anything else.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray lines when lines.All(l => l is JsonValue lv && lv.TryGetValue<string>(out _)) => string.Concat(lines.Select(l => l!.GetValue<string>())),
        _ => null,
    };

    /// <summary>
    /// The figure in an output's <paramref name="data"/> (its mime bundle) as HTML in both languages
    /// (<see cref="LanguageHtml.Both"/>), each rendering a <c>&lt;figure class="wb-figure"&gt;</c> whose plot element has
    /// the id <c>wb-ID-LANG</c>, without plotly.js (a page inlines it once); null when <paramref name="data"/> holds no bundle.
    /// </summary>
    /// <param name="data">The output's data (its mime bundle).</param>
    /// <param name="uniqueId">Makes a plot element's id unique on its page (default: the id as it is); a figure shown twice needs a second id.</param>
    public static string? Html(JsonNode? data, Func<string, string>? uniqueId = null)
    {
        if (ReadBundle(data?[Bundle]) is not { } bundle) return null;
        string Part(string code)
        {
            var spec = bundle.Specs.GetValueOrDefault(code) ?? bundle.Specs.GetValueOrDefault(bundle.Shown) ?? bundle.Specs.Values.First();
            var id = "wb-" + SafeFileName.From(spec.Id) + "-" + code;
            return FigureHtml.Fragment(spec, uniqueId is null ? id : uniqueId(id), includePlotlyJs: false);
        }
        return LanguageHtml.Both(Part("en"), Part("nl"), shown: bundle.Shown);
    }
}
