namespace Workbench.Estimation;

/// <summary>
/// Multiple systems estimation of a hidden population from the overlap of several lists: hierarchical Poisson
/// log-linear models on the observable capture patterns; the unobserved count is exp(intercept) and
/// N-hat = observed + dark figure.
/// <code>MseResult r = MultipleSystems.Estimate(histories, new MseOptions { Method = Selection.Bic });</code>
/// </summary>
/// <remarks>
/// Conventions of Chan, Silverman &amp; Vincent (2021, JASA) and the R packages SparseMSE / MultipleSystemsEstimation:
/// terms with no observations are fixed at minus infinity, models whose MLE does not exist (Fienberg &amp; Rinaldo)
/// or whose design is rank deficient are skipped, stepwise selection with pthresh 0.02, BIC with log(observed).
/// Covariates (the Dutch design; van der Heijden, Cruyff et al.) enter as one factor (crossed when several) that is
/// always in the model; its interactions with the lists are chosen by forward selection after the list model
/// (same criterion for BIC/AIC, likelihood-ratio test at pthresh for stepwise), giving a dark figure per level.
/// </remarks>
public static class MultipleSystems
{
    /// <summary>Estimates the population size from <paramref name="histories"/>.</summary>
    /// <param name="histories">Capture histories (at least two lists).</param>
    /// <param name="options">Selection, interval and bootstrap options; default <c>new MseOptions()</c> (minimum BIC, Wald 95%).</param>
    /// <exception cref="MseModelException">The requested model cannot be fitted, or no candidate can.</exception>
    public static MseResult Estimate(CaptureHistories histories, MseOptions? options = null)
    {
        var o = options ?? new MseOptions();
        var h = histories;
        var threads = o.MaxDegreeOfParallelism is -1 or 0 ? Environment.ProcessorCount : Math.Max(1, o.MaxDegreeOfParallelism);
        var f = new LogLinearFitter(h);
        var sel = ModelSelection.Select(f, h, o, threads);
        var fit = f.Fit(sel.Fit.Model, covariance: true);
        if (fit.Status != FitStatus.Ok) throw new MseModelException($"model {sel.Fit.Model.Notation(h.K)} cannot be fitted: {ModelSelection.Explain(fit.Status)}");
        var allLevels = Enumerable.Range(0, h.Levels.Count).ToArray();
        var observed = (double)h.Observed;
        var estimate = observed + fit.DarkFigure;
        double lower, upper;
        var used = 0;
        switch (o.Ci)
        {
            case IntervalMethod.Wald:
                (_, lower, upper) = Intervals.Wald(fit, h.K, allLevels, observed, o.Level);
                break;
            case IntervalMethod.Profile:
                (lower, upper) = Intervals.Profile(f, fit, observed, o.Level);
                break;
            case IntervalMethod.Parametric:
                (lower, upper, used) = Bootstrap.Parametric(h, fit, o, threads);
                break;
            default:
                (lower, upper, used) = Bootstrap.Bca(h, estimate, o, threads);
                break;
        }
        return new MseResult(
            Observed: h.Observed,
            Estimate: estimate,
            DarkFigure: fit.DarkFigure,
            Lower: lower,
            Upper: upper,
            Model: fit.Model.Named(h.Lists, h.Covariates),
            ModelNotation: fit.Model.Notation(h.K),
            Deviance: fit.Deviance,
            Df: fit.Df,
            Aic: fit.Criterion(false, 0),
            Bic: fit.Criterion(true, Math.Log(observed)),
            Method: o.MethodName,
            Ci: o.CiName,
            Level: o.Level,
            Lists: h.Lists,
            Cells: Cells(h, fit),
            Levels: LevelTable(h, fit, o.Level),
            FixedAtMinusInfinity: fit.FixedTerms.Select(t => (IReadOnlyList<string>)ModelSpec.Members(t).Select(i => h.Lists[i]).ToArray()).ToList(),
            ModelsConsidered: sel.Considered,
            Skipped: sel.Skipped,
            BootstrapReplicates: used);
    }

    /// <summary>Separate estimates per stratum (e.g. per year), each with its own model selection.</summary>
    /// <param name="strata">Stratum label and capture histories.</param>
    /// <param name="options">As for <see cref="Estimate"/>.</param>
    public static IReadOnlyList<KeyValuePair<string, MseResult>> EstimateByStratum(
        IEnumerable<KeyValuePair<string, CaptureHistories>> strata, MseOptions? options = null) =>
        strata.Select(s => new KeyValuePair<string, MseResult>(s.Key, Estimate(s.Value, options))).ToList();

    private static List<CellFit> Cells(CaptureHistories h, FitOutcome fit)
    {
        var k = h.K;
        var cells = new List<CellFit>();
        for (var l = 0; l < h.Levels.Count; l++)
            for (var p = 1; p <= 1 << k; p++)
            {
                var pattern = p == 1 << k ? 0 : p; // the unobserved cell last
                var c = (l << k) + pattern;
                cells.Add(new CellFit(CaptureHistories.FormatPattern(pattern, k), h.Covariates.Count == 0 ? null : h.Levels[l],
                    pattern == 0 ? null : h.CountsByCell[c], fit.Mu[c], pattern == 0 || fit.Kept[c]));
            }
        return cells;
    }

    private static List<LevelEstimate> LevelTable(CaptureHistories h, FitOutcome fit, double level)
    {
        var result = new List<LevelEstimate>();
        if (h.Covariates.Count == 0) return result;
        var k = h.K;
        long ObservedAt(IEnumerable<int> levels) => levels.Sum(l => Enumerable.Range(1, (1 << k) - 1).Sum(p => h.CountsByCell[(l << k) + p]));
        void Add(string covariate, string name, int[] levels)
        {
            var obs = ObservedAt(levels);
            var (dark, lo, hi) = Intervals.Wald(fit, k, levels, obs, level);
            result.Add(new LevelEstimate(covariate, name, obs, obs + dark, dark, lo, hi));
        }
        var crossed = string.Join("|", h.Covariates);
        for (var l = 0; l < h.Levels.Count; l++) Add(crossed, h.Levels[l], [l]);
        if (h.Covariates.Count > 1)
        {
            for (var c = 0; c < h.Covariates.Count; c++)
            {
                var parts = h.Levels.Select(s => s.Split('|')[c]).ToArray();
                foreach (var v in parts.Distinct().Order(LevelComparer.Instance))
                    Add(h.Covariates[c], v, Enumerable.Range(0, parts.Length).Where(i => parts[i] == v).ToArray());
            }
        }
        return result;
    }
}
