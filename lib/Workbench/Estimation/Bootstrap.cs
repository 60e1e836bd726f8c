using MathNet.Numerics.Distributions;

namespace Workbench.Estimation;

/// <summary>
/// Bootstraps of the population estimate. Replicate b draws from its own generator seeded by (seed, b), so the
/// result for a seed is the same whatever the number of threads; replicates that cannot be fitted are left out and counted.
/// </summary>
internal static class Bootstrap
{
    /// <summary>
    /// Parametric bootstrap: round(N-hat) people are distributed multinomially over all cells (the unobserved ones
    /// included) with the fitted probabilities; the selected model is refitted to the observable cells; percentile interval.
    /// </summary>
    public static (double Lower, double Upper, int Used) Parametric(CaptureHistories h, FitOutcome fit, MseOptions o, int threads)
    {
        var people = Math.Round(h.Observed + fit.DarkFigure);
        if (!(people <= CaptureHistories.MaxPeople))
            throw new MseModelException($"the estimate {people.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} is too large for a parametric bootstrap (at most 10^15 people); the model barely identifies the dark figure. Use a model with fewer interactions or --ci wald.");
        var total = (long)people;
        var k = h.K;
        var estimates = Run(o.Nboot, threads, b =>
        {
            var rng = new Rng(o.Seed, b);
            var counts = rng.Multinomial(total, fit.Mu);
            for (var l = 0; l < h.Levels.Count; l++) counts[l << k] = 0;
            if (!Usable(h, counts)) return double.NaN;
            var f = new LogLinearFitter(k, h.Levels.Count, counts.Select(c => (double)c).ToArray());
            var r = f.Fit(fit.Model);
            return r.Status == FitStatus.Ok ? f.Observed + r.DarkFigure : double.NaN;
        });
        var sorted = estimates.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length < 2) throw new MseModelException("the parametric bootstrap produced fewer than two usable replicates.");
        var alpha = (1 - o.Level) / 2;
        return (Intervals.Quantile(sorted, alpha), Intervals.Quantile(sorted, 1 - alpha), sorted.Length);
    }

    /// <summary>
    /// Nonparametric BCa bootstrap: the observed people are resampled multinomially (total fixed), model selection
    /// and estimation are re-run in every replicate. Bias correction z0 from the share of replicates below N-hat;
    /// acceleration from the delete-one jackknife over the distinct capture patterns (one person removed from a
    /// pattern, weighted by its count) (Efron 1987; as SparseMSE / MultipleSystemsEstimation).
    /// </summary>
    public static (double Lower, double Upper, int Used) Bca(CaptureHistories h, double estimate, MseOptions o, int threads)
    {
        var k = h.K;
        var weights = h.CountsByCell.Select(c => (double)c).ToArray();
        var estimates = Run(o.Nboot, threads, b =>
        {
            var rng = new Rng(o.Seed, b);
            return Reselect(h, rng.Multinomial(h.Observed, weights), o);
        });
        var cells = Enumerable.Range(0, weights.Length).Where(c => weights[c] > 0).ToArray();
        var jack = Run(cells.Length, threads, i =>
        {
            var counts = (long[])h.CountsByCell.Clone();
            counts[cells[i]]--;
            return Reselect(h, counts, o);
        });
        var sorted = estimates.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length < 2) throw new MseModelException("the bootstrap produced fewer than two usable replicates.");
        var below = sorted.Count(v => v < estimate) + 0.5 * sorted.Count(v => v == estimate);
        var share = Math.Clamp(below / sorted.Length, 1.0 / (sorted.Length + 1), sorted.Length / (sorted.Length + 1.0));
        var z0 = Normal.InvCDF(0, 1, share);
        double wsum = 0, mean = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (!double.IsFinite(jack[i])) continue;
            wsum += weights[cells[i]];
            mean += weights[cells[i]] * jack[i];
        }
        mean /= wsum;
        double num = 0, den = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (!double.IsFinite(jack[i])) continue;
            var d = mean - jack[i];
            num += weights[cells[i]] * d * d * d;
            den += weights[cells[i]] * d * d;
        }
        var a = den > 0 ? num / (6 * Math.Pow(den, 1.5)) : 0;
        double Adjusted(double p)
        {
            var z = Normal.InvCDF(0, 1, p);
            var denominator = 1 - a * (z0 + z);
            // An acceleration so large that the BCa map breaks down: fall back to the percentile point.
            if (!(denominator > 0)) return p;
            var adjusted = Normal.CDF(0, 1, z0 + (z0 + z) / denominator);
            return double.IsFinite(adjusted) ? adjusted : p;
        }
        var alpha = (1 - o.Level) / 2;
        return (Intervals.Quantile(sorted, Adjusted(alpha)), Intervals.Quantile(sorted, Adjusted(1 - alpha)), sorted.Length);
    }

    private static double Reselect(CaptureHistories h, long[] counts, MseOptions o)
    {
        if (!Usable(h, counts)) return double.NaN;
        var f = new LogLinearFitter(h.K, h.Levels.Count, counts.Select(c => (double)c).ToArray());
        try
        {
            var sel = ModelSelection.Select(f, h.WithCounts(counts), o, threads: 1, prune: true);
            return f.Observed + sel.Fit.DarkFigure;
        }
        catch (MseModelException)
        {
            return double.NaN;
        }
    }

    /// <summary>A replicate is usable when every list registers someone and every covariate level has someone.</summary>
    private static bool Usable(CaptureHistories h, long[] counts)
    {
        var k = h.K;
        for (var i = 0; i < k; i++)
        {
            long s = 0;
            for (var c = 0; c < counts.Length; c++) if ((c & (1 << i)) != 0) s += counts[c];
            if (s == 0) return false;
        }
        for (var l = 0; l < h.Levels.Count; l++)
        {
            long s = 0;
            for (var p = 1; p < 1 << k; p++) s += counts[(l << k) + p];
            if (s == 0) return false;
        }
        return true;
    }

    private static double[] Run(int count, int threads, Func<int, double> replicate)
    {
        var result = new double[count];
        if (threads == 1) for (var b = 0; b < count; b++) result[b] = replicate(b);
        else Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, b => result[b] = replicate(b));
        return result;
    }
}
