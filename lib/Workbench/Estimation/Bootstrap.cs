using Workbench.Randomness;
using MathNet.Numerics.Distributions;

namespace Workbench.Estimation;

/// <summary>
/// Bootstraps of the population estimate. Replicate b draws from its own generator seeded by (seed, b), so the
/// result for a seed is the same whatever the number of threads; replicates that cannot be fitted are left out and counted.
/// </summary>
internal static class Bootstrap
{
    /// <summary>
    /// The estimate for each group of covariate levels from a fit: group 0 (all levels) is observed + dark figure, the
    /// others the sum of the fitted counts over every cell of their levels, the unobserved ones included (as
    /// MaartenCruyff/mse <c>generate_tables</c>; with indicator-coded covariates this is the level's observed count
    /// plus its dark figure).
    /// </summary>
    public static double[] GroupEstimates(FitOutcome fit, double observed, int k, IReadOnlyList<int[]> groups)
    {
        var result = new double[groups.Count];
        result[0] = observed + fit.DarkFigure;
        for (var g = 1; g < groups.Count; g++)
            foreach (var l in groups[g])
                for (var p = 0; p < 1 << k; p++) result[g] += fit.Mu[(l << k) + p];
        return result;
    }

    /// <summary>
    /// Parametric bootstrap: round(N-hat) people are distributed multinomially over all cells (the unobserved ones
    /// included) with the fitted probabilities; the selected model is refitted to the observable cells; percentile
    /// interval per group (as MaartenCruyff/mse <c>boot_mse</c>: quantiles 2.5% and 97.5% at level 0.95).
    /// </summary>
    public static (double[] Lower, double[] Upper, int Used) Parametric(LogLinearFitter f, CaptureHistories h, FitOutcome fit,
        IReadOnlyList<int[]> groups, MseOptions o, int threads)
    {
        var people = Math.Round(h.Observed + fit.DarkFigure);
        if (!(people <= CaptureHistories.MaxPeople))
            throw new MseModelException($"the estimate {people.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} is too large for a parametric bootstrap (at most 10^15 people); the model barely identifies the dark figure. Use a model with fewer interactions or --ci wald.");
        var total = (long)people;
        var k = h.K;
        var estimates = Run(o.Nboot, threads, b =>
        {
            var rng = Xoshiro256.ForReplicate(o.Seed, b);
            var counts = rng.Multinomial(total, fit.Mu);
            for (var l = 0; l < h.Levels.Count; l++) counts[l << k] = 0;
            if (!Usable(h, counts)) return null;
            var fb = f.WithCounts(counts.Select(c => (double)c).ToArray());
            var r = fb.Fit(fit.Model);
            return r.Status == FitStatus.Ok ? GroupEstimates(r, fb.Observed, k, groups) : null;
        });
        var used = estimates.Where(e => e is not null && double.IsFinite(e[0])).Select(e => e!).ToArray();
        if (used.Length < 2) throw new MseModelException("the parametric bootstrap produced fewer than two usable replicates.");
        var alpha = (1 - o.Level) / 2;
        var lower = new double[groups.Count];
        var upper = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var sorted = used.Select(e => e[g]).Order().ToArray();
            lower[g] = Intervals.Quantile(sorted, alpha);
            upper[g] = Intervals.Quantile(sorted, 1 - alpha);
        }
        return (lower, upper, used.Length);
    }

    /// <summary>
    /// Nonparametric BCa bootstrap: the observed people are resampled multinomially (total fixed), model selection
    /// and estimation are re-run in every replicate. Per group: bias correction z0 from the share of replicates below
    /// its estimate; acceleration from the delete-one jackknife over the distinct capture patterns (one person removed
    /// from a pattern, weighted by its count) (Efron 1987; as SparseMSE / MultipleSystemsEstimation).
    /// </summary>
    public static (double[] Lower, double[] Upper, int Used) Bca(LogLinearFitter f, CaptureHistories h, double[] estimate,
        IReadOnlyList<int[]> groups, MseOptions o, int threads)
    {
        var weights = h.CountsByCell.Select(c => (double)c).ToArray();
        var estimates = Run(o.Nboot, threads, b =>
        {
            var rng = Xoshiro256.ForReplicate(o.Seed, b);
            return Reselect(f, h, rng.Multinomial(h.Observed, weights), groups, o);
        });
        var cells = Enumerable.Range(0, weights.Length).Where(c => weights[c] > 0).ToArray();
        var jack = Run(cells.Length, threads, i =>
        {
            var counts = (long[])h.CountsByCell.Clone();
            counts[cells[i]]--;
            return Reselect(f, h, counts, groups, o);
        });
        var used = estimates.Where(e => e is not null && double.IsFinite(e[0])).Select(e => e!).ToArray();
        if (used.Length < 2) throw new MseModelException("the bootstrap produced fewer than two usable replicates.");
        var lower = new double[groups.Count];
        var upper = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var sorted = used.Select(e => e[g]).Order().ToArray();
            (lower[g], upper[g]) = BcaInterval(sorted, estimate[g], cells.Select(c => weights[c]).ToArray(),
                jack.Select(j => j is null ? double.NaN : j[g]).ToArray(), o.Level);
        }
        return (lower, upper, used.Length);
    }

    private static (double Lower, double Upper) BcaInterval(double[] sorted, double estimate, double[] weights, double[] jack, double level)
    {
        var below = sorted.Count(v => v < estimate) + 0.5 * sorted.Count(v => v == estimate);
        var share = Math.Clamp(below / sorted.Length, 1.0 / (sorted.Length + 1), sorted.Length / (sorted.Length + 1.0));
        var z0 = Normal.InvCDF(0, 1, share);
        double wsum = 0, mean = 0;
        for (var i = 0; i < jack.Length; i++)
        {
            if (!double.IsFinite(jack[i])) continue;
            wsum += weights[i];
            mean += weights[i] * jack[i];
        }
        mean /= wsum;
        double num = 0, den = 0;
        for (var i = 0; i < jack.Length; i++)
        {
            if (!double.IsFinite(jack[i])) continue;
            var d = mean - jack[i];
            num += weights[i] * d * d * d;
            den += weights[i] * d * d;
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
        var alpha = (1 - level) / 2;
        return (Intervals.Quantile(sorted, Adjusted(alpha)), Intervals.Quantile(sorted, Adjusted(1 - alpha)));
    }

    private static double[]? Reselect(LogLinearFitter f0, CaptureHistories h, long[] counts, IReadOnlyList<int[]> groups, MseOptions o)
    {
        if (!Usable(h, counts)) return null;
        var f = f0.WithCounts(counts.Select(c => (double)c).ToArray());
        try
        {
            var sel = ModelSelection.Select(f, h.WithCounts(counts), o, threads: 1, prune: true);
            return GroupEstimates(sel.Fit, f.Observed, h.K, groups);
        }
        catch (MseModelException)
        {
            return null;
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

    private static double[]?[] Run(int count, int threads, Func<int, double[]?> replicate)
    {
        var result = new double[]?[count];
        if (threads == 1) for (var b = 0; b < count; b++) result[b] = replicate(b);
        else Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, b => result[b] = replicate(b));
        return result;
    }
}
