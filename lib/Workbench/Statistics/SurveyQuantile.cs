using System.Globalization;
using Workbench.Data;
using static Workbench.Statistics.Quantiles;

namespace Workbench.Statistics;

public static partial class SurveyEstimators
{
    /// <summary>
    /// Quantiles of <paramref name="variable"/> by domain with Woodruff's interval, equal to R survey 4.1-1
    /// <c>svyquantile(~variable, design, quantiles, alpha = 1 - level, ci = TRUE, na.rm = TRUE)</c> with its defaults
    /// <c>qrule = "math"</c> and <c>interval.type = "mean"</c>, on linearised, calibrated and replicate designs. One row per
    /// domain and probability (domains in the order of <see cref="Mean"/>, probabilities as given), with
    /// <see cref="SurveyDomainEstimate.Probability"/> set.
    /// </summary>
    /// <remarks>
    /// <para>Estimate (R <c>qrule_math</c>): sort the domain's values, accumulate their sampling weights C_k (exactly, as R's
    /// extended-precision <c>cumsum</c>), S = Σw; pos is the last k with C_k ≤ p·S (the first value when there is none);
    /// the quantile is x_pos when C_pos/S equals p exactly, otherwise the next value x_pos+1. Below the first value's
    /// share this gives the second smallest value, as R does.</para>
    /// <para>Interval (Woodruff 1952; R <c>woodruffCI(method = "mean")</c>): the domain's proportion p̂ of values ≤ the
    /// quantile, with its design-based standard error (the same linearisation, calibration or replicate variance as
    /// <see cref="Mean"/>), gives p̂ ± t·SE with t = qt(1 - (1 - level)/2, df) on the domain's df; the bounds are the
    /// same rule applied at those two probabilities. SE = (upper - lower) / (2t), as R reports it.</para>
    /// <para>Conventions where R gives NaN: a proportion bound below 0 (above 1) makes the quantile's bound the
    /// smallest (largest) value of the domain, and the standard error is not reported; the row's note says so.
    /// With no degrees of freedom the normal quantile is used, as for the other estimators.</para>
    /// </remarks>
    /// <param name="sample">The data and design.</param>
    /// <param name="variable">A numeric column; respondents missing it are left out (R <c>na.rm = TRUE</c>).</param>
    /// <param name="quantiles">Probabilities strictly between 0 and 1, e.g. [0.5, 0.9].</param>
    /// <param name="options">Grouping columns and level (default: whole sample, 0.95).</param>
    /// <exception cref="ArgumentException">No probability, or one outside (0, 1).</exception>
    /// <exception cref="DataValidationException">The variable is not a numeric column of the data.</exception>
    public static IReadOnlyList<SurveyDomainEstimate> Quantile(SurveySample sample, string variable, IReadOnlyList<double> quantiles, SurveyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(quantiles);
        CheckProbabilities(quantiles);
        options ??= new SurveyOptions();
        var frame = sample.Frame;
        if (!frame.Numbers.ContainsKey(variable))
            throw new DataValidationException(new DataError(frame.SourceName, 1, 0, frame.Unknown(variable, "numeric ")));
        var y = frame.Number(variable);
        var d = sample.Staged;
        var sv = d.IsReplicate ? null : new StagedVariance(d);
        var level = options.Level;
        var indicator = new double[d.Rows];
        var result = new List<SurveyDomainEstimate>();
        foreach (var (key, domainRows) in Domains(frame, options.By))
        {
            var rows = domainRows.Where(i => !double.IsNaN(y[i])).ToArray();
            if (rows.Length == 0)
            {
                foreach (var p in quantiles)
                    result.Add(new SurveyDomainEstimate(key, SurveyStatistic.Quantile, 0, 0, null, 0, 0, level, 0, null, 0,
                        "no respondent in this domain has a value of the variable: the quantile is undefined and reported as 0 without a standard error") { Probability = p });
                continue;
            }
            var sorted = rows.OrderBy(i => y[i]).ToArray();
            var x = sorted.Select(i => y[i]).ToArray();
            var cum = CumulativeWeights(sorted, d.W);
            var total = cum[^1];
            foreach (var p in quantiles)
            {
                var qhat = Rule(x, cum, total, p);
                foreach (var i in rows) indicator[i] = y[i] <= qhat ? 1 : 0;
                var thetas = d.IsReplicate ? ReplicateMeans(d, rows, indicator) : null;
                var m = One(d, sv, SurveyStatistic.Mean, indicator, null, key, rows, level, false, thetas).Estimate;
                result.Add(Woodruff(m, qhat, p, x, cum, total, level) with { Probability = p });
            }
        }
        return result;
    }

