using Workbench.Export;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Export;

/// <summary>
/// <see cref="FigureBatch.Begin"/>: figures drawn while the caller goes on (verify draws each study's charts while the
/// next study runs) give the same folder as the export after the run; abandoned, the target is left as it was.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PendingFigureBatchTests(BrowserFixture browser) : IDisposable
{
    private const ExportFormats Formats = ExportFormats.Svg | ExportFormats.Png | ExportFormats.Html;
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-pending-batch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<FigureSpec> Specs() =>
        [.. new[] { SampleFigures.Chain(), SampleFigures.Prevalence(), SampleFigures.Trend() }
            .SelectMany(f => new[] { FigureSpec.From(f, Language.En), FigureSpec.From(f, Language.Nl) })];

    private static List<string?> Names(string folder) => [.. Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)];

    [SkippableFact]
    public async Task RenderedAhead_ThenCompleted_WritesWhatOneExportWrites()
    {
        browser.Require();
        var specs = Specs();
        await using var lazy = new LazyFigureExporter(new ExportOptions { Pages = 2 });
        var once = Path.Combine(_dir, "once");
        var ahead = Path.Combine(_dir, "ahead");

        var single = await FigureBatch.ExportAsync(specs, once, [], Formats, 96, TimeSpan.FromSeconds(60), browser: lazy);
        FigureBatchResult staged;
        await using (var batch = FigureBatch.Begin(ahead, [], Formats, 96, TimeSpan.FromSeconds(60), browser: lazy))
        {
            batch.Render(specs.Take(2));
            batch.Render(specs.Take(4)); // handed in twice: drawn once
            Assert.False(Directory.Exists(ahead) && Directory.GetFiles(ahead).Length > 0, "nothing reaches the target before completion");
            staged = await batch.CompleteAsync(specs);
            Assert.Throws<InvalidOperationException>(() => batch.Render(specs));
        }

        Assert.Equal(0, single.Failed);
        Assert.Equal(specs.Count, staged.Exported);
        Assert.Equal(single.Lines.Select(l => l.Replace(once, ahead, StringComparison.Ordinal)), staged.Lines);
        Assert.Equal(Names(once), Names(ahead));
        Assert.Equal(File.ReadAllText(Path.Combine(once, "manifest.json")), File.ReadAllText(Path.Combine(ahead, "manifest.json")));
        Assert.Equal(specs.Count * 3 + 1, Directory.GetFiles(ahead).Length);
    }

    [SkippableFact]
    public async Task FiguresNotInTheFinalList_AreLeftOut()
    {
        browser.Require();
        var specs = Specs();
        await using var lazy = new LazyFigureExporter();
        var target = Path.Combine(_dir, "charts");
        await using var batch = FigureBatch.Begin(target, [], ExportFormats.Svg, 96, TimeSpan.FromSeconds(60), browser: lazy);
        batch.Render(specs);

        var result = await batch.CompleteAsync(specs.Take(2).ToList());

        Assert.Equal(2, result.Exported);
        Assert.Equal([.. specs.Take(2).Select(s => s.FileStem + ".svg").Append("manifest.json").Order(StringComparer.Ordinal)], Names(target));
    }

    [SkippableFact]
    public async Task Abandoned_LeavesThePreviousTargetAsItWas()
    {
        browser.Require();
        var target = Path.Combine(_dir, "charts");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "manifest.json"), "previous");
        await using var lazy = new LazyFigureExporter();
        await using (var batch = FigureBatch.Begin(target, [], ExportFormats.Svg, 96, TimeSpan.FromSeconds(60), browser: lazy))
            batch.Render(Specs());

        Assert.Equal(["manifest.json"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal("previous", File.ReadAllText(Path.Combine(target, "manifest.json")));
        Assert.DoesNotContain(Directory.GetDirectories(_dir, "*", SearchOption.AllDirectories), d => d != target);
    }
}
