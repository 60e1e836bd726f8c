namespace Workbench.Statistics;

/// <summary>What the numbers of an interval estimate are.</summary>
public enum EstimateKind
{
    /// <summary>A proportion between 0 and 1 (a prevalence, a survival probability).</summary>
    Proportion,
    /// <summary>A percentage, 0 to 100 (a proportion times 100).</summary>
    Percent,
    /// <summary>A number of persons or cases (a population estimate), or another amount.</summary>
    Count,
}

/// <summary>
/// The shape every interval estimate shares (survey prevalence, simple proportion, survival, multiple systems
/// estimate), so that charts, claims and tables take any of them: the estimate, its confidence bounds, the level and
/// what the numbers are. Scale with <see cref="IntervalEstimates.Percent"/> or <see cref="IntervalEstimates.Scaled"/>,
/// never by hand.
/// </summary>
public interface IIntervalEstimate
{
    /// <summary>The point estimate.</summary>
    double Estimate { get; }
    /// <summary>The lower confidence bound.</summary>
    double Lower { get; }
    /// <summary>The upper confidence bound.</summary>
    double Upper { get; }
    /// <summary>The confidence level, e.g. 0.95.</summary>
    double Level { get; }
    /// <summary>What the numbers are (proportion, percent, count).</summary>
    EstimateKind Kind { get; }
}

/// <summary>An interval estimate as plain numbers, e.g. a scaled view of another one.</summary>
/// <param name="Estimate">The point estimate.</param>
/// <param name="Lower">The lower confidence bound.</param>
/// <param name="Upper">The upper confidence bound.</param>
/// <param name="Level">The confidence level.</param>
/// <param name="Kind">What the numbers are.</param>
public sealed record IntervalEstimate(double Estimate, double Lower, double Upper, double Level, EstimateKind Kind) : IIntervalEstimate;

/// <summary>Views of an <see cref="IIntervalEstimate"/> in other units.</summary>
public static class IntervalEstimates
{
    /// <summary>A proportion in percent: estimate and bounds times 100, kind <see cref="EstimateKind.Percent"/>.</summary>
    /// <exception cref="ArgumentException">The estimate is not a proportion.</exception>
    public static IntervalEstimate Percent(this IIntervalEstimate estimate)
    {
        if (estimate.Kind == EstimateKind.Percent) return new(estimate.Estimate, estimate.Lower, estimate.Upper, estimate.Level, EstimateKind.Percent);
        if (estimate.Kind != EstimateKind.Proportion)
            throw new ArgumentException($"only a proportion can be shown in percent; this estimate is a {estimate.Kind.ToString().ToLowerInvariant()}. Use Scaled for other units.", nameof(estimate));
        return new(estimate.Estimate * 100, estimate.Lower * 100, estimate.Upper * 100, estimate.Level, EstimateKind.Percent);
    }

    /// <summary>Estimate and bounds times <paramref name="factor"/> (e.g. 1.0 / years for a yearly average), same kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The factor is not a positive finite number.</exception>
    public static IntervalEstimate Scaled(this IIntervalEstimate estimate, double factor)
    {
        if (!(factor > 0 && double.IsFinite(factor)))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the scale factor must be a positive finite number, e.g. 100 or 1.0 / years.");
        return new(estimate.Estimate * factor, estimate.Lower * factor, estimate.Upper * factor, estimate.Level, estimate.Kind);
    }
}
