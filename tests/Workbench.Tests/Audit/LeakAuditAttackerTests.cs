using Sdc = Workbench.Disclosure.Disclosure;
using System.Globalization;
using System.Text.RegularExpressions;
using Workbench.Disclosure;
using Workbench.Disclosure.Audit;

namespace Workbench.Tests.Audit;

/// <summary>
/// The audit's own attacker test over seeded random tables and charts: whatever the audit claims to recover is the true
/// count, and whenever a simple attacker (exact shares times a published exact total) can read a count from 1 to 9, the
/// audit fails.
/// </summary>
public partial class LeakAuditAttackerTests
{
    [GeneratedRegex("exactly (?<v>[0-9]+)")]
    private static partial Regex ExactlyRx();

    public static IEnumerable<object[]> Seeds => Enumerable.Range(300, 80).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Audit_RandomTableAndChart_RecoversOnlyTruthAndFailsWhenSimpleAttackerSucceeds(int seed)
    {
        var rng = new Random(seed);
        var rows = rng.Next(2, 6);
        var cols = rng.Next(2, 4);
        var counts = new long[rows, cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                counts[i, j] = rng.Next(4) switch { 0 => 0, 1 => rng.Next(1, 10), _ => rng.Next(10, 60) };
        var rowNames = Enumerable.Range(0, rows).Select(i => "r" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var colNames = Enumerable.Range(0, cols).Select(j => "c" + j.ToString(CultureInfo.InvariantCulture)).ToArray();
        var options = new DisclosureOptions(RoundingBase: seed % 2 == 0 ? 1 : 5);
        var table = Sdc.Protect(
            FrequencyTable.FromCounts(counts, new TableDimension("unit", rowNames), new TableDimension("policy", colNames), "random"), options);
        var withChart = seed % 3 != 0;
        using var folder = new PublishedFolder();
        var parts = new List<string> { table.ToHtml() };
        if (withChart) parts.Insert(0, PublishedFolder.Composition("shares", rowNames, PublishedFolder.ExactShares(counts, colNames)));
        folder.Page("random.en.html", parts.ToArray());

        var report = LeakAudit.Run(folder.Root);

        // soundness: a recovered number is the true one
        foreach (var f in report.Findings)
        {
            if (ExactlyRx().Match(f.Why) is not { Success: true } m) continue;
            var names = f.Cell.Split(" / ");
            var i = Array.IndexOf(rowNames, names[0]);
            var j = Array.IndexOf(colNames, names[1]);
            long truth = (i, j) switch
            {
                (>= 0, >= 0) => counts[i, j],
                (>= 0, _) => Enumerable.Range(0, cols).Sum(k => counts[i, k]),
                (_, >= 0) => Enumerable.Range(0, rows).Sum(k => counts[k, j]),
                _ => counts.Cast<long>().Sum(),
            };
            Assert.Equal(truth, long.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture));
        }
        // completeness against a simple attacker: an exact row total and exact shares give every cell of that row
        var simple = withChart && options.RoundingBase == 1 && Enumerable.Range(0, rows).Any(i =>
            table[i, FrequencyTable.Total].Value is > 0 && Enumerable.Range(0, cols).Any(j => counts[i, j] is >= 1 and <= 9));
        if (simple) Assert.False(report.Clean, "the exact shares reveal a small count, but the audit found nothing");
        if (!withChart) Assert.True(report.Clean, string.Join("\n", report.Findings));
    }
}
