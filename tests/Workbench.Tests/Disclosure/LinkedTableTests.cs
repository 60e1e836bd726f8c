using Workbench.Disclosure;
using Sdc = Workbench.Disclosure.Disclosure;

namespace Workbench.Tests.Disclosure;

/// <summary>
/// Tables published together (issue 14): tables that share a margin are protected as one set, so that no cell can be
/// recovered by differencing them. The intruder attacks every published cell of every table together.
/// </summary>
public class LinkedTableTests
{
    private static readonly DisclosureOptions Exact = new(RoundingBase: 1);
    private static readonly TableDimension Sex = new("sex", ["girl", "boy"]);
    private static readonly TableDimension Age = new("age", ["0-11", "12-14", "15-17"]);
    private static readonly TableDimension Region = new("region", ["North", "South", "East"]);

    /// <summary>The issue's case: sex x age and age x region of one population share the age margin; the girl 0-11 cell is 3.</summary>
    internal static (FrequencyTable SexAge, FrequencyTable AgeRegion) DifferencingCase() =>
        (FrequencyTable.FromCounts(new long[,] { { 3, 22, 24 }, { 13, 0, 14 } }, Sex, Age, "victims by sex and age"),
         FrequencyTable.FromCounts(new long[,] { { 16, 0, 0 }, { 10, 12, 0 }, { 12, 14, 12 } }, Age, Region, "victims by age and region"));

    /// <summary>Asserts that the intruder, by LP over all tables together, recovers no suppressed cell and narrows none below the rule.</summary>
    internal static void AssertJointlyProtected(IReadOnlyList<ProtectedTable> tables)
    {
        var attacker = new Attacker(tables);
        Assert.Empty(attacker.SolveSingleUnknowns());
        var o = tables[0].Options!;
        foreach (var (q, (lo, hi)) in attacker.LpRanges())
        {
            var (t, k) = attacker.Where[q];
            var c = tables[t].Cells[k];
            var required = Math.Min(o.ProtectionWidth, c.Shown.StartsWith('<') ? o.MinimumCell - 2 : long.MaxValue);
            var width = Math.Floor(hi + 1e-6) - Math.Ceiling(lo - 1e-6);
            Assert.True(width >= required,
                $"table {t + 1} cell {string.Join(",", c.Labels)} (true {attacker.Truth(q)}) has range [{lo}, {hi}], narrower than {required}\n" +
                string.Join("\n", tables.Select(x => x.ToText())));
        }
    }

    [Fact]
    public void Protect_SeparatelyWithoutRounding_SharedMarginRevealsCellOfThree()
    {
        // the leak the linked protection closes: each table is safe alone, together they give the girl 0-11 cell
        var (a, b) = DifferencingCase();
        var pa = a.Protect(Exact);
        var pb = b.Protect(Exact);
        ProtectionTests.AssertNotRecoverable(pa, exhaustive: true);
        ProtectionTests.AssertNotRecoverable(pb, exhaustive: true);
        var attacker = new Attacker([pa, pb]);
        var girl011 = attacker.Unknowns.Single(q => attacker.Where[q] == (0, pa.Cells.ToList().FindIndex(c => c.Index.SequenceEqual([0, 0]))));
        var (lo, hi) = attacker.LpRanges()[girl011];
        Assert.Equal(3.0, lo, 6);
        Assert.Equal(3.0, hi, 6);
    }

    [Fact]
    public void Protect_LinkedTablesWithoutRounding_NoCellRecoverableByDifferencing()
    {
        var (a, b) = DifferencingCase();
        var set = Sdc.Protect([a, b], Exact);
        Assert.Equal(2, set.Count);
        Assert.True(set[0][0, 0].IsSuppressed);
        AssertJointlyProtected(set);
        // a shared margin is published in both tables or in neither
        for (var i = 0; i < Age.Count; i++)
            Assert.Equal(set[0][FrequencyTable.Total, i].IsSuppressed, set[1][i, FrequencyTable.Total].IsSuppressed);
        Assert.Equal(set[0][FrequencyTable.Total, FrequencyTable.Total].Value, set[1][FrequencyTable.Total, FrequencyTable.Total].Value);
    }

    [Fact]
    public void Protect_OneTableAsSet_SameAsAlone()
    {
        var (a, _) = DifferencingCase();
        Assert.Equal(a.Protect().ToJson(), Sdc.Protect([a])[0].ToJson());
    }

    [Fact]
    public void Protect_TablesOfDifferentPopulations_ThrowsNamingTheSharedTotal()
    {
        var (a, _) = DifferencingCase();
        var other = FrequencyTable.FromCounts(new long[,] { { 30, 20, 20 }, { 10, 10, 10 } }, Sex, Region);
        var ex = Assert.Throws<ArgumentException>(() => Sdc.Protect([a, other]));
        Assert.Contains("Tables 1 ('victims by sex and age') and 2 both show the count of sex = girl", ex.Message);
        Assert.Contains("protect tables of different populations separately", ex.Message);
    }

    [Fact]
    public void WithRounding_LinkedTable_IsProtectedAgainWithItsSet()
    {
        var (a, b) = DifferencingCase();
        var set = Sdc.Protect([a, b]);
        Assert.Equal(2, set[1].LinkedTableCount);
        var again = set[1].WithRounding(1);
        Assert.Equal(Sdc.Protect([a, b], Exact)[1].ToJson(), again.ToJson());
        AssertJointlyProtected([set[0].WithRounding(1), again]);
    }

