namespace Workbench.Export;

/// <summary>
/// One <see cref="FigureExporter"/> shared by the steps of a run, started when a step first needs it: <c>workbench
/// verify</c> draws the notebooks' static figure fallbacks and then exports the charts through the same browser and
/// the same warm page, so a run pays the browser's start and plotly.js's load once. Dispose it to close the browser.
/// </summary>
public sealed class LazyFigureExporter : IAsyncDisposable
{
    private readonly ExportOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FigureExporter? _exporter;
    private ChromiumNotFoundException? _missing;
    private bool _disposed;

    /// <summary>Creates the holder; nothing starts until <see cref="GetAsync"/>.</summary>
    /// <param name="options">How the browser is started; default <see cref="ExportOptions"/>' defaults.</param>
    public LazyFigureExporter(ExportOptions? options = null) => _options = options ?? new ExportOptions();

    /// <summary>The exporter, started at the first call.</summary>
    /// <exception cref="ChromiumNotFoundException">No browser could be found (on every call, once it was looked for).</exception>
    /// <exception cref="ObjectDisposedException">The holder was disposed.</exception>
    public async Task<FigureExporter> GetAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_missing is not null) throw _missing;
            if (_exporter is not null) return _exporter;
            try { return _exporter = await FigureExporter.StartAsync(_options).ConfigureAwait(false); }
            catch (ChromiumNotFoundException ex) { _missing = ex; throw; }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the browser, if one was started.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_exporter is not null) await _exporter.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
