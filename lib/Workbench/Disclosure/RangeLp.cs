namespace Workbench.Disclosure;

/// <summary>
/// A small dense simplex for the disclosure audit: given equations A z = b with z ≥ 0, finds one feasible basis
/// (phase I) and then the minimum and maximum of single variables, each optimisation starting from the previous basis.
/// </summary>
/// <remarks>
/// Dantzig's rule with a switch to Bland's rule after a run of degenerate pivots, so it always terminates (Bland 1977).
/// The tables it sees are small (one connected group of suppressed cells at a time) and their coefficients are 0 and ±1.
/// </remarks>
internal sealed class RangeLp
{
    private const double Eps = 1e-9;
    private readonly List<double[]> _rows = []; // each row: columns 0.._cols-1, then the right-hand side
    private readonly List<int> _basis = [];
    private readonly int _structural;
    private int _cols;

    private RangeLp(int structural, int cols)
    {
        _structural = structural;
        _cols = cols;
    }

    /// <summary>Builds the problem and finds a feasible basis; null when the equations have no solution with z ≥ 0.</summary>
    /// <param name="variables">Number of variables z.</param>
    /// <param name="equations">Each equation as (variable, coefficient) terms and its right-hand side.</param>
    public static RangeLp? Create(int variables, IReadOnlyList<(IReadOnlyList<(int Var, double Coef)> Terms, double Rhs)> equations)
    {
        var m = equations.Count;
        var lp = new RangeLp(variables, variables + m);
        for (var i = 0; i < m; i++)
        {
            var row = new double[lp._cols + 1];
            var (terms, rhs) = equations[i];
            var sign = rhs < 0 ? -1.0 : 1.0;
            foreach (var (v, c) in terms) row[v] += sign * c;
            row[variables + i] = 1; // artificial
            row[^1] = sign * rhs;
            lp._rows.Add(row);
            lp._basis.Add(variables + i);
        }
        // phase I: maximise minus the sum of the artificials
        var cost = new double[lp._cols];
        for (var j = variables; j < lp._cols; j++) cost[j] = -1;
        var value = lp.Optimize(cost);
        if (value < -1e-6) return null;
        lp.DriveOutArtificials();
        lp.DropArtificialColumns();
        return lp;
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
            if (_basis[i] < into.Length) into[_basis[i]] = Math.Max(0, _rows[i][^1]);
    }

    /// <summary>After phase I no artificial variable is basic, so their columns can go (halving the work per pivot).</summary>
    private void DropArtificialColumns()
    {
        for (var i = 0; i < _rows.Count; i++)
        {
            var row = _rows[i];
            var compact = new double[_structural + 1];
            Array.Copy(row, compact, _structural);
            compact[^1] = row[^1];
            _rows[i] = compact;
        }
        _cols = _structural;
    }

    private void DriveOutArtificials()
    {
        for (var i = _rows.Count - 1; i >= 0; i--)
        {
            if (_basis[i] < _structural) continue;
            var row = _rows[i];
            var entering = -1;
            for (var j = 0; j < _structural; j++)
                if (Math.Abs(row[j]) > Eps) { entering = j; break; }
            if (entering < 0)
            {
                // a redundant equation (the line totals of a table are linearly dependent)
                _rows.RemoveAt(i);
                _basis.RemoveAt(i);
            }
            else
            {
                Pivot(i, entering);
            }
        }
    }

    /// <summary>Maximises cost · z from the current basis; returns the optimum or positive infinity.</summary>
    /// <param name="cost">One coefficient per variable; shorter arrays leave the rest (the slacks) at 0.</param>
    public double Optimize(double[] cost)
    {
        if (cost.Length < _cols) Array.Resize(ref cost, _cols);
        var degenerateRun = 0;
        var reduced = new double[_cols];
        for (var iteration = 0; ; iteration++)
        {
            if (iteration > 100_000) throw new InvalidOperationException("The disclosure audit did not converge; please report this table.");
            Array.Copy(cost, reduced, _cols);
            for (var i = 0; i < _rows.Count; i++)
            {
                var cb = cost[_basis[i]];
                if (cb == 0) continue;
                var row = _rows[i];
                for (var j = 0; j < _cols; j++) reduced[j] -= cb * row[j];
            }
            var useBland = degenerateRun > 25;
            var entering = -1;
            var best = Eps;
            // artificial columns only ever leave the basis
            for (var j = 0; j < _structural; j++)
            {
                if (reduced[j] <= best) continue;
                entering = j;
                if (useBland) break;
                best = reduced[j];
            }
            if (entering < 0) return Objective(cost);
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
            Pivot(leave, entering);
        }
    }

    private double Objective(double[] cost)
    {
        var value = 0.0;
        for (var i = 0; i < _rows.Count; i++) value += cost[_basis[i]] * _rows[i][^1];
        return value;
    }

    private void Pivot(int r, int c)
    {
        var pivotRow = _rows[r];
        var p = pivotRow[c];
        for (var j = 0; j <= _cols; j++) pivotRow[j] /= p;
        pivotRow[c] = 1;
        for (var i = 0; i < _rows.Count; i++)
        {
            if (i == r) continue;
            var row = _rows[i];
            var f = row[c];
            if (f == 0) continue;
            for (var j = 0; j <= _cols; j++) row[j] -= f * pivotRow[j];
            row[c] = 0;
            if (Math.Abs(row[^1]) < 1e-11) row[^1] = 0;
        }
        if (Math.Abs(pivotRow[^1]) < 1e-11) pivotRow[^1] = 0;
        _basis[r] = c;
    }
}
