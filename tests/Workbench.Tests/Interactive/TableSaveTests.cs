using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Workbench.Disclosure;
using Workbench.Interactive;
using Workbench.Provenance;
using Workbench.Reporting;
using Workbench.Tables;
using Sdc = Workbench.Disclosure.Disclosure;

namespace Workbench.Tests.Interactive;

/// <summary>A protected table a notebook shows is saved for the study's workbook when the run names a tables folder (issue 18).</summary>
[Collection(FormatterCollection.Name)]
public sealed class TableSaveTests
{
    [Fact]
    public async Task Extension_ProtectedTableShown_IsSavedToTheRunsTablesFolderAndAnEstimatesTableIsNot()
    {
        var folder = Directory.CreateTempSubdirectory("wb-tables-").FullName;
        var previous = RunContext.Current;
        RunContext.Current = new RunContext(TablesFolder: folder);
        try
        {
            using var kernel = new CompositeKernel();
            await new WorkbenchKernelExtension().OnLoadAsync(kernel);
            var counts = FrequencyTable.FromCounts([40, 3, 25], new TableDimension("age", ["0-11", "12-14", "15-17"]));
            var table = Workbench.Tables.Tables.Protected("victims-by-age", Bilingual.Of("Victims by age", "Slachtoffers naar leeftijd"),
                Sdc.Protect(counts), TableLabels.Of(new Dictionary<string, Bilingual>()), Bilingual.Of("Synthetic.", "Synthetisch.")).WithNumber(1);
            var estimates = Workbench.Tables.Tables.Estimates("estimates", Bilingual.Of("E", "S"), Bilingual.Of("Group", "Groep"), Bilingual.Of("S", "B"),
                (Bilingual.Of("All", "Alle"), new Workbench.Statistics.IntervalEstimate(0.25, 0.23, 0.27, 0.95, Workbench.Statistics.EstimateKind.Proportion)));
            Formatter.ToDisplayString(table, PublishedMime.Table);
            Formatter.ToDisplayString(estimates, PublishedMime.Table);
            Assert.Equal(["victims-by-age.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
            var record = ProtectedTableRecord.Read(Path.Combine(folder, "victims-by-age.json"));
            Assert.Equal("x", record[1].Shown);
            Assert.Equal(1, record.Number);
        }
        finally
        {
            RunContext.Current = previous;
            Directory.Delete(folder, recursive: true);
            Formatter.ResetToDefault();
        }
    }
}
