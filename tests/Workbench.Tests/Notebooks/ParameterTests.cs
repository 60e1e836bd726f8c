using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Parameters;
using Workbench.Notebooks.Running;

namespace Workbench.Tests.Notebooks;

public sealed class ParameterTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Notebooks", name);

    [Fact]
    public void Declared_TypedDeclarations_ListsNameTypeAndDefault()
    {
        var declared = ParameterCell.Declared(NotebookDocument.Load(Fixture("all-pass.ipynb")));
        Assert.Equal(
            [
                new NotebookParameter("year", ParameterType.Int, "2023"),
                new NotebookParameter("rate", ParameterType.Double, "0.125"),
                new NotebookParameter("region", ParameterType.String, "\"Utrecht\""),
                new NotebookParameter("weighted", ParameterType.Bool, "true"),
                new NotebookParameter("cutoff", ParameterType.DateOnly, "new DateOnly(2024, 12, 31)"),
            ],
            declared);
    }

    [Fact]
    public void Declared_DibMarker_FindsParametersCell()
    {
        var declared = ParameterCell.Declared(NotebookDocument.Load(Fixture("params.dib")));
        Assert.Equal(["count", "word"], declared.Select(p => p.Name));
        Assert.Equal([ParameterType.Int, ParameterType.String], declared.Select(p => p.Type));
    }

    [Theory]
    [InlineData("year", "2030", "2030")]
    [InlineData("rate", "1e-3", "0.001")]
    [InlineData("rate", "2", "2.0")]
    [InlineData("region", "Den \"Haag\"", "\"Den \\\"Haag\\\"\"")]
    [InlineData("weighted", "False", "false")]
    [InlineData("cutoff", "2025-01-31", "new DateOnly(2025, 1, 31)")]
    public void Resolve_ValidValue_GivesTypedLiteral(string name, string value, string literal)
    {
        var values = ParameterCell.Resolve(NotebookDocument.Load(Fixture("all-pass.ipynb")), [$"{name}={value}"], null);
        Assert.Equal(literal, values[name]);
    }

    [Theory]
    [InlineData("year=20.5", "'20.5' is not a valid int")]
    [InlineData("rate=NaN", "'NaN' is not a valid double")]
    [InlineData("weighted=yes", "'yes' is not a valid bool")]
    [InlineData("cutoff=31-12-2024", "'31-12-2024' is not a valid DateOnly")]
    [InlineData("colour=red", "unknown parameter 'colour'")]
    [InlineData("year", "is not name=value")]
    public void Resolve_BadValue_ThrowsListingKnownParameters(string pair, string expected)
    {
        var ex = Assert.Throws<DataValidationException>(() => ParameterCell.Resolve(NotebookDocument.Load(Fixture("all-pass.ipynb")), [pair], null));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("Known parameters: year (int, default 2023), rate (double, default 0.125)", ex.Message);
    }

    [Fact]
    public void Resolve_JsonFile_TypesValuesAndCommandLineWins()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{\"year\": 2031, \"region\": \"Zeeland\", \"weighted\": false, \"cutoff\": \"2026-02-28\"}");
            var values = ParameterCell.Resolve(NotebookDocument.Load(Fixture("all-pass.ipynb")), ["year=2032"], file);
            Assert.Equal("2032", values["year"]);
            Assert.Equal("\"Zeeland\"", values["region"]);
            Assert.Equal("false", values["weighted"]);
            Assert.Equal("new DateOnly(2026, 2, 28)", values["cutoff"]);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Prepare_Parameters_InjectsTaggedCellAfterParametersCell()
    {
        var runner = new NotebookRunner(new RunOptions { Worker = NotebookWorkspace.Worker, Parameters = ["year=2030", "region=Zeeland"] });
        var prepared = runner.Prepare([Fixture("all-pass.ipynb")]).Single();
        var at = prepared.Cells.ToList().FindIndex(c => c.Tags.Contains("parameters"));
        var injected = prepared.Cells[at + 1];
        Assert.Contains(ParameterCell.InjectedTag, injected.Tags);
        Assert.Equal("// Parameters injected by workbench run\nint year = 2030;\nstring region = \"Zeeland\";", injected.Source);
        Assert.Equal(Enumerable.Range(0, prepared.Cells.Count), prepared.Cells.Select(c => c.Index));
    }

    [Fact]
    public void Prepare_ParametersWithoutParametersCell_IsUsageError()
    {
        var runner = new NotebookRunner(new RunOptions { Worker = NotebookWorkspace.Worker, Parameters = ["x=1"] });
        var ex = Assert.Throws<DataValidationException>(() => runner.Prepare([Fixture("exception.ipynb")]));
        Assert.Contains("no cell tagged 'parameters'", ex.Message);
    }

    [Fact]
    public async Task Cli_BadParameterValue_ExitsTwoBeforeRunning()
    {
        var (code, stdout, stderr) = await NotebookWorkspace.RunCliAsync(Path.GetTempPath(), "run", Fixture("params.dib"), "--param", "count=many", "--out", Path.Combine(Path.GetTempPath(), "wb-never"));
        Assert.Equal(2, code);
        Assert.Contains("'many' is not a valid int", stderr);
        Assert.Contains("Known parameters: count (int, default 3), word (string, default \"hi\")", stderr);
        Assert.DoesNotContain("passed", stdout);
    }

    [Fact]
    public async Task Cli_Params_ListsTypesAndDefaults()
    {
        var (code, stdout, _) = await NotebookWorkspace.RunCliAsync(Path.GetTempPath(), "params", Fixture("all-pass.ipynb"));
        Assert.Equal(0, code);
        Assert.Contains("5 parameter(s)", stdout);
        Assert.Matches(@"cutoff\s+DateOnly\s+new DateOnly\(2024, 12, 31\)", stdout);
        Assert.Matches(@"rate\s+double\s+0\.125", stdout);
    }

    [Fact]
    public async Task Run_DibWithParameters_UsesInjectedValues()
    {
        using var workspace = new NotebookWorkspace();
        var output = Path.Combine(workspace.Root, "out");
        var runner = new NotebookRunner(new RunOptions
        {
            Worker = NotebookWorkspace.Worker, Parameters = ["count=2", "word=yo"], OutputDirectory = output, RunRecordPath = null,
        });
        var result = (await runner.RunAsync([workspace["params.dib"]])).Single();
        Assert.True(result.Succeeded, result.Failure);
        var nb = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "params.ipynb")))!;
        var last = nb["cells"]!.AsArray()[^1]!;
        Assert.Equal("yo yo", NotebookWriter.MultilineText(last["outputs"]![0]!["data"]!["text/plain"]));
        Assert.Equal("2", result.Parameters["count"]);
        Assert.Equal("2", ((JsonObject)nb["metadata"]!["workbench"]!["parameters"]!)["count"]!.GetValue<string>());
    }
}
