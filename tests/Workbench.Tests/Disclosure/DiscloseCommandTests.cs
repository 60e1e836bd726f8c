using System.Diagnostics;
using Workbench.Cli;
using Workbench.Cli.Commands;

namespace Workbench.Tests.Disclosure;

/// <summary>Golden-output and bad-input tests for <c>workbench disclose</c>.</summary>
public class DiscloseCommandTests
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Disclosure");

    private static string Fixture(string name) => Path.Combine(FixtureDir, name);

    private static (int Code, string Out, string Err) Run(DiscloseRequest request)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var code = DiscloseCommand.Run(request, o, e);
        // the one volatile part: where the fixtures were copied
        return (code, o.ToString(), e.ToString().Replace(FixtureDir + Path.DirectorySeparatorChar, "Fixtures/Disclosure/"));
    }

    public static IEnumerable<object[]> GoldenCases =>
    [
        ["exploitation-1d.csv", "table", "en", "none", "exploitation-1d.txt"],
        ["exploitation-1d.csv", "json", "en", "total", "exploitation-1d.json"],
        ["region-exploitation-2d.csv", "table", "en", "none", "region-exploitation-2d.txt"],
        ["region-exploitation-2d.csv", "table", "nl", "row", "region-exploitation-2d.nl.txt"],
        ["region-exploitation-2d.csv", "json", "en", "none", "region-exploitation-2d.json"],
        ["region-exploitation-2d.csv", "csv", "en", "none", "region-exploitation-2d.csv"],
        ["region-exploitation-2d.csv", "markdown", "en", "none", "region-exploitation-2d.md"],
        ["region-exploitation-2d.csv", "html", "nl", "none", "region-exploitation-2d.html"],
        ["region-sex-year-3d.csv", "table", "en", "none", "region-sex-year-3d.txt"],
        ["region-sex-year-3d.csv", "json", "en", "none", "region-sex-year-3d.json"],
    ];

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Disclose_Fixture_MatchesGolden(string input, string format, string lang, string percentages, string golden)
    {
        var (code, stdout, stderr) = Run(new DiscloseRequest(Fixture(input), Format: format, Language: lang, Percentages: percentages));
        Assert.Equal("", stderr);
        Assert.Equal(ExitCodes.Success, code);
        var goldenPath = Path.Combine(FixtureDir, "golden", golden);
        if (Environment.GetEnvironmentVariable("WORKBENCH_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(RepoRoot(), "tests", "Workbench.Tests", "Fixtures", "Disclosure", "golden", golden);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, stdout);
        }
        Assert.True(File.Exists(goldenPath), $"missing golden file {golden}; the output was:\n{stdout}");
        Assert.Equal(File.ReadAllText(goldenPath), stdout);
    }

    [Theory]
    [InlineData("bad-negative.csv", "Fixtures/Disclosure/bad-negative.csv:3:2: column 'count' has '-3'; counts cannot be negative.")]
    [InlineData("bad-fractional.csv", "Fixtures/Disclosure/bad-fractional.csv:3:2: column 'count' has '4.5'; expected a whole number")]
    [InlineData("bad-missing-count.csv", "Fixtures/Disclosure/bad-missing-count.csv:1:0: column 'count' not found in the header (region, n)")]
    [InlineData("bad-four-dimensions.csv", "Fixtures/Disclosure/bad-four-dimensions.csv:1:4: the table has 4 category column(s) (region, sex, age, year); expected one to three")]
    [InlineData("bad-duplicate.csv", "Fixtures/Disclosure/bad-duplicate.csv:4:1: duplicate cell (region = North, sex = female); it was already given on line 2.")]
    [InlineData("bad-empty-category.csv", "Fixtures/Disclosure/bad-empty-category.csv:3:1: column 'region' is empty; expected a category label.")]
    [InlineData("no-such-file.csv", "Fixtures/Disclosure/no-such-file.csv:0:0: file not found.")]
    public void Disclose_BadInput_ExitsTwoWithLocation(string input, string expected)
    {
        var (code, stdout, stderr) = Run(new DiscloseRequest(Fixture(input)));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", stdout);
        Assert.Contains(expected, stderr);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(10, 0)]
    public void Disclose_BadOptions_ExitTwo(int min, int round)
    {
        var (code, _, stderr) = Run(new DiscloseRequest(Fixture("exploitation-1d.csv"), Min: min, Round: round));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("must be at least 1", stderr);
    }

    [Fact]
    public void Disclose_OutputFile_WrittenWholeAndEqualToStdout()
    {
        var dir = Directory.CreateTempSubdirectory("wb-disclose-");
        try
        {
            var path = Path.Combine(dir.FullName, "out.json");
            var (code, stdout, _) = Run(new DiscloseRequest(Fixture("region-exploitation-2d.csv"), Format: "json", Output: path));
            Assert.Equal(0, code);
            Assert.Equal("", stdout);
            Assert.Equal(Run(new DiscloseRequest(Fixture("region-exploitation-2d.csv"), Format: "json")).Out, File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Disclose_ThroughTheExecutable_ParsesOptionsAndExits()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");
        var ok = Exec(cli, "disclose", Fixture("region-exploitation-2d.csv"), "--min", "10", "--round", "5", "--format", "csv");
        Assert.Equal(0, ok.Code);
        Assert.Equal(File.ReadAllText(Path.Combine(FixtureDir, "golden", "region-exploitation-2d.csv")), ok.Out);
        var bad = Exec(cli, "disclose", Fixture("bad-negative.csv"));
        Assert.Equal(2, bad.Code);
        Assert.Contains("bad-negative.csv:3:2:", bad.Err);
        Assert.Equal(2, Exec(cli, "disclose", Fixture("exploitation-1d.csv"), "--format", "xml").Code);
    }

    private static (int Code, string Out, string Err) Exec(string dll, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Workbench.sln not found above the test output folder.");
    }
}

public class FixtureTableTests
{
    [Theory]
    [InlineData("exploitation-1d.csv")]
    [InlineData("region-exploitation-2d.csv")]
    [InlineData("region-sex-year-3d.csv")]
    public void Protect_Fixture_ExhaustiveIntruderRecoversNothing(string name)
    {
        var t = Workbench.Disclosure.FrequencyTableCsv.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Disclosure", name));
        var p = t.Protect();
        RandomTableTests.CheckInvariants(t, p);
        ProtectionTests.AssertNotRecoverable(p, exhaustive: true);
    }
}
