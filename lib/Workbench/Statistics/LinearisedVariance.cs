namespace Workbench.Statistics;

/// <summary>
/// Variance of a domain mean by Taylor linearisation, clusters with replacement, no finite population correction:
/// the computation of R survey 4.1-1 <c>svyrecvar</c>/<c>onestage</c>/<c>onestrat</c> for a one-stage design.
/// </summary>
/// <remarks>
/// Scores z_k = w_k (y_k - c) / Σw over the domain's rows are summed per cluster, z_hi = (Σ w y - c Σ w) / Σw, so
/// one pass over the rows serves any centre c. In stratum h with n_h clusters in the full design the contribution is
/// n_h/(n_h - 1) Σ_i (z_hi - z̄_h)², where clusters without domain members count as zeros (z̄_h = Σ_i z_hi / n_h).
/// Strata without domain members contribute nothing. A stratum with one cluster in the full design contributes 0
/// ("certainty"), z² ("adjust") or is replaced by the average of the other strata ("average").
/// </remarks>
internal sealed class LinearisedVariance(EncodedDesign design)
{
    private readonly double[] _sumWy = new double[design.PsuCount];
    private readonly double[] _sumW = new double[design.PsuCount];
    private readonly int[] _psuMark = new int[design.PsuCount];
    private readonly int[] _touched = new int[design.PsuCount];
    private readonly double[] _s1 = new double[design.StratumPsuCount.Length];
    private readonly double[] _ss = new double[design.StratumPsuCount.Length];
    private readonly int[] _cnt = new int[design.StratumPsuCount.Length];
    private readonly int[] _strataMark = new int[design.StratumPsuCount.Length];
    private readonly int[] _touchedStrata = new int[design.StratumPsuCount.Length];
    private readonly double[] _z = new double[design.PsuCount];
    private int _stamp, _nTouched, _nStrata;

    /// <summary>Variance (NaN only when "average" has no stratum to average) and the domain's df.</summary>
    public readonly record struct Result(double Variance, int Df);

    /// <summary>Starts a domain: clears the cluster totals.</summary>
    public void Begin()
    {
        _stamp++;
        _nTouched = 0;
        _nStrata = 0;
    }

    /// <summary>Adds one respondent of the domain (outcome 0/1, weight w).</summary>
    public void Add(int psu, double w, double y)
    {
        if (_psuMark[psu] != _stamp)
        {
            _psuMark[psu] = _stamp;
            _sumWy[psu] = 0; _sumW[psu] = 0;
            _touched[_nTouched++] = psu;
            var h = design.PsuStratum[psu];
            if (_strataMark[h] != _stamp) { _strataMark[h] = _stamp; _touchedStrata[_nStrata++] = h; }
        }
        _sumWy[psu] += w * y;
        _sumW[psu] += w;
    }

    /// <summary>Degrees of freedom of the domain: clusters minus strata containing members (R <c>degf</c>).</summary>
    public int Df => _nTouched - _nStrata;

    /// <summary>Variance of the linearised mean centred at <paramref name="centre"/>.</summary>
    public double Variance(double centre, double sumWeights)
    {
        var ps = design.PsuStratum;
        for (var s = 0; s < _nStrata; s++) { var h = _touchedStrata[s]; _s1[h] = 0; _ss[h] = 0; _cnt[h] = 0; }
        for (var t = 0; t < _nTouched; t++)
        {
            var c = _touched[t];
            var z = (_sumWy[c] - centre * _sumW[c]) / sumWeights;
            _z[t] = z;
            var h = ps[c];
            _s1[h] += z; _cnt[h]++;
        }
        var count = design.StratumPsuCount;
        for (var t = 0; t < _nTouched; t++)
        {
            var h = ps[_touched[t]];
            var d = _z[t] - _s1[h] / count[h];
            _ss[h] += d * d;
        }
        double total = 0;
        var ok = 0;
        for (var s = 0; s < _nStrata; s++)
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
        return ok == _nStrata ? total : ok == 0 ? double.NaN : total * _nStrata / ok;
    }
}
