using System.Text.Json.Nodes;
using Workbench.Claims;
using Workbench.Notebooks.Studies;
using Workbench.Reporting;
using Workbench.Text;

namespace Workbench.Tests.Studies;

/// <summary>Small executed notebooks written for one check each.</summary>
public static class TestNotebook
{
    public static JsonObject Markdown(string text, params string[] tags) => new()
    {
        ["cell_type"] = "markdown", ["metadata"] = new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()) },
        ["source"] = text,
    };

    public static JsonObject Code(string source, params JsonObject[] outputs) => new()
    {
        ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["source"] = source, ["outputs"] = new JsonArray(outputs),
    };

    public static JsonObject Display(string mime, string value) => new()
    {
        ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = new JsonObject { [mime] = value, ["text/plain"] = "shown" },
    };

    public static JsonObject Values(params (string, double)[] values) => Display(PublishedMime.Values, BoundValues.Of(values).ToJson());

    /// <summary>Writes the cells as an .ipynb in a new temporary folder and returns its path.</summary>
    public static string Write(params JsonObject[] cells)
    {
        var dir = Directory.CreateTempSubdirectory("wb-nb-").FullName;
        var path = Path.Combine(dir, "study.ipynb");
        File.WriteAllText(path, new JsonObject { ["cells"] = new JsonArray(cells), ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 }.ToJsonString());
        return path;
    }
}

