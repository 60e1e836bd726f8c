using System.Globalization;
using Workbench.Data;
using static Workbench.Statistics.Quantiles;

namespace Workbench.Statistics;

/// <summary>
/// Design-based means, totals, ratios and contrasts of domains, equal to R survey 4.1-1 <c>svymean</c>,
/// <c>svytotal</c>, <c>svyratio</c>, <c>svyby</c> and <c>svycontrast</c> on a <see cref="SurveySample"/>
/// (Taylor linearisation over strata and the clusters of every stage with finite population corrections, or
/// replicate weights).
/// <code>
/// var sample = SurveySample.ReadCsv("survey.csv", new SurveyDesign("weight", "stratum", "cluster"), ["physical_sv"], ["sex"]);
/// var number = SurveyEstimators.Total(sample, "physical_sv", new SurveyOptions { By = ["sex"] });
/// var girlsMinusBoys = SurveyEstimators.Contrast(sample, SurveyStatistic.Mean, "physical_sv", "F", "M", new SurveyOptions { By = ["sex"] });
/// </code>
/// </summary>
/// <remarks>
/// A respondent whose variable is missing is left out of the estimate, as R with <c>na.rm = TRUE</c>; domains are
/// analysed on the full design (R <c>svyby</c>: a cluster without domain members counts as zero). The interval is
/// estimate ± qt(1 - (1 - level)/2, df)·SE with the domain's df (R <c>confint(est, df = degf(subset))</c>; R's
/// <c>confint</c> default is the normal quantile, df = Inf). Lumley (2010), Complex Surveys, chapters 2-3;
/// Wolter (2007) for the replicate variance.
/// </remarks>
public static partial class SurveyEstimators
{
    /// <summary>The weighted mean of <paramref name="variable"/> (a proportion for 0/1), by the grouping columns of <paramref name="options"/>.</summary>
    /// <param name="sample">The data and design.</param>
    /// <param name="variable">A numeric column.</param>
    /// <param name="options">Grouping columns and level (default: whole sample, 0.95).</param>
    public static IReadOnlyList<SurveyDomainEstimate> Mean(SurveySample sample, string variable, SurveyOptions? options = null) =>
        Run(sample, SurveyStatistic.Mean, variable, null, options ?? new SurveyOptions()).Select(r => r.Estimate).ToArray();

    /// <summary>The weighted total of <paramref name="variable"/> (the number of people for 0/1), by domain.</summary>
    /// <param name="sample">The data and design.</param>
    /// <param name="variable">A numeric column.</param>
    /// <param name="options">Grouping columns and level (default: whole sample, 0.95).</param>
    public static IReadOnlyList<SurveyDomainEstimate> Total(SurveySample sample, string variable, SurveyOptions? options = null) =>
        Run(sample, SurveyStatistic.Total, variable, null, options ?? new SurveyOptions()).Select(r => r.Estimate).ToArray();

    /// <summary>The ratio of the totals of <paramref name="numerator"/> and <paramref name="denominator"/>, by domain (R <c>svyratio</c>).</summary>
    /// <param name="sample">The data and design.</param>
    /// <param name="numerator">A numeric column.</param>
    /// <param name="denominator">A numeric column; a respondent missing either is left out.</param>
    /// <param name="options">Grouping columns and level (default: whole sample, 0.95).</param>
    public static IReadOnlyList<SurveyDomainEstimate> Ratio(SurveySample sample, string numerator, string denominator, SurveyOptions? options = null) =>
        Run(sample, SurveyStatistic.Ratio, numerator, denominator, options ?? new SurveyOptions()).Select(r => r.Estimate).ToArray();

