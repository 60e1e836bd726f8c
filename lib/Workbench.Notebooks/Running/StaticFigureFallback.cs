using System.Text.Json.Nodes;
using Workbench.Export;
using Workbench.Notebooks.Documents;

namespace Workbench.Notebooks.Running;

/// <summary>
/// Adds the static fallback (<see cref="FigureMime.Svg"/>) to each figure output of an executed notebook, for viewers
/// that do not run plotly (GitHub, plain nbconvert). One headless Chromium serves the whole run: it starts at the first
/// figure and ends with the run (or is the run's shared browser, <see cref="RunOptions.FigureBrowser"/>), so a run pays
/// its start once, not once per figure or notebook. Without a browser the outputs keep their plotly figure only.
/// </summary>
internal sealed class StaticFigureFallback(LazyFigureExporter? shared) : IAsyncDisposable
{
    private readonly LazyFigureExporter? _own = shared is null ? new LazyFigureExporter(new ExportOptions { Timeout = TimeSpan.FromSeconds(60) }) : null;

    /// <summary>Adds an SVG to every output of <paramref name="cells"/> that carries a Workbench figure bundle and no SVG yet.</summary>
    public async Task AddAsync(IEnumerable<NotebookCell> cells)
    {
        foreach (var cell in cells)
        foreach (var output in cell.Outputs.OfType<JsonObject>())
        {
            if (output["data"] is not JsonObject data || data.ContainsKey(FigureMime.Svg)) continue;
            if (FigureMime.ReadBundle(data[FigureMime.Bundle]) is not { } bundle) continue;
            var spec = bundle.Specs.GetValueOrDefault(bundle.Shown) ?? bundle.Specs.Values.First();
            string svg;
            try { svg = await (await (shared ?? _own!).GetAsync()).RenderSvgAsync(spec); }
            // No browser: the figures keep their plotly figure, which every Jupyter front end draws.
            catch (ChromiumNotFoundException) { return; }
            // A figure the browser could not draw keeps its plotly figure too; the run's verdict does not depend on it.
            catch (Exception ex) when (ex is TimeoutException or PuppeteerSharp.PuppeteerException or InvalidOperationException) { continue; }
            var entries = data.Select(kv => (kv.Key, Value: kv.Value?.DeepClone())).Append((FigureMime.Svg, NotebookWriter.MultilineNode(svg)))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
            data.Clear();
            foreach (var (key, value) in entries) data[key] = value;
        }
    }

    /// <summary>Ends the browser, when this fallback started its own.</summary>
    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
