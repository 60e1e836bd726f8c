using System.Text.RegularExpressions;
using Workbench.Tests.Support;

namespace Workbench.Tests.Studies;

/// <summary>What a newcomer's clone holds: committed study notebooks name no developer's folder.</summary>
public sealed partial class CommittedNotebookTests
{
    public static TheoryData<string> Notebooks() =>
        new(Directory.GetFiles(RepoPaths.At("notebooks"), "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void StoredOutputs_CommittedNotebook_HoldNoAbsoluteMachinePath(string name)
    {
        var text = File.ReadAllText(RepoPaths.At("notebooks", name));
        var hits = MachinePath().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.True(hits.Count == 0, $"{name} holds absolute paths: {string.Join(", ", hits)}; store outputs with `workbench verify --update`.");
    }

    [GeneratedRegex(@"(?<![\w<])/(?:home|root|work|Users|tmp|var/folders)/[\w.\-/]+")]
    private static partial Regex MachinePath();
}
