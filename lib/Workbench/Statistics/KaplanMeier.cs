namespace Workbench.Statistics;

/// <summary>The Kaplan-Meier survival probability at one time, with its Greenwood interval.</summary>
/// <param name="Time">The time the probability refers to.</param>
/// <param name="Survival">Estimated probability that the event has not happened by <paramref name="Time"/>.</param>
/// <param name="StdError">Greenwood standard error of <paramref name="Survival"/>.</param>
/// <param name="Lower">Lower bound (R survfit's default conf.type = "log", truncated to [0, 1]).</param>
/// <param name="Upper">Upper bound (conf.type = "log", truncated to 1).</param>
/// <param name="Level">Confidence level.</param>
/// <param name="AtRisk">Number still at risk just after <paramref name="Time"/>.</param>
/// <param name="Events">Number of events up to and including <paramref name="Time"/>.</param>
/// <param name="N">Number of subjects.</param>
public sealed record SurvivalEstimate(double Time, double Survival, double StdError, double Lower, double Upper, double Level,
    int AtRisk, int Events, int N) : IIntervalEstimate
{
    /// <inheritdoc />
    double IIntervalEstimate.Estimate => Survival;

    /// <inheritdoc />
    EstimateKind IIntervalEstimate.Kind => EstimateKind.Proportion;
}

/// <summary>
/// The Kaplan-Meier estimator for right-censored times, e.g. months from a family supervision order until the first
/// youth support, censored at the end of follow-up.
/// </summary>
/// <remarks>Kaplan &amp; Meier (1958); variance by Greenwood's formula; the interval is R survival::survfit's default
/// (conf.type = "log": S * exp(±z * se(log S))). Checked against R survival 3.5-3 (tests/Workbench.Tests/Fixtures/Statistics/kaplan-meier.R).</remarks>
public static class KaplanMeier
{
    /// <summary>The survival probability at <paramref name="at"/>.</summary>
    /// <param name="time">Time to the event or to censoring, per subject (finite, non-negative).</param>
    /// <param name="eventObserved">True when the event happened at that time; false when censored.</param>
    /// <param name="at">The time of interest.</param>
    /// <param name="level">Confidence level (default 0.95).</param>
    public static SurvivalEstimate At(IReadOnlyList<double> time, IReadOnlyList<bool> eventObserved, double at, double level = 0.95)
    {
        if (time.Count != eventObserved.Count)
            throw new ArgumentException($"time has {time.Count} values but eventObserved has {eventObserved.Count}; give one of each per subject.");
        if (time.Count == 0) throw new ArgumentException("no subjects: the Kaplan-Meier estimate needs at least one time.");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), $"level must be between 0 and 1 (got {level}).");
        for (var i = 0; i < time.Count; i++)
            if (!double.IsFinite(time[i]) || time[i] < 0)
                throw new ArgumentException($"time[{i}] = {time[i]} is not a finite, non-negative time.");
        var order = Enumerable.Range(0, time.Count).OrderBy(i => time[i]).ToArray();
        double s = 1, greenwood = 0;
        int atRisk = time.Count, events = 0, k = 0;
        while (k < order.Length && time[order[k]] <= at)
        {
            var t = time[order[k]];
            int d = 0, leaving = 0;
            while (k < order.Length && time[order[k]] == t)
            {
                if (eventObserved[order[k]]) d++;
                leaving++;
                k++;
            }
            if (d > 0)
            {
                s *= 1 - (double)d / atRisk;
                greenwood += atRisk == d ? 0 : (double)d / ((double)atRisk * (atRisk - d));
                events += d;
            }
            atRisk -= leaving;
        }
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - (1 - level) / 2);
        var seLog = Math.Sqrt(greenwood);
        var se = s * seLog;
        double lower, upper;
        if (s <= 0) { lower = 0; upper = 0; }
        else
        {
            lower = Math.Max(0, s * Math.Exp(-z * seLog));
            upper = Math.Min(1, s * Math.Exp(z * seLog));
        }
        return new SurvivalEstimate(at, s, se, lower, upper, level, atRisk, events, time.Count);
    }
}
