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
        if (Environment.GetEnvironmentVariable("WORKBENCH_UPDATE_GOLDEN") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Fixtures/Charts/golden", name));
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Charts", "golden", name);
        Assert.True(File.Exists(path), $"Missing golden file {name}: run the tests once with WORKBENCH_UPDATE_GOLDEN=1 and commit it.");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }
}
