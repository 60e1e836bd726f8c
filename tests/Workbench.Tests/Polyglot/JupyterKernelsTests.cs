using System.Diagnostics;
using Workbench.Notebooks.Engine;
using Workbench.Notebooks.Polyglot;

namespace Workbench.Tests.Polyglot;

/// <summary>
/// <c>#!r</c> and <c>#!python</c> cells on Debian's IRkernel and ipykernel: outputs, errors, interrupts, values both
/// ways with their types, and a clear error when a kernel is missing. Under CI=true a missing kernel fails these tests.
/// </summary>
public sealed class JupyterKernelsTests
{
    [SkippableFact]
    public async Task RCell_PrintAndPlot_StreamAndPng()
    {
        PolyglotEngine.RequireKernel("r");
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.RunAsync("r", "#!r\ncat('hello\\n')\nx <- c(1.5, 2.5)\nmean(x)\nplot(1:3)");
        Assert.Equal("hello\n", result.Outputs.First(o => o.Kind == CellOutputKind.Stream).Text);
        Assert.Contains(result.Outputs, o => o.Data?.GetValueOrDefault("text/plain")?.Contains("[1] 2") == true);
        Assert.Contains(result.Outputs, o => o.Data?.ContainsKey("image/png") == true);
    }

    [SkippableFact]
    public async Task PythonCell_ResultAndSvgDisplay()
    {
        PolyglotEngine.RequireKernel("python");
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.RunAsync("python", "#!python\nfrom IPython.display import SVG, display\n" +
            "display(SVG('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>'))\nprint('hi')\n6 * 7");
        Assert.Contains(result.Outputs, o => o.Data?.ContainsKey("image/svg+xml") == true);
        Assert.Equal("42", Assert.Single(result.Outputs, o => o.Kind == CellOutputKind.ExecuteResult).Data!["text/plain"]);
    }

    [SkippableFact]
    public async Task RCell_Error_FailsWithRMessage()
    {
        PolyglotEngine.RequireKernel("r");
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.SubmitAsync("r", "#!r\nstop('boom')");
        Assert.False(result.Succeeded);
        var error = result.Outputs[^1];
        Assert.Equal(CellOutputKind.Error, error.Kind);
        Assert.Contains("boom", error.ErrorValue);
        Assert.StartsWith("R: ", error.ErrorValue);
    }

    [SkippableFact]
    public async Task PythonCell_Error_FailsWithExceptionNameAndTraceback()
    {
        PolyglotEngine.RequireKernel("python");
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.SubmitAsync("python", "#!python\n1/0");
        Assert.False(result.Succeeded);
        var error = result.Outputs[^1];
        Assert.Equal("ZeroDivisionError", error.ErrorName);
        Assert.Contains(error.Traceback!, l => l.Contains("ZeroDivisionError"));
    }