/// <summary>verify's checks of published text: both languages, bound numbers (issue 15).</summary>
public sealed class ReportCheckTests
{
    private static IReadOnlyList<ReportProblem> Check(string path, IReadOnlyList<LedgerEntry>? ledger = null)
    {
        try
        {
            return ReportChecks.Check("study", ReportNotebook.Read(path), ledger ?? []);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Check_UnboundLiteralNumber_FailsNamingCellAndText()
    {
        var problems = Check(TestNotebook.Write(
            TestNotebook.Markdown("# Title", "lang-en"), TestNotebook.Markdown("# Titel", "lang-nl"),
            TestNotebook.Markdown("For every registered victim, about 3 more go unregistered.", "lang-en"),
            TestNotebook.Markdown("Op elk geregistreerd slachtoffer komen er ongeveer {{ ratio:N1 }} bij.", "lang-nl"),
            TestNotebook.Code("bound", TestNotebook.Values(("ratio", 2.2967)))));
        var problem = Assert.Single(problems);
        Assert.Equal(ReportProblemKind.UnboundNumber, problem.Kind);
        Assert.Equal("cell 3", problem.Cell);
        Assert.Contains("unbound number '3'", problem.Message);
        Assert.Contains("about 3 more go unregistered", problem.Message);
    }

    [Fact]
    public void Check_BoundYearOrdinalAndLedgerNumbers_Pass()
    {
        var ledger = new LedgerEntry("girls", "48% of girls ...", 48, null, null, "percent", Rounding.PercentInteger, ClaimKind.SurveyProportion, "F", 2020, "p", "study");
        var problems = Check(TestNotebook.Write(
            TestNotebook.Markdown("## Figure 2: before the 18th birthday, 2015-2019\n\nThe factsheet prints 48%; the data give {{ share:P1 }} of {{ n:N0 }}; `code 7` is code.", "lang-en"),
            TestNotebook.Markdown("## Figuur 2: voor de 18e verjaardag, 2015-2019\n\nDe factsheet noemt 48%; de gegevens geven {{ share:P1 }} van {{ n:N0 }}; `code 7` is code.", "lang-nl"),
            TestNotebook.Code("bound", TestNotebook.Values(("share", 0.4812), ("n", 5429)))), [ledger]);
        Assert.Empty(problems);
    }

    [Fact]
    public void Check_NumberThatOnlyLooksBound_Fails()
    {
        // 2.3 is bound as ratio; 2.4 is not, whatever its source.
        var problems = Check(TestNotebook.Write(
            TestNotebook.Markdown("About 2.3 or 2.4 more.", "lang-en"), TestNotebook.Markdown("Ongeveer 2,3 of 2,4 meer.", "lang-nl"),
            TestNotebook.Code("bound", TestNotebook.Values(("ratio", 2.2967)))));
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("'2", p.Message));
        Assert.Contains(problems, p => p.Message.Contains("2.4", StringComparison.Ordinal) && p.Message.Contains("English", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("2,4", StringComparison.Ordinal) && p.Message.Contains("Dutch", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NarrativeWithoutDutch_FailsStrictLanguageCheck()
    {
        var problems = Check(TestNotebook.Write(TestNotebook.Markdown("# Title", "lang-en"), TestNotebook.Markdown("Text without a language tag.")));
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(ReportProblemKind.Language, p.Kind));
        Assert.Contains(problems, p => p.Cell == "cell 1" && p.Message.Contains("no Dutch version", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Cell == "cell 2" && p.Message.Contains("no language tag", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_HeadingMissingInOneLanguage_Fails()
    {
        var problems = Check(TestNotebook.Write(TestNotebook.Markdown("## Result\n\nText.", "lang-en"), TestNotebook.Markdown("Tekst.", "lang-nl")));
        Assert.Contains("different headings", Assert.Single(problems).Message);
    }

    [Fact]
    public void Check_TableInOneLanguageOnly_Fails()
    {
        var table = Workbench.Tables.Tables.Estimates("t", Bilingual.Of("T", "T"), Bilingual.Of("Group", "Groep"), Bilingual.Of("S", "B"),
            (Bilingual.Of("All", "Allen"), new Workbench.Statistics.IntervalEstimate(0.5, 0.4, 0.6, 0.95, Workbench.Statistics.EstimateKind.Proportion)));
        var problems = Check(TestNotebook.Write(TestNotebook.Code("table", TestNotebook.Display(PublishedMime.Table, table.Html(Language.En)))));
        Assert.Contains("one language only", Assert.Single(problems).Message);
    }

    [Fact]
    public void Check_RemovedCell_IsNotChecked()
    {
        var problems = Check(TestNotebook.Write(TestNotebook.Markdown("<!-- tags: remove-cell -->\nLoading 25 packages.")));
        Assert.Empty(problems);
    }

    [Fact]
    public void Check_PlaceholderWithoutValue_Fails()
    {
        var problems = Check(TestNotebook.Write(TestNotebook.Markdown("About {{ ratio:N1 }}.", "lang-en"), TestNotebook.Markdown("Ongeveer {{ ratio:N1 }}.", "lang-nl")));
        Assert.Contains(problems, p => p.Kind == ReportProblemKind.Content && p.Message.Contains("{{ ratio }}", StringComparison.Ordinal));
    }

    [Fact]
    public void CellTags_DibMarkerLines_AreReadAndDropped()
    {
        var (tags, source) = CellTags.Read(new JsonObject(), "<!-- tags: lang-nl, remove-output -->\n# Titel");
        Assert.Equal("nl", tags.Language);
        Assert.True(tags.RemoveOutput);
        Assert.Equal("# Titel", source);
        var (code, _) = CellTags.Read(new JsonObject(), "// tags: remove-cell\nvar x = 1;");
        Assert.True(code.RemoveCell);
    }

    [Fact]
    public void Template_Placeholders_FormatPerLanguage()
    {
        var values = BoundValues.Of(("ratio", 2.2967), ("share", 0.4812), ("n", 5429));
        var text = values.Text("about {{ ratio:N1 }} more; {{ share:P1 }} of {{ n:N0 }}", "ongeveer {{ ratio:N1 }} meer; {{ share:P1 }} van {{ n:N0 }}");
        Assert.Equal("about 2.3 more; 48.1% of 5,429", text.En);
        Assert.Equal("ongeveer 2,3 meer; 48,1% van 5.429", text.Nl);
        Assert.Throws<ArgumentException>(() => values.Text("{{ missing }}", "{{ missing }}"));
        Assert.Throws<ArgumentException>(() => BoundValues.Of(("bad name", 1)));
        Assert.Throws<ArgumentException>(() => BoundValues.Of(("nan", double.NaN)));
    }
}

/// <summary>A .dib keeps the report's tags on a first-line marker (a .dib has no cell metadata).</summary>
public sealed class DibTagTests
{
    [Fact]
    public void ConvertToDib_LanguageAndRemoveTags_KeptAsMarkerLinesTheReportReads()
    {
        var path = TestNotebook.Write(TestNotebook.Markdown("# Titel", "lang-nl"), TestNotebook.Code("var x = 1;"));
        var dir = Path.GetDirectoryName(path)!;
        try
        {
            var nb = JsonNode.Parse(File.ReadAllText(path))!;
            nb["cells"]![1]!["metadata"]!["tags"] = new JsonArray("remove-cell");
            File.WriteAllText(path, nb.ToJsonString());
            var result = Workbench.Notebooks.Jupyter.NotebookConverter.Convert(path, Workbench.Notebooks.Documents.NotebookFormat.Dib);
            var dib = File.ReadAllText(result.OutputPath);
            Assert.Contains("#!markdown\n\n<!-- tags: lang-nl -->\n# Titel", dib);
            Assert.Contains("#!csharp\n\n// tags: remove-cell\nvar x = 1;", dib);
            var (tags, source) = CellTags.Read(new JsonObject(), "<!-- tags: lang-nl -->\n# Titel");
            Assert.Equal("nl", tags.Language);
            Assert.Equal("# Titel", source);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
