namespace Workbench.Statistics;

/// <summary>
/// Variance of a linearised estimate (a score per row) by R survey 4.1-1 <c>svyrecvar</c> → <c>multistage</c> →
/// <c>onestage</c> → <c>onestrat</c>, for the rows of one domain (rows outside it have score 0).
/// </summary>
/// <remarks>
/// At each stage, in stratum h with n_h clusters and population N_h (f_h = (N_h - n_h)/N_h, 1 without an fpc), the
/// cluster totals z_hi contribute f_h n_h/(n_h - 1) Σ_i (z_hi - z̄_h)², clusters without domain rows counting as zeros;
/// a stratum with f_h &lt; 1e-7 contributes 0; a stratum with one cluster contributes 0 ("certainty"), f_h z² ("adjust"),
/// or nothing while the others are scaled up by (strata)/(strata with more than one cluster) ("average"). When the
/// stage has an fpc and the next stage has one too, each cluster i adds (n_h/N_h) times the variance of the next stage
/// within it (Cochran 1977, 10.8; R <c>multistage</c>).
/// </remarks>
internal sealed class StagedVariance
{
    private readonly StagedDesign _d;
    private readonly Level[] _levels;

    private sealed class Level(int clusters, int strata)
    {
        public readonly double[] Total = new double[clusters];
        public readonly int[] Mark = new int[clusters];
        public readonly int[] Touched = new int[clusters];
        public readonly int[] Pos = new int[clusters];
        public readonly int[] Parent = new int[clusters];
        public readonly double[] S1 = new double[strata];
        public readonly double[] Ss = new double[strata];
        public readonly int[] Cnt = new int[strata];
        public readonly int[] SMark = new int[strata];
        public readonly int[] STouched = new int[strata];
        public int Stamp, NTouched, NStrata;
    }

    public StagedVariance(StagedDesign design)
    {
        _d = design;
        _levels = new Level[design.Effective];
        for (var s = 0; s < design.Effective; s++)
            _levels[s] = new Level(s + 1 < design.Count.Length ? design.Count[s + 1].Length : ClusterCount(design, s), design.Count[s].Length);
    }

    private static int ClusterCount(StagedDesign d, int s)
    {
        var max = -1;
        foreach (var c in d.Cluster[s]) if (c > max) max = c;
        return max + 1;
    }

    /// <summary>Degrees of freedom of the domain last passed to <see cref="Variance"/>: its first-stage clusters minus strata (R <c>degf</c> of the subset).</summary>
    public int Df { get; private set; }

    /// <summary>The variance of Σ x over the domain rows <paramref name="rows"/> (x aligned with rows); NaN when
    /// "average" has no stratum to average over.</summary>
    public double Variance(ReadOnlySpan<int> rows, ReadOnlySpan<double> x)
    {
        if (_d.Calibration is { } cal)
        {
            // R keeps every row of a calibrated design in a domain (weight 0 outside it) and projects the scores on
            // the calibration over all rows, so rows outside the domain get a score too; df stays the domain's.
            var df = DomainDf(rows);
            var dense = new double[_d.Rows];
            for (var k = 0; k < rows.Length; k++) dense[rows[k]] += x[k];
            cal.Project(dense);
            _all ??= Enumerable.Range(0, _d.Rows).ToArray();
            var vc = Stage(0, _all, dense);
            Df = df;
            return vc;
        }
        var v = Stage(0, rows, x);
        var top = _levels[0];
        Df = top.NTouched - top.NStrata;
        return v;
    }

    private int[]? _all;

    private int DomainDf(ReadOnlySpan<int> rows)
    {
        var clusters = new HashSet<int>();
        var strata = new HashSet<int>();
        foreach (var i in rows) { clusters.Add(_d.Cluster[0][i]); strata.Add(_d.Stratum[i]); }
        return clusters.Count - strata.Count;
    }

