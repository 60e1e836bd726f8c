using Workbench.Export;

namespace Workbench.Tests.Export;

/// <summary>
/// One headless Chromium shared by every test that renders (xunit collection fixture). When no browser is found the
/// tests skip locally but fail when CI=true, so CI cannot pass without exercising the renderer.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public FigureExporter? Exporter { get; private set; }
    public string? MissingReason { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            Exporter = await FigureExporter.StartAsync(new ExportOptions { Pages = 2 });
        }
        catch (ChromiumNotFoundException ex)
        {
            MissingReason = ex.Message;
        }
    }

    public async Task DisposeAsync()
    {
        if (Exporter is not null) await Exporter.DisposeAsync();
    }

    /// <summary>The exporter; skips the test (or fails it on CI) when no browser is available.</summary>
    public FigureExporter Require()
    {
        if (Exporter is not null) return Exporter;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("CI=true but no Chromium for the export tests: " + MissingReason);
        throw new SkipException("No Chromium: " + MissingReason);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
