using System.Text.Json.Nodes;
using PuppeteerSharp;
using Workbench.Export;
using Workbench.Notebooks.Verification;
using Workbench.Tests.Readme;
using Workbench.Tests.Support;

namespace Workbench.Tests.Studies;

/// <summary>Packs the library once and verifies every study notebook into a temporary output folder.</summary>
public sealed class StudiesFixture : IAsyncLifetime
{
    public string Out { get; } = Directory.CreateTempSubdirectory("wb-studies-").FullName;
    public RepoPaths.ProcessResult Verify { get; private set; } = new(-1, "", "");

    public static string Cli => $"dotnet \"{Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll")}\"";

    public Task InitializeAsync()
    {
        var pack = RepoPaths.Bash("dotnet pack lib/Workbench/Workbench.csproj -c Release", timeout: TimeSpan.FromMinutes(15));
        if (pack.ExitCode != 0) throw new InvalidOperationException("dotnet pack failed:\n" + pack);
        Verify = RepoPaths.Bash($"{Cli} verify notebooks --out \"{Out}\" -j 2", timeout: TimeSpan.FromMinutes(30));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Out, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The thematic studies reproduce every published figure (issue: the thematic studies).</summary>
[Collection(ReadmeCollection.Name)]
public sealed class StudiesTests(StudiesFixture studies) : IClassFixture<StudiesFixture>
{
    [Fact]
    public void Verify_AllStudies_EveryClaimReproduced()
    {
        Assert.True(studies.Verify.ExitCode == 0, studies.Verify.ToString());
        var ledgerRows = File.ReadLines(RepoPaths.At("data-samples", "published-figures.csv")).Skip(1).Count(l => l.Length > 0);
        Assert.Contains($"{ledgerRows} of {ledgerRows} claims reproduced", studies.Verify.StdOut);
        var notebooks = Directory.GetFiles(RepoPaths.At("notebooks")).Count(f => f.EndsWith(".ipynb", StringComparison.Ordinal) || f.EndsWith(".dib", StringComparison.Ordinal));
        Assert.Contains($"{notebooks} passed, 0 failed", studies.Verify.StdOut);
    }

    [Fact]
    public void Verify_WritesReportInBothLanguagesAndCharts()
    {
        var report = Path.Combine(studies.Out, "report");
        Assert.True(File.Exists(Path.Combine(report, "index.html")), studies.Verify.ToString());
        foreach (var nb in Directory.GetFiles(RepoPaths.At("notebooks"), "*.ipynb"))
        {
            var study = Path.GetFileNameWithoutExtension(nb);
            Assert.True(File.Exists(Path.Combine(report, study + ".en.html")), study);
            Assert.True(File.Exists(Path.Combine(report, study + ".nl.html")), study);
        }
        var html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
        Assert.Contains("girls-physical-sv", html);
        var charts = Path.Combine(studies.Out, "charts");
        Assert.True(File.Exists(Path.Combine(charts, "manifest.json")), studies.Verify.ToString());
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(charts, "manifest.json")))!;
        Assert.Contains(manifest["figures"]!.AsArray(), f => (string?)f!["language"] == "nl");
        Assert.NotEmpty(Directory.GetFiles(charts, "*.svg"));
    }

    [Fact]
    public async Task Report_OpenedOffline_MakesNoNetworkRequestAndShowsCharts()
    {
        await using var exporter = await StartBrowserOrFailOnCi();
        if (exporter is null) return;
        var page1 = Path.Combine(studies.Out, "report", "01-sexual-violence-prevalence.nl.html");
        var url = new Uri(page1).AbsoluteUri;
        await using var page = await exporter.Browser.NewPageAsync();
        await page.SetOfflineModeAsync(true);
        await page.SetRequestInterceptionAsync(true);
        var requests = new List<string>();
        page.Request += async (_, e) =>
        {
            if (e.Request.Url == url || e.Request.Url.StartsWith("data:", StringComparison.Ordinal)) { await e.Request.ContinueAsync(); return; }
            lock (requests) requests.Add(e.Request.Url);
            await e.Request.AbortAsync();
        };
        await page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] });
        await page.WaitForSelectorAsync(".main-svg", new WaitForSelectorOptions { Timeout = 30_000 });
        Assert.Empty(requests);
    }

    [Fact]
    public void Verify_ChangedDataValue_FailsOnlyThatClaim()
    {
        var copy = Directory.CreateTempSubdirectory("wb-mutated-").FullName;
        try
        {
            File.Copy(RepoPaths.At("Workbench.sln"), Path.Combine(copy, "Workbench.sln"));
            CopyDirectory(RepoPaths.At("notebooks"), Path.Combine(copy, "notebooks"));
            CopyDirectory(RepoPaths.At("data-samples"), Path.Combine(copy, "data-samples"));
            CopyDirectory(RepoPaths.At("artifacts", "packages"), Path.Combine(copy, "artifacts", "packages"));
            // One design weight changes: respondent R00001 (a girl without the outcome) weighs 20,000 instead of 192.33.
            // The weighted share of girls drops below 47.5% (no longer "48%"); the overall "one in three" and every other
            // figure stay within their bands.
            var survey = Path.Combine(copy, "data-samples", "survey-sexual-violence.csv");
            var text = File.ReadAllText(survey);
            const string Row = "R00001,F,18,north,north-01,192.33,0,,,";
            Assert.Contains(Row, text);
            File.WriteAllText(survey, text.Replace(Row, "R00001,F,18,north,north-01,20000,0,,,", StringComparison.Ordinal));

            var result = RepoPaths.Bash($"{StudiesFixture.Cli} verify notebooks/01-sexual-violence-prevalence.ipynb --out out --no-report", copy,
                TimeSpan.FromMinutes(10));
            Assert.True(result.ExitCode == 1, result.ToString());
            var failing = result.StdOut.Split('\n').Where(l => l.Contains("NOT REPRODUCED", StringComparison.Ordinal)).ToList();
            Assert.Single(failing);
            Assert.StartsWith("girls-physical-sv", failing[0]);
            Assert.Contains("6 of 7 claims reproduced", result.StdOut);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Verify_AllStudies_AuditFindsNoLeak()
    {
        Assert.Contains("no leak found", studies.Verify.StdOut);
        Assert.DoesNotContain("LEAK  ", studies.Verify.StdOut);
        Assert.True(Workbench.Disclosure.Audit.LeakAudit.Run(studies.Out).Clean);
    }

    [Fact]
    public void Verify_ExecutedNotebooks_SayTheyAreNotPublished()
    {
        var executed = Directory.GetFiles(Path.Combine(studies.Out, "notebooks"), "*.ipynb");
        Assert.NotEmpty(executed);
        foreach (var nb in executed)
        {
            var workbench = JsonNode.Parse(File.ReadAllText(nb))!["metadata"]!["workbench"]!;
            Assert.False((bool)workbench["published"]!, nb);
            Assert.StartsWith("Not published", (string?)workbench["publication"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_StudyWithChartOfUnprotectedShares_FailsNamingTheChart()
    {
        var copy = Directory.CreateTempSubdirectory("wb-mutated-").FullName;
        try
        {
            File.Copy(RepoPaths.At("Workbench.sln"), Path.Combine(copy, "Workbench.sln"));
            CopyDirectory(RepoPaths.At("notebooks"), Path.Combine(copy, "notebooks"));
            CopyDirectory(RepoPaths.At("data-samples"), Path.Combine(copy, "data-samples"));
            CopyDirectory(RepoPaths.At("artifacts", "packages"), Path.Combine(copy, "artifacts", "packages"));
            // The mutation: a chart of the exact shares of the unprotected counts (what study 05 published before issue 14),
            // passed off as estimates, beside the protected table of the same counts.
            var path = Path.Combine(copy, "notebooks", "05-regional-approach.ipynb");
            var notebook = JsonNode.Parse(File.ReadAllText(path))!;
            const string Leak = """
                var leaking = Figures.CompositionOfEstimates("leaking-shares", Text.Of("Policy by unit", "Beleid per eenheid"),
                    units.SelectMany(u => {
                        var inUnit = rows.Where(i => unit[i] == u).ToArray();
                        var s = inUnit.Count(i => policy[i] == true) / (double)inUnit.Length;
                        return new[] { new CompositionPart(UnitLabel(u), Text.Of("yes", "ja"), s), new CompositionPart(UnitLabel(u), Text.Of("no", "nee"), 1 - s) }; }),
                    source, synthetic: true);
                leaking
                """;
            notebook["cells"]!.AsArray().Add(new JsonObject
            {
                ["cell_type"] = "code", ["id"] = "05-mutation", ["metadata"] = new JsonObject(), ["execution_count"] = null,
                ["outputs"] = new JsonArray(), ["source"] = Leak,
            });
            File.WriteAllText(path, notebook.ToJsonString());

            var result = RepoPaths.Bash($"{StudiesFixture.Cli} verify notebooks/05-regional-approach.ipynb --out out", copy, TimeSpan.FromMinutes(10));

            Assert.True(result.ExitCode == 1, result.ToString());
            // the recovered cells are named in the table, with the chart that gives them away
            var leaks = result.StdOut.Split('\n').Where(l => l.StartsWith("LEAK  report/05-regional-approach.", StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Any(l => l.Contains("Den Haag / Yes / suppressed, but the published figures together give exactly 6; it is also chart leaking-shares", StringComparison.Ordinal)),
                string.Join("\n", leaks));
            Assert.All(leaks, l => Assert.Contains("leaking-shares", l, StringComparison.Ordinal));
            Assert.DoesNotContain("chart municipal-policy-by-unit", result.StdOut);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Notebook_RunTwice_IdenticalAfterSanitising()
    {
        var a = Path.Combine(studies.Out, "twice-a");
        var b = Path.Combine(studies.Out, "twice-b");
        foreach (var dir in new[] { a, b })
        {
            var r = RepoPaths.Bash($"{StudiesFixture.Cli} run notebooks/05-regional-approach.ipynb --out \"{dir}\" --run-record \"{dir}.run.json\"", timeout: TimeSpan.FromMinutes(10));
            Assert.True(r.ExitCode == 0, r.ToString());
        }
        Assert.Equal(Outputs(Path.Combine(a, "05-regional-approach.ipynb")), Outputs(Path.Combine(b, "05-regional-approach.ipynb")));
    }

    private static string Outputs(string ipynb)
    {
        var cells = JsonNode.Parse(File.ReadAllText(ipynb))!["cells"]!.AsArray();
        return OutputSanitizer.Sanitize(string.Join("\n", cells.Select(c => c!["outputs"]?.ToJsonString() ?? "")));
    }

    [Fact]
    public void Publish_AllVerifiedStudies_WritesValidDocumentsWithoutNotebookOutput()
    {
        Assert.True(studies.Verify.ExitCode == 0, studies.Verify.ToString());
        var docs = Directory.CreateTempSubdirectory("wb-studies-publish-").FullName;
        try
        {
            var formats = ChromiumLocator.UsualLocations.Any(File.Exists) ? "docx,pdf,html,xlsx" : "docx,html,xlsx";
            var publish = RepoPaths.Bash($"{StudiesFixture.Cli} publish all --from \"{studies.Out}\" --out \"{Path.Combine(docs, "publish")}\" --format {formats} --lang nl,en");
            Assert.True(publish.ExitCode == 0, publish.ToString());
            var studyNames = Directory.GetFiles(RepoPaths.At("notebooks"), "*.ipynb").Select(Path.GetFileNameWithoutExtension).ToList();
            foreach (var study in studyNames)
                foreach (var lang in new[] { "nl", "en" })
                {
                    var html = File.ReadAllText(Path.Combine(docs, "publish", $"{study}.{lang}.html"));
                    foreach (var dump in new[] { "Restore sources", "Installed Packages", "dni-", "Domain = all", "#r &quot;nuget", "<script" })
                        Assert.DoesNotContain(dump, html);
                    Assert.Contains(lang == "nl" ? "Gepubliceerde cijfers" : "Published figures", html);
                    using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(Path.Combine(docs, "publish", $"{study}.{lang}.docx"), false);
                    Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(docx));
                    // Every study displays one protected table: its workbook holds it and the explanation of symbols.
                    using var workbook = Workbench.Data.XlsxWorkbook.Open(Path.Combine(docs, "publish", $"{study}.{lang}.xlsx"));
                    Assert.Equal(2, workbook.SheetNames.Count);
                    Assert.StartsWith(lang == "nl" ? "Tabel " : "Table ", workbook.SheetNames[0], StringComparison.Ordinal);
                }
            // The workbooks are audited with the documents.
            var audit = RepoPaths.Bash($"{StudiesFixture.Cli} audit \"{Path.Combine(docs, "publish")}\"");
            Assert.True(audit.ExitCode == 0, audit.ToString());
            var factsheet = RepoPaths.Bash($"{StudiesFixture.Cli} factsheet --lang nl --from \"{studies.Out}\" --out \"{Path.Combine(docs, "factsheet")}\" --no-pdf");
            Assert.True(factsheet.ExitCode == 0, factsheet.ToString());
            Assert.Contains("5.000-7.500", File.ReadAllText(Path.Combine(docs, "factsheet", "factsheet.nl.html")));
        }
        finally
        {
            Directory.Delete(docs, recursive: true);
        }
    }

    private static async Task<FigureExporter?> StartBrowserOrFailOnCi()
    {
        try
        {
            return await FigureExporter.StartAsync();
        }
        catch (ChromiumNotFoundException) when (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.GetDirectories(from))
            if (Path.GetFileName(d) is not ("out" or "bin" or "obj")) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }
}
