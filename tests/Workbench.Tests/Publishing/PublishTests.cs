using Workbench.Tests.Support;
using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Workbench.Export;
using Workbench.Notebooks.Publishing;

namespace Workbench.Tests.Publishing;

/// <summary>
/// <c>workbench publish</c> and <c>workbench factsheet</c> over a verify run made by hand (<see cref="SyntheticRun"/>).
/// Golden files under Fixtures/Publishing/golden: to accept a deliberate change, run with WORKBENCH_UPDATE_GOLDEN=1
/// and review the diff.
/// </summary>
public sealed class PublishTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-publish-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PublicationDocument Build(SyntheticRun run, string lang) =>
        PublicationBuilder.Build(VerifiedRun.Load(run.Folder), SyntheticRun.Study, lang);

    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    public void Build_TaggedNotebook_KeepsOnlyThePublicationInItsLanguage(string lang)
    {
        using var run = new SyntheticRun();
        var doc = Build(run, lang);
        var nl = lang == "nl";
        Assert.Equal(nl ? "Seksueel geweld tegen kinderen: prevalentie" : "Sexual violence against children: prevalence", doc.Title);
        var text = string.Join("\n", doc.Blocks.Select(b => b switch
        {
            Heading h => h.Text,
            Paragraph p => p.Text,
            FigureBlock f => f.Caption + " " + f.AltText,
            TableBlock t => t.Caption + " " + string.Join(" ", t.Body.SelectMany(r => r).Select(c => c.Text)) + " " + string.Join(" ", t.Notes),
            _ => "",
        }));
        // The other language, code, engine output, raw records and removed cells never appear.
        Assert.DoesNotContain(nl ? "Result by sex" : "Resultaat naar geslacht", text);
        Assert.DoesNotContain(nl ? "Bar chart" : "Staafdiagram", text);
        foreach (var absent in new[] { "Restore sources", "Installed Packages", "nuget", "Domain = all", "var ", "render offline", "Loading the library", "reviewers only", "removed", "working display", "werkweergave" })
            Assert.DoesNotContain(absent, text);
        var figure = Assert.Single(doc.Blocks.OfType<FigureBlock>());
        Assert.Equal(nl ? "Staafdiagram: 48% van de meisjes en 17% van de jongens." : "Bar chart: 48% of girls and 17% of boys.", figure.AltText);
        Assert.EndsWith(".png", figure.Png);
        var table = Assert.Single(doc.Blocks.OfType<TableBlock>());
        Assert.Equal(nl ? "Tabel 1. Respondenten naar geslacht en uitkomst" : "Table 1. Respondents by sex and outcome", table.Caption);
        Assert.Equal(nl ? "1.660" : "1,660", table.Body[0][1].Text);
        Assert.Equal([nl ? "Aantallen zijn afgerond op een veelvoud van 5." : "Counts are rounded to a multiple of 5."], table.Notes);
        Assert.StartsWith(nl ? "Bron: " : "Source: ", table.Source);
        Assert.Equal(2, doc.Blocks.OfType<Paragraph>().Count(p => p.ListItem));
        var claims = Assert.Single(doc.Blocks.OfType<ClaimsBlock>());
        Assert.Equal(7, claims.Rows.Count);
        var girls = claims.Rows.Single(r => r.Id == "girls-physical-sv");
        Assert.Equal(nl ? "48,2%" : "48.2%", girls.Reproduced);
        Assert.Equal(nl ? "gereproduceerd" : "reproduced", girls.Verdict);
        Assert.StartsWith(nl ? "48% van de meisjes" : "48% of girls", girls.Sentence);
    }

    [Fact]
    public void Build_FigureIdFromDataAttribute_OrAFigureWithoutIdFails()
    {
        using var run = new SyntheticRun();
        var notebook = Path.Combine(run.Folder, "notebooks", SyntheticRun.Study + ".ipynb");
        var original = File.ReadAllText(notebook);
        File.WriteAllText(notebook, EditHtml(original, "id=\"wb-sv-prevalence-by-sex-en\"", "id=\"plot-1\" data-figure-id=\"sv-prevalence-by-sex\""));
        Assert.Equal("sv-prevalence-by-sex", Assert.Single(Build(run, "en").Blocks.OfType<FigureBlock>()).Id);
        File.WriteAllText(notebook, EditHtml(original, "id=\"wb-sv-prevalence-by-sex-en\"", "id=\"plot-1\""));
        var ex = Assert.Throws<Workbench.Data.DataValidationException>(() => Build(run, "en"));
        Assert.Contains("has no figure id", ex.Message);
        Assert.Contains(notebook, ex.Message);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    public void Docx_OneStudy_MatchesGoldenDocumentXml(string lang)
    {
        using var run = new SyntheticRun();
        var path = Path.Combine(_dir, "doc.docx");
        DocxWriter.Write(Build(run, lang), path);
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var actual = XDocument.Parse(reader.ReadToEnd()).ToString().Replace("\r\n", "\n") + "\n";
        Golden($"{SyntheticRun.Study}.{lang}.document.xml", actual);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    public void Docx_OneStudy_ValidatesAndEveryImageHasAltText(string lang)
    {
        using var run = new SyntheticRun();
        var path = Path.Combine(_dir, "doc.docx");
        DocxWriter.Write(Build(run, lang), path);
        using var doc = WordprocessingDocument.Open(path, false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var body = doc.MainDocumentPart!.Document!.Body!;
        var images = body.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().ToList();
        Assert.NotEmpty(images);
        Assert.All(images, p => Assert.False(string.IsNullOrWhiteSpace(p.Description?.Value)));
        // The PNG for every reader, the SVG (asvg:svgBlip) for Word 2016 and later.
        Assert.Equal(["image/png", "image/svg+xml"], doc.MainDocumentPart.ImageParts.Select(p => p.ContentType).Order(StringComparer.Ordinal));
        var styles = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.ParagraphStyleId>().Select(s => s.Val!.Value!).ToHashSet();
        Assert.Superset(new HashSet<string> { "Title", "Heading1", "Caption", "Source", "Note", "ListBullet" }, styles);
        Assert.Equal(2, body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Table>().Count());
        Assert.Equal(lang == "nl" ? "Seksueel geweld tegen kinderen: prevalentie" : "Sexual violence against children: prevalence", doc.PackageProperties.Title);
    }

    [SkippableFact]
    public void Docx_LibreOffice_OpensAndConvertsWithPagesAndImages()
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists);
        if (soffice is null) Require("LibreOffice (apt-get install libreoffice-writer-nogui)");
        using var run = new SyntheticRun();
        var docx = Path.Combine(_dir, "study.docx");
        DocxWriter.Write(Build(run, "nl"), docx);
        var profile = new Uri(Path.Combine(_dir, "lo-profile")).AbsoluteUri;
        var (code, output) = Tool(soffice!, $"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", _dir, docx);
        var pdf = Path.Combine(_dir, "study.pdf");
        Assert.True(code == 0 && File.Exists(pdf), output);
        Assert.Matches(@"Pages:\s+[1-9]", Tool("pdfinfo", pdf).Output);
        var images = Tool("pdfimages", "-list", pdf).Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.True(images.Count >= 1, "no image in the LibreOffice PDF:\n" + string.Join("\n", images));
        var text = Tool("pdftotext", pdf, "-").Output;
        Assert.Contains("Tabel 1. Respondenten naar geslacht en uitkomst", text);
        Assert.Contains("Gepubliceerde cijfers", text);
    }

    [SkippableTheory]
    [InlineData("en")]
    [InlineData("nl")]
    public async Task Pdf_OneStudy_TaggedTitledWithBookmarksFontsAndGoldenText(string lang)
    {
        if (ChromiumMissing(out var reason)) Require(reason);
        using var run = new SyntheticRun();
        var outDir = Path.Combine(_dir, "publish");
        var result = await Publisher.PublishAsync(new PublishOptions
        {
            From = run.Folder, Out = outDir, Studies = [SyntheticRun.Study], Formats = PublishFormats.Pdf, Languages = [lang],
        });
        var pdf = Assert.Single(result.Written);
        Assert.Equal(Path.Combine(outDir, $"{SyntheticRun.Study}.{lang}.pdf"), pdf);
        var info = Tool("pdfinfo", pdf).Output;
        Assert.Matches(@"Tagged:\s+yes", info);
        Assert.Contains(lang == "nl" ? "Title:           Seksueel geweld tegen kinderen: prevalentie" : "Title:           Sexual violence against children: prevalence", info);
        var bytes = File.ReadAllText(pdf, System.Text.Encoding.Latin1);
        Assert.Contains("/Outlines", bytes);
        Assert.Contains(lang == "nl" ? "/Title (Resultaat naar geslacht)" : "/Title (Result by sex)", bytes);
        var fonts = Tool("pdffonts", pdf).Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, l => Assert.Matches(@"\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", l));
        Golden($"{SyntheticRun.Study}.{lang}.pdf.txt", Tool("pdftotext", pdf, "-").Output.Replace("\f", "\n"));
    }

    [Fact]
    public void Publish_FailedStudy_ExitsOneNamingItAndWritesNothing()
    {
        using var run = new SyntheticRun(studyPasses: false);
        var outDir = Path.Combine(_dir, "publish");
        var (code, stdout, stderr) = Cli("publish", "all", "--from", run.Folder, "--out", outDir, "--format", "docx,html");
        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("01-sexual-violence-prevalence: verification failed (cell 7 differs)", stderr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Publish_StudyWithFailedClaim_ExitsOneNamingTheClaim()
    {
        using var run = new SyntheticRun(failingClaim: "boys-told-no-one");
        var outDir = Path.Combine(_dir, "publish");
        var (code, stdout, stderr) = Cli("publish", SyntheticRun.Study, "--from", run.Folder, "--out", outDir, "--format", "docx");
        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("boys-told-no-one (NOT REPRODUCED)", stderr);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Publish_DocxAndHtml_WritesOneDocumentPerLanguage()
    {
        using var run = new SyntheticRun();
        var outDir = Path.Combine(_dir, "publish");
        var (code, stdout, stderr) = Cli("publish", SyntheticRun.Study, "--from", run.Folder, "--out", outDir, "--format", "docx,html", "--lang", "nl,en");
        Assert.True(code == 0, stdout + stderr);
        Assert.Equal([$"{SyntheticRun.Study}.en.docx", $"{SyntheticRun.Study}.en.html", $"{SyntheticRun.Study}.nl.docx", $"{SyntheticRun.Study}.nl.html"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var html = File.ReadAllText(Path.Combine(outDir, $"{SyntheticRun.Study}.nl.html"));
        Assert.Contains("<html lang=\"nl\">", html);
        Assert.Contains("<title>Seksueel geweld tegen kinderen: prevalentie</title>", html);
        Assert.Contains("alt=\"Staafdiagram: 48% van de meisjes en 17% van de jongens.\"", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Publish_UnknownStudyOrFormat_ExitsTwo()
    {
        using var run = new SyntheticRun();
        var (code, _, stderr) = Cli("publish", "99-nothing", "--from", run.Folder, "--out", Path.Combine(_dir, "p"), "--format", "docx");
        Assert.Equal(2, code);
        Assert.Contains("'99-nothing' is not a study", stderr);
        (code, _, stderr) = Cli("publish", "all", "--from", run.Folder, "--format", "odt");
        Assert.Equal(2, code);
        Assert.Contains("'odt' is not a document format", stderr);
        (code, _, stderr) = Cli("publish", "all", "--from", _dir, "--format", "docx");
        Assert.Equal(2, code);
        Assert.Contains("verification.json", stderr);
    }

    [Fact]
    public void PublishAndFactsheet_PdfWithoutBrowser_ExitTwoSayingWhatToDo()
    {
        using var run = new SyntheticRun();
        var noBrowser = new Dictionary<string, string> { [ChromiumLocator.EnvironmentVariable] = Path.Combine(_dir, "no-chromium") };
        var outDir = Path.Combine(_dir, "publish");
        var (code, _, stderr) = Cli(noBrowser, "publish", SyntheticRun.Study, "--from", run.Folder, "--out", outDir, "--format", "pdf");
        Assert.True(code == 2, stderr);
        Assert.Contains("PDF needs Chromium (or leave pdf out of --format)", stderr);
        Assert.False(Directory.Exists(outDir));
        (code, _, stderr) = Cli(noBrowser, "factsheet", "--from", run.Folder, "--out", Path.Combine(_dir, "factsheet"));
        Assert.True(code == 2, stderr);
        Assert.Contains("--no-pdf", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "factsheet")));
    }

    [Fact]
    public void Factsheet_FailedClaim_ExitsOneNamingItAndWritesNothing()
    {
        using var run = new SyntheticRun(failingClaim: "victims-per-year");
        var outDir = Path.Combine(_dir, "factsheet");
        var (code, stdout, stderr) = Cli("factsheet", "--lang", "nl", "--from", run.Folder, "--out", outDir, "--no-pdf");
        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("victims-per-year: NOT REPRODUCED", stderr);
        Assert.DoesNotContain("girls-physical-sv", stderr);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("nl", "5.000-7.500", "ongeveer 1.300", "1 jaar en 10 maanden", "één op de 3", "Gereproduceerd: 48,2%; interval 46,2% - 50,2% (95%)")]
    [InlineData("en", "5,000-7,500", "around 1,300", "1 year and 10 months", "one in 3", "Reproduced: 48.2%; interval 46.2% - 50.2% (95%)")]
    public void Factsheet_VerifiedClaims_PrintsEachNumberAsTheLedgerDoes(string lang, params string[] expected)
    {
        using var run = new SyntheticRun();
        var (sections, refused) = Factsheet.Build(VerifiedRun.Load(run.Folder), lang);
        Assert.Empty(refused);
        var items = sections.SelectMany(s => s.Items).ToList();
        Assert.Equal(17, items.Count);
        var html = Factsheet.Html(VerifiedRun.Load(run.Folder), sections, lang);
        foreach (var e in expected) Assert.Contains(System.Net.WebUtility.HtmlEncode(e), html);
        var girls = items.Single(i => i.Id == "girls-physical-sv");
        Assert.Equal("48%", girls.Number);
        Assert.Equal($"../publish/01-sexual-violence-prevalence.{lang}.html#claim-girls-physical-sv", girls.Link);
        Assert.Contains($"href=\"{girls.Link}\"", html);
    }

    [Fact]
    public void VerificationRecord_WriteThenRead_KeepsVerdictsAndValues()
    {
        using var run = new SyntheticRun(failingClaim: "offenders-peers");
        var record = VerificationRecord.Read(Path.Combine(run.Folder, VerificationRecord.FileName));
        Assert.Equal(17, record.Claims.Count);
        var peers = record.Claims.Single(c => c.Id == "offenders-peers");
        Assert.Equal(Workbench.Claims.ClaimVerdict.NotReproduced, peers.Verdict);
        Assert.Equal(51, peers.Record!.Value);
        Assert.Equal("46%", peers.Published);
        Assert.Equal(Workbench.Claims.Rounding.PercentInteger, peers.Entry!.Rounding);
        Assert.All(record.Studies, s => Assert.True(s.Passed));
    }

    /// <summary>The notebook JSON with <paramref name="from"/> replaced by <paramref name="to"/> in every HTML output.</summary>
    private static string EditHtml(string notebookJson, string from, string to)
    {
        var nb = System.Text.Json.Nodes.JsonNode.Parse(notebookJson)!;
        foreach (var cell in nb["cells"]!.AsArray())
            foreach (var output in cell!["outputs"]?.AsArray() ?? [])
                if (output?["data"]?["text/html"] is { } html)
                    output["data"]!["text/html"] = ((string?)html ?? "").Replace(from, to, StringComparison.Ordinal);
        return nb.ToJsonString();
    }

    private static void Golden(string name, string actual)
    {
        GoldenFile.AssertMatches("Publishing", name, actual);
    }

    /// <summary>Skips when a tool is missing locally; fails on CI, which must install it.</summary>
    private static void Require(string what)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("CI=true but missing: " + what);
        throw new SkipException("Missing: " + what);
    }

    private static bool ChromiumMissing(out string reason)
    {
        try
        {
            ChromiumLocator.Find();
            reason = "";
            return false;
        }
        catch (ChromiumNotFoundException ex)
        {
            reason = ex.Message;
            return true;
        }
    }

    private static (int Code, string Output) Tool(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in 3 minutes");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    internal static (int Code, string Out, string Err) Cli(params string[] args) => Cli(null, args);

    private static (int Code, string Out, string Err) Cli(IDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
