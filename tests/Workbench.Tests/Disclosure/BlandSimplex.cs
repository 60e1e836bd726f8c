namespace Workbench.Tests.Disclosure;

/// <summary>
/// The intruder's own linear-programming solver, written apart from the library's audit: a dense two-phase simplex
/// on A z = b, z ≥ 0, always with Bland's smallest-index rule (slow but certain to terminate; Bland 1977). Artificial
/// variables stay in the tableau, barred from entering after phase I.
/// </summary>
internal sealed class BlandSimplex
{
    private const double Eps = 1e-9;
    private readonly double[][] _t; // rows: coefficients of the n structural and m artificial columns, then b
    private readonly int[] _basis;
    private readonly int _n;
    private readonly int _columns;

    public BlandSimplex(IReadOnlyList<(double[] A, double B)> rows, int n)
    {
        _n = n;
        var m = rows.Count;
        _columns = n + m;
        _t = new double[m][];
        _basis = new int[m];
        for (var i = 0; i < m; i++)
        {
            var sign = rows[i].B < 0 ? -1 : 1;
            _t[i] = new double[_columns + 1];
            for (var j = 0; j < n; j++) _t[i][j] = sign * rows[i].A[j];
            _t[i][n + i] = 1;
            _t[i][_columns] = sign * rows[i].B;
            _basis[i] = n + i;
        }
        var phase1 = new double[_columns];
        for (var j = n; j < _columns; j++) phase1[j] = -1;
        if (Run(phase1, allowArtificial: true) < -1e-6) throw new InvalidOperationException("the published tables are inconsistent");
    }

    /// <summary>The maximum of sign · z[v]; positive infinity when unbounded.</summary>
    public double Maximise(int v, int sign)
    {
        var cost = new double[_columns];
        cost[v] = sign;
        return Run(cost, allowArtificial: false);
    }

    private double Run(double[] cost, bool allowArtificial)
    {
        var limit = allowArtificial ? _columns : _n;
        while (true)
        {
            var entering = -1;
            for (var j = 0; j < limit && entering < 0; j++)
            {
                if (_basis.Contains(j)) continue;
                var reduced = cost[j];
                for (var i = 0; i < _t.Length; i++) reduced -= cost[_basis[i]] * _t[i][j];
                if (reduced > Eps) entering = j;
            }
            if (entering < 0)
            {
                var value = 0.0;
                for (var i = 0; i < _t.Length; i++) value += cost[_basis[i]] * _t[i][_columns];
                return value;
            }
            var leave = -1;
            var best = double.PositiveInfinity;
            for (var i = 0; i < _t.Length; i++)
            {
                // an artificial left in the basis at zero must stay zero: it blocks any move that would change it
                var stuck = !allowArtificial && _basis[i] >= _n && Math.Abs(_t[i][entering]) > Eps;
                if (!stuck && _t[i][entering] <= Eps) continue;
                var r = stuck ? 0 : _t[i][_columns] / _t[i][entering];
                if (r < best - Eps || (Math.Abs(r - best) <= Eps && _basis[i] < _basis[leave])) { best = r; leave = i; }
            }
            if (leave < 0) return double.PositiveInfinity;
            var p = _t[leave][entering];
            for (var j = 0; j <= _columns; j++) _t[leave][j] /= p;
            for (var i = 0; i < _t.Length; i++)
            {
                if (i == leave || _t[i][entering] == 0) continue;
                var f = _t[i][entering];
                for (var j = 0; j <= _columns; j++) _t[i][j] -= f * _t[leave][j];
            }
            _basis[leave] = entering;
        }
    }
}