    private double Stage(int s, ReadOnlySpan<int> rows, ReadOnlySpan<double> x)
    {
        var L = _levels[s];
        var cl = _d.Cluster[s];
        var parent = s == 0 ? _d.Stratum : _d.Cluster[s - 1];
        L.Stamp++;
        L.NTouched = 0; L.NStrata = 0;
        for (var k = 0; k < rows.Length; k++)
        {
            var i = rows[k];
            var c = cl[i];
            if (L.Mark[c] != L.Stamp)
            {
                L.Mark[c] = L.Stamp; L.Total[c] = 0; L.Pos[c] = L.NTouched; L.Parent[L.NTouched] = parent[i]; L.Touched[L.NTouched++] = c;
                var h = parent[i];
                if (L.SMark[h] != L.Stamp) { L.SMark[h] = L.Stamp; L.STouched[L.NStrata++] = h; L.S1[h] = 0; L.Ss[h] = 0; L.Cnt[h] = 0; }
            }
            L.Total[c] += x[k];
        }
        var strataOf = L.Parent;
        var recurse = s + 1 < _d.Effective;
        var count = _d.Count[s];
        var pop = _d.Pop[s];
        for (var t = 0; t < L.NTouched; t++) { var h = strataOf[t]; L.S1[h] += L.Total[L.Touched[t]]; L.Cnt[h]++; }
        for (var t = 0; t < L.NTouched; t++)
        {
            var h = strataOf[t];
            var dev = L.Total[L.Touched[t]] - L.S1[h] / count[h];
            L.Ss[h] += dev * dev;
        }
        double total = 0;
        var ok = 0;
        for (var q = 0; q < L.NStrata; q++)
        {
            var h = L.STouched[q];
            var nh = count[h];
            var f = double.IsPositiveInfinity(pop[h]) ? 1 : (pop[h] - nh) / pop[h];
            if (f < 1e-7) { ok++; continue; }
            if (nh > 1)
            {
                var mean = L.S1[h] / nh;
                total += f * nh / (nh - 1.0) * (L.Ss[h] + (nh - L.Cnt[h]) * mean * mean);
                ok++;
                continue;
            }
            switch (_d.Lonely)
            {
                case LonelyPsu.Adjust: total += f * L.S1[h] * L.S1[h]; ok++; break;
                case LonelyPsu.Average: break;
                case LonelyPsu.Certainty: ok++; break;
                default: throw new InvalidOperationException("a stratum with a single cluster reached the variance with --lonely-psu fail; the design check should have stopped it.");
            }
        }
        var v = ok == L.NStrata ? total : ok == 0 ? double.NaN : total * L.NStrata / ok;
        if (!recurse) return v;

        // Next stage within each cluster, weighted by this stage's sampling fraction n_h/N_h.
        var n = rows.Length;
        var offsets = new int[L.NTouched + 1];
        for (var k = 0; k < n; k++) offsets[L.Pos[cl[rows[k]]] + 1]++;
        for (var t = 0; t < L.NTouched; t++) offsets[t + 1] += offsets[t];
        var sortedRows = new int[n];
        var sortedX = new double[n];
        var fill = (int[])offsets.Clone();
        for (var k = 0; k < n; k++) { var t = L.Pos[cl[rows[k]]]; sortedRows[fill[t]] = rows[k]; sortedX[fill[t]++] = x[k]; }
        var parents = strataOf.AsSpan(0, L.NTouched).ToArray();
        for (var t = 0; t < parents.Length; t++)
        {
            var h = parents[t];
            var frac = count[h] / pop[h];
            if (frac == 0) continue;
            var inner = Stage(s + 1, sortedRows.AsSpan(offsets[t], offsets[t + 1] - offsets[t]), sortedX.AsSpan(offsets[t], offsets[t + 1] - offsets[t]));
            v += inner * frac;
        }
        return v;
    }

    /// <summary>Replicate variance of an estimate from its replicate values (R <c>svrVar</c>, mse = FALSE):
    /// scale Σ rscales_r (θ_r - θ̄)², θ̄ the mean over replicates with rscales &gt; 0.</summary>
    public static double ReplicateVariance(ReadOnlySpan<double> thetas, double scale, ReadOnlySpan<double> rscales)
    {
        double sum = 0; var m = 0;
        for (var r = 0; r < thetas.Length; r++) if (rscales[r] > 0) { sum += thetas[r]; m++; }
        var mean = sum / m;
        double v = 0;
        for (var r = 0; r < thetas.Length; r++) { var d = thetas[r] - mean; v += d * d * rscales[r]; }
        return v * scale;
    }
}
