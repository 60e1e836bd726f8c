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
/// or whose design is rank deficient are skipped, stepwise selection with pthresh 0.02, BIC with log(observed) and
/// every term of the hierarchical model counted (those fixed at minus infinity included, as MultipleSystemsEstimation's
/// <c>fit_hier_model</c>). Covariates (the Dutch design; van der Heijden, Cruyff et al.) enter as one factor (crossed
/// when several) that is always in the model; its interactions with the lists are chosen by forward selection after
/// the list model (same criterion for BIC/AIC, likelihood-ratio test at pthresh for stepwise). With
/// <see cref="Selection.Search"/> each covariate is its own factor (year optionally an orthogonal polynomial) and the
/// model follows R <c>step</c> on BIC over all two-way terms, as MaartenCruyff/mse <c>model_search</c>. Every
/// covariate level gets an estimate and an interval by the chosen method (Wald, parametric or BCa bootstrap).
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
        var f = new LogLinearFitter(h, Factors(h, o));
        var sel = ModelSelection.Select(f, h, o, threads);
        var fit = f.Fit(sel.Fit.Model, covariance: true);
        var names = ModelSelection.FactorNames(f, h);
        if (fit.Status != FitStatus.Ok) throw new MseModelException($"model {sel.Fit.Model.Notation(h.K, names)} cannot be fitted: {ModelSelection.Explain(fit.Status)}");
        var observed = (double)h.Observed;
        var estimate = observed + fit.DarkFigure;
        var groups = Groups(h);
        var levelSets = groups.Select(g => g.Levels).ToArray();
        var k = h.K;
        var observedIn = levelSets.Select(set => set.Sum(l => Enumerable.Range(1, (1 << k) - 1).Sum(p => h.CountsByCell[(l << k) + p]))).ToArray();
        var darkIn = levelSets.Select(set => set.Sum(l => fit.Mu[l << k])).ToArray();
        // The observed part of a group's estimate: its count when the model reproduces it (a margin in the model, e.g.
        // indicator-coded covariates), otherwise the fitted counts of its observable cells (e.g. year as a polynomial).
        var observedPart = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            var fitted = levelSets[g].Sum(l => Enumerable.Range(1, (1 << k) - 1).Sum(p => fit.Mu[(l << k) + p]));
            observedPart[g] = g == 0 || Math.Abs(fitted - observedIn[g]) <= 1e-9 * Math.Max(1, observedIn[g]) ? observedIn[g] : fitted;
        }
        var estimates = observedPart.Select((x, g) => x + darkIn[g]).ToArray();
        var lower = new double[groups.Count];
        var upper = new double[groups.Count];
        var used = 0;
        switch (o.Ci)
        {
            case IntervalMethod.Wald:
                // The dark figure varies with the parameters; the observed part is held at its value.
                for (var g = 0; g < groups.Count; g++)
                    (_, lower[g], upper[g]) = Intervals.Wald(fit, k, levelSets[g], observedPart[g], o.Level);
                break;
            case IntervalMethod.Profile:
                (lower[0], upper[0]) = Intervals.Profile(f, fit, observed, o.Level);
                break;
            case IntervalMethod.Parametric:
                (lower, upper, used) = Bootstrap.Parametric(f, h, fit, levelSets, o, threads);
                break;
            default:
                (lower, upper, used) = Bootstrap.Bca(f, h, estimates, levelSets, o, threads);
                break;
        }
        var levels = new List<LevelEstimate>();
        for (var g = 1; g < groups.Count; g++)
        {
            var (covariate, level, _) = groups[g];
            levels.Add(new LevelEstimate(covariate, level, observedIn[g], estimates[g], darkIn[g], lower[g], upper[g]));
        }
        return new MseResult(
            Observed: h.Observed,
            Estimate: estimate,
            DarkFigure: fit.DarkFigure,
            Lower: lower[0],
            Upper: upper[0],
            Model: fit.Model.NamedByFactor(h.Lists, names),
            ModelNotation: fit.Model.Notation(h.K, names.Count == 0 ? null : names),
            Deviance: fit.Deviance,
            Df: fit.Df,
            Aic: fit.Criterion(false, 0),
            Bic: fit.Criterion(true, Math.Log(observed)),
            Method: o.MethodName,
            Ci: o.CiName,
            Level: o.Level,
            Lists: h.Lists,
            Cells: Cells(h, fit),
            Levels: levels,
            FixedAtMinusInfinity: fit.FixedTerms.Select(t => (IReadOnlyList<string>)ModelSpec.Members(t).Select(i => h.Lists[i]).ToArray()).ToList(),
            ModelsConsidered: sel.Considered,
            Skipped: sel.Skipped,
            BootstrapReplicates: used)
        {
            Path = sel.Path.Select(s => new SearchStep(s.Step, s.Fit.Model.Notation(h.K, names.Count == 0 ? null : names), s.Fit.Df, s.Fit.Deviance,
                s.Fit.Criterion(false, 0), s.Fit.Criterion(true, Math.Log(observed)), observed + s.Fit.DarkFigure)).ToList(),
        };
    }

    /// <summary>
    /// The covariate factors of the design: for <see cref="Selection.Search"/> one per covariate (the year as
    /// polynomials when <see cref="MseOptions.DegreeYear"/> is set); otherwise the crossed levels as one factor.
    /// </summary>
    private static Factor[]? Factors(CaptureHistories h, MseOptions o)
    {
        if (o.Year is not null && !h.Covariates.Contains(o.Year))
            throw new MseModelException($"year '{o.Year}' is not one of the covariates ({(h.Covariates.Count == 0 ? "none" : string.Join(", ", h.Covariates))}). Add it to the covariates.");
        if (o.DegreeYear is not null && (o.Method != Selection.Search || o.Year is null))
            throw new MseModelException("degree_year needs the model search (method search) and the year covariate named (year).");
        if (o.Method != Selection.Search || h.Covariates.Count == 0) return null;
        var factors = new Factor[h.Covariates.Count];
        for (var c = 0; c < h.Covariates.Count; c++)
        {
            var values = h.Levels.Select(l => l.Split('|')[c]).ToArray();
            var distinct = values.Distinct().Order(LevelComparer.Instance).ToList();
            var levelOf = values.Select(v => distinct.IndexOf(v)).ToArray();
            factors[c] = h.Covariates[c] == o.Year && o.DegreeYear is { } degree
                ? Factor.Polynomial(h.Covariates[c], levelOf, distinct.Count, degree)
                : Factor.Indicators(h.Covariates[c], levelOf, distinct.Count);
        }
        return factors;
    }

    /// <summary>All levels first (the total), then each crossed level, then each level of each covariate when several are crossed.</summary>
    private static List<(string Covariate, string Level, int[] Levels)> Groups(CaptureHistories h)
    {
        var result = new List<(string, string, int[])> { ("", "", Enumerable.Range(0, h.Levels.Count).ToArray()) };
        if (h.Covariates.Count == 0) return result;
        var crossed = string.Join("|", h.Covariates);
        for (var l = 0; l < h.Levels.Count; l++) result.Add((crossed, h.Levels[l], [l]));
        if (h.Covariates.Count > 1)
            for (var c = 0; c < h.Covariates.Count; c++)
            {
                var parts = h.Levels.Select(s => s.Split('|')[c]).ToArray();
                foreach (var v in parts.Distinct().Order(LevelComparer.Instance))
                    result.Add((h.Covariates[c], v, Enumerable.Range(0, parts.Length).Where(i => parts[i] == v).ToArray()));
            }
        return result;
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
}
