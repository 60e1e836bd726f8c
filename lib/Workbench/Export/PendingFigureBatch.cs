using Workbench.IO;

namespace Workbench.Export;

/// <summary>
/// An export begun with <see cref="FigureBatch.Begin"/>: figures handed to <see cref="Render"/> are drawn in the
/// background, one at a time (the caller's own work keeps the other core), into the batch's staging folder;
/// <see cref="CompleteAsync"/> draws the rest on every page of the browser, waits for all and writes the manifest. A
/// figure is drawn once however often it is handed in (figures are told apart by their whole spec, as
/// <see cref="FigureSpecStore.ReadRunFolder"/> does). Disposing a batch that was not completed waits for what it is
/// drawing and removes the staging folder: the target is left as it was.
/// </summary>
public sealed class PendingFigureBatch : IAsyncDisposable
{
    private readonly StagedFolder _staged;
    private readonly string _shownAs;
    private readonly ExportFormats _formats;
    private readonly int _resolution;
    private readonly LazyFigureExporter? _own;
    private readonly LazyFigureExporter _browser;
    private readonly Dictionary<string, Task<(IReadOnlyList<string>? Names, string? Error)>> _renders = new(StringComparer.Ordinal);
    // One figure at a time until the batch is completed, then as many as the browser has pages.
    private readonly SemaphoreSlim _turns = new(1);
    private bool _completing;

    internal PendingFigureBatch(StagedFolder staged, string shownAs, ExportFormats formats, int resolution, TimeSpan timeout, LazyFigureExporter? browser)
    {
        _staged = staged;
        _shownAs = shownAs;
        _formats = formats;
        _resolution = resolution;
        _own = browser is null ? new LazyFigureExporter(new ExportOptions { Timeout = timeout }) : null;
        _browser = browser ?? _own!;
    }

    /// <summary>Starts drawing each of <paramref name="specs"/> not handed in before; returns at once.</summary>
    /// <exception cref="InvalidOperationException">The batch was completed.</exception>
    public void Render(IEnumerable<FigureSpec> specs)
    {
        lock (_renders)
        {
            if (_completing) throw new InvalidOperationException("This figure batch is complete: it takes no more figures.");
            Start(specs);
        }
    }

    /// <summary>
    /// Draws every figure of <paramref name="specs"/> not yet drawn, waits for all, and writes the manifest listing
    /// <paramref name="specs"/> in their order (the files replace the target's content together, only when every figure of
    /// <paramref name="specs"/> rendered). Figures handed to <see cref="Render"/> that <paramref name="specs"/> does not
    /// hold are left out.
    /// </summary>
    /// <exception cref="ChromiumNotFoundException">No browser could be found.</exception>
    public async Task<FigureBatchResult> CompleteAsync(IReadOnlyList<FigureSpec> specs)
    {
        Task<(IReadOnlyList<string>? Names, string? Error)>[] outcomes;
        lock (_renders)
        {
            if (_completing) throw new InvalidOperationException("This figure batch is already complete.");
            _completing = true;
            Start(specs);
            outcomes = specs.Select(s => _renders[s.ToJson()]).ToArray();
        }
        // Nothing else runs now: the other pages join in.
        var exporter = await _browser.GetAsync();
        if (exporter.Pages > 1) _turns.Release(exporter.Pages - 1);
        return FigureBatch.Finish(_staged, _shownAs, _formats, _resolution, specs, await Task.WhenAll(outcomes));
    }

    private void Start(IEnumerable<FigureSpec> specs)
    {
        foreach (var spec in specs)
        {
            var key = spec.ToJson();
            if (!_renders.ContainsKey(key)) _renders[key] = DrawAsync(spec);
        }
    }

    private async Task<(IReadOnlyList<string>? Names, string? Error)> DrawAsync(FigureSpec spec)
    {
        await _turns.WaitAsync();
        try
        {
            var exporter = await _browser.GetAsync();
            var files = await exporter.ExportAsync(spec, _staged.Path, _formats, _resolution);
            return (files.Select(f => Path.GetFileName(f)!).ToList(), null);
        }
        catch (Exception ex) when (ex is TimeoutException or PuppeteerSharp.PuppeteerException or InvalidOperationException)
        {
            return (null, $"workbench export: figure '{spec.Id}' ({spec.Language}) failed: {ex.Message}");
        }
        finally
        {
            _turns.Release();
        }
    }

    /// <summary>Waits for the figures being drawn, removes the staging folder unless the batch was committed, and ends its own browser.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (_renders)
        {
            _completing = true;
            pending = [.. _renders.Values];
        }
        try { await Task.WhenAll(pending); }
        catch (Exception) { /* reported by CompleteAsync; a batch abandoned with an error leaves the target as it was */ }
        _staged.Dispose();
        if (_own is not null) await _own.DisposeAsync();
        _turns.Dispose();
    }
}