    /// <summary>Random linked sets: two or three 2-D tables of one seeded 3-D population, sharing margins pairwise.</summary>
    public static IEnumerable<object[]> LinkedSeeds => Enumerable.Range(300, 120).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(LinkedSeeds))]
    public void Protect_RandomLinkedSet_JointIntruderRecoversNothingAndNarrowsNothing(int seed)
    {
        var (tables, options) = RandomSet(seed);
        var set = Sdc.Protect(tables, options);
        foreach (var (p, t) in set.Zip(tables)) RandomTableTests.CheckInvariants(t, p);
        AssertJointlyProtected(set);
    }

    [Fact]
    public void RandomLinkedSets_ProtectedOneByOne_SomeLeak()
    {
        // guards that the random sets exercise the linking: protected one by one, some leak to the joint intruder
        var leaks = 0;
        foreach (var seed in Enumerable.Range(300, 120))
        {
            var (tables, options) = RandomSet(seed);
            try { AssertJointlyProtected(tables.Select(t => t.Protect(options)).ToArray()); }
            catch (Xunit.Sdk.XunitException) { leaks++; }
        }
        Assert.True(leaks > 0);
    }

    /// <summary>Two or three 2-D tables of one seeded 3-D population, sharing margins pairwise, with varied options.</summary>
    private static (FrequencyTable[] Tables, DisclosureOptions Options) RandomSet(int seed)
    {
        var rng = new Random(seed);
        var shape = new[] { rng.Next(2, 4), rng.Next(2, 5), rng.Next(2, 5) };
        var dims = shape.Select((n, d) => new TableDimension(((char)('a' + d)).ToString(),
            Enumerable.Range(1, n).Select(i => $"{(char)('a' + d)}{i}").ToArray())).ToArray();
        var pop = new long[shape[0], shape[1], shape[2]];
        for (var i = 0; i < shape[0]; i++)
            for (var j = 0; j < shape[1]; j++)
                for (var k = 0; k < shape[2]; k++)
                    pop[i, j, k] = rng.Next(6) switch { 0 => 0, 1 or 2 => rng.Next(1, 6), _ => rng.Next(4, 15) };
        FrequencyTable Margin(int d1, int d2)
        {
            var m = new long[shape[d1], shape[d2]];
            for (var i = 0; i < shape[0]; i++)
                for (var j = 0; j < shape[1]; j++)
                    for (var k = 0; k < shape[2]; k++)
                    {
                        int[] x = [i, j, k];
                        m[x[d1], x[d2]] += pop[i, j, k];
                    }
            return FrequencyTable.FromCounts(m, dims[d1], dims[d2]);
        }
        var tables = (seed % 3) switch
        {
            0 => new[] { Margin(0, 1), Margin(0, 2) },
            1 => [Margin(0, 1), Margin(1, 2)],
            _ => [Margin(0, 1), Margin(0, 2), Margin(1, 2)],
        };
        return (tables, new DisclosureOptions(RoundingBase: 1, DistinguishPrimary: seed % 4 == 0, ProtectionWidth: seed % 5 == 0 ? 3 : 1));
    }

    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Disclosure");

    private static string Fixture(string name) => Path.Combine(FixtureDir, name);

    private static (int Code, string Out, string Err) Run(Workbench.Cli.Commands.DiscloseRequest request)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var code = Workbench.Cli.Commands.DiscloseCommand.Run(request, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Disclose_TwoFilesSharingAMargin_ProtectedTogether()
    {
        // the issue's differencing case through the CLI: with --round 1 the files protected one by one leak the 3
        var a = Fixture("linked-sex-age.csv");
        var b = Fixture("linked-age-region.csv");
        var (code, stdout, stderr) = Run(new Workbench.Cli.Commands.DiscloseRequest(a, Round: 1, Format: "json", Linked: [b]));
        Assert.True(code == 0, stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        Assert.Equal("linked-sex-age.csv", doc.RootElement[0].GetProperty("title").GetString());
        var tables = new[] { a, b }.Select(p => Workbench.Disclosure.FrequencyTableCsv.Read(p, title: Path.GetFileName(p))).ToList();
        var set = Workbench.Disclosure.Disclosure.Protect(tables, new Workbench.Disclosure.DisclosureOptions(RoundingBase: 1));
        Assert.Equal("[\n" + string.Join(",\n", set.Select(t => t.ToJson().TrimEnd('\n'))) + "\n]\n", stdout);
        AssertJointlyProtected(set);
        var text = Run(new Workbench.Cli.Commands.DiscloseRequest(a, Round: 1, Linked: [b])).Out;
        Assert.Contains("linked-sex-age.csv", text);
        Assert.Contains("linked-age-region.csv", text);
    }

    [Fact]
    public void Disclose_FilesOfDifferentPopulations_Exit2NamingTheFiles()
    {
        var (code, _, stderr) = Run(new Workbench.Cli.Commands.DiscloseRequest(Fixture("linked-sex-age.csv"), Linked: [Fixture("exploitation-1d.csv")]));
        Assert.Equal(2, code);
        Assert.Contains("Tables 1 ('linked-sex-age.csv') and 2 ('exploitation-1d.csv') both show the grand total but with different counts", stderr);
        Assert.DoesNotContain("(Parameter", stderr);
    }
}
