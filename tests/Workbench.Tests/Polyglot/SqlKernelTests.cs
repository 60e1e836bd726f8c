using System.Diagnostics;
using Microsoft.Data.Analysis;
using Workbench.Notebooks.Engine;

namespace Workbench.Tests.Polyglot;

/// <summary>The <c>#!sql</c> kernel on DuckDB: results as DataFrames, names, files by path, frames shared in and out.</summary>
public sealed class SqlKernelTests
{
    [Fact]
    public async Task SqlCell_Query_ShowsTableAndTypedDataFrame()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.RunAsync("sql", "#!sql\n-- name: t\nSELECT 1::INTEGER AS a, 2::BIGINT AS b, 0.1::DOUBLE AS x, 'é' AS s, TRUE AS f, DATE '2020-02-29' AS d, sum(i) AS h FROM range(3) r(i)");
        var table = Assert.Single(result.Outputs, o => o.Kind == CellOutputKind.ExecuteResult);
        Assert.Equal("a  b  x    s  f     d           h\n1  2  0.1  é  true  2020-02-29  3\n(1 rows × 7 columns)", table.Data!["text/plain"]);
        Assert.Contains("<th>a</th>", table.Data["text/html"]);
        var check = await engine.RunAsync("csharp", "#!set --name t --value @sql:t --byref\n" +
            "string.Join(\",\", t.Columns.Select(c => c.DataType.Name))");
        Assert.Contains("Int32,Int64,Double,String,Boolean,DateTime,Int64", PolyglotEngine.Text(check));
    }

    [Fact]
    public async Task SqlCell_WithoutNameLine_StoresLastResult()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("sql", "#!sql\nSELECT 42 AS answer");
        var check = await engine.RunAsync("csharp", "#!set --name r --value @sql:lastResult --byref\nr.Rows.Count + (int)r[0, 0]");
        Assert.Contains("43", PolyglotEngine.Text(check));
    }

    [Fact]
    public async Task SqlCell_CsvAndParquetByPath_Queried()
    {
        var dir = Directory.CreateTempSubdirectory("wb-sql-");
        try
        {
            var csv = Path.Combine(dir.FullName, "r.csv");
            await File.WriteAllTextAsync(csv, "registry,year\nA,2019\nA,2020\nB,2020\n");
            await using var engine = await PolyglotEngine.StartAsync();
            var parquet = Path.Combine(dir.FullName, "r.parquet");
            await engine.RunAsync("sql", $"#!sql\nCOPY (SELECT * FROM '{csv}') TO '{parquet}' (FORMAT parquet)");
            var result = await engine.RunAsync("sql", $"#!sql\nSELECT registry, count(*) AS n FROM read_parquet('{parquet}') GROUP BY registry ORDER BY registry");
            Assert.StartsWith("registry  n\nA         2\nB         1\n", PolyglotEngine.Text(result));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public async Task SetByref_DataFrameIntoSql_BecomesTable()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("csharp", $"#r \"{typeof(DataFrame).Assembly.Location}\"\nusing Microsoft.Data.Analysis;\n" +
            "var people = new DataFrame(new Int32DataFrameColumn(\"age\", new int?[] { 30, null, 50 }), new StringDataFrameColumn(\"name\", new[] { \"a\", \"b\", null }));\nvar limit = 35;");
        var result = await engine.RunAsync("sql", "#!sql\n#!set --name people --value @csharp:people --byref\n#!set --name limit --value @csharp:limit\n" +
            "SELECT count(*) AS n, count(age) AS known, max(age) FILTER (WHERE age > getvariable('limit')) AS older FROM people");
        Assert.StartsWith("n  known  older\n3  2      50\n", PolyglotEngine.Text(result));
    }

    [Fact]
    public async Task SqlCell_BadQuery_FailsWithDuckDbMessage()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.SubmitAsync("sql", "#!sql\nSELECT * FROM missing_table");
        Assert.False(result.Succeeded);
        var error = result.Outputs[^1];
        Assert.Equal("SqlException", error.ErrorName);
        Assert.Contains("missing_table", error.ErrorValue);
    }

    [Fact]
    public async Task SetByref_UnknownResult_FailsNamingIt()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.SubmitAsync("csharp", "#!set --name x --value @sql:nothing --byref\nx");
        Assert.False(result.Succeeded);
        Assert.Contains("nothing", PolyglotEngine.Error(result));
    }

    [Fact]
    public async Task SqlCell_GroupByOverManyRows_IsFast()
    {
        var dir = Directory.CreateTempSubdirectory("wb-sql-");
        try
        {
            await using var engine = await PolyglotEngine.StartAsync();
            var csv = Path.Combine(dir.FullName, "big.csv");
            await engine.RunAsync("sql", $"#!sql\nCOPY (SELECT i AS id, i % 100 AS g, i * 0.5 AS x FROM range(200000) r(i)) TO '{csv}' (HEADER)");
            var clock = Stopwatch.StartNew();
            var result = await engine.RunAsync("sql", $"#!sql\nSELECT g, count(*) AS n, avg(x) AS m FROM '{csv}' GROUP BY g ORDER BY g");
            Assert.Contains("(100 rows × 3 columns)", PolyglotEngine.Text(result));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public async Task SetValue_UnshareableIntoSql_FailsNamingValue()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("csharp", "var handle = new System.Threading.SemaphoreSlim(1);");
        var result = await engine.SubmitAsync("sql", "#!sql\n#!set --name handle --value @csharp:handle --byref\nSELECT 1");
        Assert.False(result.Succeeded);
        Assert.Contains("'handle'", PolyglotEngine.Error(result));
    }

    [Fact]
    public async Task SetByref_TableCreatedInSql_SharedWithoutShowingIt()
    {
        await using var engine = await PolyglotEngine.StartAsync();
        var create = await engine.RunAsync("sql", "#!sql\nCREATE TABLE counts AS SELECT i % 2 AS g, count(*) AS n FROM range(10) r(i) GROUP BY g");
        Assert.DoesNotContain(create.Outputs, o => o.Kind == CellOutputKind.ExecuteResult);
        var check = await engine.RunAsync("csharp", "#!set --name counts --value @sql:counts --byref\ncounts.Rows.Count + \" \" + counts.Columns[\"n\"].DataType.Name");
        Assert.Contains("2 Int64", PolyglotEngine.Text(check));
        var missing = await engine.SubmitAsync("csharp", "#!set --name other --value @sql:other --byref\nother");
        Assert.False(missing.Succeeded);
        Assert.Contains("no result or table named 'other'", PolyglotEngine.Error(missing));
    }
}
