using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Workbench.Cli.Commands;

namespace Workbench.Tests.Statistics;

/// <summary>
/// Golden-output tests of <c>workbench prevalence</c>. The numbers in the goldens are the same as the R-checked
/// fixture rows (survey-expected.csv); the goldens pin the rendering. Regenerate with WORKBENCH_UPDATE_GOLDEN=1.
/// </summary>
public class PrevalenceCliTests
{
    private static readonly string Data = Path.Combine(SurveyFixtures.Dir, "survey.csv");
    private static readonly string Lonely = Path.Combine(SurveyFixtures.Dir, "survey-lonely.csv");

    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand { new PrevalenceCommand().Build() };
        var parse = root.Parse(["prevalence", .. args]);
        Assert.Empty(parse.Errors);
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString().Replace(SurveyFixtures.Dir + Path.DirectorySeparatorChar, "<fixtures>/", StringComparison.Ordinal));
    }

    internal static void Golden(string name, string actual, [CallerFilePath] string source = "")
    {
        var sourcePath = Path.Combine(Path.GetDirectoryName(source)!, "..", "Fixtures", "Statistics", "golden", name);
        if (Environment.GetEnvironmentVariable("WORKBENCH_UPDATE_GOLDEN") == "1") File.WriteAllText(sourcePath, actual);
        var expected = File.ReadAllText(Path.Combine(SurveyFixtures.Dir, "golden", name)).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    private static readonly string[] Design = ["--weight", "weight", "--strata", "stratum", "--cluster", "cluster"];

    [Fact]
    public void Table_RareOutcomeByGroup_MatchesGolden()
    {
        var (code, stdout, stderr) = Run([Data, "--outcome", "rare", .. Design, "--by", "group"]);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Golden("prevalence-rare-by-group.txt", stdout);
    }

    [Fact]
    public void Json_ToldNoOneBySexBeta90_MatchesGolden()
    {
        var (code, stdout, _) = Run([Data, "--outcome", "told_no_one", .. Design, "--by", "sex", "--method", "beta", "--level", "0.9", "--format", "json"]);
        Assert.Equal(0, code);
        Golden("prevalence-told-by-sex-beta.json", stdout);
    }

    [Fact]
    public void Csv_AffectedByAgeLikelihood_MatchesGolden()
    {
        var (code, stdout, _) = Run([Data, "--outcome", "affected", .. Design, "--by", "age", "--method", "likelihood", "--format", "csv"]);
        Assert.Equal(0, code);
        Golden("prevalence-affected-by-age-likelihood.csv", stdout);
    }

    [Fact]
    public void Json_HasExactlyTheDocumentedFields_AllRowThenLevels()
    {
        var (_, stdout, stderr) = Run([Data, "--outcome", "rare", .. Design, "--by", "group", "--format", "json"]);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(["all", "A", "B", "C", "D", "E"], rows.Select(r => r.GetProperty("domain").GetString()));
        string[] fields = ["domain", "n", "events", "excluded", "missingDomain", "sumWeights", "estimate", "se", "lower", "upper", "df", "deff", "kishN", "method", "level"];
        Assert.All(rows, r => Assert.Equal(fields, r.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(JsonValueKind.Null, rows[4].GetProperty("deff").ValueKind);
        Assert.Contains("note: domain 'D'", stderr);
    }

    public static IEnumerable<object[]> AllMethods() =>
        PrevalenceCommand.SurveyMethods.Select(m => new object[] { m, true }).Concat(PrevalenceCommand.SimpleMethods.Select(m => new object[] { m, false }));

    [Theory, MemberData(nameof(AllMethods))]
    public void EveryMethod_EdgeDomains_NoNaNInAnyFormat(string method, bool survey)
    {
        foreach (var format in new[] { "table", "json", "csv" })
        {
            string[] design = survey ? Design : [];
            var (code, stdout, _) = Run([Data, "--outcome", "told_no_one", .. design, "--by", "group", "--method", method, "--format", format]);
            Assert.Equal(0, code);
            Assert.DoesNotContain("NaN", stdout);
            Assert.DoesNotContain("Infinity", stdout);
            Assert.DoesNotContain("∞", stdout);
        }
    }

    [Fact]
    public void LonelyPsu_Default_Exit2WithFileLineColumnAndFix()
    {
        var (code, stdout, stderr) = Run([Lonely, "--outcome", "rare", .. Design]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Golden("prevalence-lonely-error.txt", stderr);
    }

    [Fact]
    public void LonelyPsu_Adjust_Succeeds()
    {
        var (code, _, _) = Run([Lonely, "--outcome", "rare", .. Design, "--lonely-psu", "adjust"]);
        Assert.Equal(0, code);
    }

    [Fact]
    public void NestedLabels_WithoutNest_Exit2NamingNest()
    {
        var (code, _, stderr) = Run([Data, "--outcome", "rare", "--weight", "weight", "--strata", "stratum", "--cluster", "psu_in_stratum"]);
        Assert.Equal(2, code);
        Assert.Contains("<fixtures>/survey.csv:", stderr);
        Assert.Contains("--nest", stderr);
        var (ok, _, _) = Run([Data, "--outcome", "rare", "--weight", "weight", "--strata", "stratum", "--cluster", "psu_in_stratum", "--nest"]);
        Assert.Equal(0, ok);
    }

    [Fact]
    public void SimpleMethod_WithDesign_Exit2()
    {
        var (code, _, stderr) = Run([Data, "--outcome", "rare", .. Design, "--method", "wilson"]);
        Assert.Equal(2, code);
        Assert.Contains("simple random sample", stderr);
    }

    [Fact]
    public void OutcomeNotBinary_Exit2WithLineAndColumn()
    {
        var (code, _, stderr) = Run([Data, "--outcome", "psu_in_stratum"]);
        Assert.Equal(2, code);
        Assert.Contains("<fixtures>/survey.csv:32:3: outcome column 'psu_in_stratum' has '2'; expected 0 or 1", stderr);
    }

    [Fact]
    public void Output_WritesFileAtomically()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-prev-{Guid.NewGuid():N}.json");
        try
        {
            var (code, stdout, _) = Run([Data, "--outcome", "rare", "--format", "json", "--output", path]);
            Assert.Equal((0, ""), (code, stdout));
            Assert.StartsWith("[", File.ReadAllText(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void InvalidMethod_IsAParseError()
    {
        var root = new RootCommand { new PrevalenceCommand().Build() };
        Assert.NotEmpty(root.Parse(["prevalence", Data, "--outcome", "rare", "--method", "bogus"]).Errors);
    }
}
