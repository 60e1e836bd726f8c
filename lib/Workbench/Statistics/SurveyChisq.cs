using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>The Rao-Scott test of association in a two-way table (R <c>svychisq(statistic = "F")</c>).</summary>
/// <param name="Row">The row column.</param>
/// <param name="Col">The column column.</param>
/// <param name="Pearson">Pearson's X² of the weighted table scaled to the number of respondents (R <c>chisq.test(svytable(..., Ntotal = N))</c>).</param>
/// <param name="Statistic">F = X² / tr(Δ).</param>
/// <param name="NumDf">d = tr(Δ)² / tr(Δ²).</param>
/// <param name="DenDf">d·ν, ν the design's df (first-stage clusters minus strata).</param>
/// <param name="P">pf(F, d, d·ν, lower.tail = FALSE).</param>
public sealed record SurveyChisqResult(string Row, string Col, double Pearson, double Statistic, double NumDf, double DenDf, double P);

public static partial class SurveyEstimators
{
    /// <summary>
    /// The Rao-Scott second-order adjusted test of independence of <paramref name="row"/> and <paramref name="col"/>,
    /// equal to R survey 4.1-1 <c>svychisq(~row + col, design, statistic = "F")</c>: the design effect matrix
    /// Δ = (C'D⁻¹C/N)⁻¹ C'D⁻¹VD⁻¹C of the cell proportions (C the interaction contrasts orthogonal to the main
    /// effects, D the diagonal of the proportions, V their design-based covariance), Pearson's X² divided by tr(Δ),
    /// referred to F with d = tr(Δ)²/tr(Δ²) and d·ν degrees of freedom. Respondents missing either value are left out
    /// of the proportions (R <c>na.rm = TRUE</c>); N counts every respondent, as R does. V is the linearised
    /// covariance, or for a replicate design (R <c>svychisq.svyrep.design</c>) scale·Σ_r rscales_r (p_r - p̄)(p_r - p̄)'
    /// of the cell proportions p_r under each replicate weight, and ν the rank of the replicate weights minus 1.
    /// </summary>
    /// <remarks>Rao &amp; Scott (1984), Ann. Statist. 12, 46-60.</remarks>
    /// <param name="sample">The data and its design, linearised or replicate (both columns read as labels).</param>
    /// <param name="row">Row variable.</param>
    /// <param name="col">Column variable.</param>
    /// <exception cref="ArgumentException">A variable with fewer than two categories.</exception>
    public static SurveyChisqResult Chisq(SurveySample sample, string row, string col)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var frame = sample.Frame;
        var d = sample.Staged;
        foreach (var c in new[] { row, col })
            if (!frame.Labels.ContainsKey(c)) throw new DataValidationException(new DataError(frame.SourceName, 1, 0, frame.Unknown(c, "")));
        var (rc, rl) = frame.Label(row);
        var (cc, cl) = frame.Label(col);
        var rowRank = LevelOrder(rl, rc);
        var colRank = LevelOrder(cl, cc);
        int nr = rowRank.Count, nc = colRank.Count;
        if (nr < 2 || nc < 2)
            throw new ArgumentException($"a test of association needs at least two categories of each variable; '{(nr < 2 ? row : col)}' has {(nr < 2 ? nr : nc)}.");
        var k = nr * nc;
        var rows = Enumerable.Range(0, frame.Rows).Where(i => rc[i] >= 0 && cc[i] >= 0).ToArray();
        var cell = rows.Select(i => rowRank[rc[i]] + nr * colRank[cc[i]]).ToArray(); // rows vary fastest, as R interaction()
        var w = d.W;
        double sw = 0;
        var sums = new double[k];
        for (var t = 0; t < rows.Length; t++) { sw += w[rows[t]]; sums[cell[t]] += w[rows[t]]; }
        var p = sums.Select(s => s / sw).ToArray();

        var v = d.IsReplicate ? ReplicateCovariance(d, rows, cell, k) : LinearisedCovariance(d, rows, cell, p, sw);

