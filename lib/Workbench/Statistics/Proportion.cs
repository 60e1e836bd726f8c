using System.Globalization;
using static Workbench.Statistics.Quantiles;

namespace Workbench.Statistics;

/// <summary>Confidence intervals for a simple proportion of x successes in n trials, and registry counts.</summary>
/// <remarks>
/// Formulas: Brown, Cai and DasGupta (2001, Statistical Science 16:101); Wilson with continuity correction as R
/// <c>prop.test(correct = TRUE)</c> (Wilson bounds at x ∓ 1/2, Newcombe 1998 method 4); Clopper-Pearson as R
/// <c>binom.test</c>. Conventions, so that no bound is ever NaN and all lie in [0, 1]: at x = 0 every lower bound is 0
/// and at x = n every upper bound is 1 (Clopper-Pearson and Jeffreys by definition); Wald and Agresti-Coull bounds are
/// truncated to [0, 1]; the logit interval, undefined at x = 0 and x = n, uses the Clopper-Pearson bound there.
/// Expected values in the tests come from R 4.2.2 (tests/Workbench.Tests/Fixtures/Statistics/make-proportion-fixtures.R).
/// </remarks>
public static class Proportion
{
    /// <summary>Interval for <paramref name="x"/> successes in <paramref name="n"/> trials.</summary>
    /// <param name="x">Successes, 0 ≤ x ≤ n.</param>
    /// <param name="n">Trials, at least 1.</param>
    /// <param name="method">Interval method.</param>
    /// <param name="level">Confidence level in (0, 1) (default 0.95).</param>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, x outside [0, n], or level outside (0, 1).</exception>
    public static ProportionEstimate Interval(int x, int n, ProportionMethod method, double level = 0.95)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "the number of trials must be at least 1.");
        if (x < 0 || x > n) throw new ArgumentOutOfRangeException(nameof(x), x, $"successes must lie between 0 and the number of trials ({n}).");
        Prevalence.CheckLevel(level);
        var alpha = 1 - level;
        var z = Qnorm(1 - alpha / 2);
        double p = (double)x / n, lower, upper;
        string? note = null;
        switch (method)
        {
            case ProportionMethod.Wald:
            {
                var h = z * Math.Sqrt(p * (1 - p) / n);
                (lower, upper) = (p - h, p + h);
                break;
            }
            case ProportionMethod.Wilson:
                (lower, upper) = (WilsonBound(p, n, z, -1), WilsonBound(p, n, z, +1));
                break;
            case ProportionMethod.WilsonCorrected:
            {
                var pl = p - 0.5 / n; var pu = p + 0.5 / n;
                lower = pl <= 0 ? 0 : WilsonBound(pl, n, z, -1);
                upper = pu >= 1 ? 1 : WilsonBound(pu, n, z, +1);
                break;
            }
            case ProportionMethod.AgrestiCoull:
            {
                var nt = n + z * z;
                var pt = (x + z * z / 2) / nt;
                var h = z * Math.Sqrt(pt * (1 - pt) / nt);
                (lower, upper) = (pt - h, pt + h);
                break;
            }
            case ProportionMethod.ClopperPearson:
                (lower, upper) = ClopperPearson(x, n, alpha);
                break;
            case ProportionMethod.Jeffreys:
                lower = x == 0 ? 0 : Qbeta(alpha / 2, x + 0.5, n - x + 0.5);
                upper = x == n ? 1 : Qbeta(1 - alpha / 2, x + 0.5, n - x + 0.5);
                break;
            case ProportionMethod.Logit:
                if (x == 0 || x == n)
                {
                    (lower, upper) = ClopperPearson(x, n, alpha);
                    note = "the logit interval is undefined at 0/n and n/n; the Clopper-Pearson bounds are reported";
                }
                else
                {
                    var l = Math.Log(p / (1 - p));
                    var h = z / Math.Sqrt(n * p * (1 - p));
                    (lower, upper) = (Expit(l - h), Expit(l + h));
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "unknown interval method");
        }
        if (lower < 0 || upper > 1)
        {
            note ??= "the interval extends beyond [0, 1] and is truncated";
            lower = Math.Max(lower, 0);
            upper = Math.Min(upper, 1);
        }
        if (x == 0) lower = 0;
        if (x == n) upper = 1;
        return new ProportionEstimate(x, n, p, lower, upper, level, method, note);
    }

    /// <summary>A registry count: the proportion without a sampling interval, labelled as such.</summary>
    /// <param name="x">Registered cases with the characteristic, 0 ≤ x ≤ n.</param>
    /// <param name="n">Registered cases, at least 1.</param>
    public static RegisteredCount Registered(int x, int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "the number of registered cases must be at least 1.");
        if (x < 0 || x > n) throw new ArgumentOutOfRangeException(nameof(x), x, $"the count must lie between 0 and the total ({n}).");
        return new RegisteredCount(x, n, (double)x / n);
    }

    /// <summary>The command-line name of a method ("wald", "wilson", "wilson-cc", "agresti-coull", "clopper-pearson", "jeffreys", "logit").</summary>
    public static string MethodName(ProportionMethod method) => ((SurveyIntervalMethod)method).Name;

    private static double Expit(double v) => 1 / (1 + Math.Exp(-v));

    private static (double, double) ClopperPearson(int x, int n, double alpha) =>
        (x == 0 ? 0 : Qbeta(alpha / 2, x, n - x + 1), x == n ? 1 : Qbeta(1 - alpha / 2, x + 1, n - x));

    /// <summary>Wilson score bound (R prop.test's form) at proportion p; sign -1 lower, +1 upper.</summary>
    private static double WilsonBound(double p, int n, double z, int sign)
    {
        var z22n = z * z / (2 * n);
        return (p + z22n + sign * z * Math.Sqrt(p * (1 - p) / n + z22n / (2 * n))) / (1 + 2 * z22n);
    }
}
