namespace Workbench.Statistics;

/// <summary>
/// Variance of a domain mean by Taylor linearisation, clusters with replacement, no finite population correction:
/// the computation of R survey 4.1-1 <c>svyrecvar</c>/<c>onestage</c>/<c>onestrat</c> for a one-stage design.
/// </summary>
/// <remarks>
/// Scores z_k = w_k (y_k - c) / Σw over the domain's rows are summed per cluster; in stratum h with n_h clusters in the
/// full design the contribution is n_h/(n_h - 1) Σ_i (z_hi - z̄_h)², where clusters without domain members count as
/// zeros (z̄_h = Σ_i z_hi / n_h). Strata without domain members contribute nothing. A stratum with one cluster in the
/// full design contributes 0 ("certainty"), z² ("adjust") or is replaced by the average of the others ("average").
/// </remarks>
internal sealed class LinearisedVariance(EncodedDesign design)
{
    private readonly double[] _acc = new double[design.PsuCount];
    private readonly int[] _psuMark = new int[design.PsuCount];
    private readonly int[] _touched = new int[design.PsuCount];
    private readonly double[] _s1 = new double[design.StratumPsuCount.Length];
    private readonly double[] _ss = new double[design.StratumPsuCount.Length];
    private readonly int[] _cnt = new int[design.StratumPsuCount.Length];
    private readonly int[] _strataMark = new int[design.StratumPsuCount.Length];
    private readonly int[] _touchedStrata = new int[design.StratumPsuCount.Length];
    private int _stamp;

    /// <summary>The result: variance (NaN only when "average" has no stratum to average), and the domain's df.</summary>
    public readonly record struct Result(double Variance, int Df);

    /// <summary>Variance of the linearised mean of <c>y</c> centred at <paramref name="centre"/> over the given rows.</summary>
    public Result Compute(ReadOnlySpan<int> rows, double centre, double sumWeights)
    {
        _stamp++;
        var w = design.Weights; var y = design.Y; var psu = design.Psu;
        var nTouched = 0;
        foreach (var r in rows)
        {
            var z = (y[r] - centre) * w[r] / sumWeights;
            var c = psu[r];
            if (_psuMark[c] != _stamp) { _psuMark[c] = _stamp; _acc[c] = 0; _touched[nTouched++] = c; }
            _acc[c] += z;
        }
        var nStrata = 0;
        var ps = design.PsuStratum;
        for (var t = 0; t < nTouched; t++)
        {
            var c = _touched[t]; var h = ps[c];
            if (_strataMark[h] != _stamp) { _strataMark[h] = _stamp; _s1[h] = 0; _ss[h] = 0; _cnt[h] = 0; _touchedStrata[nStrata++] = h; }
            _s1[h] += _acc[c]; _cnt[h]++;
        }
        var count = design.StratumPsuCount;
        for (var t = 0; t < nTouched; t++)
        {
            var c = _touched[t]; var h = ps[c];
            var d = _acc[c] - _s1[h] / count[h];
            _ss[h] += d * d;
        }
        double total = 0;
        var ok = 0;
        for (var s = 0; s < nStrata; s++)
        {
            var h = _touchedStrata[s];
            var nh = count[h];
            if (nh > 1)
            {
                var mean = _s1[h] / nh;
                total += (_ss[h] + (nh - _cnt[h]) * mean * mean) * nh / (nh - 1.0);
                ok++;
            }
            else
            {
                switch (design.Lonely)
                {
                    case LonelyPsu.Adjust: total += _s1[h] * _s1[h]; ok++; break;
                    case LonelyPsu.Average: break;
                    default: ok++; break; // certainty: contributes zero
                }
            }
        }
        var variance = ok == nStrata ? total : ok == 0 ? double.NaN : total * nStrata / ok;
        return new Result(variance, nTouched - nStrata);
    }
}
