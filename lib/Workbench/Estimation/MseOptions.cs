namespace Workbench.Estimation;

/// <summary>How the log-linear model is chosen (names follow R MultipleSystemsEstimation / SparseMSE).</summary>
public enum Selection
{
    /// <summary>The model given in <see cref="MseOptions.Model"/> (notation <c>[12,13,3]</c> or <c>police:kmar</c>).</summary>
    Fixed,
    /// <summary>Main effects only (independence of the lists).</summary>
    MainEffects,
    /// <summary>Forward stepwise over two-list interactions with threshold <see cref="MseOptions.Pthresh"/> (Chan, Silverman &amp; Vincent 2021).</summary>
    Stepwise,
    /// <summary>Minimum BIC (log of the observed number of people) over all hierarchical models up to <see cref="MseOptions.MaxOrder"/>.</summary>
    Bic,
    /// <summary>Minimum AIC over all hierarchical models up to <see cref="MseOptions.MaxOrder"/>.</summary>
    Aic,
    /// <summary>
    /// The Dutch design's model search (MaartenCruyff/mse <c>model_search</c>, the BIC stage): each covariate its own
    /// factor (or, for <see cref="MseOptions.Year"/>, an orthogonal polynomial of <see cref="MseOptions.DegreeYear"/>);
    /// from all main effects, R <c>step</c> on BIC over the two-way terms (list pairs, list-by-covariate and
    /// covariate-by-covariate), adding or dropping one term per step while BIC falls. The path is reported in
    /// <see cref="MseResult.Path"/>.
    /// </summary>
    Search,
}

/// <summary>How the interval for the estimate is computed.</summary>
public enum IntervalMethod
{
    /// <summary>Wald interval on the log of the dark figure, conditional on the selected model.</summary>
    Wald,
    /// <summary>Profile likelihood interval for the dark figure, conditional on the selected model (no covariates).</summary>
    Profile,
    /// <summary>Parametric bootstrap (multinomial over all cells from the fitted model, model refitted), percentile interval.</summary>
    Parametric,
    /// <summary>Nonparametric bootstrap with model selection re-run in every replicate; BCa interval (jackknife acceleration over capture patterns).</summary>
    Bca,
}

/// <summary>Options for <see cref="MultipleSystems.Estimate(CaptureHistories, MseOptions?)"/>; change with <c>with</c>.</summary>
public sealed record MseOptions
{
    /// <summary>Model selection method; default <see cref="Selection.Bic"/>.</summary>
    public Selection Method { get; init; } = Selection.Bic;

    /// <summary>The model for <see cref="Selection.Fixed"/>, e.g. <c>[12,13,3]</c> or <c>police:kmar,ngo</c>; default null.
    /// Main effects of all lists are always included; the hierarchical closure of the terms is taken.</summary>
    public string? Model { get; init; }

    /// <summary>P-value threshold for stepwise selection; default 0.02 (as SparseMSE).</summary>
    public double Pthresh
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Pthresh), value, "pthresh must lie strictly between 0 and 1, e.g. 0.02.");
    } = 0.02;

    /// <summary>Highest interaction order for BIC/AIC search; default null = by number of lists (2→1, 3→2, 4→3, 5→3, 6→2).</summary>
    public int? MaxOrder
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxOrder), value, "maxorder must be at least 1.");
    }

    /// <summary>The covariate holding the year (<c>year</c> in MaartenCruyff/mse); default null. Used with <see cref="DegreeYear"/>.</summary>
    public string? Year { get; init; }

    /// <summary>With <see cref="Selection.Search"/>: enter <see cref="Year"/> as orthogonal polynomials of this degree in
    /// the year's position (1 = linear trend) instead of one indicator per year; default null = indicators
    /// (<c>degree_year</c> in MaartenCruyff/mse).</summary>
    public int? DegreeYear
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(DegreeYear), value, "degree_year must be at least 1 (1 = a linear trend over the years).");
    }

    /// <summary>Interval method; default <see cref="IntervalMethod.Wald"/>.</summary>
    public IntervalMethod Ci { get; init; } = IntervalMethod.Wald;

    /// <summary>Number of bootstrap replicates; default 1000.</summary>
    public int Nboot
    {
        get;
        init => field = value >= 10 ? value : throw new ArgumentOutOfRangeException(nameof(Nboot), value, "nboot must be at least 10 (1000 or more for a published interval).");
    } = 1000;

    /// <summary>Master seed of the bootstrap; each replicate derives its own seed from it; default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Confidence level; default 0.95.</summary>
    public double Level
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Level), value, "level must lie strictly between 0 and 1, e.g. 0.95.");
    } = 0.95;

    /// <summary>Threads used for model search and bootstrap; default -1 = all cores. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The default maximum interaction order for <paramref name="lists"/> lists (as MultipleSystemsEstimation).</summary>
    public static int DefaultMaxOrder(int lists) => lists switch
    {
        <= 2 => 1,
        3 => 2,
        4 => 3,
        5 => 3,
        _ => 2,
    };

    internal string MethodName => Method switch
    {
        Selection.Fixed => "fixed",
        Selection.MainEffects => "main",
        Selection.Stepwise => "stepwise",
        Selection.Bic => "bic",
        Selection.Search => "search",
        _ => "aic",
    };

    internal string CiName => Ci.ToString().ToLowerInvariant();
}
