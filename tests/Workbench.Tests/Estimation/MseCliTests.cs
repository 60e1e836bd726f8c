using System.CommandLine;
using System.Text.Json;
using Workbench.Cli.Commands;

namespace Workbench.Tests.Estimation;

/// <summary>The <c>workbench mse</c> command: output formats and every bad-input case of issue 5 (exit 2, file:line:column).</summary>
public sealed class MseCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mse-cli").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = new MseCommand().Build().Parse(args);
        var code = parse.Errors.Count > 0 ? 2 : parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private string KosovoCsv() =>
        Csv("kosovo.csv", "EXH,ABA,OSCE,HRW,count\n" + string.Concat(Kosovo.Counts.Select(kv => string.Join(",", kv.Key.ToCharArray()) + "," + kv.Value + "\n")));

    private static readonly string[] JsonFields = ["observed", "estimate", "darkFigure", "lower", "upper", "model", "deviance", "df", "aic", "bic", "method", "ci", "level"];

    [Fact]
    public void Json_Kosovo_HasExactlyTheIssueFields()
    {
        var (code, output, error) = Run(KosovoCsv(), "--count", "count", "--format", "json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonFields, doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(10356.5, doc.RootElement.GetProperty("estimate").GetDouble(), 0.05);
        Assert.Equal("EXH", doc.RootElement.GetProperty("model")[0][0].GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("model").GetArrayLength());
        Assert.Equal("bic", doc.RootElement.GetProperty("method").GetString());
    }

    [Fact]
    public void Table_Kosovo_MatchesGoldenOutput()
    {
        var (code, output, _) = Run(KosovoCsv(), "--count", "count", "--method", "stepwise");
        Assert.Equal(0, code);
        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Estimation", "kosovo-stepwise.txt"));
        Assert.Equal(golden, output);
    }

    [Fact]
    public void By_TwoStrata_JsonHasStrataArray()
    {
        var path = Csv("by.csv", "a,b,c,region\n" + string.Concat(Enumerable.Range(0, 400).Select(i =>
        {
            var p = i % 7 + 1;
            return $"{p & 1},{(p >> 1) & 1},{(p >> 2) & 1},{(i % 2 == 0 ? "north" : "south")}\n";
        })));
        var (code, output, error) = Run(path, "--by", "region", "--method", "main", "--format", "json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var strata = doc.RootElement.GetProperty("strata");
        Assert.Equal(2, strata.GetArrayLength());
        Assert.Equal("north", strata[0].GetProperty("stratum").GetString());
        Assert.Equal(JsonFields, strata[1].EnumerateObject().Select(p => p.Name).Skip(1).ToArray());
        Assert.Equal(3, doc.RootElement.GetProperty("model").GetArrayLength()); // lists a, b, c detected; region excluded
    }

    [Fact]
    public void Covariates_Json_HasLevelsAddingUp()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Estimation", "covariate.csv");
        var (code, output, error) = Run(path, "--count", "count", "--covariates", "year", "--format", "json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var levels = doc.RootElement.GetProperty("levels").EnumerateArray().ToList();
        Assert.Equal(2, levels.Count);
        Assert.Equal(doc.RootElement.GetProperty("estimate").GetDouble(), levels.Sum(l => l.GetProperty("estimate").GetDouble()), 1e-6);
    }

    [Theory]
    [InlineData("a,b,c\n1,0,1\n0,2,1\n", "bad.csv:3:2:", "expected 0 (not registered) or 1")]
    [InlineData("a,b,c\n1,0,1\n0,0,0\n", "bad.csv:3:1:", "every list is 0")]
    [InlineData("a,b,n\n1,0,5\n0,1,-2\n", "bad.csv:3:3:", "expected a whole number 0 or more")]
    [InlineData("a,b,n\n1,0,5\n0,1,2.5\n", "bad.csv:3:3:", "expected a whole number 0 or more")]
    [InlineData("a,b,n\n1,0,5\n0,1,x\n", "bad.csv:3:3:", "has 'x'")]
    public void BadInput_ListsGiven_Exit2WithFileLineColumn(string text, string location, string message)
    {
        var path = Csv("bad.csv", text);
        var args = text.Contains(",n\n") ? new[] { path, "--lists", "a,b", "--count", "n" } : [path, "--lists", "a,b,c"];
        var (code, _, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains(location, error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void BadInput_FewerThanTwoLists_Exit2()
    {
        var (code, _, error) = Run(Csv("one.csv", "a,region\n1,x\n1,y\n"));
        Assert.Equal(2, code);
        Assert.Contains("at least two list columns", error);
    }

    [Fact]
    public void BadInput_CovariateLevelWithNoRegistrations_Exit2AtTheLevelsFirstRow()
    {
        var path = Csv("lvl.csv", "a,b,year,n\n1,0,2019,5\n0,1,2019,4\n1,1,2019,2\n1,0,2020,0\n0,1,2020,0\n");
        var (code, _, error) = Run(path, "--count", "n", "--covariates", "year");
        Assert.Equal(2, code);
        Assert.Contains("lvl.csv:5:3:", error);
        Assert.Contains("covariate level '2020' has no registrations", error);
    }

    [Fact]
    public void BadInput_FixedWithoutModel_Exit2()
    {
        var (code, _, error) = Run(KosovoCsv(), "--count", "count", "--method", "fixed");
        Assert.Equal(2, code);
        Assert.Contains("--model", error);
    }

    [Fact]
    public void BadInput_ModelWhoseMleDoesNotExist_Exit2WithReason()
    {
        var path = Csv("triple.csv", "a,b,c,n\n1,0,0,50\n0,1,0,40\n0,0,1,30\n1,1,0,10\n1,0,1,8\n0,1,1,6\n1,1,1,0\n");
        var (code, _, error) = Run(path, "--count", "n", "--method", "fixed", "--model", "[12,13,23]");
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error);
    }

    [Theory]
    [InlineData("--level", "2", "--level 2: level must lie strictly between 0 and 1")]
    [InlineData("--nboot", "5", "--nboot 5: nboot must be at least 10")]
    [InlineData("--pthresh", "0", "--pthresh 0: pthresh must lie strictly between 0 and 1")]
    [InlineData("--maxorder", "0", "--maxorder 0: maxorder must be at least 1")]
    public void BadOption_OutOfRange_Exit2NamingTheOption(string option, string value, string message)
    {
        var (code, _, error) = Run(KosovoCsv(), "--count", "count", option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain("Parameter", error);
    }

    [Fact]
    public void BadInput_UnknownCiMethod_IsAParseError()
    {
        var parse = new MseCommand().Build().Parse([KosovoCsv(), "--ci", "jackknife"]);
        Assert.NotEmpty(parse.Errors);
    }

    private static string Registrations => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Estimation", "search.csv");

    /// <summary>The per-year table: one line per stratum with its interval, and the same numbers in JSON strata.</summary>
    [Fact]
    public void By_Year_PrintsThePerYearTableWithIntervalsAndJsonStrataCarryThem()
    {
        string[] args = [Registrations, "--lists", "police,kmar,care_shelter,other_reporters", "--count", "Freq", "--by", "year", "--method", "search"];
        var (code, output, error) = Run(args);
        Assert.True(code == 0, error);
        Assert.Contains("By stratum (95% wald intervals; each stratum fitted separately)", output);
        var lines = output.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("Stratum ", StringComparison.Ordinal));
        Assert.Equal(["2015", "2016", "2017", "2018", "2019"], lines.Skip(header + 1).Take(5).Select(l => l.Split(' ')[0]).ToArray());
        var (jcode, json, jerror) = Run([.. args, "--format", "json"]);
        Assert.True(jcode == 0, jerror);
        using var doc = JsonDocument.Parse(json);
        var strata = doc.RootElement.GetProperty("strata").EnumerateArray().ToList();
        Assert.Equal(5, strata.Count);
        foreach (var s in strata)
        {
            var line = lines.Single(l => l.StartsWith(s.GetProperty("stratum").GetString() + " ", StringComparison.Ordinal));
            Assert.Contains(s.GetProperty("lower").GetDouble().ToString("N1", System.Globalization.CultureInfo.InvariantCulture), line);
            Assert.Contains(s.GetProperty("upper").GetDouble().ToString("N1", System.Globalization.CultureInfo.InvariantCulture), line);
            Assert.True(s.GetProperty("lower").GetDouble() < s.GetProperty("estimate").GetDouble());
            Assert.True(s.GetProperty("path").GetArrayLength() >= 1);
        }
    }

    [Fact]
    public void Search_CovariatesWithPolynomialYearAndParametric_PrintsPathAndPerYearIntervals()
    {
        var (code, output, error) = Run(Registrations, "--lists", "police,kmar,care_shelter,other_reporters", "--count", "Freq",
            "--covariates", "year,sex", "--method", "search", "--year", "year", "--degree-year", "2", "--ci", "parametric", "--nboot", "100");
        Assert.True(code == 0, error);
        Assert.Contains("Model search (stepwise on BIC)", output);
        Assert.Contains("+ police:care_shelter", output);
        Assert.Contains("year             2017", output);
        Assert.Contains("(parametric)", output);
        Assert.Contains("1:sex", output);
    }

    [Fact]
    public void BadOption_DegreeYearZero_Exit2NamingTheOption()
    {
        var (code, _, error) = Run(Registrations, "--lists", "police,kmar", "--count", "Freq", "--covariates", "year", "--method", "search", "--year", "year", "--degree-year", "0");
        Assert.Equal(2, code);
        Assert.Contains("--degree-year 0: degree_year must be at least 1", error);
    }

    /// <summary>Every <c>workbench mse</c> command that docs/estimation.md shows on a file of the repository runs and exits 0.</summary>
    [Fact]
    public void Docs_EstimationCommandsOnRepositoryFiles_RunAndExit0()
    {
        var commands = File.ReadAllLines(Workbench.Tests.Support.RepoPaths.At("docs", "estimation.md"))
            .Where(l => l.StartsWith("workbench mse data-samples/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, commands.Count);
        foreach (var command in commands)
        {
            var args = command["workbench mse ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            args[0] = Workbench.Tests.Support.RepoPaths.At(args[0].Split('/'));
            var (code, output, error) = Run(args);
            Assert.True(code == 0, $"{command}\n{error}");
            Assert.Contains("parametric", output);
        }
    }
}
