namespace Workbench.Statistics;

/// <summary>
/// A design-based estimate of the prevalence of a 0/1 outcome in one domain (subgroup), as R survey 4.1-1 computes
/// it with <c>svymean</c>/<c>svyciprop</c> on the full design.
/// </summary>
/// <param name="Domain">The domain: "all" for the whole sample, otherwise the level of the <c>by</c> column.</param>
/// <param name="N">Unweighted number of respondents in the domain with a non-missing outcome.</param>
/// <param name="Events">Unweighted number of those with outcome 1.</param>
/// <param name="Excluded">Respondents in the domain whose outcome is missing (excluded from the estimate).</param>
/// <param name="SumWeights">Sum of the weights of the <see cref="N"/> respondents (estimated population size).</param>
/// <param name="Estimate">Weighted proportion with outcome 1.</param>
/// <param name="StdError">Linearised (Taylor) standard error, clusters with replacement, as R survey's default; null
/// when the variance cannot be estimated (<see cref="LonelyPsu.Average"/> and every stratum of the domain has a single
/// cluster, where R gives NaN).</param>
/// <param name="Lower">Lower confidence bound (never NaN; see <see cref="Note"/> at edge cases).</param>
/// <param name="Upper">Upper confidence bound (never NaN; see <see cref="Note"/> at edge cases).</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="Df">Degrees of freedom: clusters minus strata that contain domain members (R <c>degf</c> of the domain).</param>
/// <param name="DesignEffect">Design effect (R <c>deff = "replace"</c>); null when undefined (estimate 0 or 1, or N &lt; 2).</param>
/// <param name="KishN">Kish effective sample size (Σw)² / Σw².</param>
/// <param name="Method">Interval method, as named on the command line (e.g. "logit", "beta", "wilson").</param>
/// <param name="Note">Explains a convention applied (estimate 0 or 1, df ≤ 0, empty domain, truncated bound), otherwise null.</param>
/// <param name="MissingDomain">On the overall row "all" of an analysis by domain: respondents with no value of the
/// domain column (empty or <c>NA</c>). They are in the design and in "all" but in no domain, as R <c>svyby</c> drops
/// them. 0 on domain rows and when there is no domain column.</param>
public sealed record SurveyEstimate(
    string Domain,
    int N,
    int Events,
    int Excluded,
    double SumWeights,
    double Estimate,
    double? StdError,
    double Lower,
    double Upper,
    double Level,
    int Df,
    double? DesignEffect,
    double KishN,
    string Method,
    string? Note = null,
    int MissingDomain = 0) : IIntervalEstimate
{
    /// <inheritdoc />
    EstimateKind IIntervalEstimate.Kind => EstimateKind.Proportion;

    /// <summary>True when a convention replaced an undefined value (see <see cref="Note"/>).</summary>
    public bool IsFlagged => Note is not null;
}