        // C: the interaction columns of ~rows * cols, residualised on the main effects (R qr.resid(qr(X1), X12[, -main])).
        var x1 = new double[k, nr + nc - 1];
        var xi = new double[k, (nr - 1) * (nc - 1)];
        for (var c = 0; c < k; c++)
        {
            int r0 = c % nr, c0 = c / nr;
            x1[c, 0] = 1;
            if (r0 > 0) x1[c, r0] = 1;
            if (c0 > 0) x1[c, nr - 1 + c0] = 1;
            if (r0 > 0 && c0 > 0) xi[c, (c0 - 1) * (nr - 1) + (r0 - 1)] = 1;
        }
        var cm = Sub(xi, Mul(x1, Mul(Inv(Mul(T(x1), x1)), Mul(T(x1), xi))));
        var n = frame.Rows;
        var idm = new double[k, k];
        for (var a = 0; a < k; a++) idm[a, a] = p[a] == 0 ? 0 : 1 / p[a];
        var denom = Scale(Mul(T(cm), Mul(idm, cm)), 1.0 / n);
        var numr = Mul(T(cm), Mul(idm, Mul(v, Mul(idm, cm))));
        var delta = Mul(Inv(denom), numr);
        double tr = 0, tr2 = 0;
        var dd = Mul(delta, delta);
        for (var a = 0; a < delta.GetLength(0); a++) { tr += delta[a, a]; tr2 += dd[a, a]; }
        var d0 = tr * tr / tr2;

