using Workbench.Statistics;

namespace Workbench.Estimation;

/// <summary>Observed against fitted count for one cell of the contingency table.</summary>
/// <param name="Pattern">Capture pattern, one 0/1 character per list in list order (e.g. "1010"); "0000" is the unobserved cell.</param>
/// <param name="Level">Covariate level of the cell, or null without covariates.</param>
/// <param name="Observed">Observed count (null for the unobserved cell).</param>
/// <param name="Fitted">Fitted count (for the unobserved cell: the estimated dark figure).</param>
/// <param name="Kept">False when a term fixed at minus infinity removed the cell from the fit (fitted 0).</param>
public sealed record CellFit(string Pattern, string? Level, long? Observed, double Fitted, bool Kept);

/// <summary>Estimate for one covariate level (or a margin over one covariate), adding up to the total.</summary>
/// <param name="Covariate">The covariate (for crossed covariates their names joined by '|').</param>
/// <param name="Level">The level.</param>
/// <param name="Observed">People observed at this level.</param>
/// <param name="Estimate">Estimated population at this level: the fitted counts of its cells summed, the unobserved ones
/// included (with indicator-coded covariates, the observed count plus the dark figure).</param>
/// <param name="DarkFigure">Estimated people registered by no list at this level.</param>
/// <param name="Lower">Lower interval bound, by the result's interval method (Wald: on the log of the dark figure, conditional on the model).</param>
/// <param name="Upper">Upper interval bound.</param>
public sealed record LevelEstimate(string Covariate, string Level, long Observed, double Estimate, double DarkFigure, double Lower, double Upper);

/// <summary>A candidate model that was not fitted, and why.</summary>
/// <param name="Model">The model in bracket notation.</param>
/// <param name="Reason">"mle-does-not-exist" (Fienberg-Rinaldo), "rank-deficient" or "no-convergence".</param>
public sealed record SkippedModel(string Model, string Reason);

/// <summary>Result of multiple systems estimation: the population estimate with its interval and the model behind it.</summary>
/// <param name="Observed">People observed on at least one list.</param>
/// <param name="Estimate">Estimated population N-hat = observed + dark figure.</param>
/// <param name="DarkFigure">Estimated people on no list.</param>
/// <param name="Lower">Lower bound of the interval for N-hat.</param>
/// <param name="Upper">Upper bound of the interval for N-hat.</param>
/// <param name="Model">Generating terms of the selected model, each an array of list names (covariate interactions include the covariate name).</param>
/// <param name="ModelNotation">The model in bracket notation, e.g. <c>[123,14,34]</c>.</param>
/// <param name="Deviance">Residual deviance over the cells kept in the fit.</param>
/// <param name="Df">Residual degrees of freedom (kept cells minus estimated parameters).</param>
/// <param name="Aic">AIC = 2 npars - 2 log-likelihood (Poisson, kept cells; as R glm).</param>
/// <param name="Bic">BIC = npars log(observed) - 2 log-likelihood.</param>
/// <param name="Method">Selection method: fixed, main, stepwise, bic, aic or search.</param>
/// <param name="Ci">Interval method: wald, profile, parametric or bca.</param>
/// <param name="Level">Confidence level.</param>
/// <param name="Lists">List names in order (digit 1 in the notation is the first).</param>
/// <param name="Cells">Observed against fitted counts per cell, the unobserved cells included.</param>
/// <param name="Levels">Estimates per covariate level and per level of each covariate (empty without covariates).</param>
/// <param name="FixedAtMinusInfinity">Terms whose sufficient statistic is 0, fixed at minus infinity (SparseMSE convention).</param>
/// <param name="ModelsConsidered">Number of candidate models fitted or checked during selection.</param>
/// <param name="Skipped">Candidate models rejected because the MLE does not exist or the design is rank deficient.</param>
/// <param name="BootstrapReplicates">Bootstrap replicates that gave an estimate (0 for Wald and profile).</param>
public sealed record MseResult(
    long Observed,
    double Estimate,
    double DarkFigure,
    double Lower,
    double Upper,
    IReadOnlyList<IReadOnlyList<string>> Model,
    string ModelNotation,
    double Deviance,
    int Df,
    double Aic,
    double Bic,
    string Method,
    string Ci,
    double Level,
    IReadOnlyList<string> Lists,
    IReadOnlyList<CellFit> Cells,
    IReadOnlyList<LevelEstimate> Levels,
    IReadOnlyList<IReadOnlyList<string>> FixedAtMinusInfinity,
    int ModelsConsidered,
    IReadOnlyList<SkippedModel> Skipped,
    int BootstrapReplicates) : IIntervalEstimate
{
    /// <inheritdoc />
    EstimateKind IIntervalEstimate.Kind => EstimateKind.Count;

    /// <summary>With <see cref="Selection.Search"/>: the models of the stepwise path, the first being all main effects (empty otherwise).</summary>
    public IReadOnlyList<SearchStep> Path { get; init; } = [];
}

/// <summary>One step of the model search path (as the table MaartenCruyff/mse <c>model_search</c> prints).</summary>
/// <param name="Step">The term added ("+ police:year") or dropped ("- police:kmar"); empty for the starting model.</param>
/// <param name="Model">The model after the step, in bracket notation.</param>
/// <param name="Df">Residual degrees of freedom.</param>
/// <param name="Deviance">Residual deviance.</param>
/// <param name="Aic">AIC (every parameter of the model counted).</param>
/// <param name="Bic">BIC with log(observed).</param>
/// <param name="Estimate">N-hat of the model.</param>
public sealed record SearchStep(string Step, string Model, int Df, double Deviance, double Aic, double Bic, double Estimate);

/// <summary>Thrown when the requested model cannot be fitted (MLE does not exist, rank deficient, bad notation).</summary>
public sealed class MseModelException(string message) : ArgumentException(message);
