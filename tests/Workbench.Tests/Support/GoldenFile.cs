namespace Workbench.Tests.Support;

/// <summary>
/// Golden-output files under <c>Fixtures/&lt;area&gt;/golden</c>: compared with line endings normalised; with
/// WORKBENCH_UPDATE_GOLDEN=1 the source file is rewritten instead (commit it after checking the diff).
/// </summary>
public static class GoldenFile
{
    public static void AssertMatches(string area, string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("WORKBENCH_UPDATE_GOLDEN") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Fixtures", area, "golden", name));
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", area, "golden", name);
        Assert.True(File.Exists(path), $"Missing golden file {name}: run the tests once with WORKBENCH_UPDATE_GOLDEN=1 and commit it.");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }
}
