using System.Globalization;
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
/// <remarks>Binder (1983); Lumley (2010), Complex Surveys, chapter 5. Formulas are main effects only:
/// <c>y ~ a + b + c</c>; a column whose values are all numbers is a numeric covariate, any other (or one written
/// <c>factor(col)</c>) a factor with treatment contrasts against its first level in ordinal order.</remarks>
public static class SurveyRegression
{
    /// <summary>The columns a formula uses: the response, then each term (without <c>factor( )</c>).</summary>
    /// <exception cref="ArgumentException">The formula is not of the form <c>y ~ a + b</c>.</exception>
    public static (string Response, IReadOnlyList<(string Column, bool Factor)> Terms) ParseFormula(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var parts = formula.Split('~');
        if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
            throw new ArgumentException($"the formula '{formula}' is not of the form 'y ~ a + b'; give the response, a tilde and the terms separated by +.");
        var terms = new List<(string, bool)>();
        foreach (var raw in parts[1].Split('+'))
        {
            var t = raw.Trim();
            if (t is "1" or "") continue;
            if (t.Contains(':') || t.Contains('*') || t.Contains('(') && !t.StartsWith("factor(", StringComparison.Ordinal))
                throw new ArgumentException($"the term '{t}' of '{formula}' is not supported; use main effects only: column names, or factor(column) for a numeric column taken as categories.");
            var factor = t.StartsWith("factor(", StringComparison.Ordinal);
            var name = factor ? t["factor(".Length..].TrimEnd(')').Trim() : t;
            if (terms.Any(x => x.Item1 == name)) throw new ArgumentException($"the term '{name}' appears twice in '{formula}'; give each once.");
            terms.Add((name, factor));
        }
        return (parts[0].Trim(), terms);
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
        var (response, terms) = ParseFormula(formula);
        var frame = sample.Frame;
        var d = sample.Staged;
        if (!frame.Numbers.ContainsKey(response))
            throw new DataValidationException(new DataError(frame.SourceName, 1, 0, $"the formula '{formula}' names response {frame.Unknown(response, "").Replace("column", "column", StringComparison.Ordinal)}"));
        var y = frame.Number(response);
        var names = new List<string> { "(Intercept)" };
        var builders = new List<Func<int, double>>();
        var missing = new bool[frame.Rows];
        for (var i = 0; i < frame.Rows; i++) missing[i] = double.IsNaN(y[i]);
        foreach (var (column, factor) in terms)
        {
            if (!frame.Labels.TryGetValue(column, out var lab))
            {
                if (frame.Numbers.TryGetValue(column, out var numbers) && !factor)
                {
                    for (var i = 0; i < frame.Rows; i++) missing[i] |= double.IsNaN(numbers[i]);
                    names.Add(column); builders.Add(i => numbers[i]);
                    continue;
                }
                throw new DataValidationException(new DataError(frame.SourceName, 1, 0, $"the formula '{formula}' names {frame.Unknown(column, "")}"));
            }
            var (codes, levels) = lab;
            for (var i = 0; i < frame.Rows; i++) missing[i] |= codes[i] < 0;
            var numeric = !factor && levels.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (numeric)
            {
                var values = levels.Select(l => double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
                names.Add(column); builders.Add(i => values[codes[i]]);
                continue;
            }
            var used = new bool[levels.Length];
            for (var i = 0; i < frame.Rows; i++) if (codes[i] >= 0) used[codes[i]] = true;
            var order = Enumerable.Range(0, levels.Length).Where(k => used[k])
                .OrderBy(k => factor && double.TryParse(levels[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .ThenBy(k => levels[k], StringComparer.Ordinal).ToArray();
            foreach (var k in order.Skip(1))
            {
                var level1 = k;
                names.Add((factor ? $"factor({column})" : column) + levels[k]); builders.Add(i => codes[i] == level1 ? 1.0 : 0.0);
            }
        }
        var rows = Enumerable.Range(0, frame.Rows).Where(i => !missing[i]).ToArray();
        var n = rows.Length;
        var p = names.Count;
        var x = new double[n * p];
        for (var k = 0; k < n; k++) x[k * p] = 1;
        for (var j = 1; j < p; j++)
        {
            var build = builders[j - 1];
            for (var k = 0; k < n; k++) x[k * p + j] = build(rows[k]);
        }
        var yy = rows.Select(i => y[i]).ToArray();
        if (family == GlmFamily.Binomial)
            for (var k = 0; k < n; k++)
                if (yy[k] is < 0 or > 1)
                    throw new DataValidationException(new DataError[] { frame.Error(rows[k], response,
                        $"response '{response}' is {yy[k].ToString("R", CultureInfo.InvariantCulture)}; a binomial (logistic) model needs values in [0, 1], usually 0/1. Recode the response or use --family gaussian.") });
        var w = rows.Select(i => d.W[i]).ToArray();
        var meanW = w.Average();
        var prior = w.Select(v => v / meanW).ToArray();
        var fit = Irls(x, yy, prior, n, p, family, names, null);

        // Design-based variance of the coefficients.
        var se = new double[p];
        if (d.IsReplicate)
        {
            var thetas = new double[p][];
            for (var j = 0; j < p; j++) thetas[j] = new double[d.Rep!.Length];
            for (var r = 0; r < d.Rep!.Length; r++)
            {
                var rw = rows.Select(i => d.Rep[r][i] / meanW).ToArray();
                var fr = Irls(x, yy, rw, n, p, family, names, fit.Beta);
                for (var j = 0; j < p; j++) thetas[j][r] = fr.Beta[j];
            }
            for (var j = 0; j < p; j++) se[j] = Math.Sqrt(StagedVariance.ReplicateVariance(thetas[j], d.RepScale, d.Rscales));
        }
        else
        {
            var sv = new StagedVariance(d);
            var scores = new double[p][];
            for (var j = 0; j < p; j++) scores[j] = new double[n];
            for (var k = 0; k < n; k++)
            {
                var row = k * p;
                var e = fit.Estfun[k];
                for (var j = 0; j < p; j++)
                {
                    double s = 0;
                    for (var m = 0; m < p; m++) s += x[row + m] * fit.Ainv[m * p + j];
                    scores[j][k] = s * e;
                }
            }
            for (var j = 0; j < p; j++) se[j] = Math.Sqrt(sv.Variance(rows, scores[j]));
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

    private sealed record Fit(double[] Beta, double[] Mu, double[] Ainv, double[] Estfun, int Iterations);

    /// <summary>R glm.fit's IRLS: start μ = (w y + 0.5)/(w + 1) (binomial) or y (gaussian); stop when
    /// |dev - dev_old|/(|dev| + 0.1) &lt; 1e-8; at most 25 iterations.</summary>
    private static Fit Irls(double[] x, double[] y, double[] prior, int n, int p, GlmFamily family, List<string> names, double[]? start)
    {
        var bin = family == GlmFamily.Binomial;
        var eta = new double[n];
        var mu = new double[n];
        if (start is not null)
            for (var k = 0; k < n; k++) { double e = 0; for (var j = 0; j < p; j++) e += x[k * p + j] * start[j]; eta[k] = e; mu[k] = bin ? 1 / (1 + Math.Exp(-e)) : e; }
        else
            for (var k = 0; k < n; k++)
            {
                mu[k] = bin ? (prior[k] * y[k] + 0.5) / (prior[k] + 1) : y[k];
                eta[k] = bin ? Math.Log(mu[k] / (1 - mu[k])) : mu[k];
            }
        double Deviance()
        {
            double dev = 0;
            for (var k = 0; k < n; k++)
            {
                if (!bin) { dev += prior[k] * (y[k] - mu[k]) * (y[k] - mu[k]); continue; }
                double a = y[k] > 0 ? y[k] * Math.Log(y[k] / mu[k]) : 0, b = y[k] < 1 ? (1 - y[k]) * Math.Log((1 - y[k]) / (1 - mu[k])) : 0;
                dev += 2 * prior[k] * (a + b);
            }
            return dev;
        }
        var devOld = Deviance();
        var beta = new double[p];
        var xtwx = new double[p * p];
        var xtwz = new double[p];
        var ww = new double[n];
        var iter = 0;
        var converged = false;
        for (iter = 1; iter <= 25; iter++)
        {
            Array.Clear(xtwx); Array.Clear(xtwz);
            for (var k = 0; k < n; k++)
            {
                var me = bin ? mu[k] * (1 - mu[k]) : 1;
                var z = eta[k] + (y[k] - mu[k]) / me;
                var wk = prior[k] * me; // prior · μ'² / V(μ)
                ww[k] = wk;
                var row = k * p;
                for (var a = 0; a < p; a++)
                {
                    var xa = x[row + a] * wk;
                    xtwz[a] += xa * z;
                    for (var b = 0; b <= a; b++) xtwx[a * p + b] += xa * x[row + b];
                }
            }
            for (var a = 0; a < p; a++) for (var b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b];
            beta = Solve(xtwx, xtwz, p, names);
            for (var k = 0; k < n; k++)
            {
                double e = 0;
                for (var j = 0; j < p; j++) e += x[k * p + j] * beta[j];
                eta[k] = e; mu[k] = bin ? 1 / (1 + Math.Exp(-e)) : e;
            }
            var dev = Deviance();
            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < 1e-8) { converged = true; break; }
            devOld = dev;
        }
        if (!converged)
            throw new ArgumentException("the regression did not converge in 25 iterations (R glm.fit's limit); a category may predict the outcome perfectly. Merge sparse categories or remove the term.");
        // The working weights and residuals at the last fit, as R's glm object holds them (from the last IRLS step),
        // and (X'WX)^-1 at those weights: estfun = x · ww · (y - μ)/μ' with μ from the final coefficients.
        // xtwx still holds X'WX at the last iteration's working weights.
        var estfun = new double[n];
        var ainv = Inverse(xtwx, p, names);
        // R: resid(g, "working") = (y - μ)/μ'(η) with the final μ; g$weights are the working weights of the last
        // iteration (computed from the μ before it).
        for (var k = 0; k < n; k++)
        {
            var me = bin ? mu[k] * (1 - mu[k]) : 1;
            estfun[k] = ww[k] * (y[k] - mu[k]) / me;
        }
        return new Fit(beta, mu, ainv, estfun, iter);
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
