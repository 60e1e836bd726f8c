using Workbench.Randomness;

namespace Workbench.Tests.Randomness;

/// <summary>
/// The bootstrap's generator was a second xoshiro256** class (Estimation/Rng); it is now
/// <see cref="Xoshiro256.ForReplicate"/>. The values below were drawn from that former class before it was removed
/// (first 64 bits, a multinomial split of 10^6 over five weights, and one draw from each binomial sampler), so any MSE
/// bootstrap result keeps its exact draws.
/// </summary>
public sealed class ReplicateStreamTests
{
    [Theory]
    [InlineData(1L, 0L, 3986457179768683244UL, new long[] { 499558, 966, 0, 300780, 198696 }, 7L, 29872L)]
    [InlineData(2026L, 37L, 240038161211913376UL, new long[] { 499738, 979, 0, 300510, 198773 }, 8L, 29924L)]
    [InlineData(-5L, 999L, 7139894123895226942UL, new long[] { 499839, 963, 0, 300072, 199126 }, 6L, 29953L)]
    public void ForReplicate_SeedAndStream_DrawsAsTheFormerBootstrapGenerator(long seed, long stream, ulong first,
        long[] multinomial, long binomialInversion, long binomialBtrs)
    {
        Assert.Equal(first, Xoshiro256.ForReplicate(seed, stream).NextUInt64());
        Assert.Equal(multinomial, Xoshiro256.ForReplicate(seed, stream).Multinomial(1_000_000, [0.5, 0.001, 0, 0.3, 0.199]));
        Assert.Equal(binomialInversion, Xoshiro256.ForReplicate(seed, stream).Binomial(50, 0.1));
        Assert.Equal(binomialBtrs, Xoshiro256.ForReplicate(seed, stream).Binomial(100000, 0.3));
    }
}
