using System.Globalization;

namespace Workbench.Statistics;

/// <summary>Runs the estimate for the whole sample and for each domain, in one pass per domain over its rows.</summary>
internal static class DomainEstimator
{
    public static IReadOnlyList<SurveyEstimate> Run(EncodedDesign design, string?[]? by, double level, SurveyIntervalMethod method)
    {
        var methodName = method.Name;
        var svy = method.Design;
        var simple = method.Simple;
        var n = design.RowCount;
        if (by is not null && by.Length != n)
            throw new ArgumentException($"the domain column has {by.Length} entries but the outcome has {n}; give one entry per respondent.");
        var lv = new LinearisedVariance(design);
        var buffer = new int[n];
        var results = new List<SurveyEstimate>();
        var all = new int[n];
        for (var i = 0; i < n; i++) all[i] = i;
        results.Add(One(design, lv, "all", all, buffer, level, methodName, svy, simple));
        if (by is null) return results;

        var (labels, codes) = EncodeDomains(by);
        // Rows without a domain value stay in the design (and in "all") but in no domain, as R svyby drops them.
        var missing = 0;
        foreach (var c in codes) if (c < 0) missing++;
        results[0] = results[0] with { MissingDomain = missing };
        var offsets = new int[labels.Length + 1];
        foreach (var c in codes) if (c >= 0) offsets[c + 1]++;
        for (var k = 0; k < labels.Length; k++) offsets[k + 1] += offsets[k];
        var order = new int[offsets[^1]];
        var fill = (int[])offsets.Clone();
        for (var i = 0; i < n; i++) if (codes[i] >= 0) order[fill[codes[i]]++] = i;
        for (var k = 0; k < labels.Length; k++)
            results.Add(One(design, lv, labels[k], order.AsSpan(offsets[k], offsets[k + 1] - offsets[k]), buffer, level, methodName, svy, simple));
        return results;
    }

    /// <summary>Domain levels sorted numerically when all are numbers, otherwise ordinally; -1 for a missing label.</summary>
    internal static (string[] Labels, int[] Codes) EncodeDomains(string?[] by)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var raw = new int[by.Length];
        var coded = LabelCodes.TryGet(by, out var levels, out var pre);
        // Codes from the reader are dense; use them unless two byte sequences decoded to the same label.
        for (var k = 0; coded && k < levels.Length; k++) coded = index.TryAdd(levels[k], k);
        if (coded) Array.Copy(pre, raw, pre.Length);
        else index.Clear();
        if (!coded) for (var i = 0; i < by.Length; i++)
        {
            var s = by[i];
            if (s is null) { raw[i] = -1; continue; }
            if (!index.TryGetValue(s, out var c)) { c = index.Count; index.Add(s, c); }
            raw[i] = c;
        }
        var labels = index.Keys.ToArray();
        var numeric = labels.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var sorted = numeric
            ? labels.OrderBy(l => double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(l => l, StringComparer.Ordinal).ToArray()
            : labels.OrderBy(l => l, StringComparer.Ordinal).ToArray();
        var remap = new int[labels.Length];
        for (var k = 0; k < sorted.Length; k++) remap[index[sorted[k]]] = k;
        for (var i = 0; i < raw.Length; i++) if (raw[i] >= 0) raw[i] = remap[raw[i]];
        return (sorted, raw);
    }

