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

    /// <summary>
    /// Cluster columns of the second and later stages (R <c>ids = ~psu + ssu</c>: <see cref="Cluster"/> is the first
    /// stage, these follow in order); default empty: one stage. Each stage's clusters are nested in the previous
    /// stage's, as R forces them to be. Needs <see cref="Cluster"/>. Used by <see cref="SurveyEstimators"/>.
    /// </summary>
    public IReadOnlyList<string> Subclusters
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Subclusters));
            if (value.Any(string.IsNullOrWhiteSpace))
                throw new ArgumentException("a subcluster column name is empty; give one column per later stage, e.g. [\"school\"].", nameof(Subclusters));
            field = value.ToArray();
        }
    } = [];

    /// <summary>
    /// Finite population correction columns, one per stage from the first (R <c>fpc = ~fpc1 + fpc2</c>): either the
    /// population size of the stratum (all values &gt; 1) or the sampling fraction (all values ≤ 1); default empty:
    /// sampling with replacement at the first stage. As R survey, a stage with an fpc adds the variance of the next
    /// stage (weighted by its sampling fraction) only when that next stage has an fpc too, so the full multistage
    /// variance needs an fpc at every stage. Used by <see cref="SurveyEstimators"/>.
    /// </summary>
    public IReadOnlyList<string> Fpc
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Fpc));
            if (value.Any(string.IsNullOrWhiteSpace))
                throw new ArgumentException("an fpc column name is empty; give one column per stage, e.g. [\"fpc1\", \"fpc2\"].", nameof(Fpc));
            field = value.ToArray();
        }
    } = [];

    /// <summary>
    /// Replicate weights (R <c>svrepdesign</c>); default null: Taylor linearisation over strata and clusters. A
    /// replicate design has no strata, clusters or fpc columns: the replicate weights carry the design.
    /// Used by <see cref="SurveyEstimators"/>.
    /// </summary>
    public ReplicateWeights? Replicates { get; init; }

    /// <summary>True when the design uses what only <see cref="SurveyEstimators"/> computes (later stages, fpc,
    /// replicate weights); <see cref="Prevalence"/> handles one-stage designs with replacement.</summary>
    internal bool IsExtended => Subclusters.Count > 0 || Fpc.Count > 0 || Replicates is not null;
}
