namespace Workbench.Statistics;

/// <summary>What to do with a stratum that has a single cluster (PSU) in the full design (R <c>options(survey.lonely.psu)</c>).</summary>
public enum LonelyPsu
{
    /// <summary>Stop with an error naming the stratum (R's default "fail").</summary>
    Fail,
    /// <summary>The stratum contributes no variance, as if sampled with certainty (R "certainty").</summary>
    Certainty,
    /// <summary>The cluster total is centred at zero (the grand mean of the scores) instead of the stratum mean (R "adjust").</summary>
    Adjust,
    /// <summary>The stratum is given the average variance of the other strata (R "average").</summary>
    Average,
}

/// <summary>Confidence interval method for a survey proportion, as R <c>survey::svyciprop(method = ...)</c>.</summary>
public enum CiMethod
{
    /// <summary>"logit": Wald interval of an intercept-only quasi-binomial survey GLM, back-transformed (R's default).</summary>
    Logit,
    /// <summary>"likelihood": profile of the Rao-Scott scaled binomial likelihood of that GLM.</summary>
    Likelihood,
    /// <summary>"asin": Wald interval on the arcsine-square-root scale.</summary>
    Asin,
    /// <summary>"beta": Korn and Graubard (1998) interval, beta quantiles at the effective sample size.</summary>
    Beta,
    /// <summary>"mean": Wald interval p ± t·SE on the proportion scale.</summary>
    Mean,
    /// <summary>"xlogit": Wald interval on the logit scale by the delta method.</summary>
    XLogit,
}

/// <summary>
/// A survey design over the columns of a data set: weights, optional strata and optional clusters (primary sampling
/// units), analysed as R <c>svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight)</c> (clusters drawn with
/// replacement, no finite population correction).
/// </summary>
/// <param name="Weight">Column of sampling weights (default null: every weight 1).</param>
/// <param name="Strata">Column of strata (default null: one stratum).</param>
/// <param name="Cluster">Column of clusters/PSUs (default null: every respondent is its own cluster).</param>
/// <param name="LonelyPsu">Handling of a stratum with one cluster (default <see cref="Statistics.LonelyPsu.Fail"/>).</param>
/// <param name="Nest">When true, cluster labels are only unique within a stratum (R <c>nest = TRUE</c>); when false
/// (the default) a cluster label that appears in two strata is an error.</param>
public sealed record SurveyDesign(
    string? Weight = null,
    string? Strata = null,
    string? Cluster = null,
    LonelyPsu LonelyPsu = LonelyPsu.Fail,
    bool Nest = false)
{
    /// <summary>A simple random sample: no weights, strata or clusters.</summary>
    public static SurveyDesign SimpleRandomSample { get; } = new();
}
