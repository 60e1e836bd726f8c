using Sdc = Workbench.Disclosure.Disclosure;
using System.Globalization;
using Workbench.Charts;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.Disclosure.Audit;
using Workbench.Export;

namespace Workbench.Tests.Audit;

/// <summary>
/// The attacker test for fail-closed charts: for seeded random tables, the composition chart the library draws from
/// the protected table, published beside the table in both languages, lets the audit recover nothing; the same page
/// with the exact shares either lets it recover nothing or fails, and what it recovers is the truth.
/// </summary>
public class LeakAuditProtectedChartAttackerTests
{
    public static IEnumerable<object[]> Seeds => Enumerable.Range(700, 40).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Audit_RandomTableWithItsProtectedComposition_RecoversNothing(int seed)
    {
        var rng = new Random(seed);
        var rows = rng.Next(2, 7);
        var cols = rng.Next(2, 4);
        var counts = new long[rows, cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                counts[i, j] = rng.Next(4) switch { 0 => 0, 1 => rng.Next(1, 10), _ => rng.Next(10, 60) };
        var rowNames = Enumerable.Range(0, rows).Select(i => "r" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var colNames = Enumerable.Range(0, cols).Select(j => "c" + j.ToString(CultureInfo.InvariantCulture)).ToArray();
        var table = Sdc.Protect(FrequencyTable.FromCounts(counts, new TableDimension("unit", rowNames), new TableDimension("policy", colNames), "random"),
            new DisclosureOptions(RoundingBase: seed % 2 == 0 ? 1 : 5));
        if (Enumerable.Range(0, rows).All(i => table.Shares(1, [i, FrequencyTable.Total]).Shares.All(s => !s.IsShown))) return; // nothing to chart
        var figure = Figures.Composition("shares", new("Shares by unit", "Aandelen per eenheid"), table, new("Synthetic", "Synthetisch"), synthetic: true);
        using var folder = new PublishedFolder();
        foreach (var lang in new[] { Language.En, Language.Nl })
            folder.Page($"random.{lang.Code()}.html",
                FigureHtml.Fragment(FigureSpec.From(figure, lang), $"wb-shares-{lang.Code()}", includePlotlyJs: false),
                table.ToHtml(lang == Language.Nl ? Language.Nl : Language.En));

        var report = LeakAudit.Run(folder.Root);

        Assert.True(report.Clean, $"seed {seed}:\n" + string.Join("\n", report.Findings));
        Assert.Equal(2, report.Figures);
    }
}