    /// <summary>
    /// The difference and the ratio of the estimates in domains <paramref name="first"/> and <paramref name="second"/>
    /// (labels as <see cref="SurveyDomainEstimate.Label"/>, e.g. "F" or, with two grouping columns, "F.18"), with
    /// standard errors from the joint linearisation of both (R <c>svycontrast(svyby(..., covmat = TRUE), quote(a - b))</c>
    /// and <c>quote(a / b)</c>, the ratio by the delta method), t-intervals and two-sided p-values on the design's df.
    /// Two survey waves stacked in one file are two domains of a grouping column such as "wave".
    /// </summary>
    /// <param name="sample">The data and design.</param>
    /// <param name="statistic">Mean (default use), total or ratio.</param>
    /// <param name="variable">The numeric column (numerator of a ratio).</param>
    /// <param name="first">Domain a.</param>
    /// <param name="second">Domain b.</param>
    /// <param name="options">Grouping columns (required) and level.</param>
    /// <param name="denominator">Denominator column for <see cref="SurveyStatistic.Ratio"/>.</param>
    /// <exception cref="ArgumentException">No grouping column, or a domain that is not in the data.</exception>
    public static SurveyContrast Contrast(SurveySample sample, SurveyStatistic statistic, string variable, string first, string second,
        SurveyOptions options, string? denominator = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.By.Count == 0)
            throw new ArgumentException("a contrast compares two domains; give the grouping column, e.g. By = [\"sex\"] (--by sex) and the two levels (--levels F,M).");
        if (statistic == SurveyStatistic.Quantile)
            throw new ArgumentException("a contrast compares means, totals or ratios of two domains (--of mean|total|ratio); quantiles have no contrast here.");
        if (first == second) throw new ArgumentException($"the two domains of a contrast are both '{first}'; give two different levels, e.g. --levels F,M.");
        if (statistic == SurveyStatistic.Ratio && denominator is null) throw new ArgumentException("a contrast of ratios needs the denominator column (--denominator).");
        var rows = Run(sample, statistic, variable, statistic == SurveyStatistic.Ratio ? denominator : null, options, keepScores: true);
        DomainRun Find(string label) => rows.FirstOrDefault(r => r.Estimate.Label == label)
            ?? throw new ArgumentException($"domain '{label}' is not in the data; the domains of {string.Join(" x ", options.By)} are: {string.Join(", ", rows.Select(r => r.Estimate.Label))}.");
        var a = Find(first);
        var b = Find(second);
        var d = sample.Staged;
        var df = d.Df;
        var level = options.Level;
        var kind = statistic == SurveyStatistic.Total ? EstimateKind.Count : EstimateKind.Proportion;
        double Var(double ga, double gb)
        {
            if (d.IsReplicate)
            {
                var th = new double[a.Thetas!.Length];
                for (var r = 0; r < th.Length; r++) th[r] = ga * a.Thetas[r] + gb * b.Thetas![r];
                return StagedVariance.ReplicateVariance(th, d.RepScale, d.Rscales);
            }
            var all = a.Rows.Concat(b.Rows).ToArray();
            var x = a.Scores!.Select(s => ga * s).Concat(b.Scores!.Select(s => gb * s)).ToArray();
            return new StagedVariance(d).Variance(all, x);
        }
        ContrastPart Part(double est, double variance, double nullValue, EstimateKind k)
        {
            var se = Math.Sqrt(variance);
            var t = df > 0 ? -Qt((1 - level) / 2, df) : -Qnorm((1 - level) / 2);
            var stat = (est - nullValue) / se;
            var p = df > 0 ? 2 * Pt(-Math.Abs(stat), df) : 2 * Pnorm(-Math.Abs(stat));
            return new ContrastPart(est, se, est - t * se, est + t * se, level, df, stat, p, k);
        }
        if (a.Estimate.StdError is null || b.Estimate.StdError is null)
            throw new ArgumentException($"the standard error of domain '{(a.Estimate.StdError is null ? first : second)}' is undefined (see its note), so the contrast has none; choose another --lonely-psu rule or merge strata.");
        var ea = a.Estimate.Estimate; var eb = b.Estimate.Estimate;
        var diff = Part(ea - eb, Var(1, -1), 0, kind);
        ContrastPart? ratio = eb == 0 ? null : Part(ea / eb, Var(1 / eb, -ea / (eb * eb)), 1, EstimateKind.Count);
        return new SurveyContrast(first, second, a.Estimate, b.Estimate, diff, ratio);
    }

    private sealed record DomainRun(SurveyDomainEstimate Estimate, int[] Rows, double[]? Scores, double[]? Thetas);

    private static List<DomainRun> Run(SurveySample sample, SurveyStatistic statistic, string variable, string? denominator, SurveyOptions options, bool keepScores = false)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var frame = sample.Frame;
        if (!frame.Numbers.ContainsKey(variable))
            throw new DataValidationException(new DataError(frame.SourceName, 1, 0, frame.Unknown(variable, "numeric ")));
        var y = frame.Number(variable);
        var x = denominator is null ? null : frame.Number(denominator);
        var domains = Domains(frame, options.By);
        var d = sample.Staged;
        var sv = d.IsReplicate ? null : new StagedVariance(d);
        var thetas = d.IsReplicate ? ReplicateEstimates(d, statistic, y, x, domains) : null;
        return domains.Select((dm, k) => One(d, sv, statistic, y, x, dm.Key, dm.Rows, options.Level, keepScores, thetas?[k])).ToList();
    }

    /// <summary>Each domain's estimate under every replicate weight, in one pass over the rows per replicate (so
    /// that each replicate column is read once, in order, whatever the number of domains).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double[][] ReplicateEstimates(StagedDesign d, SurveyStatistic statistic, double[] y, double[]? x,
        List<(IReadOnlyDictionary<string, string> Key, int[] Rows)> domains)
    {
        var n = d.Rows;
        var domainOf = new int[n];
        Array.Fill(domainOf, -1);
        for (var k = 0; k < domains.Count; k++)
            foreach (var i in domains[k].Rows)
                if (!double.IsNaN(y[i]) && (x is null || !double.IsNaN(x[i]))) domainOf[i] = k;
        var reps = d.Rep!.Length;
        var m = domains.Count;
        // One pass over the rows in blocks: each block's domain codes and values stay in cache while every replicate
        // column passes over them; sums per replicate and domain.
        var sa = new double[reps * m];
        var sb = new double[reps * m];
        var den = statistic == SurveyStatistic.Ratio ? x! : null;
        const int block = 4096;
        for (var start = 0; start < n; start += block)
        {
            var end = Math.Min(n, start + block);
            for (var r = 0; r < reps; r++)
            {
                var rw = d.Rep[r];
                var a = sa.AsSpan(r * m, m);
                var b = sb.AsSpan(r * m, m);
                if (den is null)
                    for (var i = start; i < end; i++)
                    {
                        var k = domainOf[i];
                        if (k < 0) continue;
                        a[k] += rw[i] * y[i];
                        b[k] += rw[i];
                    }
                else
                    for (var i = start; i < end; i++)
                    {
                        var k = domainOf[i];
                        if (k < 0) continue;
                        a[k] += rw[i] * y[i];
                        b[k] += rw[i] * den[i];
                    }
            }
        }
        var result = new double[m][];
        for (var k = 0; k < m; k++)
        {
            result[k] = new double[reps];
            for (var r = 0; r < reps; r++) result[k][r] = statistic == SurveyStatistic.Total ? sa[r * m + k] : sa[r * m + k] / sb[r * m + k];
        }
        return result;
    }

    /// <summary>The present combinations of the grouping columns, each column's levels in numeric order when all are
    /// numbers and ordinal otherwise, the first column varying slowest; rows with a missing value are in none.</summary>
    internal static List<(IReadOnlyDictionary<string, string> Key, int[] Rows)> Domains(SurveyFrame frame, IReadOnlyList<string> by)
    {
        var n = frame.Rows;
        if (by.Count == 0)
        {
            var all = new int[n];
            for (var i = 0; i < n; i++) all[i] = i;
            return [(new Dictionary<string, string>(), all)];
        }
        var cols = by.Select(frame.Label).ToArray();
        var rank = cols.Select(c => Rank(c.Levels)).ToArray();
        var radix = cols.Select(c => (long)c.Levels.Length + 1).ToArray();
        var space = radix.Aggregate(1L, (acc, r) => acc > 1 << 22 ? acc : acc * r);
        if (space <= 1 << 22) return DenseDomains(cols, rank, radix, (int)space, by, n);
        var groups = new Dictionary<long, List<int>>();
        for (var i = 0; i < n; i++)
        {
            long key = 0;
            var skip = false;
            for (var j = 0; j < cols.Length; j++)
            {
                var c = cols[j].Codes[i];
                if (c < 0) { skip = true; break; }
                key = key * radix[j] + rank[j][c];
            }
            if (skip) continue;
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(i);
        }
        var result = new List<(IReadOnlyDictionary<string, string>, int[])>();
        foreach (var (key, list) in groups.OrderBy(g => g.Key))
        {
            var rowIndex = list[0];
            var dict = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var j = 0; j < cols.Length; j++) dict[by[j]] = cols[j].Levels[cols[j].Codes[rowIndex]];
            result.Add((new OrderedLabels(by, dict), list.ToArray()));
        }
        return result;
    }

    /// <summary><see cref="Domains"/> by a counting sort when the combinations of codes are few (the usual case):
    /// the same domains, in the same order, with their rows in row order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static List<(IReadOnlyDictionary<string, string> Key, int[] Rows)> DenseDomains((int[] Codes, string[] Levels)[] cols, int[][] rank,
        long[] radix, int space, IReadOnlyList<string> by, int n)
    {
        var key = new int[n];
        var count = new int[space + 1];
        for (var i = 0; i < n; i++)
        {
            var k = 0;
            for (var j = 0; j < cols.Length; j++)
            {
                var c = cols[j].Codes[i];
                if (c < 0) { k = -1; break; }
                k = k * (int)radix[j] + rank[j][c];
            }
            key[i] = k;
            if (k >= 0) count[k + 1]++;
        }
        for (var k = 0; k < space; k++) count[k + 1] += count[k];
        var order = new int[count[space]];
        var fill = (int[])count.Clone();
        for (var i = 0; i < n; i++) if (key[i] >= 0) order[fill[key[i]]++] = i;
        var result = new List<(IReadOnlyDictionary<string, string>, int[])>();
        for (var k = 0; k < space; k++)
        {
            if (count[k + 1] == count[k]) continue;
            var rows = order.AsSpan(count[k], count[k + 1] - count[k]).ToArray();
            var dict = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var j = 0; j < cols.Length; j++) dict[by[j]] = cols[j].Levels[cols[j].Codes[rows[0]]];
            result.Add((new OrderedLabels(by, dict), rows));
        }
        return result;
    }

    private static int[] Rank(string[] levels)
    {
        var numeric = levels.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var order = Enumerable.Range(0, levels.Length).ToArray();
        var sorted = numeric
            ? order.OrderBy(k => double.Parse(levels[k], NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(k => levels[k], StringComparer.Ordinal).ToArray()
            : order.OrderBy(k => levels[k], StringComparer.Ordinal).ToArray();
        var rank = new int[levels.Length];
        for (var r = 0; r < sorted.Length; r++) rank[sorted[r]] = r;
        return rank;
    }

    private static DomainRun One(StagedDesign d, StagedVariance? sv, SurveyStatistic statistic, double[] y, double[]? x,
        IReadOnlyDictionary<string, string> key, int[] domainRows, double level, bool keepScores, double[]? replicateThetas)
    {
        var w = d.W;
        var rows = domainRows.Where(i => !double.IsNaN(y[i]) && (x is null || !double.IsNaN(x[i]))).ToArray();
        var n = rows.Length;
        if (n == 0)
            return new DomainRun(new SurveyDomainEstimate(key, statistic, 0, 0, null, 0, 0, level, 0, null, 0,
                "no respondent in this domain has a value of the variable: the estimate is undefined and reported as 0 without a standard error"), rows, [], d.IsReplicate ? new double[d.Rep!.Length] : null);
        double sw = 0, a = 0, b = 0;
        foreach (var i in rows) { sw += w[i]; a += w[i] * y[i]; if (x is not null) b += w[i] * x[i]; }
        if (statistic == SurveyStatistic.Mean) b = sw;
        if (statistic == SurveyStatistic.Ratio && b == 0)
            throw new ArgumentException($"the weighted total of the denominator is 0 in domain '{(key.Count == 0 ? "all" : string.Join(".", key.Values))}', so the ratio is undefined; choose a denominator that is not zero throughout the domain.");
        var theta = statistic == SurveyStatistic.Total ? a : a / b;

        // Linearised scores (R: x/prob for a total, the centred x weighted by 1/Σw for a mean, (y - R x)/Σwx for a ratio).
        var score = new double[n];
        for (var k = 0; k < n; k++)
        {
            var i = rows[k];
            score[k] = statistic switch
            {
                SurveyStatistic.Total => w[i] * y[i],
                SurveyStatistic.Mean => w[i] * (y[i] - theta) / sw,
                _ => w[i] * (y[i] - theta * x![i]) / b,
            };
        }
        double variance;
        int df;
        double[]? thetas = null;
        if (d.IsReplicate)
        {
            thetas = replicateThetas!;
            variance = StagedVariance.ReplicateVariance(thetas, d.RepScale, d.Rscales);
            // R degf(subset(design, ...)): the rank of the domain's replicate weights minus 1.
            df = d.ReplicateRank(rows) - 1;
        }
        else
        {
            variance = sv!.Variance(rows, score);
            df = sv.Df;
        }

        // Design effect, R deff = "replace": V over the variance under simple random sampling with replacement.
        double? deff = null;
        if (n > 1 && !double.IsNaN(variance))
        {
            double centre = statistic switch { SurveyStatistic.Total => a / sw, SurveyStatistic.Mean => theta, _ => 0 };
            double ss = 0;
            for (var k = 0; k < n; k++)
            {
                var i = rows[k];
                var v = statistic == SurveyStatistic.Ratio ? (y[i] - theta * x![i]) / b : y[i];
                ss += w[i] * (v - centre) * (v - centre);
            }
            var svyvar = ss / sw * n / (n - 1.0);
            var vsrs = statistic == SurveyStatistic.Mean ? svyvar / n : svyvar * sw * sw / n;
            if (vsrs > 0) deff = variance / vsrs;
        }

        string? note = null;
        double? se = double.IsNaN(variance) ? null : Math.Sqrt(variance);
        double lower, upper;
        if (se is null)
        {
            (lower, upper) = (theta, theta);
            note = "every stratum of this domain has a single cluster (PSU), so --lonely-psu average has no stratum to average over: the variance is undefined (R gives NaN); the standard error is not reported and the interval has no width. " +
                   "--lonely-psu certainty or adjust, or merging strata, gives an estimable variance";
        }
        else
        {
            double t;
            if (df > 0) t = -Qt((1 - level) / 2, df);
            else
            {
                t = -Qnorm((1 - level) / 2);
                note = "no degrees of freedom (the domain lies in one cluster per stratum): the interval uses the normal quantile (R confint's default, df = Inf)";
            }
            (lower, upper) = (theta - t * se.Value, theta + t * se.Value);
        }
        var est = new SurveyDomainEstimate(key, statistic, n, theta, se, lower, upper, level, df, deff, sw, note);
        return new DomainRun(est, rows, keepScores ? score : null, thetas);
    }

    /// <summary>A read-only dictionary that keeps the grouping columns in the order given.</summary>
    private sealed class OrderedLabels(IReadOnlyList<string> order, Dictionary<string, string> values) : IReadOnlyDictionary<string, string>
    {
        public string this[string key] => values[key];
        public IEnumerable<string> Keys => order;
        public IEnumerable<string> Values => order.Select(k => values[k]);
        public int Count => order.Count;
        public bool ContainsKey(string key) => values.ContainsKey(key);
        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) => values.TryGetValue(key, out value);
        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => order.Select(k => new KeyValuePair<string, string>(k, values[k])).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
