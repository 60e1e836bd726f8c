using System.Globalization;
using Workbench.Randomness;

namespace Workbench.Tests.Synthetic;

public sealed class XoshiroTests
{
    /// <summary>Expected outputs from an independent Python implementation: Fixtures/Synthetic/xoshiro.py (exact integers).</summary>
    public static TheoryData<ulong, int, ulong> Reference()
    {
        var data = new TheoryData<ulong, int, ulong>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Synthetic", "xoshiro.csv")).Skip(1))
        {
            var f = line.Split(',');
            data.Add(ulong.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture),
                ulong.Parse(f[2], CultureInfo.InvariantCulture));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Reference))]
    public void NextUInt64_MatchesReferenceImplementation(ulong seed, int index, ulong expected)
    {
        var rng = new Xoshiro256(seed);
        for (var i = 0; i < index; i++) rng.NextUInt64();
        Assert.Equal(expected, rng.NextUInt64());
    }

    [Fact]
    public void NextInt_StaysInRangeAndHitsEveryValue()
    {
        var rng = new Xoshiro256(42);
        var seen = new int[7];
        for (var i = 0; i < 7_000; i++) seen[rng.NextInt(7)]++;
        Assert.All(seen, c => Assert.InRange(c, 850, 1150));
        for (var i = 0; i < 1_000; i++) Assert.InRange(rng.NextInt(18, 25), 18, 25);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }

    [Fact]
    public void NextDouble_IsInUnitInterval()
    {
        var rng = new Xoshiro256(1);
        var sum = 0.0;
        for (var i = 0; i < 10_000; i++)
        {
            var u = rng.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            sum += u;
        }
        Assert.InRange(sum / 10_000, 0.49, 0.51);
    }

    [Fact]
    public void NextNormal_HasMeanZeroAndUnitVariance()
    {
        var rng = new Xoshiro256(3);
        var x = Enumerable.Range(0, 20_000).Select(_ => rng.NextNormal()).ToArray();
        Assert.InRange(x.Average(), -0.03, 0.03);
        Assert.InRange(x.Select(v => v * v).Average(), 0.96, 1.04);
    }

    [Fact]
    public void Permutation_IsAPermutation()
    {
        var p = new Xoshiro256(5).Permutation(100);
        Assert.Equal(Enumerable.Range(0, 100), p.Order());
        Assert.NotEqual(Enumerable.Range(0, 100), p);
    }

    [Fact]
    public void ForStream_DiffersByNameAndSeed()
    {
        Assert.NotEqual(Xoshiro256.ForStream(2020, "a").NextUInt64(), Xoshiro256.ForStream(2020, "b").NextUInt64());
        Assert.NotEqual(Xoshiro256.ForStream(2020, "a").NextUInt64(), Xoshiro256.ForStream(2021, "a").NextUInt64());
        Assert.Equal(Xoshiro256.ForStream(2020, "a").NextUInt64(), Xoshiro256.ForStream(2020, "a").NextUInt64());
    }
}
