using MathNet.Numerics.Distributions;

namespace Workbench.Estimation;

/// <summary>Intervals for the population estimate: Wald on log dark figure, profile likelihood, bootstraps.</summary>
internal static class Intervals
{
    /// <summary>
    /// Wald interval on the log of the dark figure summed over <paramref name="levels"/>, by the delta method with the
    /// inverse Fisher information of the selected model: D·exp(±z·se(log D)) + observed.
    /// </summary>
    public static (double Dark, double Lower, double Upper) Wald(FitOutcome fit, int k, IEnumerable<int> levels, double observed, double level)
    {
        var cov = fit.Covariance ?? throw new InvalidOperationException("covariance not computed");
        var q = fit.Columns.Length;
        var g = new double[q];
        double dark = 0;
        foreach (var l in levels)
        {
            var d = fit.Mu[l << k];
            dark += d;
            var row = LogLinearFitter.UnobservedRow(fit, l, k);
            for (var j = 0; j < q; j++) g[j] += d * row[j];
        }
        double v = 0;
        for (var i = 0; i < q; i++)
            for (var j = 0; j < q; j++) v += g[i] * cov[i, j] * g[j];
        var se = Math.Sqrt(Math.Max(v, 0)) / dark;
        var z = Normal.InvCDF(0, 1, 0.5 + level / 2);
        return (dark, observed + dark * Math.Exp(-z * se), observed + dark * Math.Exp(z * se));
    }

    /// <summary>
    /// Profile likelihood interval: the intercept (log dark figure) is held fixed and the other parameters refitted;
    /// the bounds are where the deviance rises by the chi-squared(1) quantile. Found by bracketing in steps of the Wald
    /// standard error and bisection to 1e-10 on the log scale. A lower bound that never reaches the cut-off is the
    /// observed count (dark figure 0).
    /// </summary>
    public static (double Lower, double Upper) Profile(LogLinearFitter f, FitOutcome fit, double observed, double level)
    {
        if (f.L > 1) throw new MseModelException("profile likelihood intervals are available for models without covariates; use wald or a bootstrap.");
        var b0 = fit.Beta[0];
        var se = Math.Sqrt(fit.Covariance![0, 0]);
        var cut = ChiSquared.InvCDF(1, level);
        double Excess(double b)
        {
            var r = f.Fit(fit.Model, fixedIntercept: b, skipChecks: true);
            return r.Status == FitStatus.Ok ? r.Deviance - fit.Deviance - cut : double.PositiveInfinity;
        }
        double Bound(int direction)
        {
            var inside = b0;
            double outside = double.NaN;
            for (var step = 1; step <= 60; step++)
            {
                var b = b0 + direction * step * se;
                if (Excess(b) > 0) { outside = b; break; }
                inside = b;
            }
            if (double.IsNaN(outside)) return direction < 0 ? double.NegativeInfinity : double.PositiveInfinity;
            for (var it = 0; it < 200 && Math.Abs(outside - inside) > 1e-10; it++)
            {
                var mid = (inside + outside) / 2;
                if (Excess(mid) > 0) outside = mid; else inside = mid;
            }
            return (inside + outside) / 2;
        }
        var lo = Bound(-1);
        var hi = Bound(+1);
        if (double.IsPositiveInfinity(hi)) throw new MseModelException("the profile likelihood does not reach the cut-off above the estimate; the upper bound is unbounded. Use a bootstrap interval.");
        return (observed + (double.IsNegativeInfinity(lo) ? 0 : Math.Exp(lo)), observed + Math.Exp(hi));
    }

    /// <summary>Type-7 quantile (R default) of sorted values.</summary>
    public static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
