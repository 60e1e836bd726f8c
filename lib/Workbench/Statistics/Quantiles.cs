using MathNet.Numerics;

namespace Workbench.Statistics;

/// <summary>
/// Normal, Student t and beta distribution and quantile functions, accurate to about 1e-13 relative over the range
/// R accepts (probabilities down to 1e-300, any df &gt; 0 including non-integer and infinite df, any shapes), built on
/// <see cref="IncompleteBeta"/>. Checked against R 4.2.2 in DistributionTests (fixture script
/// make-distribution-fixtures.R).
/// </summary>
/// <remarks>
/// <para>Student t: P(T &lt; -t) = I_x(df/2, 1/2)/2 with x = 1/(1 + t²/df) (Abramowitz &amp; Stegun 26.7.1); the
/// tail on the small side of x is computed directly, so tail probabilities keep their relative accuracy. Where
/// t²/df &gt; 1e100 the leading term of the series, x^(df/2) / ((df/2) B(df/2, 1/2)), is exact to double precision
/// (as R's pt does). Unlike R, no normal approximation is used above 4e5 df (R's pt is off by 2e-5 relative at
/// 1e12 df); only beyond 1e20 df, where the t and normal distributions agree to double precision, is the normal
/// used.</para>
/// <para>Quantiles are found by Newton's method on the log-probability scale, in log t for qt and logit x for qbeta,
/// safeguarded by bisection, with x and 1 - x both carried so that neither loses relative accuracy. The search
/// stops on the size of the step in the variable, never on the size of the probability difference: a root finder
/// that stops once |F(x) - p| is below an absolute tolerance returns an arbitrary point when p ~ 1e-23, which is what
/// made the likelihood interval [0, 1] at large design effects. Where the answer overflows (qt(1e-300, 0.5) is
/// about -1e600) the result is ±∞, and where it underflows (qbeta(1e-300, 0.5, 0.5)) 0, as in R.</para>
/// <para>pnorm and qnorm are Φ(x) = erfc(-x/√2)/2 and its inverse from MathNet (Boost's rational approximations,
/// accurate to a few ulps), the central part of Φ via erf to avoid cancellation.</para>
/// </remarks>
internal static class Quantiles
{
    private const double Sqrt2 = 1.41421356237309504880168872420969808;

    /// <summary>Beyond this many degrees of freedom the t distribution equals the normal to double precision.</summary>
    private const double NormalDf = 1e20;

    /// <summary>Standard normal quantile (R <c>qnorm</c>).</summary>
    public static double Qnorm(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        // Φ⁻¹(p) = -√2 erfc⁻¹(2p); for p > 1/2 use the exact complement 1 - p so the upper tail keeps its precision.
        return p <= 0.5 ? -Sqrt2 * SpecialFunctions.ErfcInv(2 * p) : Sqrt2 * SpecialFunctions.ErfcInv(2 * (1 - p));
    }

    /// <summary>Standard normal distribution function (R <c>pnorm</c>).</summary>
    public static double Pnorm(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        return x < 0 ? 0.5 * SpecialFunctions.Erfc(-x / Sqrt2) : 0.5 + 0.5 * SpecialFunctions.Erf(x / Sqrt2);
    }

    /// <summary>Student t distribution function (R <c>pt</c>) for df &gt; 0 (∞ allowed).</summary>
    public static double Pt(double t, double df)
    {
        if (double.IsNaN(t) || !(df > 0)) return double.NaN;
        if (t == 0) return 0.5;
        var (tail, centre) = TParts(Math.Abs(t), df);
        return t < 0 ? tail : 0.5 + centre;
    }

    /// <summary>P(T &lt; -t) and P(0 &lt; T &lt; t) for t &gt; 0, each with full relative accuracy.</summary>
    private static (double Tail, double Centre) TParts(double t, double df)
    {
        if (df > NormalDf)
        {
            var z = t / Sqrt2;
            return z < 0.5 ? (0.5 * SpecialFunctions.Erfc(z), 0.5 * SpecialFunctions.Erf(z)) : (0.5 * SpecialFunctions.Erfc(z), 0.5 - 0.5 * SpecialFunctions.Erfc(z));
        }
        var a = df / 2;
        var r = t / df * t; // t²/df without overflow for t up to ~1e154·√df
        if (double.IsPositiveInfinity(t) || r > 1e100)
        {
            var logX = Math.Log(df) - 2 * Math.Log(t);
            var lead = 0.5 * Math.Exp(a * logX - Math.Log(a) - IncompleteBeta.LogBeta(a, 0.5));
            return (lead, 0.5 - lead);
        }
        var x = 1 / (1 + r);
        var xc = r / (1 + r);
        var (lower, upper) = IncompleteBeta.Both(x, xc, a, 0.5);
        return (lower / 2, upper / 2);
    }

