using System.Text.Json.Nodes;
using Workbench.Disclosure;
using Workbench.Disclosure.Audit;
using Sdc = Workbench.Disclosure.Disclosure;

namespace Workbench.Tests.Audit;

/// <summary>The leak audit reads the studies' workbooks (publish --format xlsx) as it reads their pages (issue 18).</summary>
public sealed class LeakAuditWorkbookTests : IDisposable
{
    private const string Study = "05-regional-approach";
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-audit-xlsx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ProtectedTable Table(bool nested = false)
    {
        var region = new TableDimension("region", ["north", "east", "south"]);
        var unit = new TableDimension("unit", ["yes", "no"]);
        var counts = FrequencyTable.FromCounts(new long[,] { { 40, 3 }, { 37, 41 }, { 52, 61 } }, region, unit);
        return Sdc.Protect(counts);
    }

    private string Workbook(ProtectedTableRecord record, string lang = "nl")
    {
        var path = Path.Combine(_dir, $"{Study}.{lang}.xlsx");
        StudyWorkbook.Write([record], LanguageExtensions.FromTag(lang), path);
        return path;
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public void Audit_ProtectedWorkbook_IsReadWithItsSuppressedCellsAndIsClean(string lang)
    {
        Workbook(ProtectedTableRecord.From(Table()), lang);
        var report = LeakAudit.Run(_dir);
        Assert.True(report.Clean, string.Join("\n", report.Findings));
        Assert.Equal(1, report.Tables); // the table, not the explanation of symbols
        Assert.Equal(Table().SuppressedCount, report.SuppressedCells);
    }

    [Fact]
    public void Audit_WorkbookPublishingASmallCount_IsAFindingNamingTheWorkbookAndSheet()
    {
        // A record altered after the run (the count of 3 put back): the audit trusts only what the workbook shows.
        var path = Path.Combine(_dir, "record.json");
        File.WriteAllText(path, ProtectedTableRecord.From(Table()).ToJson());
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        var cell = node["cells"]![1]!;
        cell["value"] = 3;
        cell["shown"] = "3";
        File.WriteAllText(path, node.ToJsonString());
        Workbook(ProtectedTableRecord.Read(path));
        File.Delete(path);
        var report = LeakAudit.Run(_dir);
        Assert.Contains(report.Findings, f => f.Page == $"{Study}.nl.xlsx:Tabel 1" && f.Why.Contains("a count of 3 is published", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_WorkbookWithoutATable_IsNotReadAsCounts()
    {
        var record = ProtectedTableRecord.From(Table()).WithLabels(
            Table().Dimensions.Select(d => (Bilingual.Same(d.Name), (IReadOnlyList<Bilingual>)d.Categories.Select(Bilingual.Same).ToArray())).ToArray(),
            Bilingual.Of("Total", "Totaal"), nested: true);
        Workbook(record);
        var report = LeakAudit.Run(_dir);
        Assert.True(report.Clean, string.Join("\n", report.Findings));
        Assert.Equal(0, report.Tables); // a nested chain has no total row: not read as a table, as on the page
    }
}
