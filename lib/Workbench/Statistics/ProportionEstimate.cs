namespace Workbench.Statistics;

/// <summary>Confidence interval method for a simple proportion of <c>x</c> successes in <c>n</c> independent trials.</summary>
public enum ProportionMethod
{
    /// <summary>Wald (normal approximation): p ± z·sqrt(p(1-p)/n). Zero width at 0/n and n/n.</summary>
    Wald,
    /// <summary>Wilson score interval without continuity correction (R <c>prop.test(correct = FALSE)</c>).</summary>
    Wilson,
    /// <summary>Wilson score interval with continuity correction (Newcombe 1998, method 4; R <c>prop.test(correct = TRUE)</c>).</summary>
    WilsonCorrected,
    /// <summary>Agresti-Coull: Wald interval around (x + z²/2)/(n + z²), clipped to [0, 1].</summary>
    AgrestiCoull,
    /// <summary>Clopper-Pearson "exact" interval from beta quantiles (R <c>binom.test</c>).</summary>
    ClopperPearson,
    /// <summary>Jeffreys interval: equal-tailed Beta(x + 1/2, n - x + 1/2) quantiles, with 0 (1) as the lower (upper) bound at 0/n (n/n).</summary>
    Jeffreys,
    /// <summary>Logit (Wald on the log-odds scale); at 0/n and n/n, where it is undefined, the Clopper-Pearson bounds are used.</summary>
    Logit,
}

/// <summary>A proportion of successes among trials with a confidence interval.</summary>
/// <param name="Successes">Number of successes x.</param>
/// <param name="Trials">Number of trials n.</param>
/// <param name="Estimate">x / n.</param>
/// <param name="Lower">Lower confidence bound, in [0, 1].</param>
/// <param name="Upper">Upper confidence bound, in [0, 1].</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="Method">The interval method.</param>
/// <param name="Note">Explains a convention applied at an edge case (0/n, n/n), otherwise null.</param>
public sealed record ProportionEstimate(
    int Successes,
    int Trials,
    double Estimate,
    double Lower,
    double Upper,
    double Level,
    ProportionMethod Method,
    string? Note = null) : IIntervalEstimate
{
    /// <inheritdoc />
    EstimateKind IIntervalEstimate.Kind => EstimateKind.Proportion;
}

/// <summary>
/// A count from a registry (a complete enumeration, not a sample): there is no sampling error, so it carries no
/// confidence interval. Use it instead of <see cref="ProportionEstimate"/> when the figure is not estimated.
/// </summary>
/// <param name="Count">Number of registered cases with the characteristic.</param>
/// <param name="Total">Number of registered cases.</param>
/// <param name="Proportion">Count / Total (0 when Total is 0 is not allowed: Total must be positive).</param>
public sealed record RegisteredCount(int Count, int Total, double Proportion)
{
    /// <summary>Label to print next to the figure: it is a registry count, without a sampling interval.</summary>
    public string Label => "registry count (complete enumeration; no sampling interval)";
}
