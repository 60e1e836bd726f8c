using System.Diagnostics;
using Workbench.Cli;
using Workbench.Cli.Commands;
using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary><c>workbench data check</c> and <c>workbench data describe</c>: output and exit codes.</summary>
public sealed class DataCliTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Data");
    private readonly string _folder = Directory.CreateTempSubdirectory("workbench-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Code, string Out, string Err) Check(string path)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = DataCli.Check(path, 100, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Check_ValidFolder_ExitsZeroWithSummary()
    {
        var (code, output, _) = Check(Path.Combine(Fixtures, "valid"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("checked 6 files: 6 valid (14 rows), 0 with problems (0 problems).", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MalformedFolder_PrintsEveryProblemAndExitsOne()
    {
        var (code, output, _) = Check(Path.Combine(Fixtures, "malformed"));
        Assert.Equal(ExitCodes.CheckFailed, code);
        var cases = File.ReadLines(Path.Combine(Fixtures, "malformed", "expected.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        foreach (var c in cases)
            Assert.Contains($":{c[2]}:{c[3]}: ", output.Split('\n').First(l => l.Contains(c[0] + ".", StringComparison.Ordinal) && l.Contains(c[4], StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains($"checked {cases.Count} files: 0 valid (0 rows), {cases.Count} with problems", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CsvWithoutDictionaryAndDictionaryWithoutCsv_AreBothProblems()
    {
        File.Copy(Path.Combine(Fixtures, "valid", "people.csv"), Path.Combine(_folder, "people.csv"));
        File.Copy(Path.Combine(Fixtures, "valid", "people-nl.dictionary.json"), Path.Combine(_folder, "people-nl.dictionary.json"));
        var (code, output, _) = Check(_folder);
        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains("no data dictionary: expected", output, StringComparison.Ordinal);
        Assert.Contains("data dictionary without its CSV", output, StringComparison.Ordinal);
        Assert.Contains("checked 2 files: 0 valid (0 rows), 2 with problems (2 problems).", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingPath_ExitsTwo()
    {
        var (code, _, error) = Check(Path.Combine(_folder, "nope"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EmptyFolder_SaysNothingWasCheckedAndExitsOne()
    {
        var (code, output, _) = Check(_folder);
        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains("no CSV files found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ValidFile_PrintsDictionaryAndSummaries()
    {
        var output = new StringWriter();
        var code = DataCli.Describe(Path.Combine(Fixtures, "valid", "people.csv"), output, new StringWriter());
        Assert.Equal(ExitCodes.Success, code);
        var text = output.ToString();
        Assert.Contains("  title (nl):  Synthetische testpersonen", text, StringComparison.Ordinal);
        Assert.Contains("  synthetic:   yes", text, StringComparison.Ordinal);
        Assert.Contains("  key:         id", text, StringComparison.Ordinal);
        Assert.Contains("  rows:        3", text, StringComparison.Ordinal);
        Assert.Contains("  age: integer, required, unit years, range [0, 120]", text, StringComparison.Ordinal);
        Assert.Contains("    label: Age | Leeftijd", text, StringComparison.Ordinal);
        Assert.Contains("    non-missing 3, missing 0, min 27, mean 35.3333, max 45", text, StringComparison.Ordinal);
        Assert.Contains("    non-missing 3, missing 0; F (girls) 2, M (boys) 1", text, StringComparison.Ordinal);
        Assert.Contains("    non-missing 2, missing 1, first 2019-05-01, last 2020-01-31", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_InvalidFile_PrintsProblemsAndExitsOne()
    {
        var output = new StringWriter();
        var code = DataCli.Describe(Path.Combine(Fixtures, "malformed", "nan.csv"), output, new StringWriter());
        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains("nan.csv:3:5: column 'score' has 'NaN'", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("valid", 0)]
    [InlineData("malformed", 1)]
    [InlineData("does-not-exist", 2)]
    public void WorkbenchProcess_DataCheck_ExitCodes(string folder, int expected)
    {
        var (code, output) = Run("data", "check", Path.Combine(Fixtures, folder));
        Assert.True(expected == code, output);
    }

    [Fact]
    public void WorkbenchProcess_DataHelp_ListsCheckAndDescribe()
    {
        var (code, output) = Run("data", "--help");
        Assert.Equal(0, code);
        Assert.Contains("check <path>", output, StringComparison.Ordinal);
        Assert.Contains("describe <csv>", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void Check_SingleFile_ValidatesIt()
    {
        var (code, output, _) = Check(Path.Combine(Fixtures, "malformed", "weight-zero.csv"));
        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains("weight-zero.csv:3:4: column 'weight' has 0; a design weight must be greater than 0", output, StringComparison.Ordinal);
        Assert.Contains("checked 1 file: 0 valid (0 rows), 1 with problems (1 problem).", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NotACsvFile_ExitsTwo()
    {
        var (code, _, error) = Check(Path.Combine(Fixtures, "malformed", "expected.tsv"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("is not a CSV, .xlsx or .parquet file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_MissingFile_ExitsTwo()
    {
        var error = new StringWriter();
        Assert.Equal(ExitCodes.Usage, DataCli.Describe(Path.Combine(_folder, "nope.csv"), new StringWriter(), error));
        Assert.Contains("does not exist", error.ToString(), StringComparison.Ordinal);
    }
}
