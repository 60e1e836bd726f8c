using Workbench.Charts;
using Workbench.Export;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Export;

/// <summary>Timeout and disposal need an exporter of their own (one more browser launch).</summary>
public sealed class ExporterLifecycleTests
{
    [SkippableFact]
    public async Task Timeout_TooShort_FailsWithClearMessage_ThenDisposeRemovesProfile()
    {
        string path;
        try { path = ChromiumLocator.Find(); }
        catch (ChromiumNotFoundException missing) when (Environment.GetEnvironmentVariable("CI") != "true") { throw new SkipException(missing.Message); }

        var exporter = await FigureExporter.StartAsync(new ExportOptions { BrowserPath = path, Timeout = TimeSpan.FromMilliseconds(1) });
        Assert.True(Directory.Exists(exporter.ProfileDirectory));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => exporter.RenderSvgAsync(FigureSpec.From(SampleFigures.Chain(), Language.En)));
        Assert.Contains("'fig-chain'", ex.Message);
        Assert.Contains("ExportOptions.Timeout", ex.Message);

        await exporter.DisposeAsync();
        await exporter.DisposeAsync(); // twice is harmless
        Assert.False(Directory.Exists(exporter.ProfileDirectory), "the temporary browser profile should be deleted");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => exporter.RenderSvgAsync(FigureSpec.From(SampleFigures.Chain(), Language.En)));
    }

    [Fact]
    public async Task Start_BrowserPathMissing_SaysSo()
    {
        var ex = await Assert.ThrowsAsync<ChromiumNotFoundException>(() => FigureExporter.StartAsync(new ExportOptions { BrowserPath = "/nope/chromium" }));
        Assert.Contains("/nope/chromium", ex.Message);
    }
}
