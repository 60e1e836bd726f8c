namespace Workbench.Estimation;

/// <summary>
/// xoshiro256** generator seeded through SplitMix64 (Blackman &amp; Vigna). Each bootstrap replicate gets its own
/// generator from (master seed, replicate index), so results do not depend on the number of threads or on .NET's
/// System.Random implementation.
/// </summary>
internal sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(long seed, long stream)
    {
        var x = (ulong)seed ^ (0x9E3779B97F4A7C15UL * (ulong)(stream + 1));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Multinomial counts: <paramref name="n"/> draws with probabilities proportional to <paramref name="weights"/>.</summary>
    public long[] Multinomial(long n, double[] weights)
    {
        var cum = new double[weights.Length];
        double total = 0;
        for (var i = 0; i < weights.Length; i++) { total += weights[i]; cum[i] = total; }
        var counts = new long[weights.Length];
        for (long d = 0; d < n; d++)
        {
            var u = NextDouble() * total;
            int lo = 0, hi = cum.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (cum[mid] > u) hi = mid; else lo = mid + 1;
            }
            while (weights[lo] == 0 && lo < cum.Length - 1) lo++;
            counts[lo]++;
        }
        return counts;
    }
}
