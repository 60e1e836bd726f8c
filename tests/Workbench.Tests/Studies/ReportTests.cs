using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Notebooks.Studies;
using Workbench.Reporting;
using Workbench.Tests.Support;
using Workbench.Text;

namespace Workbench.Tests.Studies;

/// <summary>The report of the committed notebooks, rendered once for the test class.</summary>
public sealed class ReportFixture : IDisposable
{
    public string Folder { get; } = ReportPages.Render();

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>The report reads as a publication: no notebook dump, one language per page, numbers bound (issue 15).</summary>
public sealed partial class ReportTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private readonly string _report = fixture.Folder;

    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var s in ReportPages.Studies)
            foreach (var l in new[] { "en", "nl" }) data.Add(s, l);
        return data;
    }

    /// <summary>Every study page and both indexes ("index", language), for the browser tests.</summary>
    public static TheoryData<string, string> PagesForBrowser()
    {
        var data = Pages();
        data.Add("index", "en");
        data.Add("index", "nl");
        return data;
    }

    private string Page(string study, string lang) => File.ReadAllText(Path.Combine(_report, $"{study}.{lang}.html"));

    [Theory]
    [MemberData(nameof(Pages))]
    public void PublicationPage_CommittedStudy_IsNotANotebookDump(string study, string lang)
    {
        var html = ReportPages.WithoutScripts(Page(study, lang));
        var text = ReportPages.VisibleText(html);
        foreach (var plumbing in new[] { "Restore sources", "Installed Packages", "#r \"nuget", "nuget:", "artifacts/packages", "Loading the library",
                     "Microsoft.DotNet.Interactive", "FSharp.Core", "Plotly.NET", "plotly.js inlined", "Dataset.Load", "var " })
            Assert.DoesNotContain(plumbing, text);
        // Raw records and iterator dumps of the stored outputs.
        foreach (var raw in new[] { "Domain:", "Domain =", "Iterator", "AnonymousType", "Estimate:", "ModelNotation", "synthetic = True", "<pre", "<details" })
            Assert.DoesNotContain(raw, html);
        Assert.Contains("class=\"output figure\"", html);
        Assert.Contains("<figure class=\"wb-table\"", html);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_CommittedStudy_TitleIsTheStudyTitleInItsLanguage(string study, string lang)
    {
        var html = Page(study, lang);
        var title = TitleElement().Match(html).Groups[1].Value;
        var h1 = H1().Match(html).Groups[1].Value;
        Assert.Equal(h1, title);
        Assert.Contains($"<html lang=\"{lang}\">", html);
        Assert.DoesNotContain(study, title);
    }

    [Theory]
    [MemberData(nameof(Studies))]
    public void DutchPage_CommittedStudy_ContainsNoEnglishNarrative(string study)
    {
        var dutch = ReportPages.VisibleText(Page(study, "nl"));
        var english = ReportPages.EnglishSentences(study);
        Assert.NotEmpty(english);
        foreach (var sentence in english) Assert.DoesNotContain(sentence, dutch);
        var html = Page(study, "nl");
        Assert.DoesNotMatch("<section class=\"narrative\"(?! lang=\"nl\")", html);
        Assert.DoesNotContain("lang=\"en\" hidden", html);
        // Headings of the page's own sections are Dutch too.
        Assert.Contains("<h2>Gepubliceerde cijfers</h2>", html);
        Assert.Contains("<h2>Herkomst</h2>", html);
    }

    public static TheoryData<string> Studies() => new(ReportPages.Studies);

    [Fact]
    public void EnglishPage_Study02_TitleStatesTheComputedRatio()
    {
        var html = Page("02-trafficking-victim-estimates", "en");
        Assert.DoesNotContain("about three more", html);
        Assert.Contains("For every registered victim, about 2.3 more go unregistered", html);
        Assert.Contains("Op elk geregistreerd slachtoffer komen er ongeveer 2,3\\u003Cbr\\u003Eongeregistreerde bij", Page("02-trafficking-victim-estimates", "nl"));
    }

    [Fact]
    public void Page_Study03Chain_IsNeverSummedIntoATotal()
    {
        var text = ReportPages.VisibleText(Page("03-prosecution-and-sentencing", "en"));
        var table = text[text.IndexOf("Table 1.", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("Source:", StringComparison.Ordinal)];
        Assert.DoesNotContain("Total", table);
        Assert.Contains("Suspects", table);
        Assert.Contains("Convicted", table);
    }

    [Fact]
    public void Page_Study01_LabelsGirlsAndBoysAsTheTitleSays()
    {
        var html = Page("01-sexual-violence-prevalence", "en");
        Assert.Contains("48% of girls", html);
        Assert.DoesNotContain("of female", html);
        Assert.Contains("48% van de meisjes", Page("01-sexual-violence-prevalence", "nl"));
    }

    [Fact]
    public void ReviewPage_CommittedStudy_FoldsTheCodeIn()
    {
        var review = ReportPages.Render(ReportMode.Review, [("01-sexual-violence-prevalence", RepoPaths.At("notebooks", "01-sexual-violence-prevalence.ipynb"))]);
        try
        {
            var html = File.ReadAllText(Path.Combine(review, "01-sexual-violence-prevalence.en.html"));
            Assert.Contains("<details class=\"code\"><summary>Code", html);
            Assert.Contains("Claims.RecordPercent(&quot;girls-physical-sv&quot;", html);
            // The same publication around it: narrative, figures and tables as in publication mode.
            Assert.Contains("Table 1. Physical sexual violence before the 18th birthday, by sex", html);
        }
        finally
        {
            Directory.Delete(review, recursive: true);
        }
    }

    [Fact]
    public void Index_BothLanguages_NameEachClaimBySentenceAndLinkToItsSection()
    {
        var en = File.ReadAllText(Path.Combine(_report, "index.html"));
        var nl = File.ReadAllText(Path.Combine(_report, "index.nl.html"));
        Assert.Contains("48% of girls have been subjected to a criminal form of physical sexual violence before their 18th birthday.", en);
        Assert.Contains("href=\"01-sexual-violence-prevalence.en.html#result-physical-sexual-violence-before-the-18th-birthday-by-sex\"", en);
        Assert.Contains("href=\"01-sexual-violence-prevalence.nl.html#resultaat-fysiek-seksueel-geweld-voor-de-18e-verjaardag-naar-geslacht\"", nl);
        Assert.Contains("Commit: 0123456789abcdef", en);
        Assert.Contains("Datum: 1 juli 2020 12:00 UTC", nl);
        Assert.Contains("survey-sexual-violence.csv 0123456789ab", nl);
        Assert.Contains("Seksueel geweld tegen kinderen: omvang, vertellen en plegers", nl);
        Assert.Contains(">48% van de meisjes heeft voor de 18e verjaardag een strafbare vorm van fysiek seksueel geweld meegemaakt.</a>", nl);
        Assert.DoesNotContain("48% of girls", nl);
        Assert.Contains("<td>5.000-7.500</td>", nl);
        Assert.Contains("<td>ongeveer 1.300</td>", nl);
        Assert.DoesNotContain("<td lang=\"en\">", nl);
        Assert.Contains("<html lang=\"nl\">", nl);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    public void PageText_Study01_MatchesGolden(string lang)
    {
        var actual = ReportPages.VisibleText(Page("01-sexual-violence-prevalence", lang));
        var name = $"01-sexual-violence-prevalence.{lang}.txt";
        GoldenFile.AssertMatches("Report", name, actual);
    }

    [Fact]
    public void Ledger_EveryPublishedFigure_HasItsDutchSentence() =>
        Assert.All(ReportPages.Ledger.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.SentenceNl), e.Id));

    [Theory]
    [MemberData(nameof(Studies))]
    public void Check_CommittedStudy_HasBothLanguagesAndNoUnboundNumber(string study)
    {
        var notebook = ReportNotebook.Read(RepoPaths.At("notebooks", study + ".ipynb"));
        var problems = ReportChecks.Check(study, notebook, ReportPages.Ledger.ForStudy(study));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex("<title>(.*?)</title>")]
    private static partial Regex TitleElement();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>")]
    private static partial Regex H1();
}
