using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.Notebooks.Publishing;
using Workbench.Reporting;
using Workbench.Tables;
using Workbench.Tests.Data;
using Workbench.Tests.Support;
using Sdc = Workbench.Disclosure.Disclosure;

namespace Workbench.Tests.Publishing;

/// <summary>
/// <c>workbench publish --format xlsx</c> (issue 18): the protected tables a study displayed, saved by the run as records,
/// go to one workbook per study and language that LibreOffice opens and that shows the values of the report page; tables
/// of estimates do not.
/// </summary>
public sealed class PublishWorkbookTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-publish-xlsx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Registrations by region and sex: small cells suppressed (with secondary suppression), rounded to 5.</summary>
    private static ProtectedTable Protect()
    {
        var region = new TableDimension("region", ["north", "east", "south"]);
        var sex = new TableDimension("sex", ["female", "male"]);
        var counts = FrequencyTable.FromCounts(new long[,] { { 1234, 3 }, { 987, 415 }, { 52, 61 } }, region, sex);
        return Sdc.Protect(counts, new DisclosureOptions(RoundingBase: 5));
    }

    private static PublicationTable ProtectedTable(bool nested = false)
    {
        var table = Protect();
        var labels = TableLabels.Of(new Dictionary<string, Bilingual>
        {
            ["region"] = Bilingual.Of("Region", "Regio"),
            ["sex"] = Bilingual.Of("Sex", "Geslacht"),
            ["region=north"] = Bilingual.Of("North", "Noord"),
            ["region=east"] = Bilingual.Of("East", "Oost"),
            ["region=south"] = Bilingual.Of("South", "Zuid"),
            ["sex=female"] = Bilingual.Of("female", "vrouw"),
            ["sex=male"] = Bilingual.Of("male", "man"),
        });
        return Workbench.Tables.Tables.Protected("registrations-by-region", Bilingual.Of("Registrations by region and sex", "Registraties naar regio en geslacht"),
            table, labels, Bilingual.Of("Synthetic registrations.", "Synthetische registraties."), nested).WithNumber(2);
    }

    private static PublicationTable EstimatesTable() =>
        Workbench.Tables.Tables.Estimates("estimates", Bilingual.Of("Estimates", "Schattingen"), Bilingual.Of("Group", "Groep"), Bilingual.Of("S", "B"),
            (Bilingual.Of("All", "Alle"), new Workbench.Statistics.IntervalEstimate(0.25, 0.23, 0.27, 0.95, Workbench.Statistics.EstimateKind.Proportion))).WithNumber(3);

    [Fact]
    public void Record_WriteThenRead_KeepsThePublishedCellsAndNoCountBehindASymbol()
    {
        var table = ProtectedTable();
        var path = ProtectedTableStore.Save(table, _dir)!;
        Assert.Equal("registrations-by-region.json", Path.GetFileName(path));
        var json = File.ReadAllText(path);
        var record = ProtectedTableRecord.Read(path);
        Assert.Equal(2, record.Number);
        Assert.Equal("Registraties naar regio en geslacht", record.Title!.Nl);
        Assert.Equal(["Noord", "Oost", "Zuid"], record.Dimensions[0].Labels.Select(l => l.Nl));
        Assert.Equal("Totaal", record.Dimensions[1].Total.Nl);
        var north = record[0, 1];
        Assert.Null(north.Value); // 3 is suppressed ...
        Assert.Equal("x", north.Shown);
        Assert.DoesNotContain("\"value\": 3,", json, StringComparison.Ordinal); // ... and its count is nowhere in the file
        Assert.Equal(Protect().Cells.Select(c => (c.Value, c.Shown)), record.Cells.Select(c => (c.Value, c.Shown)));
        Assert.Contains(record.Cells, c => c.Value == 415); // 987 and 415 published rounded to 5 ...
        Assert.DoesNotContain("987", json, StringComparison.Ordinal); // ... never as counted
        Assert.Equal(record.ToJson(), ProtectedTableRecord.Read(path).ToJson());
    }

    [Fact]
    public void Save_TableOfEstimates_WritesNothing()
    {
        Assert.Null(EstimatesTable().ProtectedRecord());
        Assert.Null(ProtectedTableStore.Save(EstimatesTable(), _dir));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Read_CellsOutOfShapeOrACountBehindASymbol_FailsNamingTheFile()
    {
        var path = ProtectedTableStore.Save(ProtectedTable(), _dir)!;
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        node["cells"]!.AsArray().RemoveAt(0);
        File.WriteAllText(path, node.ToJsonString());
        var ex = Assert.Throws<DataValidationException>(() => ProtectedTableRecord.Read(path));
        Assert.Contains("registrations-by-region.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("11 cells, expected 12", ex.Message, StringComparison.Ordinal);
        node = JsonNode.Parse(File.ReadAllText(ProtectedTableStore.Save(ProtectedTable(), _dir)!))!;
        node["cells"]![1]!["shown"] = "3";
        File.WriteAllText(path, node.ToJsonString());
        Assert.Contains("shows '3'", Assert.Throws<DataValidationException>(() => ProtectedTableRecord.Read(path)).Message, StringComparison.Ordinal);
    }

    /// <summary>The synthetic run with a code cell showing <paramref name="tables"/> (as a notebook displays them) and the records the run saved.</summary>
    private static void AddTables(SyntheticRun run, params PublicationTable[] tables)
    {
        var path = Path.Combine(run.Folder, "notebooks", SyntheticRun.Study + ".ipynb");
        var notebook = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var table in tables)
        {
            notebook["cells"]!.AsArray().Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["metadata"] = new JsonObject(),
                ["source"] = "table",
                ["outputs"] = new JsonArray(new JsonObject
                {
                    ["output_type"] = "display_data",
                    ["metadata"] = new JsonObject(),
                    ["data"] = new JsonObject { [PublishedMime.Table] = table.BothHtml(), ["text/html"] = table.BothHtml() },
                }),
            });
            ProtectedTableStore.Save(table, Path.Combine(run.Folder, "tables", SyntheticRun.Study));
        }
        File.WriteAllText(path, notebook.ToJsonString());
    }

    [SkippableTheory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Publish_Xlsx_LibreOfficeOpensTheWorkbookAndShowsTheValuesOfThePage(string lang)
    {
        RequiredTool.Require("/usr/bin/soffice", "libreoffice-calc-nogui");
        using var run = new SyntheticRun();
        AddTables(run, EstimatesTable(), ProtectedTable());
        var outDir = Path.Combine(_dir, "publish");
        var result = await Publisher.PublishAsync(new PublishOptions
        {
            From = run.Folder, Out = outDir, Studies = [SyntheticRun.Study], Formats = PublishFormats.Html | PublishFormats.Xlsx, Languages = [lang],
        });
        Assert.True(result.Published, string.Join("; ", result.Refused));
        var xlsx = Path.Combine(outDir, $"{SyntheticRun.Study}.{lang}.xlsx");
        Assert.Contains(xlsx, result.Written);
        var word = lang == "nl" ? "Tabel" : "Table";
        using (var workbook = XlsxWorkbook.Open(xlsx))
            // Only the protected table (table 2 on the page), not the table of estimates, and the symbols sheet.
            Assert.Equal([$"{word} 2", lang == "nl" ? "Verklaring van tekens" : "Explanation of symbols"], workbook.SheetNames);

        var page = PublicationBuilder.Build(VerifiedRun.Load(run.Folder), SyntheticRun.Study, lang).Blocks.OfType<TableBlock>()
            .Single(t => t.Caption.StartsWith($"{word} 2.", StringComparison.Ordinal));
        var csvDir = Path.Combine(_dir, "csv");
        Directory.CreateDirectory(csvDir);
        LibreOffice.Convert(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", csvDir);
        var grid = ReadCsv(Path.Combine(csvDir, $"{SyntheticRun.Study}.{lang}-{word} 2.csv"));
        Assert.Equal(page.Caption, grid[0][0]);
        var header = grid.FindIndex(r => r[0] == page.Header[0][0].Text);
        Assert.True(header > 0, "the table's header row is not in the sheet");
        Assert.Equal(page.Header[0].Select(c => c.Text), grid[header].Take(page.Header[0].Count));
        for (var i = 0; i < page.Body.Count; i++)
            Assert.Equal(page.Body[i].Select(c => c.Text), grid[header + 1 + i].Take(page.Body[i].Count));
        Assert.True(grid.Any(r => r[0] == page.Source), page.Source + " not in " + string.Join(" / ", grid.Select(r => r[0])));
        Assert.Contains(grid, r => page.Notes.Any(n => n.StartsWith(r[0], StringComparison.Ordinal)) && r[0].Length > 0);
    }

    [Fact]
    public async Task Publish_NestedChain_WorkbookHasNoTotalRowAsThePage()
    {
        using var run = new SyntheticRun();
        AddTables(run, ProtectedTable(nested: true));
        var outDir = Path.Combine(_dir, "publish");
        await Publisher.PublishAsync(new PublishOptions { From = run.Folder, Out = outDir, Studies = [SyntheticRun.Study], Formats = PublishFormats.Xlsx, Languages = ["en"] });
        using var workbook = XlsxWorkbook.Open(Path.Combine(outDir, $"{SyntheticRun.Study}.en.xlsx"));
        var labels = workbook.Rows("Table 2", []).Select(r => r.Cells.FirstOrDefault().Value).ToList();
        Assert.Contains("South", labels);
        Assert.DoesNotContain("Total", labels);
    }

    [Fact]
    public void PublishCli_XlsxInTheFormatList_WritesAWorkbookPerLanguageAndARunWithoutTablesSaysSo()
    {
        using var run = new SyntheticRun();
        var outDir = Path.Combine(_dir, "publish");
        var (code, stdout, stderr) = Cli("publish", SyntheticRun.Study, "--from", run.Folder, "--out", outDir, "--format", "html,xlsx");
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("no workbook, the run saved no protected table", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(outDir), f => f.EndsWith(".xlsx", StringComparison.Ordinal));
        AddTables(run, ProtectedTable());
        (code, stdout, stderr) = Cli("publish", SyntheticRun.Study, "--from", run.Folder, "--out", outDir, "--format", "docx,html,xlsx");
        Assert.True(code == 0, stdout + stderr);
        Assert.Equal([$"{SyntheticRun.Study}.en.docx", $"{SyntheticRun.Study}.en.html", $"{SyntheticRun.Study}.en.xlsx",
                $"{SyntheticRun.Study}.nl.docx", $"{SyntheticRun.Study}.nl.html", $"{SyntheticRun.Study}.nl.xlsx"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(PublishFormats.Docx | PublishFormats.Pdf | PublishFormats.Html | PublishFormats.Xlsx, new PublishOptions().Formats);
        Assert.Equal(PublishFormats.Xlsx | PublishFormats.Pdf, PublishOptions.ParseFormats("XLSX, pdf"));
    }

    private static List<List<string>> ReadCsv(string path) => Workbench.Tests.Disclosure.StudyWorkbookTests.ReadCsv(path);

    private static (int Code, string Out, string Err) Cli(params string[] args) => PublishTests.Cli(args);
}
