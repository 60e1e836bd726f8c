using Workbench.Disclosure;

namespace Workbench.Tests.Disclosure;

/// <summary>
/// Property tests over seeded random tables: every protected table must resist the intruder of <see cref="Attacker"/>
/// (single-unknown solving on every table; exhaustive integer search on the small ones).
/// </summary>
public class RandomTableTests
{
    /// <summary>A mix of zeros, small counts and large counts, so that many cells and some margins fall below 10.</summary>
    private static long Count(Random rng) => rng.Next(10) switch
    {
        0 or 1 => 0,
        2 or 3 or 4 => rng.Next(1, 10),
        5 or 6 => rng.Next(10, 30),
        _ => rng.Next(30, 200),
    };

    internal static FrequencyTable RandomTable(int seed, int maxExtent, bool small)
    {
        var rng = new Random(seed);
        var rank = 1 + seed % 3;
        var dims = Enumerable.Range(0, rank).Select(d => ProtectionTests.Dim(((char)('a' + d)).ToString(), rng.Next(2, maxExtent + 1))).ToList();
        var size = dims.Aggregate(1, (a, d) => a * d.Count);
        var counts = Enumerable.Range(0, size).Select(_ => small ? rng.Next(4) switch { 0 => 0L, 1 or 2 => rng.Next(1, 10), _ => rng.Next(10, 25) } : Count(rng)).ToArray();
        return FrequencyTable.FromCounts(dims, counts);
    }

    public static IEnumerable<object[]> Seeds(int from, int count) => Enumerable.Range(from, count).Select(s => new object[] { s });

    public static IEnumerable<object[]> SmallSeeds => Seeds(1000, 150);
    public static IEnumerable<object[]> LargeSeeds => Seeds(5000, 150);

    [Theory]
    [MemberData(nameof(SmallSeeds))]
    public void Protect_SmallRandomTable_ExhaustiveIntruderRecoversNothing(int seed)
    {
        var table = RandomTable(seed, maxExtent: seed % 3 == 2 ? 2 : 3, small: true);
        var options = new DisclosureOptions(RoundingBase: 1, DistinguishPrimary: seed % 4 == 0);
        var p = table.Protect(options);
        CheckInvariants(table, p);
        ProtectionTests.AssertNotRecoverable(p, exhaustive: true);
    }

    [Theory]
    [MemberData(nameof(LargeSeeds))]
    public void Protect_RandomTable_SingleUnknownIntruderRecoversNothing(int seed)
    {
        var table = RandomTable(seed, maxExtent: seed % 3 == 2 ? 4 : 7, small: false);
        var p = table.Protect();
        CheckInvariants(table, p);
        ProtectionTests.AssertNotRecoverable(p, exhaustive: false);
        // the library's own linear-programming audit agrees: no suppressed cell has a single feasible value
        var reasons = p.Cells.Select(c => c.Reasons & (DisclosureReason.PrimarySuppression | DisclosureReason.SecondarySuppression)).ToArray();
        Assert.All(SuppressionAudit.AllRanges(table, reasons, p.Options!), r => Assert.True(r.Width >= 1, $"offset {r.Offset}: [{r.Lower}, {r.Upper}]"));
    }

    [Theory]
    [MemberData(nameof(Seeds), 2000, 40)]
    public void Protect_StrongerWidth_ExhaustiveIntruderFindsWideRanges(int seed)
    {
        var table = RandomTable(seed, maxExtent: 3, small: true);
        var p = table.Protect(new DisclosureOptions(RoundingBase: 1, ProtectionWidth: 10));
        ProtectionTests.AssertNotRecoverable(p, exhaustive: true);
    }

    /// <summary>Every count from 1 to 9 is suppressed, zeros are published, and published counts are within half a base of the truth.</summary>
    internal static void CheckInvariants(FrequencyTable table, ProtectedTable p)
    {
        var o = p.Options!;
        foreach (var c in p.Cells)
        {
            var truth = table[c.Index.ToArray()];
            if (truth > 0 && truth < o.MinimumCell)
                Assert.Equal(DisclosureReason.PrimarySuppression, c.Reasons & (DisclosureReason.PrimarySuppression | DisclosureReason.SecondarySuppression));
            if (truth == 0) Assert.Equal(0L, c.Value);
            if (c.Value is { } v)
            {
                Assert.Equal(0, v % o.RoundingBase);
                Assert.True(Math.Abs(v - truth) * 2 <= o.RoundingBase, $"{truth} published as {v}");
                Assert.Equal(o.RoundingBase > 1, (c.Reasons & DisclosureReason.Rounded) != 0);
            }
            else
            {
                Assert.True(c.IsSuppressed);
                Assert.True(truth > 0, "a zero was suppressed");
            }
        }
    }
}
