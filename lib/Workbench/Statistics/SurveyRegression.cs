using System.Globalization;
using System.Runtime.Intrinsics;
using Workbench.Data;
using static Workbench.Statistics.Quantiles;

namespace Workbench.Statistics;

/// <summary>The model family of a survey regression.</summary>
public enum GlmFamily
{
    /// <summary>Linear regression (R <c>svyglm(family = gaussian())</c>).</summary>
    Gaussian,
    /// <summary>Logistic regression, R <c>svyglm(family = quasibinomial())</c>: odds ratios reported.</summary>
    Binomial,
}

/// <summary>One coefficient of a survey regression.</summary>
/// <param name="Term">R's name: "(Intercept)", a numeric column, or a factor column followed by its level (treatment contrast against the first level).</param>
/// <param name="Estimate">The coefficient.</param>
/// <param name="StdError">Design-based (sandwich) standard error.</param>
/// <param name="Statistic">t = estimate / SE.</param>
/// <param name="P">Two-sided p-value on the residual df.</param>
/// <param name="Lower">estimate - t·SE with t on the residual df.</param>
/// <param name="Upper">estimate + t·SE.</param>
/// <param name="OddsRatio">exp(estimate) for the binomial family, otherwise null.</param>
/// <param name="OddsRatioLower">exp(lower), or null.</param>
/// <param name="OddsRatioUpper">exp(upper), or null.</param>
public sealed record GlmTerm(string Term, double Estimate, double StdError, double Statistic, double P, double Lower, double Upper,
    double? OddsRatio, double? OddsRatioLower, double? OddsRatioUpper);

/// <summary>A fitted survey regression (R <c>summary(svyglm(...))</c>).</summary>
/// <param name="Formula">The formula as given.</param>
/// <param name="Family">The family.</param>
/// <param name="N">Respondents used (those with no missing value in the formula's columns).</param>
/// <param name="Df">Residual degrees of freedom: R <c>degf(design) + 1 - (number of coefficients)</c>.</param>
/// <param name="Level">Confidence level of the intervals.</param>
/// <param name="Iterations">IRLS iterations (as R glm.fit counts them).</param>
/// <param name="Terms">The coefficients.</param>
public sealed record SurveyGlmResult(string Formula, GlmFamily Family, int N, int Df, double Level, int Iterations, IReadOnlyList<GlmTerm> Terms);

/// <summary>
/// Survey-weighted generalised linear models, equal to R survey 4.1-1 <c>svyglm</c> (gaussian and quasibinomial):
/// coefficients by iteratively reweighted least squares with the sampling weights as prior weights (R
/// <c>glm.fit</c>: its starting values and its convergence rule |Δdeviance|/(|deviance| + 0.1) &lt; 1e-8, at most
/// 25 iterations), and the design-based variance of the estimating equations (R <c>svy.varcoef</c>: the scores
/// x·w·(y - μ)·μ'/V(μ) times (X'WX)⁻¹, through the same linearised variance as the means), or, for replicate
/// designs, the replicate variance of the coefficients refitted with each replicate's weights.
/// </summary>
/// <remarks>Binder (1983); Lumley (2010), Complex Surveys, chapter 5. Formulas are main effects and two-way
/// interactions: <c>y ~ a + b + c</c>, <c>y ~ a*b</c> (= <c>a + b + a:b</c>), <c>y ~ a + b + a:b</c>; a column whose
/// values are all numbers is a numeric covariate, any other (or one written <c>factor(col)</c>) a factor with treatment
/// contrasts against its first level in ordinal order; an interaction multiplies the columns of its two terms (both
/// main effects must be in the model) and comes after the main effects, as in R.</remarks>
public static class SurveyRegression
{
    /// <summary>The columns a formula uses: the response, then each main effect (without <c>factor( )</c>), in the
    /// order R's <c>terms()</c> gives them (the columns of <c>a*b</c> are main effects too).</summary>
    /// <exception cref="ArgumentException">The formula is not of the form <c>y ~ a + b</c> (with optional
    /// two-way interactions <c>a:b</c> or <c>a*b</c>).</exception>
    public static (string Response, IReadOnlyList<(string Column, bool Factor)> Terms) ParseFormula(string formula)
    {
        var (response, terms, _) = ParseTerms(formula);
        return (response, terms);
    }

