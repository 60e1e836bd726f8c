namespace Workbench.Disclosure;

/// <summary>
/// A simplex for the disclosure audit: given equations A z = b with z ≥ 0, finds one feasible basis (phase I) and then
/// optima of linear objectives (the minimum and maximum of single variables), each starting from the previous basis.
/// </summary>
/// <remarks>
/// <para>Dantzig's rule with a switch to Bland's rule after a run of degenerate pivots, so it always terminates (Bland
/// 1977). The coefficients are 0 and ±1 and each equation (a line of a table) has few terms.</para>
/// <para>Three things keep it fast on large groups of suppressed cells (a 20 x 20 x 10 table has over a thousand): the
/// artificial variables of phase I have no columns (they only ever leave the basis, so a row only records whether its
/// basic variable is artificial); the reduced costs are updated with each pivot instead of recomputed; and a pivot
/// touches only the non-zero entries of the pivot row, which stays sparse for most of phase I.</para>
/// </remarks>
internal sealed class RangeLp
{
    private const double Eps = 1e-9;
    private const int Artificial = -1;
    private readonly List<double[]> _rows = []; // each row: columns 0.._cols-1, then the right-hand side
    private readonly List<int> _basis = [];     // the basic variable of each row, or Artificial
    private readonly int _cols;
    private readonly List<int> _nonZero = [];

    private RangeLp(int cols) => _cols = cols;

    /// <summary>Builds the problem and finds a feasible basis; null when the equations have no solution with z ≥ 0.</summary>
    /// <param name="variables">Number of variables z.</param>
    /// <param name="equations">Each equation as (variable, coefficient) terms and its right-hand side.</param>
    public static RangeLp? Create(int variables, IReadOnlyList<(IReadOnlyList<(int Var, double Coef)> Terms, double Rhs)> equations)
    {
        var lp = new RangeLp(variables);
        foreach (var (terms, rhs) in equations)
        {
            var row = new double[variables + 1];
            var sign = rhs < 0 ? -1.0 : 1.0;
            foreach (var (v, c) in terms) row[v] += sign * c;
            row[^1] = sign * rhs;
            lp._rows.Add(row);
            lp._basis.Add(Artificial);
        }
        lp.CrashSlacks(variables);
        // phase I: maximise minus the sum of the artificials
        if (lp.Optimize(null) < -1e-6) return null;
        lp.DriveOutArtificials();
        return lp;
    }

    /// <summary>
    /// Starts phase I from a partial basis: a row with a column that appears in no other row, with a positive
    /// coefficient (a slack of that row), takes it as its basic variable instead of an artificial one. The column is a
    /// unit vector after scaling the row, and its value is the row's right-hand side (non-negative), so the basis is
    /// feasible; only the rows without such a column keep an artificial variable.
    /// </summary>
    private void CrashSlacks(int variables)
    {
        var count = new int[variables];
        foreach (var row in _rows)
            for (var j = 0; j < variables; j++)
                if (row[j] != 0) count[j]++;
        for (var i = 0; i < _rows.Count; i++)
        {
            var row = _rows[i];
            for (var j = variables - 1; j >= 0; j--)
            {
                if (count[j] != 1 || row[j] <= Eps) continue;
                var p = row[j];
                for (var k = 0; k <= variables; k++) row[k] /= p;
                row[j] = 1;
                _basis[i] = j;
                count[j] = 0;
                break;
            }
        }
    }

    /// <summary>The maximum of variable <paramref name="v"/> (positive infinity when unbounded).</summary>
    public double Max(int v)
    {
        var cost = new double[_cols];
        cost[v] = 1;
        return Optimize(cost);
    }

    /// <summary>The minimum of variable <paramref name="v"/>.</summary>
    public double Min(int v)
    {
        var cost = new double[_cols];
        cost[v] = -1;
        return -Optimize(cost);
    }

    /// <summary>Writes the current (feasible) solution's first <paramref name="into"/>.Length variables.</summary>
    public void CopySolution(double[] into)
    {
        Array.Clear(into);
        for (var i = 0; i < _rows.Count; i++)
            if (_basis[i] >= 0 && _basis[i] < into.Length) into[_basis[i]] = Math.Max(0, _rows[i][^1]);
    }

    /// <summary>After phase I an artificial still basic (at zero) is pivoted out, or its row dropped when redundant.</summary>
    private void DriveOutArtificials()
    {
        for (var i = _rows.Count - 1; i >= 0; i--)
        {
            if (_basis[i] != Artificial) continue;
            var row = _rows[i];
            var entering = -1;
            for (var j = 0; j < _cols; j++)
                if (Math.Abs(row[j]) > Eps) { entering = j; break; }
            if (entering < 0)
            {
                // a redundant equation (the line totals of a table are linearly dependent)
                _rows.RemoveAt(i);
                _basis.RemoveAt(i);
            }
            else
            {
                Pivot(i, entering, null);
            }
        }
    }

