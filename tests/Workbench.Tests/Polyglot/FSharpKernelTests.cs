using Workbench.Notebooks.Engine;

namespace Workbench.Tests.Polyglot;

/// <summary>The in-process <c>#!fsharp</c> kernel: output, values, diagnostics, exceptions, sharing and <c>#r "nuget:"</c>.</summary>
public sealed class FSharpKernelTests
{
    [Fact]
    public async Task FSharpCell_PrintfnAndValue_StreamAndFsiFormat()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.RunAsync("fsharp", "#!fsharp\nprintfn \"sum %d\" (List.sum [1..4])\n[1; 2; 3] |> List.map (fun x -> x * x)");
        Assert.Equal("sum 10\n", result.Outputs.First(o => o.Kind == CellOutputKind.Stream).Text);
        Assert.Equal("[1; 4; 9]", Assert.Single(result.Outputs, o => o.Kind == CellOutputKind.ExecuteResult).Data!["text/plain"]);
    }

    [Fact]
    public async Task FSharpCell_TypeError_FailsWithDiagnostic()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.SubmitAsync("fsharp", "#!fsharp\nlet x: int = \"text\"");
        Assert.False(result.Succeeded);
        Assert.Equal("CompilationError", result.Outputs[^1].ErrorName);
        Assert.Contains("FS0001", result.Outputs[^1].ErrorValue);
    }

    [Fact]
    public async Task FSharpCell_Failwith_FailsWithMessage()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.SubmitAsync("fsharp", "#!fsharp\n(failwith \"boom\" : unit)");
        Assert.False(result.Succeeded);
        Assert.Contains("boom", result.Outputs[^1].ErrorValue);
    }

    [Fact]
    public async Task SetByref_BetweenCSharpAndFSharp_KeepsTypes()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("csharp", "var n = 21; var xs = new[] { 1.5, 2.5 };");
        await engine.RunAsync("fsharp", "#!fsharp\n#!set --name n --value @csharp:n --byref\n#!set --name xs --value @csharp:xs --byref\nlet m = n * 2\nlet total = Array.sum xs");
        var back = await engine.RunAsync("csharp", "#!set --name m --value @fsharp:m --byref\n#!set --name total --value @fsharp:total --byref\n$\"{m.GetType().Name} {m} {total}\"");
        Assert.Contains("Int32 42 4", PolyglotEngine.Text(back));
    }

    [Fact]
    public async Task Share_FromCSharpIntoFSharpAndSql_ValueArrives()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("csharp", "var n = 20;");
        var fs = await engine.RunAsync("fsharp", "#!fsharp\n#!share --from csharp n\nn + 1");
        Assert.Equal("21", Assert.Single(fs.Outputs, o => o.Kind == CellOutputKind.ExecuteResult).Data!["text/plain"]);
        var sql = await engine.RunAsync("sql", "#!sql\n#!share --from csharp n\nSELECT getvariable('n') + 2 AS m");
        Assert.StartsWith("m\n22\n", PolyglotEngine.Text(sql));
    }

    [Fact]
    public async Task SetByref_SqlFrameIntoFSharp_IsDataFrame()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("sql", "#!sql\n-- name: t\nSELECT range AS i FROM range(4)");
        var result = await engine.RunAsync("fsharp", $"#!fsharp\n#r @\"{typeof(Microsoft.Data.Analysis.DataFrame).Assembly.Location}\"\n" +
                                                     "#!set --name t --value @sql:t --byref\nt.Rows.Count");
        Assert.Equal("4L", Assert.Single(result.Outputs, o => o.Kind == CellOutputKind.ExecuteResult).Data!["text/plain"]);
    }

    [Fact]
    public async Task FSharpCell_NugetDirective_LoadsPackage()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.RunAsync("fsharp", "#!fsharp\n#r \"nuget: MathNet.Numerics, 5.0.0\"\nMathNet.Numerics.SpecialFunctions.Gamma(5.0)");
        Assert.Equal("24.0", Assert.Single(result.Outputs, o => o.Kind == CellOutputKind.ExecuteResult).Data!["text/plain"]);
    }
}
