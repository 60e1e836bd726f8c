namespace Workbench.Randomness;

public sealed partial class Xoshiro256
{
    /// <summary>
    /// Multinomial counts: <paramref name="n"/> draws with probabilities proportional to <paramref name="weights"/>, by
    /// binomial splitting (cell i gets Binomial(people left, w_i / weight left)), so the cost does not grow with n.
    /// </summary>
    public long[] Multinomial(long n, double[] weights)
    {
        var counts = new long[weights.Length];
        var suffix = new double[weights.Length + 1];
        for (var i = weights.Length - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + weights[i];
        var last = Array.FindLastIndex(weights, w => w > 0);
        var left = n;
        for (var i = 0; i <= last && left > 0; i++)
        {
            if (!(weights[i] > 0)) continue;
            var x = i == last ? left : Binomial(left, weights[i] / suffix[i]);
            counts[i] = x;
            left -= x;
        }
        return counts;
    }

    /// <summary>
    /// One Binomial(<paramref name="n"/>, <paramref name="p"/>) draw: inversion by summing geometric waiting times when
    /// n·min(p, 1-p) &lt; 10, otherwise Hörmann's transformed rejection with squeeze (BTRS; Hörmann 1993, J. Stat.
    /// Comput. Simul. 46, 101-110), whose cost does not depend on n. The log-factorials of the acceptance test are
    /// written as Stirling's formula plus its tail, so that it stays accurate for n up to 10^15.
    /// </summary>
    public long Binomial(long n, double p)
    {
        if (n <= 0 || !(p > 0)) return 0;
        if (p >= 1) return n;
        if (p > 0.5) return n - Binomial(n, 1 - p);
        return n * p < 10 ? BinomialInversion(n, p) : BinomialBtrs(n, p);
    }

    private long BinomialInversion(long n, double p)
    {
        var logq = Log1p(-p); // log(1 - p) without the rounding of 1 - p, which matters for tiny p
        long successes = 0;
        double waited = 0;
        while (true)
        {
            var u = 1 - NextDouble(); // (0, 1]
            waited += Math.Ceiling(Math.Log(u) / logq);
            if (waited > n) return successes;
            successes++;
        }
    }

    private long BinomialBtrs(long n, double p)
    {
        var nd = (double)n;
        var q = 1 - p;
        var spq = Math.Sqrt(nd * p * q);
        var b = 1.15 + 2.53 * spq;
        var a = -0.0873 + 0.0248 * b + 0.01 * p;
        var c = nd * p + 0.5;
        var vr = 0.92 - 4.2 / b;
        var alpha = (2.83 + 5.1 / b) * spq;
        var r = p / q;
        var lr = Math.Log(r);
        var m = Math.Floor((nd + 1) * p);
        while (true)
        {
            var u = NextDouble() - 0.5;
            var v = NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + c);
            if (k < 0 || k > nd) continue;
            if (us >= 0.07 && v <= vr) return (long)k;
            v = Math.Log(v * alpha / (a / (us * us) + b));
            // log(f(k) / f(m)) for the binomial probabilities f, from log j! = (j + 1/2) log(j + 1) - (j + 1) + log(2 pi)/2 + tail(j).
            var bound = (m + 0.5) * Math.Log((m + 1) / (nd - m + 1)) - (k + 0.5) * Math.Log((k + 1) / (nd - k + 1))
                + (nd + 1) * Log1p((k - m) / (nd - k + 1)) + (k - m) * lr
                + StirlingTail(m) + StirlingTail(nd - m) - StirlingTail(k) - StirlingTail(nd - k);
            if (v <= bound) return (long)k;
        }
    }

    // log(1 + x) accurate for small x (Goldberg 1991, "What every computer scientist should know...", theorem 4).
    private static double Log1p(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    // log j! - [(j + 1/2) log(j + 1) - (j + 1) + log(2 pi) / 2], exact for j <= 9, series beyond.
    private static readonly double[] TailTable = Enumerable.Range(0, 10)
        .Select(j => MathNet.Numerics.SpecialFunctions.GammaLn(j + 1) - ((j + 0.5) * Math.Log(j + 1) - (j + 1) + 0.5 * Math.Log(2 * Math.PI)))
        .ToArray();

    private static double StirlingTail(double j)
    {
        if (j <= 9) return TailTable[(int)j];
        var j1 = j + 1;
        var sq = j1 * j1;
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / sq) / sq) / j1;
    }
}
