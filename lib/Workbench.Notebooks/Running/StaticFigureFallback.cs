using System.Text.Json.Nodes;
using Workbench.Export;
using Workbench.Notebooks.Documents;

namespace Workbench.Notebooks.Running;

/// <summary>
/// Adds the static fallback (<see cref="FigureMime.Svg"/>) to each figure output of an executed notebook, for viewers
/// that do not run plotly (GitHub, plain nbconvert). One headless Chromium serves the whole run: it starts at the first
/// figure and ends with the run, so a run pays its start once, not once per figure or notebook. Without a browser the
/// outputs keep their plotly figure only, and <see cref="Unavailable"/> says why.
/// </summary>
internal sealed class StaticFigureFallback : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FigureExporter? _exporter;
    private bool _started;

    /// <summary>Why no fallback could be drawn (no browser), or null.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>Adds an SVG to every output of <paramref name="cells"/> that carries a Workbench figure bundle and no SVG yet.</summary>
    public async Task AddAsync(IEnumerable<NotebookCell> cells, CancellationToken cancellationToken)
    {
        foreach (var cell in cells)
        foreach (var output in cell.Outputs.OfType<JsonObject>())
        {
            if (output["data"] is not JsonObject data || data.ContainsKey(FigureMime.Svg)) continue;
            if (FigureMime.ReadBundle(data[FigureMime.Bundle]) is not { } bundle) continue;
            var spec = bundle.Specs.GetValueOrDefault(bundle.Shown) ?? bundle.Specs.Values.First();
            var svg = await RenderAsync(spec, cancellationToken);
            if (svg is null) return;
            var entries = data.Select(kv => (kv.Key, Value: kv.Value?.DeepClone())).Append((FigureMime.Svg, NotebookWriter.MultilineNode(svg)))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
            data.Clear();
            foreach (var (key, value) in entries) data[key] = value;
        }
    }

    private async Task<string?> RenderAsync(FigureSpec spec, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_started)
            {
                _started = true;
                try { _exporter = await FigureExporter.StartAsync(new ExportOptions { Timeout = TimeSpan.FromSeconds(60) }); }
                catch (ChromiumNotFoundException ex) { Unavailable = ex.Message; }
            }
            return _exporter is null ? null : await _exporter.RenderSvgAsync(spec);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the browser.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_exporter is not null) await _exporter.DisposeAsync();
        _gate.Dispose();
    }
}
