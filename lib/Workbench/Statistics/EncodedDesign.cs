using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>A validated design with strata and clusters as integer codes (what the variance code works on).</summary>
internal sealed class EncodedDesign
{
    public required double[] Weights { get; init; }
    public required double[] Y { get; init; }          // NaN = missing
    public required int[] Stratum { get; init; }
    public required int[] Psu { get; init; }
    public required int[] PsuStratum { get; init; }
    public required int[] StratumPsuCount { get; init; }
    public required string[] StratumLabels { get; init; }
    public required LonelyPsu Lonely { get; init; }
    public required string SourceName { get; init; }
    public int RowCount => Y.Length;
    public int PsuCount => PsuStratum.Length;

    private const int MaxErrors = 100;

    /// <summary>"the whole sample (all) and domain 'x'": the estimates whose variance uses lonely stratum h.</summary>
    private static string LonelyDomains(int h, int[] stratum, double[] y, string?[]? by)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; by is not null && i < stratum.Length && i < by.Length; i++)
            if (stratum[i] == h && !double.IsNaN(y[i]) && by[i] is { } d) names.Add(d);
        var text = "the whole sample ('all')";
        if (names.Count == 0) return text;
        var shown = names.Take(10).Select(n => $"'{n}'");
        return $"{text} and domain{(names.Count > 1 ? "s" : "")} {string.Join(", ", shown)}{(names.Count > 10 ? $" and {names.Count - 10} more" : "")}";
    }

    /// <summary>Validates and encodes the design; <paramref name="by"/> (optional) only names domains in errors.</summary>
    public static EncodedDesign Encode(SurveyData data, SurveyDesign design, string?[]? by = null)
    {
        if (design.IsExtended)
            throw new ArgumentException("this prevalence estimate handles one-stage designs with replacement; for later-stage clusters, an fpc or replicate weights " +
                                        "use SurveyEstimators.Mean on a SurveySample (workbench survey mean), which gives the same estimate and its design-based SE.");
        var n = data.RowCount;
        var errors = new List<DataError>();
        DataError Err(int row, string role, string message) =>
            data.Source?.ErrorAt(row, role, message) ?? new DataError("(in-memory data)", row + 1, 0, message);
        void Check(int length, string what)
        {
            if (length != n)
                throw new ArgumentException($"{what} has {length} entries but the outcome has {n}; give one entry per respondent.");
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var v = data.Outcome[i];
            if (v is null) { y[i] = double.NaN; continue; }
            if (v.Value is 0.0 or 1.0) { y[i] = v.Value; continue; }
            if (errors.Count < MaxErrors)
                errors.Add(Err(i, "outcome", $"outcome is {v.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; expected 0 or 1 (null for missing). Recode the outcome to 0/1."));
        }

        double[] w;
        if (data.Weights is null) { w = new double[n]; Array.Fill(w, 1.0); }
        else
        {
            Check(data.Weights.Length, "the weights");
            w = data.Weights;
            for (var i = 0; i < n && errors.Count < MaxErrors; i++)
                if (!(double.IsFinite(w[i]) && w[i] > 0))
                    errors.Add(Err(i, "weight", $"weight is {w[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; expected a positive finite number. Give every respondent a positive weight or remove the row."));
        }

        var stratum = new int[n];
        var strataLabels = new List<string>();
        if (data.Strata is not null)
        {
            Check(data.Strata.Length, "the strata");
            var codes = new Dictionary<string, int>(StringComparer.Ordinal);
            var known = LabelCodes.TryGet(data.Strata, out var levels, out var pre);
            for (var i = 0; i < n; i++)
            {
                if (known && pre[i] >= 0)
                {
                    // Codes from the reader: map each level once, not each row.
                    var l = levels[pre[i]];
                    if (!codes.TryGetValue(l, out var lc)) { lc = codes.Count; codes.Add(l, lc); strataLabels.Add(l); }
                    stratum[i] = lc;
                    continue;
                }
                var s = data.Strata[i];
                if (s is null)
                {
                    if (errors.Count < MaxErrors) errors.Add(Err(i, "strata", "stratum is empty; every respondent needs a stratum. Fill it in or remove the row."));
                    continue;
                }
                if (!codes.TryGetValue(s, out var c)) { c = codes.Count; codes.Add(s, c); strataLabels.Add(s); }
                stratum[i] = c;
            }
        }
        else strataLabels.Add("(one stratum)");
        if (errors.Count > 0) throw new DataValidationException(errors, errors.Count >= MaxErrors);

        var psu = new int[n];
        var psuStratum = new List<int>();
        if (data.Clusters is null)
        {
            for (var i = 0; i < n; i++) { psu[i] = i; psuStratum.Add(stratum[i]); }
        }
        else
        {
            Check(data.Clusters.Length, "the clusters");
            var codes = new Dictionary<(int, string), int>();
            var firstRow = new List<int>();
            var known = LabelCodes.TryGet(data.Clusters, out var levels, out var pre);
            var last = new Dictionary<(int, int), int>(); // (stratum or 0, reader code) -> cluster code
            for (var i = 0; i < n; i++)
            {
                if (known && pre[i] >= 0 && last.TryGetValue((design.Nest ? stratum[i] : 0, pre[i]), out var fast) && psuStratum[fast] == stratum[i])
                {
                    psu[i] = fast;
                    continue;
                }
                var c = data.Clusters[i];
                if (c is null)
                {
                    if (errors.Count < MaxErrors) errors.Add(Err(i, "cluster", "cluster is empty; every respondent needs a cluster (PSU). Fill it in or remove the row."));
                    continue;
                }
                var key = (design.Nest ? stratum[i] : 0, c);
                if (!codes.TryGetValue(key, out var code))
                {
                    code = codes.Count; codes.Add(key, code); psuStratum.Add(stratum[i]); firstRow.Add(i);
                }
                else if (psuStratum[code] != stratum[i] && errors.Count < MaxErrors)
                {
                    var first = firstRow[code];
                    var where = data.Source is null ? $"row {first + 1}" : $"line {data.Source.Lines[first]}";
                    errors.Add(Err(i, "cluster",
                        $"cluster '{c}' is in stratum '{strataLabels[stratum[i]]}' here but in stratum '{strataLabels[psuStratum[code]]}' at {where}; " +
                        "clusters must be nested in strata. Give clusters labels that are unique across strata, or declare that labels repeat across strata with --nest (R svydesign(nest = TRUE))."));
                }
                psu[i] = code;
                if (known && pre[i] >= 0) last[(design.Nest ? stratum[i] : 0, pre[i])] = code;
            }
        }
        if (errors.Count > 0) throw new DataValidationException(errors, errors.Count >= MaxErrors);

        var count = new int[strataLabels.Count];
        foreach (var h in psuStratum) count[h]++;
        if (design.LonelyPsu == LonelyPsu.Fail)
        {
            for (var h = 0; h < count.Length; h++)
            {
                if (count[h] != 1) continue;
                var row = Array.IndexOf(stratum, h);
                var label = data.Strata is null ? "the whole sample" : $"stratum '{strataLabels[h]}'";
                errors.Add(Err(row, data.Clusters is null ? "strata" : "cluster",
                    $"{label} has a single cluster (PSU), so its variance cannot be estimated; R stops for every estimate with respondents in it: " +
                    $"{LonelyDomains(h, stratum, y, by)}. Merge the stratum with a similar one, " +
                    "or choose how to treat it with --lonely-psu certainty|adjust|average (R options(survey.lonely.psu))."));
            }
            if (errors.Count > 0) throw new DataValidationException(errors);
        }

        return new EncodedDesign
        {
            Weights = w, Y = y, Stratum = stratum, Psu = psu, PsuStratum = psuStratum.ToArray(),
            StratumPsuCount = count, StratumLabels = strataLabels.ToArray(), Lonely = design.LonelyPsu,
            SourceName = data.Source?.Path ?? "(in-memory data)",
        };
    }
}
