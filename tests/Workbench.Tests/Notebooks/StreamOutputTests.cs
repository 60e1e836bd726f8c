using System.Diagnostics;
using Workbench.Notebooks.Engine;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// Stream output of a cell (the engine's capture, shared by <c>workbench run</c>'s worker and the Jupyter kernel): joined
/// in linear time and bounded by <see cref="NotebookEngineOptions.MaxStreamChars"/>, with a note where it was cut.
/// </summary>
public sealed class StreamOutputTests
{
    [Fact]
    public void StreamBudget_TextPastLimit_KeepsUpToLimitAndCountsTheRest()
    {
        var budget = new StreamBudget(10);
        Assert.Equal("abcdef", budget.Take("abcdef"));
        Assert.Equal("ghij", budget.Take("ghijkl"));
        Assert.Equal("", budget.Take("mnop"));
        Assert.Equal(6, budget.Dropped);
        Assert.Contains("6 characters were dropped", budget.Note(budget.Dropped));
    }

    [Fact]
    public void StreamBudget_CutInsideSurrogatePair_KeepsValidText()
    {
        var budget = new StreamBudget(4);
        Assert.Equal("abc", budget.Take("abc😀"));
        Assert.Equal(2, budget.Dropped);
    }

    [Fact]
    public void NotebookEngineOptions_TinyLimit_RejectedWithFix() =>
        Assert.Contains("at least 1024", Assert.Throws<ArgumentOutOfRangeException>(() => new NotebookEngineOptions { MaxStreamChars = 10 }).Message);

    [Fact]
    public async Task SubmitAsync_OutputPastLimit_KeptUpToLimitWithNoteAndLaterOutputsKept()
    {
        await using var engine = new CSharpNotebookEngine(new NotebookEngineOptions { MaxStreamChars = 2048 });
        await engine.StartAsync();
        var live = new List<CellOutput>();
        var result = await engine.SubmitAsync("csharp",
            "for (var i = 0; i < 1000; i++) Console.Write(\"0123456789\");\nConsole.Error.Write(\"late\");\n\"value\"",
            o => { lock (live) live.Add(o.Output); });
        Assert.True(result.Succeeded);
        var stream = Assert.Single(result.Outputs, o => o.Kind == CellOutputKind.Stream);
        Assert.Equal("stdout", stream.StreamName);
        Assert.StartsWith(string.Concat(Enumerable.Repeat("0123456789", 204)) + "01234567\n[workbench: output truncated", stream.Text);
        Assert.Contains("more than 2,048 characters", stream.Text);
        Assert.Contains("7,956 characters were dropped", stream.Text);
        Assert.Contains(result.Outputs, o => o.Kind == CellOutputKind.ExecuteResult);
        string liveText;
        lock (live) liveText = string.Concat(live.Where(o => o.Kind == CellOutputKind.Stream).Select(o => o.Text));
        Assert.StartsWith(string.Concat(Enumerable.Repeat("0123456789", 204)) + "01234567\n[workbench: output truncated", liveText);
        Assert.DoesNotContain("late", liveText);
    }

    [Fact]
    public async Task SubmitAsync_FiftyMegabytesInSmallWrites_FinishesInLinearTimeAndBounded()
    {
        await using var engine = new CSharpNotebookEngine();
        await engine.StartAsync();
        var liveChars = 0L;
        var clock = Stopwatch.StartNew();
        // 500,000 lines of 100 characters: joining them by string concatenation (as before) would copy terabytes.
        var result = await engine.SubmitAsync("csharp", "var line = new string('x', 99);\nfor (var i = 0; i < 500_000; i++) Console.WriteLine(line);",
            o => Interlocked.Add(ref liveChars, o.Output.Text?.Length ?? 0));
        clock.Stop();
        Assert.True(result.Succeeded);
        // Generous: catches quadratic joining (hours), not a slow machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        var text = string.Concat(result.Outputs.Where(o => o.Kind == CellOutputKind.Stream).Select(o => o.Text));
        Assert.InRange(text.Length, NotebookEngineOptions.DefaultMaxStreamChars, NotebookEngineOptions.DefaultMaxStreamChars + 1000);
        Assert.Contains("33,222,784 characters were dropped", text);
        Assert.InRange(liveChars, NotebookEngineOptions.DefaultMaxStreamChars, NotebookEngineOptions.DefaultMaxStreamChars + 1000);
    }
}