    /// <summary>Main effects and two-way interactions (pairs of main-effect indices) of a formula: <c>a*b</c> is
    /// <c>a + b + a:b</c>; an interaction needs both main effects in the model (R's treatment contrasts then apply to
    /// each factor of it).</summary>
    internal static (string Response, List<(string Column, bool Factor)> Terms, List<(int A, int B)> Interactions) ParseTerms(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var parts = formula.Split('~');
        if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
            throw new ArgumentException($"the formula '{formula}' is not of the form 'y ~ a + b'; give the response, a tilde and the terms separated by +.");
        var terms = new List<(string, bool)>();
        var pairs = new List<(string, string)>();
        (string Name, bool Factor) One(string t)
        {
            if (t.Contains('(') && !t.StartsWith("factor(", StringComparison.Ordinal) || t.Length == 0)
                throw new ArgumentException($"the term '{t}' of '{formula}' is not supported; use column names, factor(column) for a numeric column taken as categories, and two-way interactions a:b or a*b.");
            var factor = t.StartsWith("factor(", StringComparison.Ordinal);
            return (factor ? t["factor(".Length..].TrimEnd(')').Trim() : t, factor);
        }
        void Main((string Name, bool Factor) m, bool fromProduct)
        {
            if (terms.Any(x => x.Item1 == m.Name))
            {
                if (fromProduct) return;
                throw new ArgumentException($"the term '{m.Name}' appears twice in '{formula}'; give each once.");
            }
            terms.Add(m);
        }
        var interactionText = new List<(string, string, string)>();
        foreach (var raw in parts[1].Split('+'))
        {
            var t = raw.Trim();
            if (t is "1" or "") continue;
            var star = t.Split('*');
            var colon = t.Split(':');
            if (star.Length > 2 || colon.Length > 2 || star.Length == 2 && colon.Length == 2)
                throw new ArgumentException($"the term '{t}' of '{formula}' is not supported; interactions are two-way: a:b, or a*b for a + b + a:b.");
            if (star.Length == 2)
            {
                var (a, b) = (One(star[0].Trim()), One(star[1].Trim()));
                Main(a, true); Main(b, true);
                interactionText.Add((a.Name, b.Name, t));
            }
            else if (colon.Length == 2) interactionText.Add((One(colon[0].Trim()).Name, One(colon[1].Trim()).Name, t));
            else Main(One(t), false);
        }
        var interactions = new List<(int, int)>();
        foreach (var (a, b, text) in interactionText)
        {
            var ia = terms.FindIndex(x => x.Item1 == a);
            var ib = terms.FindIndex(x => x.Item1 == b);
            if (ia < 0 || ib < 0)
                throw new ArgumentException($"the interaction '{text}' of '{formula}' needs both main effects in the model; add {(ia < 0 ? a : b)} (or write {a}*{b}).");
            if (ia == ib) throw new ArgumentException($"the interaction '{text}' of '{formula}' crosses a column with itself; give two different columns.");
            if (interactions.Contains((ia, ib)) || interactions.Contains((ib, ia)))
                throw new ArgumentException($"the interaction '{text}' appears twice in '{formula}'; give each once.");
            interactions.Add((ia, ib));
        }
        return (parts[0].Trim(), terms, interactions);
    }