    /// <summary>Rejects an empty list or a probability outside (0, 1) with the fix.</summary>
    internal static void CheckProbabilities(IReadOnlyList<double> quantiles)
    {
        if (quantiles.Count == 0) throw new ArgumentException("give at least one quantile, e.g. 0.5 for the median (--quantile 0.5,0.9).");
        foreach (var p in quantiles)
            if (!(p is > 0 and < 1))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"the quantile {p} is not strictly between 0 and 1; give probabilities such as 0.5 for the median or 0.9 for the 90th percentile (not percentages)."));
    }

    private static SurveyDomainEstimate Woodruff(SurveyDomainEstimate m, double qhat, double p, double[] x, double[] cum, double total, double level)
    {
        var df = m.Df;
        var note = m.Note;
        if (m.StdError is not { } se)
            return m with { Statistic = SurveyStatistic.Quantile, Estimate = qhat, Lower = qhat, Upper = qhat, StdError = null, DesignEffect = null,
                Note = "the variance of the proportion below the quantile is undefined (see --lonely-psu), so the interval has no width and the standard error is not reported" };
        var alpha = 1 - level;
        double tLow, tHigh, crit;
        if (df > 0) { tLow = Qt(alpha / 2, df); tHigh = Qt(1 - alpha / 2, df); crit = tHigh; }
        else { tLow = Qnorm(alpha / 2); tHigh = Qnorm(1 - alpha / 2); crit = tHigh; }
        // R tconfint: coef + SE %o% qt(c(a, 1 - a), df).
        var pl = m.Estimate + se * tLow;
        var pu = m.Estimate + se * tHigh;
        double? seq = null;
        double lower, upper;
        var notes = new List<string>();
        if (note is not null && df <= 0) notes.Add("no degrees of freedom (the domain lies in one cluster per stratum): the interval uses the normal quantile (R gives NaN)");
        if (pl < 0) { lower = x[0]; notes.Add("the proportion's lower bound is below 0 (R gives NaN): the lower bound is the smallest value in the domain and the standard error is not reported"); }
        else lower = Rule(x, cum, total, pl);
        if (pu > 1) { upper = x[^1]; notes.Add("the proportion's upper bound is above 1 (R gives NaN): the upper bound is the largest value in the domain and the standard error is not reported"); }
        else upper = Rule(x, cum, total, pu);
        if (!(pl < 0) && !(pu > 1)) seq = (upper - lower) / (2 * crit);
        return m with
        {
            Statistic = SurveyStatistic.Quantile, Estimate = qhat, StdError = seq, Lower = lower, Upper = upper, DesignEffect = null,
            Note = notes.Count == 0 ? null : string.Join("; ", notes),
        };
    }

    /// <summary>R <c>qrule_math</c> on sorted values with cumulative weights.</summary>
    private static double Rule(double[] x, double[] cum, double total, double p)
    {
        var target = p * total;
        // Last k with cum[k] <= p·S (cum is increasing: weights are positive).
        int lo = 0, hi = cum.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (cum[mid] <= target) lo = mid + 1; else hi = mid; }
        var pos = Math.Max(lo - 1, 0);
        var next = pos == x.Length - 1 ? pos : pos + 1;
        return p - cum[pos] / total == 0 ? x[pos] : x[next];
    }

    /// <summary>Cumulative sums rounded from a compensated (double-double) running sum, so that they equal R's
    /// extended-precision <c>cumsum</c> whenever that is exact (and the last one R's <c>sum</c>).</summary>
    private static double[] CumulativeWeights(int[] rows, double[] w)
    {
        var cum = new double[rows.Length];
        double s = 0, c = 0;
        for (var k = 0; k < rows.Length; k++)
        {
            var v = w[rows[k]];
            var t = s + v;
            c += Math.Abs(s) >= Math.Abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
            cum[k] = s + c;
        }
        return cum;
    }

    /// <summary>The domain's mean of <paramref name="y"/> under each replicate weight.</summary>
    private static double[] ReplicateMeans(StagedDesign d, int[] rows, double[] y)
    {
        var thetas = new double[d.Rep!.Length];
        for (var r = 0; r < thetas.Length; r++)
        {
            var rw = d.Rep[r];
            double a = 0, b = 0;
            foreach (var i in rows) { a += rw[i] * y[i]; b += rw[i]; }
            thetas[r] = a / b;
        }
        return thetas;
    }
}
