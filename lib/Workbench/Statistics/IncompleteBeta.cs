using MathNet.Numerics;

namespace Workbench.Statistics;

/// <summary>
/// Regularised incomplete beta function I_x(a, b) and its complement, each with relative accuracy near 1e-14 when it
/// is the small one, also for large a and b. MathNet's version forms ln B(a, b) from differences of log-gamma values
/// of size a·ln a, which loses about 1e-10 relative for a ~ 1e5; here the prefactor x^a (1-x)^b / B(a, b) is computed
/// with Loader's (2000) saddle-point deviance bd0 and Stirling error terms (as R's dbinom), the continued fraction by
/// modified Lentz, and, when one shape is large and the other at most 1, the asymptotic expansion of DiDonato and
/// Morris (1992, ACM TOMS 708, BGRAT). Checked against R's pbeta (TOMS 708) in DistributionTests.
/// </summary>
internal static class IncompleteBeta
{
    private const double LnSqrt2Pi = 0.918938533204672741780329736406;

    /// <summary>
    /// I_x(a, b) and 1 - I_x(a, b) given both x and 1 - x exactly. One of the two is computed directly and the other
    /// as 1 minus it, the direct one being the tail beyond x as seen from the bulk of the distribution, so that a small
    /// tail keeps its relative accuracy.
    /// </summary>
    public static (double Lower, double Upper) Both(double x, double xc, double a, double b)
    {
        if (x <= 0) return (0, 1);
        if (xc <= 0) return (1, 0);
        if (Math.Min(a, b) <= 1 && Math.Max(a, b) >= 15)
        {
            // One shape large, the other at most 1: with the large shape's variable X near 1 the continued fraction
            // depends on X through 1 - X·(...) and loses ~max(a, b)·1e-16 relative, so use the asymptotic expansion.
            var flip = b > a;
            var (big, small, bx, bxc) = flip ? (b, a, xc, x) : (a, b, x, xc);
            if (bx > 0.5)
            {
                var w = Bgrat(big, small, bx, bxc); // I_bx(big, small)
                if (double.IsFinite(w) && w >= 0)
                {
                    // Near 1 the expansion is the wrong side to keep: the complement, I_bxc(small, big), is small
                    // and comes from the continued fraction (bxc is below its switch point there).
                    var (lo, hi) = w <= 0.5 ? (w, 1 - w) : ComplementOf(Front(bxc, bx, small, big) * ContinuedFraction(bxc, small, big) / small);
                    return flip ? (hi, lo) : (lo, hi);
                }
            }
        }
        if (x < (a + 1) / (a + b + 2))
        {
            var lower = Front(x, xc, a, b) * ContinuedFraction(x, a, b) / a;
            return (lower, 1 - lower);
        }
        var upper = Front(xc, x, b, a) * ContinuedFraction(xc, b, a) / b;
        return (1 - upper, upper);
    }

    private static (double Lower, double Upper) ComplementOf(double upper) => (1 - upper, upper);

    /// <summary>
    /// I_x(a, b) for a ≥ 15 and b ≤ 1 by the asymptotic expansion of DiDonato and Morris (1992, ACM TOMS 708,
    /// section 9; algorithm BGRAT): with ν = a + (b - 1)/2 and z = -ν ln x, I_x(a, b) = M Σ p_n J_n(b, z) where
    /// J_0 = Q(b, z)/(e^-z z^b / Γ(b)) and the J_n and p_n follow by recurrences. NaN if it cannot be evaluated.
    /// </summary>
    private static double Bgrat(double a, double b, double x, double y)
    {
        const int terms = 30;
        var bm1 = b - 1;
        var nu = a + 0.5 * bm1;
        var lnx = y > 0.375 ? Math.Log(x) : Log1p(-y);
        var z = -nu * lnx;
        if (!(b * z > 0)) return double.NaN;
        var logR = -SpecialFunctions.GammaLn(b) + b * Math.Log(z) - z;   // ln(e^-z z^b / Γ(b))
        var logU = logR - (LogGammaRatio(a, b) + b * Math.Log(nu));
        double qr;                                                        // Q(b, z) / (e^-z z^b / Γ(b))
        if (b == 0.5)
        {
            var sz = Math.Sqrt(z);
            qr = Math.Exp(Math.Log(SpecialFunctions.Erfc(sz)) - logR);
        }
        else qr = Math.Exp(Math.Log(SpecialFunctions.GammaUpperRegularized(b, z)) - logR);
        if (!double.IsFinite(qr)) return double.NaN;
        var c = new double[terms];
        var d = new double[terms];
        double v = 0.25 / (nu * nu), t2 = 0.25 * lnx * lnx, j = qr, sum = j, t = 1, cn = 1, n2 = 0;
        for (var n = 1; n <= terms; n++)
        {
            var bp2n = b + n2;
            j = (bp2n * (bp2n + 1) * j + (z + bp2n + 1) * t) * v;
            n2 += 2;
            t *= t2;
            cn /= n2 * (n2 + 1);
            c[n - 1] = cn;
            double s = 0;
            var coef = b - n;
            for (var i = 1; i < n; i++) { s += coef * c[i - 1] * d[n - 1 - i]; coef += b; }
            d[n - 1] = bm1 * cn + s / n;
            var dj = d[n - 1] * j;
            sum += dj;
            if (!(sum > 0)) return double.NaN;
            if (Math.Abs(dj) <= 1e-16 * sum) break;
        }
        return Math.Exp(logU + Math.Log(sum));
    }

