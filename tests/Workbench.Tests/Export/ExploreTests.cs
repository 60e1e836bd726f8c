using Workbench.Charts;
using Workbench.Export;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Export;

[Collection(BrowserCollection.Name)]
public sealed class ExploreTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Explore()
    {
        var exp = browser.Require();
        foreach (var f in SampleFigures.All())
            foreach (var l in new[] { Language.En, Language.Nl })
                await exp.ExportAsync(f, l, "/tmp/charts-out", ExportFormats.All, 96);
    }
}