    [SkippableFact]
    public async Task RCell_Interrupted_StopsQuicklyAndKernelStaysUsable()
    {
        PolyglotEngine.RequireKernel("r");
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("r", "#!r\ny <- 5");
        var clock = Stopwatch.StartNew();
        var running = engine.SubmitAsync("r", "#!r\nSys.sleep(30)", _ => { });
        await Task.Delay(1500);
        await engine.InterruptAsync();
        var result = await running;
        Assert.False(result.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        var after = await engine.RunAsync("r", "#!r\ny * 2");
        Assert.Contains("[1] 10", PolyglotEngine.Text(after));
    }

    [SkippableFact]
    public async Task ValuesBothWays_RAndPython_KeepTypes()
    {
        PolyglotEngine.RequireKernel("r");
        PolyglotEngine.RequireKernel("python");
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("csharp", "var n = 3; var s = \"é,\\\"x\\\"\"; var xs = new[] { 0.1, 2.5 }; var rec = new { Name = \"a\", Age = 4 };");
        await engine.RunAsync("r", "#!r\n#!set --name n --value @csharp:n --byref\n#!set --name s --value @csharp:s --byref\n#!set --name xs --value @csharp:xs --byref\n" +
                                   "#!set --name rec --value @csharp:rec --byref\nn2 <- as.integer(n * 2L); s2 <- paste0(s, '!'); xs2 <- xs * 2; age <- rec$Age");
        var back = await engine.RunAsync("csharp", "#!set --name n2 --value @r:n2 --byref\n#!set --name s2 --value @r:s2 --byref\n#!set --name xs2 --value @r:xs2 --byref\n" +
                                                   "$\"{n2.GetType().Name} {n2} {s2} {xs2.GetType().Name} {string.Join(';', xs2)}\"");
        Assert.Contains("Int32 6 é,\"x\"! Double[] 0.2;5", PolyglotEngine.Text(back));
        await engine.RunAsync("python", "#!python\n#!set --name xs --value @csharp:xs --byref\ntotal = sum(xs)");
        var py = await engine.RunAsync("csharp", "#!set --name total --value @python:total --byref\ntotal.GetType().Name + \" \" + total");
        Assert.Contains("Double 2.6", PolyglotEngine.Text(py));
    }

    [SkippableFact]
    public async Task DataFrame_ThroughRAndPython_ComesBackTyped()
    {
        PolyglotEngine.RequireKernel("r");
        PolyglotEngine.RequireKernel("python");
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("sql", "#!sql\n-- name: df\nSELECT i::INTEGER AS id, 10000000000 + i AS big, i / 3 AS x, i % 2 = 0 AS even, 'r' || i AS label, " +
                                     "TIMESTAMP '2020-01-01 12:00:00' + INTERVAL (i) DAY AS t FROM range(5) r(i)");
        await engine.RunAsync("r", "#!r\n#!set --name df --value @sql:df --byref\ndf$x2 <- df$x * 2\nstopifnot(is.integer(df$id), is.logical(df$even), inherits(df$t, 'POSIXct'))");
        await engine.RunAsync("python", "#!python\n#!set --name df --value @r:df --byref\ndf['y'] = df['x2'] + 1\nassert str(df['id'].dtype) == 'Int32', df.dtypes");
        var back = await engine.RunAsync("csharp", "#!set --name df --value @python:df --byref\n" +
            "string.Join(\",\", df.Columns.Select(c => c.Name + \":\" + c.DataType.Name)) + \" \" + df[\"big\"][4] + \" \" + df[\"y\"][3] + \" \" + ((DateTime)df[\"t\"][1]).ToString(\"s\")");
        Assert.Contains("id:Int32,big:Int64,x:Double,even:Boolean,label:String,t:DateTime,x2:Double,y:Double 10000000004 3 2020-01-02T12:00:00", PolyglotEngine.Text(back));
    }

    [SkippableFact]
    public async Task DataFrame_FromR_DoublesExactAndMissingValuesKept()
    {
        PolyglotEngine.RequireKernel("r");
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("r", "#!r\nd <- data.frame(x = c(1/3, NA, pi, NaN), n = c(1L, NA, 3L, 4L), s = c('a', NA, '', 'd'), stringsAsFactors = FALSE)");
        var back = await engine.RunAsync("csharp", "#!set --name d --value @r:d --byref\n" +
            "$\"{(double)d[\"x\"][0] == 1.0 / 3} {d[\"x\"][1] is null} {(double)d[\"x\"][2] == Math.PI} {double.IsNaN((double)d[\"x\"][3])} {d[\"n\"][1] is null} {d[\"n\"].DataType.Name} {d[\"s\"][1] is null} [{d[\"s\"][2]}]\"");
        Assert.Contains("True True True True True Int32 True []", PolyglotEngine.Text(back));
    }

    [SkippableFact]
    public async Task DataFrame_MissingNumbersIntoRAndPython_AreNa()
    {
        PolyglotEngine.RequireKernel("r");
        PolyglotEngine.RequireKernel("python");
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("sql", "#!sql\n-- name: d\nSELECT * FROM (VALUES (0.1, 10::BIGINT, 'a'), (NULL, NULL, NULL)) t(x, n, s)");
        await engine.RunAsync("r", "#!r\n#!set --name d --value @sql:d --byref\nstopifnot(d$x[1] == 0.1, is.na(d$x[2]), d$n[1] == 10, is.na(d$n[2]), is.na(d$s[2]))");
        await engine.RunAsync("python", "#!python\n#!set --name d --value @sql:d --byref\n" +
                                        "assert d['x'][0] == 0.1 and d['x'].isna()[1] and str(d['n'].dtype) == 'Int64' and d['n'].isna()[1] and d['s'].isna()[1], d");
    }

    [SkippableFact]
    public async Task SetValue_UnknownRVariable_FailsNamingIt()
    {
        PolyglotEngine.RequireKernel("r");
        await using var engine = await PolyglotEngine.StartAsync();
        var result = await engine.SubmitAsync("csharp", "#!set --name nope --value @r:nope --byref\nnope");
        Assert.False(result.Succeeded);
        Assert.Contains("nope", PolyglotEngine.Error(result));
    }

    [Fact]
    public void Find_MissingKernelspec_NamesDebianPackage()
    {
        var empty = Directory.CreateTempSubdirectory("wb-kernels-");
        try
        {
            var message = Assert.Throws<KernelMissingException>(() => JupyterKernelSpec.R([empty.FullName])).Message;
            Assert.Contains("apt-get install r-cran-irkernel", message);
            Assert.Contains(empty.FullName, message);
        }
        finally { empty.Delete(); }
    }
}

/// <summary>Completion and documentation in <c>#!r</c> and <c>#!python</c> cells come from the language's kernel.</summary>
public sealed class JupyterKernelEditorTests
{
    [SkippableFact]
    public async Task CompleteAsync_PythonCell_ForwardedToIpykernel()
    {
        PolyglotEngine.RequireKernel("python");
        await using var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("python", "#!python\nwb_value_forty_two = 42");
        var code = "#!python\nwb_value_fo";
        var list = await engine.CompleteAsync(code, code.Length);
        Assert.Contains("wb_value_forty_two", list.Matches);
        Assert.Equal(code.Length - "wb_value_fo".Length, list.Start);
    }

    [SkippableFact]
    public async Task CompleteAndInspect_RCell_ForwardedToIRkernel()
    {
        PolyglotEngine.RequireKernel("r");
        await using var engine = await PolyglotEngine.StartAsync();
        var code = "#!r\nx <- mea";
        var list = await engine.CompleteAsync(code, code.Length);
        Assert.Contains("mean", list.Matches);
        var mean = "#!r\nmean(1)";
        var doc = await engine.InspectAsync(mean, mean.IndexOf('(') - 1);
        Assert.NotNull(doc);
        Assert.Contains("mean", doc!.Data["text/plain"]);
    }
}
