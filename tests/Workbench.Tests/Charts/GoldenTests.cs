using Workbench.Tests.Support;
using Workbench.Charts;
using Workbench.Export;

namespace Workbench.Tests.Charts;

/// <summary>
/// Golden outputs of every sample figure in English and Dutch: the figure spec (alt text, source line, notes, data
/// SHA-256 and the full plotly.js JSON). Nothing in it is volatile, so no sanitising is needed. To accept a deliberate
/// change, run the tests with WORKBENCH_UPDATE_GOLDEN=1 and review the diff of tests/Workbench.Tests/Fixtures/Charts/golden.
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var fig in SampleFigures.All())
            foreach (var lang in new[] { "en", "nl" })
                data.Add(fig.Id, lang);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Spec_MatchesGolden(string id, string lang)
    {
        var fig = SampleFigures.All().Single(f => f.Id == id);
        var actual = FigureSpec.From(fig, LanguageExtensions.ParseLanguage(lang)).ToJson();
        var name = $"{id}.{lang}.json";
        GoldenFile.AssertMatches("Charts", name, actual);
    }
}
