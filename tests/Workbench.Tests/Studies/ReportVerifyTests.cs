using System.Text.Json.Nodes;
using Workbench.Tests.Support;

namespace Workbench.Tests.Studies;

/// <summary>workbench verify fails on an unbound number, and with --strict on a missing translation (issue 15).</summary>
public sealed class ReportVerifyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-verify-text-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RepoPaths.ProcessResult Verify(string extra, params JsonObject[] cells)
    {
        var notebook = TestNotebook.Write([.. cells, TestNotebook.Code("var x = 1;")]);
        var path = Path.Combine(_dir, "study.ipynb");
        File.Move(notebook, path, overwrite: true);
        Directory.Delete(Path.GetDirectoryName(notebook)!);
        var ledger = Path.Combine(_dir, "ledger.csv");
        File.WriteAllText(ledger, "id,sentence_en,value,low,high,unit,rounding,kind,publication,year,period,study\n");
        return RepoPaths.Bash($"{StudiesFixture.Cli} verify \"{path}\" --ledger \"{ledger}\" --out \"{Path.Combine(_dir, "out")}\" {extra}", _dir, TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Verify_UnboundNumberInNarrative_FailsNamingCellAndText()
    {
        var result = Verify("",
            TestNotebook.Markdown("# Study\n\nFor every registered victim, about 3 more go unregistered.", "lang-en"),
            TestNotebook.Markdown("# Studie\n\nOp elk geregistreerd slachtoffer komen er ongeveer drie bij.", "lang-nl"));
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("TEXT  study cell 1: unbound number '3' in the English text", result.StdOut);
        Assert.Contains("about 3 more go unregistered", result.StdOut);
    }

    [Fact]
    public void Verify_MissingDutch_WarnsAndFailsOnlyWithStrict()
    {
        static JsonObject Cell() => TestNotebook.Markdown("# Study\n\nText in English only.", "lang-en");
        var plain = Verify("", Cell());
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains("warning  study cell 1: narrative in English", plain.StdOut);
        File.Delete(Path.Combine(_dir, "study.ipynb"));
        var strict = Verify("--strict", Cell());
        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.Contains("TEXT  study cell 1: narrative in English (\"# Study", strict.StdOut);
        Assert.Contains("has no Dutch version", strict.StdOut);
    }

    [Fact]
    public void Verify_ReportReview_FoldsTheCodeIntoTheSamePage()
    {
        var result = Verify("--report review",
            TestNotebook.Markdown("# Study", "lang-en"), TestNotebook.Markdown("# Studie", "lang-nl"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var page = File.ReadAllText(Path.Combine(_dir, "out", "report", "study.nl.html"));
        Assert.Contains("<details class=\"code\"><summary>Code", page);
        Assert.Contains("var x = 1;", page);
        Assert.Contains("<title>Studie</title>", page);
        var publication = Verify("", TestNotebook.Markdown("# Study", "lang-en"), TestNotebook.Markdown("# Studie", "lang-nl"));
        Assert.True(publication.ExitCode == 0, publication.ToString());
        Assert.DoesNotContain("var x = 1;", File.ReadAllText(Path.Combine(_dir, "out", "report", "study.nl.html")));
    }
}
