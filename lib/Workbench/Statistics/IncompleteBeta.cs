using MathNet.Numerics;

namespace Workbench.Statistics;

/// <summary>
/// Regularised incomplete beta function I_x(a, b) with relative accuracy near 1e-14 also for large a and b.
/// MathNet's version forms ln B(a, b) from differences of log-gamma values of size a·ln a, which loses about 1e-10
/// relative for a ~ 1e5; here the prefactor x^a (1-x)^b / B(a, b) is computed with Loader's (2000) saddle-point
/// deviance bd0 and Stirling error terms (as R's dbinom), and the continued fraction by modified Lentz.
/// </summary>
internal static class IncompleteBeta
{
    private const double LnSqrt2Pi = 0.918938533204672741780329736406;

    /// <summary>I_x(a, b) given both x and 1 - x exactly.</summary>
    public static double Regularized(double x, double xc, double a, double b)
    {
        if (x <= 0) return 0;
        if (xc <= 0) return 1;
        if (x < (a + 1) / (a + b + 2)) return Front(x, xc, a, b) * ContinuedFraction(x, a, b) / a;
        return 1 - Front(xc, x, b, a) * ContinuedFraction(xc, b, a) / b;
    }

    /// <summary>x^a (1-x)^b / B(a, b).</summary>
    private static double Front(double x, double xc, double a, double b)
    {
        var s = a + b;
        if (a < 1 || b < 1)
        {
            var lx = x < 0.5 ? Math.Log(x) : Log1p(-xc);
            var lxc = xc < 0.5 ? Math.Log(xc) : Log1p(-x);
            double big = Math.Max(a, b), small = Math.Min(a, b);
            double lnBeta;
            if (big < 1) lnBeta = SpecialFunctions.BetaLn(a, b);
            else
            {
                // ln Γ(big) - ln Γ(big + small) without cancellation between two terms of size big·ln big.
                var diff = StirlingError(big) - StirlingError(s) + (big - 0.5) * Log1p(-small / s) - small * Math.Log(s) + small;
                lnBeta = SpecialFunctions.GammaLn(small) + diff;
            }
            return Math.Exp(a * lx + b * lxc - lnBeta);
        }
        var ln = -Bd0(a, s * x) - Bd0(b, s * xc) + 0.5 * Math.Log(a * b / s) - LnSqrt2Pi
                 - StirlingError(a) - StirlingError(b) + StirlingError(s);
        return Math.Exp(ln);
    }

    /// <summary>ln(1 + v), accurate for small v (Goldberg's correction).</summary>
    private static double Log1p(double v)
    {
        var u = 1 + v;
        return u == 1 ? v : Math.Log(u) * v / (u - 1);
    }

    /// <summary>Loader's bd0(k, np) = k ln(k/np) + np - k, accurate when k ≈ np.</summary>
    private static double Bd0(double k, double np)
    {
        if (Math.Abs(k - np) < 0.1 * (k + np))
        {
            var v = (k - np) / (k + np);
            var s = (k - np) * v;
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
        return k * Math.Log(k / np) + np - k;
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