    /// <summary>Fits <paramref name="formula"/> on the whole sample. The columns must have been read: the response as
    /// a variable (numeric), the terms as labels (see <see cref="SurveySample.ReadCsv"/>).</summary>
    /// <param name="sample">The data and design.</param>
    /// <param name="formula">E.g. <c>physical_sv ~ sex + age</c>.</param>
    /// <param name="family">Gaussian or binomial (quasibinomial).</param>
    /// <param name="level">Confidence level (default 0.95).</param>
    /// <exception cref="DataValidationException">A column of the formula is not in the data, or a binomial response is not in [0, 1].</exception>
    /// <exception cref="ArgumentException">The model matrix is singular, or the fit did not converge.</exception>
    public static SurveyGlmResult Glm(SurveySample sample, string formula, GlmFamily family, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!(level is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "the confidence level must be between 0 and 1 (exclusive), e.g. 0.95.");
        var (response, terms, interactions) = ParseTerms(formula);
        var frame = sample.Frame;
        var d = sample.Staged;
        if (!frame.Numbers.ContainsKey(response))
            throw new DataValidationException(new DataError(frame.SourceName, 1, 0, $"the formula '{formula}' names response {frame.Unknown(response, "").Replace("column", "column", StringComparison.Ordinal)}"));
        var y = frame.Number(response);
        var names = new List<string> { "(Intercept)" };
        // Each model column (after the intercept) is filled from the used rows: a numeric column copied, a factor level's
        // indicator, or (interactions) the product of two columns already built (a negative pair of indices).
        var builders = new List<(Action<int[], double[]>? Fill, int A, int B)>();
        var missing = new bool[frame.Rows];
        for (var i = 0; i < frame.Rows; i++) missing[i] = double.IsNaN(y[i]);
        var termColumns = new List<(int First, int Count)>();
        foreach (var (column, factor) in terms)
        {
            var firstColumn = names.Count;
            AddTerm(column, factor);
            termColumns.Add((firstColumn, names.Count - firstColumn));
        }
        // Two-way interactions after the main effects, as R's terms() orders them: every product of a column of the
        // first with a column of the second, the first varying fastest, named "a:b" as R model.matrix names them.
        foreach (var (ia, ib) in interactions)
        {
            var (fa, na) = termColumns[ia];
            var (fb, nb) = termColumns[ib];
            for (var jb = 0; jb < nb; jb++)
                for (var ja = 0; ja < na; ja++)
                {
                    names.Add(names[fa + ja] + ":" + names[fb + jb]);
                    builders.Add((null, fa + ja, fb + jb));
                }
        }
        void AddTerm(string column, bool factor)
        {
            if (!frame.Labels.TryGetValue(column, out var lab))
            {
                if (frame.Numbers.TryGetValue(column, out var numbers) && !factor)
                {
                    for (var i = 0; i < frame.Rows; i++) missing[i] |= double.IsNaN(numbers[i]);
                    names.Add(column); builders.Add(((r, col) => { for (var k = 0; k < r.Length; k++) col[k] = numbers[r[k]]; }, 0, 0));
                    return;
                }
                throw new DataValidationException(new DataError(frame.SourceName, 1, 0, $"the formula '{formula}' names {frame.Unknown(column, "")}"));
            }
            var (codes, levels) = lab;
            for (var i = 0; i < frame.Rows; i++) missing[i] |= codes[i] < 0;
            var numeric = !factor && levels.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (numeric)
            {
                var values = levels.Select(l => double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
                names.Add(column); builders.Add(((r, col) => { for (var k = 0; k < r.Length; k++) col[k] = values[codes[r[k]]]; }, 0, 0));
                return;
            }
            var used = new bool[levels.Length];
            for (var i = 0; i < frame.Rows; i++) if (codes[i] >= 0) used[codes[i]] = true;
            var order = Enumerable.Range(0, levels.Length).Where(k => used[k])
                .OrderBy(k => factor && double.TryParse(levels[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .ThenBy(k => levels[k], StringComparer.Ordinal).ToArray();
            foreach (var k in order.Skip(1))
            {
                var level1 = k;
                names.Add((factor ? $"factor({column})" : column) + levels[k]);
                builders.Add(((r, col) => { for (var q = 0; q < r.Length; q++) col[q] = codes[r[q]] == level1 ? 1.0 : 0.0; }, 0, 0));
            }
        }
        var used0 = 0;
        foreach (var m in missing) if (!m) used0++;
        var rows = new int[used0];
        for (int i = 0, at = 0; i < missing.Length; i++) if (!missing[i]) rows[at++] = i;
        var n = rows.Length;
        var p = names.Count;
        // Column-major model matrix without the intercept column (column 0 is all ones).
        var x = new double[p][];
        for (var j = 1; j < p; j++)
        {
            var (fill, a, b) = builders[j - 1];
            var col = x[j] = new double[n];
            if (fill is not null) fill(rows, col);
            else { var (xa, xb) = (x[a], x[b]); for (var k = 0; k < n; k++) col[k] = xa[k] * xb[k]; }
        }
        var yy = new double[n];
        for (var k = 0; k < n; k++) yy[k] = y[rows[k]];
        if (family == GlmFamily.Binomial)
            for (var k = 0; k < n; k++)
                if (yy[k] is < 0 or > 1)
                    throw new DataValidationException(new DataError[] { frame.Error(rows[k], response,
                        $"response '{response}' is {yy[k].ToString("R", CultureInfo.InvariantCulture)}; a binomial (logistic) model needs values in [0, 1], usually 0/1. Recode the response or use --family gaussian.") });
        double meanW = 0;
        foreach (var i in rows) meanW += d.W[i];
        meanW /= n;
        var prior = new double[n];
        for (var k = 0; k < n; k++) prior[k] = d.W[rows[k]] / meanW;
        var fit = Irls(x, yy, prior, n, p, family, names, null);

        // Design-based variance of the coefficients.
        var se = new double[p];
        if (d.IsReplicate)
        {
            var thetas = new double[p][];
            for (var j = 0; j < p; j++) thetas[j] = new double[d.Rep!.Length];
            var rw = new double[n];
            for (var r = 0; r < d.Rep!.Length; r++)
            {
                var rep = d.Rep[r];
                for (var k = 0; k < n; k++) rw[k] = rep[rows[k]] / meanW;
                var fr = Irls(x, yy, rw, n, p, family, names, fit.Beta);
                for (var j = 0; j < p; j++) thetas[j][r] = fr.Beta[j];
            }
            for (var j = 0; j < p; j++) se[j] = Math.Sqrt(StagedVariance.ReplicateVariance(thetas[j], d.RepScale, d.Rscales));
        }
        else
        {
            var sv = new StagedVariance(d);
            var e = fit.Estfun;
            if (d.Effective == 1 && d.Calibration is null)
            {
                // One stage, not calibrated: the variance needs only each first-stage cluster's total of the scores
                // x·estfun·A⁻¹, so sum x·estfun per cluster once and pass one row per cluster with its total.
                var cl = d.Cluster[0];
                var clusters = ClusterCount(cl);
                var slot = new int[clusters];
                Array.Fill(slot, -1);
                var firstRow = new List<int>();
                var u = new double[clusters * p];
                for (var k = 0; k < n; k++)
                {
                    var c = cl[rows[k]];
                    var at = slot[c];
                    if (at < 0) { at = slot[c] = firstRow.Count; firstRow.Add(rows[k]); }
                    var ek = e[k];
                    var o = at * p;
                    u[o] += ek;
                    for (var j = 1; j < p; j++) u[o + j] += x[j][k] * ek;
                }
                var reps = firstRow.ToArray();
                var totals = new double[reps.Length];
                for (var j = 0; j < p; j++)
                {
                    for (var r = 0; r < reps.Length; r++)
                    {
                        double sum = 0;
                        for (var m = 0; m < p; m++) sum += u[r * p + m] * fit.Ainv[m * p + j];
                        totals[r] = sum;
                    }
                    se[j] = Math.Sqrt(sv.Variance(reps, totals));
                }
            }
            else
            {
                var score = new double[n];
                for (var j = 0; j < p; j++)
                {
                    for (var k = 0; k < n; k++)
                    {
                        var sum = fit.Ainv[j];
                        for (var m = 1; m < p; m++) sum += x[m][k] * fit.Ainv[m * p + j];
                        score[k] = sum * e[k];
                    }
                    se[j] = Math.Sqrt(sv.Variance(rows, score));
                }
            }
        }
        var df = d.Df + 1 - p;
        var t = df > 0 ? -Qt((1 - level) / 2, df) : -Qnorm((1 - level) / 2);
        var list = new List<GlmTerm>();
        for (var j = 0; j < p; j++)
        {
            var b = fit.Beta[j];
            var stat = b / se[j];
            var pv = df > 0 ? 2 * Pt(-Math.Abs(stat), df) : 2 * Pnorm(-Math.Abs(stat));
            double lo = b - t * se[j], hi = b + t * se[j];
            var bin = family == GlmFamily.Binomial;
            list.Add(new GlmTerm(names[j], b, se[j], stat, pv, lo, hi, bin ? Math.Exp(b) : null, bin ? Math.Exp(lo) : null, bin ? Math.Exp(hi) : null));
        }
        return new SurveyGlmResult(formula, family, n, df, level, fit.Iterations, list);
    }

    private sealed record Fit(double[] Beta, double[] Ainv, double[] Estfun, int Iterations);

    private static void Accumulate(double[][] x, int k, int p, double wk, double wz, double[] xtwx, double[] xtwz)
    {
        for (var a = 0; a < p; a++)
        {
            var xa = a == 0 ? 1 : x[a][k];
            xtwz[a] += xa * wz;
            var xaw = xa * wk;
            for (var b = 0; b <= a; b++) xtwx[a * p + b] += xaw * (b == 0 ? 1 : x[b][k]);
        }
    }

    private static int ClusterCount(int[] cluster)
    {
        var max = -1;
        foreach (var c in cluster) if (c > max) max = c;
        return max + 1;
    }

    /// <summary>R glm.fit's IRLS: start μ = (w y + 0.5)/(w + 1) (binomial) or y (gaussian); stop when
    /// |dev - dev_old|/(|dev| + 0.1) &lt; 1e-8; at most 25 iterations. Each iteration is one fused pass over the rows
    /// (<see cref="IrlsPass"/>): η and μ from the current coefficients, the deviance, and X'WX, X'Wz for the next
    /// solve.</summary>
    private static Fit Irls(double[][] x, double[] y, double[] prior, int n, int p, GlmFamily family, List<string> names, double[]? start)
    {
        var bin = family == GlmFamily.Binomial;
        var xtwx = new double[p * p];
        var xtwz = new double[p];
        var ww = new double[n];
        var mu = new double[n];
        // The binomial deviance's part that does not depend on μ: Σ 2w (y log y + (1-y) log(1-y)) (0 for 0/1 data).
        double constant = 0;
        if (bin)
            for (var k = 0; k < n; k++)
            {
                var yk = y[k];
                if (yk > 0 && yk < 1) constant += 2 * prior[k] * (yk * Math.Log(yk) + (1 - yk) * Math.Log(1 - yk));
            }
        // The first pass starts from the coefficients given (replicate refits) or from R's mustart.
        var devOld = IrlsPass(x, y, prior, n, p, bin, start, constant, mu, ww, xtwx, xtwz);
        var prevX = new double[p * p];
        var prevW = new double[n];
        var beta = new double[p];
        var iter = 0;
        var converged = false;
        for (iter = 1; iter <= 25; iter++)
        {
            for (var a = 0; a < p; a++) for (var b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b];
            beta = Solve(xtwx, xtwz, p, names);
            // Keep this iteration's X'WX and working weights: on convergence they are the fit's (R's glm object holds
            // the weights of the last IRLS step, computed from the μ before it).
            (prevX, xtwx) = (xtwx, prevX);
            (prevW, ww) = (ww, prevW);
            Array.Clear(xtwx); Array.Clear(xtwz);
            var dev = IrlsPass(x, y, prior, n, p, bin, beta, constant, mu, ww, xtwx, xtwz);
            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < 1e-8) { converged = true; break; }
            devOld = dev;
        }
        if (!converged)
            throw new ArgumentException("the regression did not converge in 25 iterations (R glm.fit's limit); a category may predict the outcome perfectly. Merge sparse categories or remove the term.");
        // (X'WX)⁻¹ at the last step's working weights, and R's estfun = x · w · (y - μ)/μ' with the final μ.
        var ainv = Inverse(prevX, p, names);
        var estfun = new double[n];
        for (var k = 0; k < n; k++)
        {
            var me = bin ? mu[k] * (1 - mu[k]) : 1;
            estfun[k] = prevW[k] * (y[k] - mu[k]) / me;
        }
        return new Fit(beta, ainv, estfun, iter);
    }

    /// <summary>
    /// One pass over the rows at coefficients <paramref name="beta"/> (null: at R glm.fit's mustart, (w y + 0.5)/(w + 1)
    /// for the binomial, y for the gaussian): writes μ and the working weights w = prior·μ'
    /// (binomial μ(1-μ), gaussian 1), accumulates the lower triangle of X'WX and X'Wz (z = η + (y - μ)/μ') and returns
    /// the deviance. Four rows at a time in 256-bit vectors (the logistic's exp and log included), the rest one by one.
    /// </summary>
    private static double IrlsPass(double[][] x, double[] y, double[] prior, int n, int p, bool bin, double[]? beta, double constant,
        double[] mu, double[] ww, double[] xtwx, double[] xtwz)
    {
        var tri = p * (p + 1) / 2;
        Span<Vector256<double>> accX = stackalloc Vector256<double>[tri];
        Span<Vector256<double>> accZ = stackalloc Vector256<double>[p];
        Span<Vector256<double>> xv = stackalloc Vector256<double>[p];
        accX.Clear(); accZ.Clear();
        var devV = Vector256<double>.Zero;
        var one = Vector256.Create(1.0);
        var half = Vector256.Create(0.5);
        var b0 = Vector256.Create(beta?[0] ?? 0);
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; k + 4 <= n; k += 4)
            {
                var eta = b0;
                xv[0] = one;
                for (var j = 1; j < p; j++) { xv[j] = Vector256.LoadUnsafe(ref x[j][k]); if (beta is not null) eta += xv[j] * Vector256.Create(beta[j]); }
                var yk = Vector256.LoadUnsafe(ref y[k]);
                var pk = Vector256.LoadUnsafe(ref prior[k]);
                Vector256<double> m, wk, wz;
                if (beta is null)
                {
                    if (bin)
                    {
                        m = (pk * yk + half) / (pk + one);
                        var lm = Vector256.Log(m);
                        var l1m = Vector256.Log(one - m);
                        eta = lm - l1m;
                        devV -= pk * (yk * lm + (one - yk) * l1m);
                        wk = pk * (m * (one - m));
                        wz = wk * eta + pk * (yk - m);
                    }
                    else { m = yk; wk = pk; wz = pk * yk; }
                }
                else if (bin)
                {
                    var t = Vector256.Exp(-eta);
                    var opt = one + t;
                    m = one / opt;
                    var me = t / (opt * opt);
                    devV += pk * (Vector256.Log(opt) + (one - yk) * eta);
                    wk = pk * me;
                    wz = wk * eta + pk * (yk - m);
                }
                else
                {
                    m = eta;
                    var r = yk - eta;
                    devV += pk * r * r;
                    wk = pk;
                    wz = pk * yk;
                }
                m.StoreUnsafe(ref mu[k]);
                wk.StoreUnsafe(ref ww[k]);
                var q = 0;
                for (var a = 0; a < p; a++)
                {
                    var xa = xv[a];
                    accZ[a] += xa * wz;
                    var xaw = xa * wk;
                    for (var b = 0; b <= a; b++) accX[q++] += xaw * xv[b];
                }
            }
        double dev = 0;
        for (; k < n; k++)
        {
            double m, wk, wz;
            if (beta is null)
            {
                if (bin)
                {
                    m = (prior[k] * y[k] + 0.5) / (prior[k] + 1);
                    double lm = Math.Log(m), l1m = Math.Log(1 - m);
                    var eta0 = lm - l1m;
                    dev -= prior[k] * (y[k] * lm + (1 - y[k]) * l1m);
                    wk = prior[k] * (m * (1 - m));
                    wz = wk * eta0 + prior[k] * (y[k] - m);
                }
                else { m = y[k]; wk = prior[k]; wz = prior[k] * y[k]; }
                mu[k] = m; ww[k] = wk;
                Accumulate(x, k, p, wk, wz, xtwx, xtwz);
                continue;
            }
            var eta = beta[0];
            for (var j = 1; j < p; j++) eta += x[j][k] * beta[j];
            if (bin)
            {
                var t = Math.Exp(-eta);
                var opt = 1 + t;
                m = 1 / opt;
                wk = prior[k] * (t / (opt * opt));
                dev += prior[k] * (Math.Log(opt) + (1 - y[k]) * eta);
                wz = wk * eta + prior[k] * (y[k] - m);
            }
            else
            {
                m = eta;
                dev += prior[k] * (y[k] - eta) * (y[k] - eta);
                wk = prior[k];
                wz = prior[k] * y[k];
            }
            mu[k] = m; ww[k] = wk;
            Accumulate(x, k, p, wk, wz, xtwx, xtwz);
        }
        dev += Vector256.Sum(devV);
        var qq = 0;
        for (var a = 0; a < p; a++)
        {
            xtwz[a] += Vector256.Sum(accZ[a]);
            for (var b = 0; b <= a; b++) xtwx[a * p + b] += Vector256.Sum(accX[qq++]);
        }
        // Binomial: 2 Σ prior (log(1 + e^-η) + (1 - y) η) + the constant part equals R's Σ 2 prior (y log(y/μ) + (1-y) log((1-y)/(1-μ))).
        return bin ? 2 * dev + constant : dev;
    }

    private static double[] Cholesky(double[] a, int p, List<string> names)
    {
        var l = new double[p * p];
        for (var j = 0; j < p; j++)
        {
            double s = a[j * p + j];
            for (var k = 0; k < j; k++) s -= l[j * p + k] * l[j * p + k];
            if (!(s > 1e-10 * Math.Max(a[j * p + j], 1e-300)))
                throw new ArgumentException($"the model is singular: term '{names[j]}' is a linear combination of the terms before it (or constant), so its coefficient is not identified (R gives NA). Remove the term or merge its categories.");
            l[j * p + j] = Math.Sqrt(s);
            for (var i = j + 1; i < p; i++)
            {
                double t = a[i * p + j];
                for (var k = 0; k < j; k++) t -= l[i * p + k] * l[j * p + k];
                l[i * p + j] = t / l[j * p + j];
            }
        }
        return l;
    }

    private static double[] Solve(double[] a, double[] b, int p, List<string> names)
    {
        var l = Cholesky(a, p, names);
        var z = new double[p];
        for (var i = 0; i < p; i++) { var s = b[i]; for (var k = 0; k < i; k++) s -= l[i * p + k] * z[k]; z[i] = s / l[i * p + i]; }
        var x = new double[p];
        for (var i = p - 1; i >= 0; i--) { var s = z[i]; for (var k = i + 1; k < p; k++) s -= l[k * p + i] * x[k]; x[i] = s / l[i * p + i]; }
        return x;
    }

    private static double[] Inverse(double[] a, int p, List<string> names)
    {
        var inv = new double[p * p];
        for (var j = 0; j < p; j++)
        {
            var e = new double[p]; e[j] = 1;
            var col = Solve(a, e, p, names);
            for (var i = 0; i < p; i++) inv[i * p + j] = col[i];
        }
        return inv;
    }
}
