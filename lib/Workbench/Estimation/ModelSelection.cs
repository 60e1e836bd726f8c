using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Workbench.Estimation;

/// <summary>The model chosen by a selection method, with what was considered on the way.</summary>
internal sealed record SelectionOutcome(FitOutcome Fit, int Considered, IReadOnlyList<SkippedModel> Skipped)
{
    /// <summary>The model search path: the step's label and its fit (empty for other methods).</summary>
    public IReadOnlyList<(string Step, FitOutcome Fit)> Path { get; init; } = [];
}

/// <summary>Model selection: fixed, main effects, stepwise (Chan, Silverman &amp; Vincent 2021), minimum BIC / AIC.</summary>
internal static class ModelSelection
{
    /// <summary>Selects the model by <paramref name="o"/>.Method. With <paramref name="prune"/>, the BIC/AIC search skips
    /// models that provably cannot win (<see cref="ByCriterionPruned"/>); used inside bootstrap replicates, where the
    /// list of skipped models is not reported.</summary>
    /// <param name="f">Fitter for the table.</param>
    /// <param name="h">The capture histories.</param>
    /// <param name="o">Options.</param>
    /// <param name="threads">Threads for the exhaustive search.</param>
    /// <param name="prune">Use the pruned search.</param>
    public static SelectionOutcome Select(LogLinearFitter f, CaptureHistories h, MseOptions o, int threads, bool prune = false)
    {
        var listStage = o.Method switch
        {
            Selection.Fixed => Fixed(f, h, o),
            Selection.MainEffects => Single(f, ModelSpec.MainEffects, h),
            Selection.Stepwise => Stepwise(f, h, o.Pthresh),
            Selection.Search => Search(f, h),
            _ when prune => ByCriterionPruned(f, h, o.Method == Selection.Bic, o.MaxOrder ?? MseOptions.DefaultMaxOrder(h.K)),
            _ => ByCriterion(f, h, o.Method == Selection.Bic, o.MaxOrder ?? MseOptions.DefaultMaxOrder(h.K), threads),
        };
        if (f.L <= 1 || o.Method is Selection.Fixed or Selection.MainEffects or Selection.Search) return listStage;
        return CovariateStage(f, h, o, listStage);
    }

