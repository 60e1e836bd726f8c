using System.Globalization;
using Workbench.Data;

namespace Workbench.Statistics;

public static partial class Prevalence
{
    /// <summary>
    /// Prevalence of a 0/1 outcome overall (domain "all") and by the levels of <paramref name="by"/> on a
    /// replicate-weight design (R <c>svrepdesign</c> + <c>svyciprop</c>), with the same result shape and conventions as
    /// <see cref="EstimateBy(SurveyData, string?[], PrevalenceOptions?)"/>.
    /// </summary>
    /// <remarks>
    /// The variance of the proportion is the replicate variance of the domain's proportions under each replicate weight
    /// (R <c>svymean</c> on the design), which the methods mean, xlogit, asin and beta use as R <c>svyciprop</c> does;
    /// "logit" and "likelihood" use the intercept-only quasi-binomial fit (R <c>svyglm</c> on the design) whose
    /// coefficient's variance is the replicate variance of the coefficients refitted by R's IRLS from the full-sample
    /// estimate with each replicate's weights (R <c>svyglm.svyrep.design</c>). df is the rank of the domain's replicate
    /// weights minus 1 (R <c>degf</c> of the subset). "likelihood" is refused: R gives no interval for it on replicate
    /// designs.
    /// </remarks>
    /// <param name="sample">A replicate-weight sample with <paramref name="outcome"/> read as a variable and
    /// <paramref name="by"/> as a label (see <see cref="SurveySample.ReadCsv"/>).</param>
    /// <param name="outcome">The 0/1 outcome column; missing values are excluded and counted.</param>
    /// <param name="by">Domain column (default null: only the overall row).</param>
    /// <param name="options">Interval method and level (default logit, 0.95); its design is not used, the sample's is.</param>
    /// <exception cref="ArgumentException">The sample has no replicate weights, or the method is "likelihood" or needs a simple random sample.</exception>
    /// <exception cref="DataValidationException">The outcome is not 0/1, or a column is not in the data.</exception>
    public static IReadOnlyList<SurveyEstimate> EstimateBy(SurveySample sample, string outcome, string? by = null, PrevalenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        options ??= new PrevalenceOptions();
        var d = sample.Staged;
        if (!d.IsReplicate)
            throw new ArgumentException("this overload takes a replicate-weight design; for strata and clusters use EstimateBy(SurveyData, ...) (workbench prevalence without --replicate-weights).");
        var method = options.Method;
        if (method.RequiresSimpleRandomSample)
            throw new ArgumentException($"the {method.Name} interval assumes an unweighted simple random sample; use a survey method ({string.Join(", ", SurveyIntervalMethod.Names(simpleRandomSample: false))}) with replicate weights.");
        if (method == SurveyIntervalMethod.Likelihood)
            throw new ArgumentException("R survey 4.1-1 gives no likelihood interval on replicate-weight designs (svyciprop returns NA bounds); use --method logit (the default), xlogit, asin, beta or mean.");
        var frame = sample.Frame;
        if (!frame.Numbers.ContainsKey(outcome))
            throw new DataValidationException(new DataError(frame.SourceName, 1, 0, frame.Unknown(outcome, "numeric ")));
        var y = frame.Number(outcome);
        var errors = new List<DataError>();
        for (var i = 0; i < y.Length && errors.Count < 100; i++)
            if (!double.IsNaN(y[i]) && y[i] is not (0 or 1))
                errors.Add(frame.Error(i, outcome, $"outcome is {y[i].ToString("R", CultureInfo.InvariantCulture)}; expected 0 or 1 (empty or NA for missing). Recode the outcome to 0/1."));
        if (errors.Count > 0) throw new DataValidationException(errors, errors.Count >= 100);

        var all = Enumerable.Range(0, frame.Rows).ToArray();
        var results = new List<SurveyEstimate> { Replicate(d, y, "all", all, options) };
        if (by is null) return results;
        var (codes, _) = frame.Label(by);
        results[0] = results[0] with { MissingDomain = codes.Count(c => c < 0) };
        foreach (var (key, rows) in SurveyEstimators.Domains(frame, [by]))
            results.Add(Replicate(d, y, key[by], rows, options));
        return results;
    }

    private static SurveyEstimate Replicate(StagedDesign d, double[] y, string name, int[] domainRows, PrevalenceOptions options)
    {
        var method = options.Method;
        var rows = domainRows.Where(i => !double.IsNaN(y[i])).ToArray();
        var excluded = domainRows.Length - rows.Length;
        var count = rows.Length;
        if (count == 0)
            return new SurveyEstimate(name, 0, 0, excluded, 0, 0, 0, 0, 1, options.Level, 0, null, 0, method.Name,
                "empty domain: no respondent with a non-missing outcome; the estimate is undefined and reported as 0 with bounds [0, 1]");
        var w = d.W;
        double sw = 0, swy = 0, sw2 = 0;
        var events = 0;
        foreach (var i in rows)
        {
            sw += w[i]; sw2 += w[i] * w[i];
            if (y[i] == 1) { swy += w[i]; events++; }
        }
        var p = swy / sw;
        var reps = d.Rep!.Length;
        var thetas = new double[reps];
        var a = new double[reps];
        var b = new double[reps];
        for (var r = 0; r < reps; r++)
        {
            var rw = d.Rep[r];
            double s1 = 0, s = 0;
            foreach (var i in rows) { s += rw[i]; if (y[i] == 1) s1 += rw[i]; }
            thetas[r] = s1 / s;
            a[r] = s1 / s; b[r] = (s - s1) / s; // R: prior weights wi/sum(wi)
        }
        var variance = StagedVariance.ReplicateVariance(thetas, d.RepScale, d.Rscales);
        var df = d.ReplicateRank(rows) - 1;
        return DomainEstimator.Finish(name, count, events, excluded, sw, swy, sw * sw / sw2, p, variance, df, options.Level, method.Name,
            method.Design, method.Simple, () =>
            {
                var glm = SurveyGlm.Fit(w, y, rows, sw);
                var betas = new double[reps];
                for (var r = 0; r < reps; r++) betas[r] = Refit(glm.Coef, a[r], b[r]);
                return (glm, StagedVariance.ReplicateVariance(betas, d.RepScale, d.Rscales));
            });
    }

    /// <summary>R glm.fit of the intercept-only logistic model from <paramref name="start"/> with prior weights whose
    /// sums over outcome 1 and 0 are <paramref name="a"/> and <paramref name="b"/> (R's stopping rule, at most 25 iterations).</summary>
    private static double Refit(double start, double a, double b)
    {
        var n = a + b;
        double Dev(double mu) => 2 * (a * Math.Log(1 / mu) + b * Math.Log(1 / (1 - mu)));
        var coef = start;
        var mu = SurveyGlm.LinkInv(coef);
        var devOld = Dev(mu);
        for (var iter = 1; iter <= 25; iter++)
        {
            var me = SurveyGlm.MuEta(coef);
            coef += (a * (1 - mu) - b * mu) / (me * n);
            mu = SurveyGlm.LinkInv(coef);
            var dev = Dev(mu);
            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < 1e-8) break;
            devOld = dev;
        }
        return coef;
    }
}