    /// <summary>
    /// Maximises cost · z from the current basis; returns the optimum or positive infinity. A null cost is phase I:
    /// maximise minus the sum of the artificial variables still basic.
    /// </summary>
    /// <param name="cost">One coefficient per variable; shorter arrays leave the rest (the slacks) at 0.</param>
    public double Optimize(double[]? cost)
    {
        if (cost is not null && cost.Length < _cols) Array.Resize(ref cost, _cols);
        double CostOf(int basic) => basic == Artificial ? (cost is null ? -1 : 0) : cost?[basic] ?? 0;
        var reduced = new double[_cols + 1];
        void Recompute()
        {
            for (var j = 0; j < _cols; j++) reduced[j] = cost?[j] ?? 0;
            for (var i = 0; i < _rows.Count; i++)
            {
                var cb = CostOf(_basis[i]);
                if (cb == 0) continue;
                var row = _rows[i];
                for (var j = 0; j < _cols; j++) reduced[j] -= cb * row[j];
            }
        }
        Recompute();
        var degenerateRun = 0;
        for (var iteration = 0; ; iteration++)
        {
            if (iteration > 200_000) throw new InvalidOperationException("The disclosure audit did not converge; please report this table.");
            // the updates accumulate rounding; start afresh now and then
            if (iteration > 0 && iteration % 200 == 0) Recompute();
            var useBland = degenerateRun > 25;
            var entering = -1;
            var best = Eps;
            for (var j = 0; j < _cols; j++)
            {
                if (reduced[j] <= best) continue;
                entering = j;
                if (useBland) break;
                best = reduced[j];
            }
            if (entering < 0)
            {
                var value = 0.0;
                for (var i = 0; i < _rows.Count; i++) value += CostOf(_basis[i]) * _rows[i][^1];
                return value;
            }
            var leave = -1;
            var ratio = double.PositiveInfinity;
            for (var i = 0; i < _rows.Count; i++)
            {
                var a = _rows[i][entering];
                if (a <= Eps) continue;
                var r = _rows[i][^1] / a;
                if (r < ratio - Eps || (r <= ratio + Eps && leave >= 0 && _basis[i] < _basis[leave]))
                {
                    ratio = r;
                    leave = i;
                }
            }
            if (leave < 0) return double.PositiveInfinity;
            degenerateRun = ratio <= Eps ? degenerateRun + 1 : 0;
            Pivot(leave, entering, reduced);
        }
    }

    /// <summary>row -= f · pivot, over every column and the right-hand side.</summary>
    private static void Subtract(double[] row, double[] pivot, double f)
    {
        var j = 0;
        var width = System.Numerics.Vector<double>.Count;
        var vf = new System.Numerics.Vector<double>(f);
        for (; j <= row.Length - width; j += width)
            (new System.Numerics.Vector<double>(row, j) - vf * new System.Numerics.Vector<double>(pivot, j)).CopyTo(row, j);
        for (; j < row.Length; j++) row[j] -= f * pivot[j];
    }

    /// <summary>Pivots on (r, c), updating <paramref name="reduced"/> (the reduced costs) when given.</summary>
    private void Pivot(int r, int c, double[]? reduced)
    {
        var pivotRow = _rows[r];
        var p = pivotRow[c];
        _nonZero.Clear();
        for (var j = 0; j <= _cols; j++)
        {
            if (pivotRow[j] == 0) continue;
            pivotRow[j] /= p;
            _nonZero.Add(j);
        }
        pivotRow[c] = 1;
        // once the tableau fills in, a vectorised pass over the whole row beats the index list
        var dense = _nonZero.Count * 4 > _cols;
        for (var i = 0; i < _rows.Count; i++)
        {
            if (i == r) continue;
            var row = _rows[i];
            var f = row[c];
            if (f == 0) continue;
            if (dense) Subtract(row, pivotRow, f);
            else foreach (var j in _nonZero) row[j] -= f * pivotRow[j];
            row[c] = 0;
            if (Math.Abs(row[^1]) < 1e-11) row[^1] = 0;
        }
        if (reduced is not null)
        {
            var f = reduced[c];
            if (f != 0)
                foreach (var j in _nonZero)
                    if (j < _cols) reduced[j] -= f * pivotRow[j];
            reduced[c] = 0;
        }
        if (Math.Abs(pivotRow[^1]) < 1e-11) pivotRow[^1] = 0;
        _basis[r] = c;
    }
}
