using Workbench.Randomness;

namespace Workbench.Synthetic;

/// <summary>
/// Deterministic calibration after drawing: outcomes of randomly ordered members are changed one at a time until an
/// estimate lands within a tolerance of its target (the centre of the published figure's rounding band). Only as
/// many members change as needed, so the drawn structure (strata, clusters, covariates) is kept.
/// </summary>
internal static class Calibration
{
    /// <summary>
    /// Flips <paramref name="y"/> of <paramref name="members"/> until sum(w*y)/sum(w) over the members is within
    /// <paramref name="tolerance"/> of <paramref name="target"/>. Returns the number of flips.
    /// </summary>
    public static int WeightedProportion(bool[] y, double[] w, IReadOnlyList<int> members, double target,
        double tolerance, Xoshiro256 rng, string what)
    {
        double total = 0, hits = 0;
        foreach (var i in members)
        {
            total += w[i];
            if (y[i]) hits += w[i];
        }
        var order = members.ToArray();
        rng.Shuffle(order);
        var flips = 0;
        foreach (var i in order)
        {
            var p = hits / total;
            if (Math.Abs(p - target) <= tolerance) return flips;
            if (p < target && !y[i] && Math.Abs((hits + w[i]) / total - target) < Math.Abs(p - target))
            {
                y[i] = true;
                hits += w[i];
                flips++;
            }
            else if (p > target && y[i] && Math.Abs((hits - w[i]) / total - target) < Math.Abs(p - target))
            {
                y[i] = false;
                hits -= w[i];
                flips++;
            }
        }
        if (Math.Abs(hits / total - target) <= tolerance) return flips;
        throw new InvalidOperationException(
            $"calibration of {what} failed: reached {hits / total:F4}, target {target:F4} +- {tolerance:F4}.");
    }

    /// <summary>Unweighted version of <see cref="WeightedProportion"/>.</summary>
    public static int Proportion(bool[] y, IReadOnlyList<int> members, double target, double tolerance,
        Xoshiro256 rng, string what)
    {
        var ones = new double[y.Length];
        Array.Fill(ones, 1.0);
        return WeightedProportion(y, ones, members, target, tolerance, rng, what);
    }

    /// <summary>All indices 0..n-1 for which <paramref name="predicate"/> holds.</summary>
    public static int[] Where(int n, Func<int, bool> predicate)
    {
        var result = new List<int>();
        for (var i = 0; i < n; i++)
            if (predicate(i)) result.Add(i);
        return result.ToArray();
    }
}