    /// <summary>Student t quantile (R <c>qt</c>) for df &gt; 0 (∞ allowed); ±∞ at p = 0 or 1 and where it overflows.</summary>
    public static double Qt(double p, double df)
    {
        if (double.IsNaN(p) || !(df > 0) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p == 0.5) return 0;
        if (df > NormalDf) return Qnorm(p);
        var lo = Math.Min(p, 1 - p); // exact: 1 - p has no rounding error for p in [1/2, 1]
        var a = df / 2;
        double t;
        // Far tail: invert the leading term x^a / (a B(a, 1/2)) = 2·lo in closed form, x = df/t².
        var logR = -(Math.Log(2 * lo) + Math.Log(a) + IncompleteBeta.LogBeta(a, 0.5)) / a;
        if (logR > Math.Log(1e100)) t = Math.Exp(0.5 * (Math.Log(df) + logR));
        else
        {
            // I_x(a, 1/2) = 2·lo with x = 1/(1 + t²/df); 1 - 2·lo is exact for lo ≥ 1/4.
            var (x, xc) = SolveBeta(2 * lo, a, 0.5);
            t = x == 0 ? double.PositiveInfinity : Math.Sqrt(df * (xc / x));
        }
        return p < 0.5 ? -t : t;
    }

    /// <summary>Beta distribution function I_x(a, b) (R <c>pbeta</c>) for shapes a, b &gt; 0.</summary>
    public static double Pbeta(double x, double a, double b)
    {
        if (double.IsNaN(x) || !(a > 0) || !(b > 0)) return double.NaN;
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        return IncompleteBeta.Both(x, 1 - x, a, b).Lower;
    }

    /// <summary>Beta quantile (R <c>qbeta</c>) for shape parameters a, b &gt; 0.</summary>
    public static double Qbeta(double p, double a, double b)
    {
        if (!(a > 0) || !(b > 0) || double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return 0;
        if (p == 1) return 1;
        return SolveBeta(p, a, b).X;
    }

    /// <summary>
    /// The x (and 1 - x) with I_x(a, b) = p: safeguarded Newton on u = logit x for log I (p ≤ 1/2) or log(1 - I)
    /// (p &gt; 1/2, whose target 1 - p is exact), where d I / d u = x^a (1-x)^b / B(a, b).
    /// </summary>
    private static (double X, double Xc) SolveBeta(double p, double a, double b)
    {
        var upper = p > 0.5;
        var target = upper ? Math.Log(1 - p) : Math.Log(p);
        var logBeta = IncompleteBeta.LogBeta(a, b);
        double x, xc;
        if (Math.Min(a, b) >= 5)
        {
            // Start: with both shapes moderate or large, logit X is close to normal with mean ln(a/b), variance 1/a + 1/b.
            var u0 = Math.Log(a / b) + Qnorm(p) * Math.Sqrt(1 / a + 1 / b);
            (x, xc) = (1 / (1 + Math.Exp(-u0)), 1 / (1 + Math.Exp(u0)));
        }
        else if (!upper)
        {
            // Start: the tail asymptote I ≈ x^a / (a B(a, b)) (below, its mirror), capped at the mean.
            var logX = (target + Math.Log(a) + logBeta) / a;
            if (logX < -745.2) return (0, 1); // the quantile underflows (below the smallest double)
            x = Math.Min(Math.Exp(logX), a / (a + b)); xc = 1 - x;
        }
        else
        {
            var logXc = (target + Math.Log(b) + logBeta) / b;
            if (logXc < -745.2) return (1, 0);
            xc = Math.Min(Math.Exp(logXc), b / (a + b)); x = 1 - xc;
        }
        // Bracket in u: g(u) = log F - target is increasing in u for the lower tail, decreasing for the upper.
        double uLo = double.NegativeInfinity, uHi = double.PositiveInfinity;
        var lastStep = double.PositiveInfinity;
        for (var iter = 0; iter < 300; iter++)
        {
            var (lower, up) = IncompleteBeta.Both(x, xc, a, b);
            var f = upper ? up : lower;
            var g = Math.Log(f) - target;
            var u = Math.Log(x) - Math.Log(xc);
            if (g == 0) break;
            if ((g > 0) != upper) uHi = u; else uLo = u;
            var step = g / (IncompleteBeta.Front(x, xc, a, b) / f * (upper ? -1 : 1)); // Newton: u_new = u - step
            var next = u - step;
            if (!double.IsFinite(next) || !(next > uLo && next < uHi) || Math.Abs(step) > 20)
            {
                // Bisect when bracketed, otherwise walk towards the root in steps of at most 20 (e^20 in odds).
                var walk = double.IsFinite(step) ? Math.Clamp(Math.Abs(step), 1, 20) : 1;
                next = double.IsFinite(uLo) && double.IsFinite(uHi) ? 0.5 * (uLo + uHi)
                    : double.IsFinite(uLo) ? uLo + walk
                    : uHi - walk;
                step = u - next;
            }
            // Move by the step without forming u: x' = x / (x + (1-x) e^step), keeping both x' and 1 - x' exact.
            var e = Math.Exp(step);
            var d = x + xc * e;
            (x, xc) = (x / d, xc * e / d);
            if (x == 0 || xc == 0) return x == 0 ? (0, 1) : (1, 0); // the root lies beyond the smallest double
            var size = Math.Abs(step);
            if (size < 4e-16) break;
            // Once the steps stop shrinking they are rounding noise: the root is found.
            if (iter > 3 && size >= lastStep && size < 1e-12) break;
            lastStep = size;
        }
        return (x, xc);
    }
}
