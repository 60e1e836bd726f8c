using Workbench.Randomness;

namespace Workbench.Estimation;

/// <summary>
/// Seeded synthetic capture histories drawn from a known log-linear model (for tests, benchmarks and coverage
/// studies; never real data). The population of <c>n</c> people is spread multinomially over all 2^k cells with
/// probabilities proportional to exp(log-linear predictor); the all-zero cell is then hidden.
/// </summary>
internal static class SyntheticCaptures
{
    /// <param name="lists">List names.</param>
    /// <param name="n">True population size.</param>
    /// <param name="main">Main effect per list (log odds-like; e.g. -1.2 gives about 23% capture).</param>
    /// <param name="interactions">Interaction terms as (bit mask, effect).</param>
    /// <param name="seed">Seed.</param>
    /// <param name="stream">Stream (repetition) number.</param>
    public static CaptureHistories Draw(IReadOnlyList<string> lists, long n, double[] main, IReadOnlyList<(int Mask, double Effect)> interactions, long seed, long stream = 0)
    {
        var k = lists.Count;
        var weights = new double[1 << k];
        for (var p = 0; p < weights.Length; p++)
        {
            double eta = 0;
            for (var i = 0; i < k; i++) if ((p & (1 << i)) != 0) eta += main[i];
            foreach (var (mask, effect) in interactions) if ((p & mask) == mask) eta += effect;
            weights[p] = Math.Exp(eta);
        }
        var counts = Xoshiro256.ForReplicate(seed, stream).Multinomial(n, weights);
        counts[0] = 0;
        return CaptureHistories.Create(lists, [], [""], counts);
    }
}