        // Pearson's X² of the weighted table scaled to N.
        var table = sums.Select(s => s / sw * n).ToArray();
        double x2 = 0;
        for (var c = 0; c < k; c++)
        {
            int r0 = c % nr, c0 = c / nr;
            double rs = 0, cs = 0;
            for (var j = 0; j < nc; j++) rs += table[r0 + nr * j];
            for (var j = 0; j < nr; j++) cs += table[j + nr * c0];
            var e = rs * cs / n;
            x2 += (table[c] - e) * (table[c] - e) / e;
        }
        var f = x2 / tr;
        var nu = d.Df;
        var den = d0 * nu;
        // pf(f, d0, den, lower.tail = FALSE) = I_{den/(den + d0 f)}(den/2, d0/2).
        var pValue = Quantiles.Pbeta(den / (den + d0 * f), den / 2, d0 / 2);
        return new SurveyChisqResult(row, col, x2, f, d0, den, pValue);
    }

    /// <summary>Design-based covariance of the cell proportions from the variances of sums of their scores.</summary>
    private static double[,] LinearisedCovariance(StagedDesign d, int[] rows, int[] cell, double[] p, double sw)
    {
        var k = p.Length;
        var w = d.W;
        var sv = new StagedVariance(d);
        double[] Score(int a, int b)
        {
            var x = new double[rows.Length];
            for (var t = 0; t < rows.Length; t++)
            {
                var wi = w[rows[t]] / sw;
                x[t] = wi * (((cell[t] == a ? 1 : 0) - p[a]) + (b >= 0 ? (cell[t] == b ? 1 : 0) - p[b] : 0));
            }
            return x;
        }
        var variance = new double[k];
        for (var a = 0; a < k; a++) variance[a] = sv.Variance(rows, Score(a, -1));
        var v = new double[k, k];
        for (var a = 0; a < k; a++)
        {
            v[a, a] = variance[a];
            for (var b = a + 1; b < k; b++) v[a, b] = v[b, a] = (sv.Variance(rows, Score(a, b)) - variance[a] - variance[b]) / 2;
        }
        return v;
    }

    /// <summary>Replicate covariance of the cell proportions (R <c>svrVar</c> of <c>svymean(mm, design)</c>).</summary>
    private static double[,] ReplicateCovariance(StagedDesign d, int[] rows, int[] cell, int k)
    {
        var reps = d.Rep!.Length;
        var theta = new double[reps, k];
        var sums = new double[k];
        for (var r = 0; r < reps; r++)
        {
            var rw = d.Rep[r];
            Array.Clear(sums);
            double total = 0;
            for (var t = 0; t < rows.Length; t++) { var wi = rw[rows[t]]; sums[cell[t]] += wi; total += wi; }
            for (var a = 0; a < k; a++) theta[r, a] = sums[a] / total;
        }
        var mean = new double[k];
        var used = 0;
        for (var r = 0; r < reps; r++)
        {
            if (!(d.Rscales[r] > 0)) continue;
            used++;
            for (var a = 0; a < k; a++) mean[a] += theta[r, a];
        }
        for (var a = 0; a < k; a++) mean[a] /= used;
        var v = new double[k, k];
        for (var r = 0; r < reps; r++)
            for (var a = 0; a < k; a++)
            {
                var da = (theta[r, a] - mean[a]) * d.Rscales[r] * d.RepScale;
                for (var b = 0; b < k; b++) v[a, b] += da * (theta[r, b] - mean[b]);
            }
        return v;
    }

    /// <summary>The used levels in R's factor order (numeric when all are numbers, otherwise ordinal) → 0, 1, ...</summary>
    private static Dictionary<int, int> LevelOrder(string[] levels, int[] codes)
    {
        var used = codes.Where(c => c >= 0).Distinct().ToArray();
        var rank = Rank(used.Select(c => levels[c]).ToArray());
        return used.Select((c, i) => (c, rank[i])).ToDictionary(q => q.c, q => q.Item2);
    }

    private static double[,] T(double[,] a)
    {
        var r = new double[a.GetLength(1), a.GetLength(0)];
        for (var i = 0; i < a.GetLength(0); i++) for (var j = 0; j < a.GetLength(1); j++) r[j, i] = a[i, j];
        return r;
    }

    private static double[,] Mul(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = a.GetLength(1), q = b.GetLength(1);
        var r = new double[n, q];
        for (var i = 0; i < n; i++) for (var k = 0; k < m; k++) { var aik = a[i, k]; if (aik == 0) continue; for (var j = 0; j < q; j++) r[i, j] += aik * b[k, j]; }
        return r;
    }

    private static double[,] Sub(double[,] a, double[,] b)
    {
        var r = (double[,])a.Clone();
        for (var i = 0; i < a.GetLength(0); i++) for (var j = 0; j < a.GetLength(1); j++) r[i, j] -= b[i, j];
        return r;
    }

    private static double[,] Scale(double[,] a, double s)
    {
        var r = (double[,])a.Clone();
        for (var i = 0; i < a.GetLength(0); i++) for (var j = 0; j < a.GetLength(1); j++) r[i, j] *= s;
        return r;
    }

    /// <summary>Inverse by Gauss-Jordan elimination with partial pivoting.</summary>
    private static double[,] Inv(double[,] a)
    {
        var n = a.GetLength(0);
        var m = (double[,])a.Clone();
        var inv = new double[n, n];
        for (var i = 0; i < n; i++) inv[i, i] = 1;
        for (var c = 0; c < n; c++)
        {
            var piv = c;
            for (var r = c + 1; r < n; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[piv, c])) piv = r;
            if (m[piv, c] == 0) throw new ArgumentException("the table's design effect matrix is singular (a row or column of the table has no respondents); merge empty categories.");
            for (var j = 0; j < n; j++) { (m[c, j], m[piv, j]) = (m[piv, j], m[c, j]); (inv[c, j], inv[piv, j]) = (inv[piv, j], inv[c, j]); }
            var d = m[c, c];
            for (var j = 0; j < n; j++) { m[c, j] /= d; inv[c, j] /= d; }
            for (var r = 0; r < n; r++)
            {
                if (r == c || m[r, c] == 0) continue;
                var f = m[r, c];
                for (var j = 0; j < n; j++) { m[r, j] -= f * m[c, j]; inv[r, j] -= f * inv[c, j]; }
            }
        }
        return inv;
    }
}