    /// <summary>ln Γ(a) - ln Γ(a + b) for a ≥ 15, without cancellation (Stirling error terms).</summary>
    private static double LogGammaRatio(double a, double b)
    {
        var s = a + b;
        return StirlingError(a) - StirlingError(s) + (a - 0.5) * Log1p(-b / s) - b * Math.Log(s) + b;
    }

    /// <summary>ln B(a, b), accurate also when one argument is large (no cancellation between log-gamma values).</summary>
    public static double LogBeta(double a, double b)
    {
        double big = Math.Max(a, b), small = Math.Min(a, b), s = a + b;
        if (big < 15) return SpecialFunctions.BetaLn(a, b);
        // ln Γ(big) - ln Γ(big + small) without cancellation between two terms of size big·ln big.
        var diff = LogGammaRatio(big, small);
        if (small < 15) return SpecialFunctions.GammaLn(small) + diff;
        return diff + StirlingError(small) + (small - 0.5) * Math.Log(small) - small + LnSqrt2Pi;
    }

    /// <summary>x^a (1-x)^b / B(a, b), which is also x (1 - x) times the beta density at x.</summary>
    public static double Front(double x, double xc, double a, double b)
    {
        var s = a + b;
        if (a < 1 || b < 1)
        {
            var lx = x < 0.5 ? Math.Log(x) : Log1p(-xc);
            var lxc = xc < 0.5 ? Math.Log(xc) : Log1p(-x);
            return Math.Exp(a * lx + b * lxc - LogBeta(a, b));
        }
        // a - s·x = s·(1-x) - b, from whichever of x and 1 - x is the smaller (exact) one, with one rounding (FMA):
        // forming s·x first loses s·1e-16 absolute, which is ~5e-12 relative in a 1e-300 tail at a = b = 1e6.
        var diff = x <= xc ? Math.FusedMultiplyAdd(-s, x, a) : Math.FusedMultiplyAdd(s, xc, -b);
        var ln = -Bd0(a, s * x, diff) - Bd0(b, s * xc, -diff) + 0.5 * Math.Log(a * b / s) - LnSqrt2Pi
                 - StirlingError(a) - StirlingError(b) + StirlingError(s);
        return Math.Exp(ln);
    }

    /// <summary>ln(1 + v), accurate for small v (Goldberg's correction).</summary>
    private static double Log1p(double v)
    {
        var u = 1 + v;
        return u == 1 ? v : Math.Log(u) * v / (u - 1);
    }

    /// <summary>Loader's bd0(k, np) = k ln(k/np) + np - k, accurate when k ≈ np, given diff = k - np accurately.</summary>
    private static double Bd0(double k, double np, double diff)
    {
        if (Math.Abs(diff) < 0.1 * (k + np))
        {
            var v = diff / (k + np);
            var s = diff * v;
            var ej = 2 * k * v;
            v *= v;
            for (var j = 1; j < 1000; j++)
            {
                ej *= v;
                var s1 = s + ej / (2 * j + 1);
                if (s1 == s) return s1;
                s = s1;
            }
            return s;
        }
        return k * Log1p(diff / np) - diff;
    }

    /// <summary>ln Γ(n + 1) - (n + 1/2) ln n + n - ln √(2π).</summary>
    private static double StirlingError(double n)
    {
        const double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
        if (n <= 15) return SpecialFunctions.GammaLn(n + 1) - (n + 0.5) * Math.Log(n) + n - LnSqrt2Pi;
        var nn = n * n;
        if (n > 500) return (s0 - s1 / nn) / n;
        if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
        if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
    }

    /// <summary>Continued fraction for I_x(a, b) (Numerical Recipes betacf, modified Lentz).</summary>
    private static double ContinuedFraction(double x, double a, double b)
    {
        const double fpmin = 1e-300, eps = 1e-16;
        double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
        if (Math.Abs(d) < fpmin) d = fpmin;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 100000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d; if (Math.Abs(d) < fpmin) d = fpmin;
            c = 1 + aa / c; if (Math.Abs(c) < fpmin) c = fpmin;
            d = 1 / d; h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d; if (Math.Abs(d) < fpmin) d = fpmin;
            c = 1 + aa / c; if (Math.Abs(c) < fpmin) c = fpmin;
            d = 1 / d;
            var del = d * c;
            h *= del;
            if (Math.Abs(del - 1) < eps) break;
        }
        return h;
    }
}