    private static SelectionOutcome Fixed(LogLinearFitter f, CaptureHistories h, MseOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Model))
            throw new MseModelException("the fixed method needs a model, e.g. Model = \"[12,13,3]\" or \"police:kmar\".");
        return Single(f, ModelSpec.Parse(o.Model, h.Lists, h.Covariates), h);
    }

    private static SelectionOutcome Single(LogLinearFitter f, ModelSpec m, CaptureHistories h)
    {
        var fit = f.Fit(m);
        if (fit.Status != FitStatus.Ok)
            throw new MseModelException($"model {m.Notation(h.K)} cannot be fitted: {Explain(fit.Status)}");
        return new SelectionOutcome(fit, 1, []);
    }

    public static string Explain(FitStatus s) => s switch
    {
        FitStatus.NotExist => "its maximum likelihood estimate does not exist (the observed margins lie on the boundary; Fienberg-Rinaldo). Choose a model with fewer interactions or merge sparse lists.",
        FitStatus.RankDeficient => "its design is rank deficient once the terms with no observations are fixed at minus infinity, so the dark figure is not identifiable. Choose a model with fewer interactions.",
        _ => "the Newton iterations did not converge.",
    };

    /// <summary>
    /// Forward stepwise over two-list terms. n* = people on both lists, p* = the current model's fitted count of
    /// them; p-value min(P(X ≤ n*), P(X ≥ n*)) for X ~ Poisson(p*); a candidate whose model fails the existence
    /// check gets p-value 1; the smallest p-value (first in list order on ties) is added while below pthresh.
    /// </summary>
    public static SelectionOutcome Stepwise(LogLinearFitter f, CaptureHistories h, double pthresh)
    {
        var k = h.K;
        var model = ModelSpec.MainEffects;
        var fit = f.Fit(model);
        var considered = 1;
        var skipped = new List<SkippedModel>();
        if (fit.Status != FitStatus.Ok)
            throw new MseModelException($"the main-effects model cannot be fitted: {Explain(fit.Status)}");
        while (true)
        {
            var bestP = double.PositiveInfinity;
            var bestTerm = -1;
            for (var i = 0; i < k; i++)
                for (var j = i + 1; j < k; j++)
                {
                    var term = (1 << i) | (1 << j);
                    if (model.Contains(term)) continue;
                    var candidate = model.With(term);
                    double p;
                    considered++;
                    var status = f.Check(candidate);
                    if (status != FitStatus.Ok)
                    {
                        skipped.Add(new SkippedModel(candidate.Notation(k), new FitOutcome { Status = status, Model = candidate }.Reason));
                        p = 1;
                    }
                    else
                    {
                        double nStar = 0, pStar = 0;
                        for (var c = 0; c < f.Y.Length; c++)
                        {
                            var pattern = c & ((1 << k) - 1);
                            if (pattern == 0 || (pattern & term) != term) continue;
                            nStar += f.Y[c];
                            pStar += fit.Mu[c];
                        }
                        p = PoissonTwoSided(nStar, pStar);
                    }
                    if (p < bestP) { bestP = p; bestTerm = term; }
                }
            if (bestTerm < 0 || !(bestP < pthresh)) break;
            var next = f.Fit(model.With(bestTerm));
            if (next.Status != FitStatus.Ok)
            {
                skipped.Add(new SkippedModel(next.Model.Notation(k), next.Reason));
                break;
            }
            model = next.Model;
            fit = next;
        }
        return new SelectionOutcome(fit, considered, skipped);
    }

    /// <summary>min(P(X ≤ n), P(X ≥ n)) for X ~ Poisson(λ).</summary>
    public static double PoissonTwoSided(double n, double lambda)
    {
        if (lambda <= 0) return 1;
        var lower = SpecialFunctions.GammaUpperRegularized(n + 1, lambda);
        var upper = n <= 0 ? 1.0 : SpecialFunctions.GammaLowerRegularized(n, lambda);
        return Math.Min(lower, upper);
    }

    /// <summary>Minimum BIC or AIC over all hierarchical models up to <paramref name="maxOrder"/>; ties go to the first enumerated.</summary>
    public static SelectionOutcome ByCriterion(LogLinearFitter f, CaptureHistories h, bool bic, int maxOrder, int threads)
    {
        var fits = Catalogue(f, h, maxOrder, threads);
        var logN = Math.Log(f.Observed);
        FitOutcome? best = null;
        var bestCrit = double.PositiveInfinity;
        var skipped = new List<SkippedModel>();
        foreach (var fit in fits)
        {
            if (fit.Status != FitStatus.Ok)
            {
                skipped.Add(new SkippedModel(fit.Model.Notation(h.K), fit.Reason));
                continue;
            }
            var crit = fit.Criterion(bic, logN);
            if (crit < bestCrit) { bestCrit = crit; best = fit; }
        }
        if (best is null) throw new MseModelException("no candidate model can be fitted: every one fails the existence or rank check.");
        return new SelectionOutcome(best, fits.Length, skipped);
    }

    /// <summary>Fits every hierarchical model up to <paramref name="maxOrder"/> (in <see cref="HierarchicalModels.Enumerate"/> order).</summary>
    public static FitOutcome[] Catalogue(LogLinearFitter f, CaptureHistories h, int maxOrder, int threads)
    {
        if (h.K > 6) throw new MseModelException($"the BIC/AIC search covers up to six lists; {h.K} given. Use stepwise or a fixed model.");
        var models = HierarchicalModels.Enumerate(h.K, maxOrder);
        var fits = new FitOutcome[models.Count];
        if (threads == 1)
            for (var i = 0; i < models.Count; i++) fits[i] = f.Fit(ModelSpec.FromClosed(models[i]));
        else
            Parallel.For(0, models.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
                i => fits[i] = f.Fit(ModelSpec.FromClosed(models[i])));
        return fits;
    }

    /// <summary>
    /// The same minimum as <see cref="ByCriterion"/> without fitting every model. A model's log-likelihood is at most
    /// that of any hierarchical model it is nested in (with terms fixed at minus infinity the extended MLE of the larger
    /// model still bounds it), so a model with p parameters in the penalty (every term, those fixed at minus infinity
    /// included) has criterion ≥ p·penalty - 2ℓ(S) for every fitted superset S. The supersets used: the largest model
    /// (every term up to maxOrder); for models with only two-list terms the all-pairs model; for models whose only
    /// higher-order term is one triple, all pairs plus that triple; and, within each of these bases B, the largest model
    /// without a term j that the candidate lacks (B minus j and every term containing j), fitted when first needed and
    /// kept for the rest of the search. A model that lacks one strong interaction is thus bounded by a fit that lacks it
    /// too, which removes most of the candidates. Models are visited by increasing number of terms and one is fitted only
    /// when its best bound does not exceed the best criterion found so far; ties are broken by enumeration order, as in
    /// the full search. Falls back to the full search when the largest model cannot be fitted.
    /// </summary>
    public static SelectionOutcome ByCriterionPruned(LogLinearFitter f, CaptureHistories h, bool bic, int maxOrder)
    {
        var models = HierarchicalModels.Enumerate(h.K, maxOrder);
        var bySize = HierarchicalModels.BySize(h.K, maxOrder);
        var all = models[bySize[^1]];
        var largest = f.Fit(ModelSpec.FromClosed(all));
        if (largest.Status != FitStatus.Ok) return ByCriterion(f, h, bic, maxOrder, 1);
        var logN = Math.Log(f.Observed);
        var penalty = bic ? logN : 2.0;
        var floor = -2 * largest.LogLik;
        // Models with only two-list terms are nested in the all-pairs model, whose log-likelihood is a tighter bound.
        var pairsOnly = all.Where(t => LogLinearFitter.Order(t) == 2).ToArray();
        var pairs = maxOrder > 2 ? f.Fit(ModelSpec.FromClosed(pairsOnly)) : largest;
        var pairFloor = pairs.Status == FitStatus.Ok ? -2 * pairs.LogLik : floor;
        // Models whose only higher-order term is one triple are nested in all pairs plus that triple.
        var tripleFloor = new Dictionary<int, (int[] Terms, double Floor)>();
        if (maxOrder == 3)
            foreach (var t in all.Where(t => LogLinearFitter.Order(t) == 3))
            {
                var withTriple = new ModelSpec(pairsOnly.Append(t));
                var fit = f.Fit(withTriple);
                tripleFloor[t] = (withTriple.Terms, fit.Status == FitStatus.Ok ? -2 * fit.LogLik : floor);
            }
        // The base superset of a model: its terms, its key (0: all pairs, -1: the largest model, else the triple) and its floor.
        (int[] Terms, int Key, double Floor) Base(int[] terms)
        {
            if (terms.Length == 0 || LogLinearFitter.Order(terms[^1]) == 2) return (pairsOnly, 0, pairFloor);
            if (terms.Length >= 2 && LogLinearFitter.Order(terms[^2]) == 3) return (all, -1, floor);
            return tripleFloor.TryGetValue(terms[^1], out var v) ? (v.Terms, terms[^1], v.Floor) : (all, -1, floor);
        }
        // -2ℓ of the base without term j and every term containing j (NaN when that model cannot be fitted).
        var without = new Dictionary<(int Key, int Term), double>();
        double Without(int[] baseTerms, int key, int j)
        {
            if (without.TryGetValue((key, j), out var v)) return v;
            var fit = f.Fit(ModelSpec.FromClosed(baseTerms.Where(t => (t & j) != j).ToArray()));
            v = fit.Status == FitStatus.Ok ? -2 * fit.LogLik : double.NaN;
            without[(key, j)] = v;
            return v;
        }
        FitOutcome? best = null;
        var bestCrit = double.PositiveInfinity;
        var bestIndex = int.MaxValue;
        var fitted = 0;
        foreach (var i in bySize)
        {
            var terms = models[i];
            var npar = 1 + h.K + (f.L - 1) + terms.Length;
            var (baseTerms, key, baseFloor) = Base(terms);
            var limit = bestCrit + 1e-9 * Math.Abs(bestCrit);
            if (npar * penalty + baseFloor > limit) continue;
            var pruned = false;
            if (double.IsFinite(limit))
                foreach (var j in baseTerms)
                {
                    if (Array.BinarySearch(terms, j, TermOrder.Instance) >= 0) continue;
                    var w = Without(baseTerms, key, j);
                    if (npar * penalty + w > limit) { pruned = true; break; }
                }
            if (pruned) continue;
            var fit = f.Fit(ModelSpec.FromClosed(terms));
            fitted++;
            if (fit.Status != FitStatus.Ok) continue;
            var crit = fit.Criterion(bic, logN);
            if (crit < bestCrit || (crit == bestCrit && i < bestIndex)) { bestCrit = crit; best = fit; bestIndex = i; }
        }
        if (best is null) throw new MseModelException("no candidate model can be fitted: every one fails the existence or rank check.");
        return new SelectionOutcome(best, fitted, []);
    }

    /// <summary>
    /// The BIC stage of MaartenCruyff/mse <c>model_search</c>: R <c>step(m0, scope = list(lower = m0, upper = Freq ~ .^2),
    /// k = log(n))</c>. From all main effects (lists and covariate factors), every two-way term not in the model
    /// (list pair, list-by-covariate, covariate-by-covariate) may be added and every one in it dropped; the move with the
    /// lowest BIC is taken while it lowers BIC by more than 1e-7 (R's rule; ties to the first candidate, drops before
    /// additions as R orders them). Candidates whose MLE does not exist or whose design is rank deficient are skipped.
    /// </summary>
    public static SelectionOutcome Search(LogLinearFitter f, CaptureHistories h)
    {
        var k = h.K;
        var factors = f.Factors.Length;
        var logN = Math.Log(f.Observed);
        var fit = f.Fit(ModelSpec.MainEffects);
        if (fit.Status != FitStatus.Ok) throw new MseModelException($"the main-effects model cannot be fitted: {Explain(fit.Status)}");
        var path = new List<(string, FitOutcome)> { ("", fit) };
        var skipped = new List<SkippedModel>();
        var considered = 1;
        var names = FactorNames(f, h);
        string ListName(int i) => h.Lists[i];
        while (true)
        {
            var m = fit.Model;
            var moves = new List<(string Label, ModelSpec Model)>();
            foreach (var t in m.Terms.Where(t => LogLinearFitter.Order(t) == 2))
                moves.Add(($"- {string.Join(":", ModelSpec.Members(t).Select(ListName))}", m.Without(t)));
            for (var g = 0; g < factors; g++)
                for (var i = 0; i < k; i++)
                    if ((m.ListsOf(g) & (1 << i)) != 0) moves.Add(($"- {ListName(i)}:{names[g]}", m.WithFactorList(g, i, false)));
            foreach (var p in m.FactorPairs) moves.Add(($"- {names[p / 16]}:{names[p % 16]}", m.WithFactorPair(p / 16, p % 16, false)));
            for (var i = 0; i < k; i++)
                for (var j = i + 1; j < k; j++)
                    if (!m.Contains((1 << i) | (1 << j))) moves.Add(($"+ {ListName(i)}:{ListName(j)}", m.With((1 << i) | (1 << j))));
            for (var g = 0; g < factors; g++)
                for (var i = 0; i < k; i++)
                    if ((m.ListsOf(g) & (1 << i)) == 0) moves.Add(($"+ {ListName(i)}:{names[g]}", m.WithFactorList(g, i, true)));
            for (var a = 0; a < factors; a++)
                for (var b = a + 1; b < factors; b++)
                    if (!m.FactorPairs.Contains(a * 16 + b)) moves.Add(($"+ {names[a]}:{names[b]}", m.WithFactorPair(a, b, true)));
            FitOutcome? best = null;
            var bestLabel = "";
            var bestCrit = fit.Criterion(true, logN);
            var threshold = bestCrit - 1e-7;
            foreach (var (label, model) in moves)
            {
                var candidate = f.Fit(model);
                considered++;
                if (candidate.Status != FitStatus.Ok)
                {
                    skipped.Add(new SkippedModel(model.Notation(k, names), candidate.Reason));
                    continue;
                }
                var crit = candidate.Criterion(true, logN);
                if (crit < threshold && (best is null || crit < bestCrit)) { best = candidate; bestCrit = crit; bestLabel = label; }
            }
            if (best is null) break;
            fit = best;
            path.Add((bestLabel, fit));
        }
        return new SelectionOutcome(fit, considered, skipped) { Path = path };
    }

    /// <summary>Names of the fitter's covariate factors (the crossed covariates joined by '|' when there is one factor for several).</summary>
    public static IReadOnlyList<string> FactorNames(LogLinearFitter f, CaptureHistories h) =>
        f.Factors.Length == h.Covariates.Count ? h.Covariates : f.Factors.Length == 0 ? [] : [string.Join("|", h.Covariates)];

    /// <summary>
    /// Forward selection of list-by-covariate interactions on top of the selected list model: by the same criterion
    /// for BIC/AIC, by a likelihood-ratio test at pthresh for stepwise.
    /// </summary>
    private static SelectionOutcome CovariateStage(LogLinearFitter f, CaptureHistories h, MseOptions o, SelectionOutcome start)
    {
        var fit = start.Fit;
        var considered = start.Considered;
        var skipped = start.Skipped.ToList();
        var bic = o.Method == Selection.Bic;
        var logN = Math.Log(f.Observed);
        while (true)
        {
            FitOutcome? best = null;
            var bestScore = double.PositiveInfinity;
            for (var i = 0; i < h.K; i++)
            {
                if ((fit.Model.CovariateLists & (1 << i)) != 0) continue;
                var candidate = f.Fit(fit.Model.WithCovariate(i));
                considered++;
                if (candidate.Status != FitStatus.Ok)
                {
                    skipped.Add(new SkippedModel(candidate.Model.Notation(h.K), candidate.Reason));
                    continue;
                }
                double score;
                if (o.Method == Selection.Stepwise)
                {
                    var df = candidate.NPar - fit.NPar;
                    var drop = Math.Max(0, fit.Deviance - candidate.Deviance);
                    score = df > 0 ? 1 - ChiSquared.CDF(df, drop) : 1;
                    if (!(score < o.Pthresh)) continue;
                }
                else
                {
                    score = candidate.Criterion(bic, logN);
                    if (!(score < fit.Criterion(bic, logN))) continue;
                }
                if (score < bestScore) { bestScore = score; best = candidate; }
            }
            if (best is null) break;
            fit = best;
        }
        return new SelectionOutcome(fit, considered, skipped);
    }
}
