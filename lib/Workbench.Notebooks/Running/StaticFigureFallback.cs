using System.Text.Json.Nodes;
using Workbench.Export;
using Workbench.Notebooks.Documents;

namespace Workbench.Notebooks.Running;

/// <summary>
/// Adds the static fallback (<see cref="FigureMime.Svg"/>) to each figure output (a Workbench figure or any plotly figure,
/// such as a plain Plotly.NET chart: <see cref="FigureMime.SvgFallbackAsync"/>), for viewers that do not run plotly
/// (GitHub, plain nbconvert). One headless Chromium serves a whole run or kernel session: it starts at the first figure
/// and ends with its owner (or is the run's shared browser, <see cref="RunOptions.FigureBrowser"/>), so a run pays its
/// start once, not once per figure or notebook. Without a browser the outputs keep their plotly figure only.
/// </summary>
internal sealed class StaticFigureFallback(LazyFigureExporter? shared) : IAsyncDisposable
{
    private readonly LazyFigureExporter? _own = shared is null ? new LazyFigureExporter(new ExportOptions { Timeout = TimeSpan.FromSeconds(60) }) : null;
    private volatile bool _noBrowser;

    /// <summary>Adds an SVG to every figure output of <paramref name="cells"/> that has none yet.</summary>
    public async Task AddAsync(IEnumerable<NotebookCell> cells)
    {
        foreach (var cell in cells)
        foreach (var output in cell.Outputs.OfType<JsonObject>())
        {
            if (_noBrowser) return;
            if (output["data"] is JsonObject data) await AddAsync(data);
        }
    }

    /// <summary>
    /// Adds the SVG to one output's <paramref name="data"/> (its mime bundle, keys kept in order) when it holds a figure
    /// without one; true when it did. A figure the browser cannot draw, or no browser at all, leaves the data as it is.
    /// </summary>
    /// <param name="data">The output's data.</param>
    /// <param name="asLines">Store the SVG as a list of lines, as nbformat files do (default); false: as one string, as Jupyter messages carry it.</param>
    public async Task<bool> AddAsync(JsonObject data, bool asLines = true)
    {
        if (_noBrowser || data.ContainsKey(FigureMime.Svg) || !(data.ContainsKey(FigureMime.Bundle) || data.ContainsKey(FigureMime.Plotly))) return false;
        string? svg;
        try { svg = await FigureMime.SvgFallbackAsync(await (shared ?? _own!).GetAsync(), data); }
        // No browser: the figures keep their plotly figure, which every Jupyter front end draws.
        catch (ChromiumNotFoundException) { _noBrowser = true; return false; }
        // A figure the browser could not draw keeps its plotly figure too; the run's verdict does not depend on it.
        catch (Exception ex) when (ex is TimeoutException or PuppeteerSharp.PuppeteerException or InvalidOperationException or ObjectDisposedException) { return false; }
        if (svg is null) return false;
        JsonNode stored = asLines ? NotebookWriter.MultilineNode(svg) : JsonValue.Create(svg);
        var entries = data.Select(kv => (kv.Key, Value: kv.Value?.DeepClone())).Append((Key: FigureMime.Svg, Value: (JsonNode?)stored))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        data.Clear();
        foreach (var (key, value) in entries) data[key] = value;
        return true;
    }

    /// <summary>Ends the browser, when this fallback started its own.</summary>
    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
