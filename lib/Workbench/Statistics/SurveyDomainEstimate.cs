using System.Globalization;

namespace Workbench.Statistics;

/// <summary>What a survey estimate estimates.</summary>
public enum SurveyStatistic
{
    /// <summary>Weighted mean Σwy/Σw (R <c>svymean</c>); of a 0/1 variable, a proportion.</summary>
    Mean,
    /// <summary>Weighted total Σwy (R <c>svytotal</c>); of a 0/1 variable, the number of people.</summary>
    Total,
    /// <summary>Ratio of totals Σwy/Σwx (R <c>svyratio</c>).</summary>
    Ratio,
    /// <summary>Quantile of the weighted distribution with Woodruff's interval (R <c>svyquantile</c>); see <see cref="SurveyEstimators.Quantile"/>.</summary>
    Quantile,
}

/// <summary>
/// A design-based estimate in one domain (R <c>svyby</c> row, or the whole sample): estimate, standard error,
/// interval estimate ± t<sub>df</sub>·SE, degrees of freedom and design effect.
/// </summary>
/// <param name="Domain">Grouping column → value; empty for the whole sample.</param>
/// <param name="Statistic">What is estimated.</param>
/// <param name="N">Respondents in the domain with the variable (and denominator) present.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="StdError">Standard error (linearised or from the replicates); null when undefined (lonely PSU "average" with no stratum to average).</param>
/// <param name="Lower">Lower bound: estimate - t·SE with t = qt(1 - (1 - level)/2, df) (R <c>confint(..., df = degf(design))</c>).</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Level">Confidence level.</param>
/// <param name="Df">Degrees of freedom: for a linearised design the domain's first-stage clusters minus strata (R
/// <c>degf(subset(design, ...))</c>); for a replicate design the rank of the replicate weights minus 1.</param>
/// <param name="DesignEffect">Design effect against simple random sampling with replacement (R <c>deff = "replace"</c>); null when undefined.</param>
/// <param name="SumWeights">Sum of the weights of the <see cref="N"/> respondents.</param>
/// <param name="Note">Explains a convention applied, otherwise null.</param>
public sealed record SurveyDomainEstimate(
    IReadOnlyDictionary<string, string> Domain,
    SurveyStatistic Statistic,
    int N,
    double Estimate,
    double? StdError,
    double Lower,
    double Upper,
    double Level,
    int Df,
    double? DesignEffect,
    double SumWeights,
    string? Note = null) : IIntervalEstimate
{
    /// <summary>For <see cref="SurveyStatistic.Quantile"/>: the probability p of the quantile (e.g. 0.5 for the
    /// median); otherwise null.</summary>
    public double? Probability { get; init; }

    /// <summary>The domain as R <c>svyby</c> names its row: the values joined by "."; "all" for the whole sample.</summary>
    public string Label => Domain.Count == 0 ? "all" : string.Join(".", Domain.Values);

    /// <inheritdoc />
    EstimateKind IIntervalEstimate.Kind => Statistic == SurveyStatistic.Total ? EstimateKind.Count : EstimateKind.Proportion;

    /// <summary>True when a convention replaced an undefined value (see <see cref="Note"/>).</summary>
    public bool IsFlagged => Note is not null;

    /// <summary>The estimate with its interval in units of <see cref="EstimateKind.Count"/> (totals) or as given,
    /// e.g. for <c>Claims.Record</c>: a total is a count, a mean or ratio a proportion.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Label}: {Estimate:G6} (SE {StdError:G4}) [{Lower:G6}, {Upper:G6}]");
}

/// <summary>One side of a contrast: the difference or the ratio of two domain estimates with SE, interval and test.</summary>
/// <param name="Estimate">Difference a - b, or ratio a / b.</param>
/// <param name="StdError">Standard error (linear combination of the domain scores; for the ratio by the delta method, as R <c>svycontrast</c>).</param>
/// <param name="Lower">estimate - t·SE.</param>
/// <param name="Upper">estimate + t·SE.</param>
/// <param name="Level">Confidence level.</param>
/// <param name="Df">Degrees of freedom of the whole design (R <c>degf(design)</c>).</param>
/// <param name="Statistic">t = (estimate - null value)/SE; the null value is 0 for a difference and 1 for a ratio.</param>
/// <param name="P">Two-sided p-value 2·pt(-|t|, df).</param>
/// <param name="Kind">Units of the estimate.</param>
public sealed record ContrastPart(double Estimate, double StdError, double Lower, double Upper, double Level, int Df, double Statistic, double P, EstimateKind Kind) : IIntervalEstimate;

/// <summary>The contrast of two domains (R <c>svyby(..., covmat = TRUE)</c> then <c>svycontrast</c>).</summary>
/// <param name="First">Domain a (label as <see cref="SurveyDomainEstimate.Label"/>).</param>
/// <param name="Second">Domain b.</param>
/// <param name="A">Estimate in domain a.</param>
/// <param name="B">Estimate in domain b.</param>
/// <param name="Difference">a - b.</param>
/// <param name="Ratio">a / b; null when b is 0.</param>
public sealed record SurveyContrast(string First, string Second, SurveyDomainEstimate A, SurveyDomainEstimate B, ContrastPart Difference, ContrastPart? Ratio);
