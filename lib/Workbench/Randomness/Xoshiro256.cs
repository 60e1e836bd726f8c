namespace Workbench.Randomness;

/// <summary>
/// A small deterministic pseudo-random generator (xoshiro256** 1.0 by Blackman and Vigna, seeded through SplitMix64).
/// Its output is fixed by the algorithm, never by the .NET version, so committed synthetic data can be regenerated
/// byte for byte. Not for cryptography. The one generator of the library: synthetic data (<see cref="ForStream"/>) and
/// the MSE bootstrap (<see cref="ForReplicate"/>, with the samplers in <c>Xoshiro256.Binomial.cs</c>) both draw from it.
/// </summary>
public sealed partial class Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from a 64-bit seed (expanded with SplitMix64, so every seed is usable).</summary>
    public Xoshiro256(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// A generator for one named part of a dataset: the seed and the name (FNV-1a hashed) are mixed, so each dataset
    /// draws from its own stream and adding a dataset never changes the others.
    /// </summary>
    public static Xoshiro256 ForStream(int seed, string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in name)
        {
            hash ^= ch;
            hash *= 1099511628211UL;
        }
        return new Xoshiro256(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ hash);
    }

    /// <summary>
    /// A generator for one bootstrap replicate: the master seed and the replicate index are mixed, so each replicate
    /// has its own stream and results do not depend on the number of threads or on .NET's System.Random.
    /// </summary>
    /// <param name="seed">Master seed (e.g. <c>MseOptions.Seed</c>).</param>
    /// <param name="stream">Replicate index (0, 1, ...).</param>
    public static Xoshiro256 ForReplicate(long seed, long stream) =>
        new(unchecked((ulong)seed ^ (0x9E3779B97F4A7C15UL * (ulong)(stream + 1))));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="n"/>) without modulo bias (Lemire's method with rejection).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be positive.");
        var bound = (uint)n;
        var m = (NextUInt64() >> 32) * bound;
        var low = (uint)m;
        if (low < bound)
        {
            var threshold = (0u - bound) % bound;
            while (low < threshold)
            {
                m = (NextUInt64() >> 32) * bound;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>] (both inclusive).</summary>
    public int NextInt(int min, int max) => min + NextInt(max - min + 1);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>
    /// An approximately standard normal draw: the sum of twelve uniforms minus six (Irwin-Hall). It uses only
    /// additions, so it is exactly reproducible on every platform; its tails stop at plus or minus 6.
    /// </summary>
    public double NextNormal()
    {
        var sum = 0.0;
        for (var i = 0; i < 12; i++) sum += NextDouble();
        return sum - 6.0;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The indices 0..n-1 in random order.</summary>
    public int[] Permutation(int n)
    {
        var result = new int[n];
        for (var i = 0; i < n; i++) result[i] = i;
        Shuffle(result);
        return result;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