    private static SurveyEstimate One(EncodedDesign design, LinearisedVariance lv, string name, ReadOnlySpan<int> domainRows,
        int[] buffer, double level, string methodName, Func<SvyCiProp.Context, SvyCiProp.Interval>? svy, ProportionMethod? simple)
    {
        var w = design.Weights; var y = design.Y; var psu = design.Psu;
        int count = 0, events = 0, excluded = 0;
        double sw = 0, swy = 0, sw2 = 0;
        lv.Begin();
        foreach (var r in domainRows)
        {
            var yi = y[r];
            if (double.IsNaN(yi)) { excluded++; continue; }
            buffer[count++] = r;
            var wi = w[r];
            sw += wi; sw2 += wi * wi;
            if (yi == 1) { swy += wi; events++; }
            lv.Add(psu[r], wi, yi);
        }
        if (count == 0)
            return new SurveyEstimate(name, 0, 0, excluded, 0, 0, 0, 0, 1, level, 0, null, 0, methodName,
                "empty domain: no respondent with a non-missing outcome; the estimate is undefined and reported as 0 with bounds [0, 1]");
        var p = swy / sw;
        var variance = lv.Variance(p, sw);
        var df = lv.Df;
        var kish = sw * sw / sw2;
        if (double.IsNaN(variance))
            // R: onestage() sums no stratum and scales by nstrat/0, giving NaN; svyby reports NaN for this domain only.
            return new SurveyEstimate(name, count, events, excluded, sw, p, null, 0, 1, level, df, null, kish, methodName,
                "every stratum of this domain has a single cluster (PSU), so --lonely-psu average has no stratum to average over: " +
                "the variance is undefined (R gives NaN), the standard error and design effect are not reported and the interval is [0, 1]; " +
                "--lonely-psu certainty or adjust, or merging strata, gives an estimable variance");
        return Finish(name, count, events, excluded, sw, swy, kish, p, variance, df, level, methodName, svy, simple, () =>
        {
            var span = buffer.AsSpan(0, count);
            var glm = SurveyGlm.Fit(design, span, sw);
            var me = SurveyGlm.MuEta(glm.Coef);
            return (glm, lv.Variance(glm.Mu, sw) / (me * me));
        });
    }

    /// <summary>The standard error, design effect and svyciprop interval of a domain proportion with a defined
    /// variance, with the conventions where R has no interval (shared by linearised and replicate designs).</summary>
    internal static SurveyEstimate Finish(string name, int count, int events, int excluded, double sw, double swy, double kish, double p,
        double variance, int df, double level, string methodName, Func<SvyCiProp.Context, SvyCiProp.Interval>? svy, ProportionMethod? simple,
        Func<(SurveyGlm Glm, double CoefVariance)> glmFit)
    {
        var se = Math.Sqrt(variance);
        double? deff = p > 0 && p < 1 && count > 1 ? variance / (p * (1 - p) / (count - 1)) : null;
        double lower, upper;
        string? note = null;
        if (simple is { } sm)
        {
            var ci = Proportion.Interval(events, count, sm, level);
            (lower, upper, note) = (ci.Lower, ci.Upper, ci.Note);
        }
        else if (p == 0 || p == 1)
        {
            var alpha = 1 - level;
            (lower, upper) = p == 0 ? (0.0, Quantiles.Qbeta(1 - alpha / 2, 1, count)) : (Quantiles.Qbeta(alpha / 2, count, 1), 1.0);
            note = string.Create(CultureInfo.InvariantCulture,
                $"estimate {p:0}: the design-based variance is 0 and svyciprop is undefined (R gives no interval); the bounds are the Clopper-Pearson interval for {events} of {count} unweighted respondents");
        }
        else if (df <= 0)
        {
            (lower, upper) = (0.0, 1.0);
            note = "no degrees of freedom (the domain lies in one cluster per stratum): the interval is undefined (R gives no interval) and reported as [0, 1]";
        }
        else
        {
            var sumW1 = swy; var sumW0 = sw - swy;
            var ctx = new SvyCiProp.Context
            {
                P = p, Variance = variance, N = count, Df = df, Level = level, SumW1 = sumW1, SumW0 = sumW0,
                Glm = glmFit,
            };
            var ci = svy!(ctx);
            (lower, upper, note) = (ci.Lower, ci.Upper, ci.Note);
            if (double.IsNaN(lower) || double.IsNaN(upper))
            {
                note = (note is null ? "" : note + "; ") + "a bound is undefined (R gives none) and is reported as 0 or 1";
                if (double.IsNaN(lower)) lower = 0;
                if (double.IsNaN(upper)) upper = 1;
            }
        }
        return new SurveyEstimate(name, count, events, excluded, sw, p, se, lower, upper, level, df, deff, kish, methodName, note);
    }
}
