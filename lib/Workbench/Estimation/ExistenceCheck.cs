namespace Workbench.Estimation;

/// <summary>
/// Existence of the maximum likelihood estimate of a Poisson log-linear model (Fienberg &amp; Rinaldo 2012): the MLE
/// exists if and only if the observed sufficient statistic t = Xᵀy lies in the relative interior of the cone spanned by
/// the rows of X, that is, if and only if some strictly positive vector μ has Xᵀμ = t. We decide this with the linear
/// programme
/// <code>maximise s  subject to  Xᵀ(v + s·1) = t,  s + w = 1,  v, s, w ≥ 0</code>
/// (μ = v + s·1, so s is a lower bound on every μ): the MLE exists exactly when the optimum s* is positive. The
/// programme is always feasible (v = y, s = 0). It is solved by a dense two-phase simplex with Bland's rule (no
/// cycling) on a tableau of at most a few dozen rows; s* is compared with a tolerance of 1e-7 (counts are integers,
/// so an interior point has s* of the order of the smallest positive count divided by the number of cells).
/// </summary>
internal static class ExistenceCheck
{
    private const double Eps = 1e-10;

    /// <param name="x">Design, row-major, n cells by q columns.</param>
    /// <param name="n">Number of cells.</param>
    /// <param name="q">Number of columns.</param>
    /// <param name="y">Observed counts of the cells.</param>
    public static bool Exists(double[] x, int n, int q, double[] y)
    {
        var m = q + 1;                  // constraints
        var nv = n + 2;                 // v_1..v_n, s, w
        var width = nv + m + 1;         // + artificials + rhs
        var t = new double[(m + 1) * width]; // last row: objective
        for (var j = 0; j < q; j++)
        {
            double tj = 0, colSum = 0;
            for (var r = 0; r < n; r++)
            {
                t[j * width + r] = x[r * q + j];
                tj += x[r * q + j] * y[r];
                colSum += x[r * q + j];
            }
            t[j * width + n] = colSum;
            t[j * width + width - 1] = tj;
        }
        t[q * width + n] = 1;
        t[q * width + n + 1] = 1;
        t[q * width + width - 1] = 1;
        for (var i = 0; i < m; i++) t[i * width + nv + i] = 1;
        var basis = new int[m];
        for (var i = 0; i < m; i++) basis[i] = nv + i;
        var active = Enumerable.Repeat(true, m).ToArray();

        // Phase 1: minimise the sum of artificials = maximise -sum; reduced costs in the objective row.
        var obj = m * width;
        Array.Clear(t, obj, width);
        for (var i = 0; i < m; i++)
            for (var c = 0; c < width; c++)
                if (c < nv || c == width - 1) t[obj + c] -= t[i * width + c];
        Run(t, m, width, basis, active, nv);
        if (-t[obj + width - 1] > 1e-7) return true; // cannot happen (always feasible); be conservative
        // Drive artificials out of the basis; drop redundant rows.
        for (var i = 0; i < m; i++)
        {
            if (basis[i] < nv) continue;
            var col = -1;
            for (var c = 0; c < nv; c++) if (Math.Abs(t[i * width + c]) > 1e-9) { col = c; break; }
            if (col < 0) { active[i] = false; continue; }
            Pivot(t, m, width, i, col);
            basis[i] = col;
        }
        // Phase 2: maximise s, i.e. minimise -s.
        Array.Clear(t, obj, width);
        t[obj + n] = -1;
        for (var i = 0; i < m; i++)
        {
            if (!active[i]) continue;
            var cb = basis[i] == n ? -1.0 : 0.0;
            if (cb == 0) continue;
            for (var c = 0; c < width; c++) t[obj + c] -= cb * t[i * width + c];
        }
        Run(t, m, width, basis, active, nv);
        double s = 0;
        for (var i = 0; i < m; i++) if (active[i] && basis[i] == n) s = t[i * width + width - 1];
        return s > 1e-7;
    }

    /// <summary>Minimises the objective row (reduced costs) with Bland's rule over the first <paramref name="nv"/> columns.</summary>
    private static void Run(double[] t, int m, int width, int[] basis, bool[] active, int nv)
    {
        var obj = m * width;
        for (var guard = 0; guard < 10_000; guard++)
        {
            var enter = -1;
            for (var c = 0; c < nv; c++) if (t[obj + c] < -Eps) { enter = c; break; }
            if (enter < 0) return;
            var leave = -1;
            var best = double.PositiveInfinity;
            for (var i = 0; i < m; i++)
            {
                if (!active[i]) continue;
                var a = t[i * width + enter];
                if (a <= Eps) continue;
                var ratio = t[i * width + width - 1] / a;
                if (ratio < best - 1e-12 || (Math.Abs(ratio - best) <= 1e-12 && basis[i] < basis[leave]))
                {
                    best = ratio;
                    leave = i;
                }
            }
            if (leave < 0) return; // unbounded: cannot happen (s ≤ 1, v bounded by t)
            Pivot(t, m, width, leave, enter);
            basis[leave] = enter;
        }
    }

    private static void Pivot(double[] t, int m, int width, int row, int col)
    {
        var p = t[row * width + col];
        for (var c = 0; c < width; c++) t[row * width + c] /= p;
        for (var i = 0; i <= m; i++)
        {
            if (i == row) continue;
            var f = t[i * width + col];
            if (f == 0) continue;
            for (var c = 0; c < width; c++) t[i * width + c] -= f * t[row * width + c];
        }
    }
}
