using Workbench.Disclosure;

namespace Workbench.Tests.Disclosure;

/// <summary>
/// An intruder who sees only the published tables (symbols and counts; one table, or several published together) and
/// tries to recover suppressed cells: by solving lines with one unknown, by exhaustive integer search (small tables) and by
/// linear programming over every published cell of every table together (<see cref="LpRanges"/>, with its own solver,
/// <see cref="BlandSimplex"/>). It is written independently of the library's audit: it rebuilds the equations from
/// <see cref="ProtectedTable.Cells"/> and the labels alone. Published counts are taken at their exact values (from the
/// source table) when the table is rounded, which makes the intruder stronger than a real reader.
/// </summary>
internal sealed class Attacker
{
    private readonly long?[] _known;   // exact value of every published quantity
    private readonly long[] _lower;    // what the symbols reveal about suppressed quantities
    private readonly long[] _upper;
    private readonly long[] _truth;
    private readonly List<int[]> _lines = [];
    private readonly long _cap;

    public Attacker(ProtectedTable table) : this([table]) { }

    /// <summary>
    /// An intruder who sees several tables published together. A quantity shown in more than one table (the same
    /// categories of the same dimensions, by name, summed over the rest) is one unknown; it is known when any table
    /// publishes it. Quantities of the first table are numbered by its cell order, so for one table a quantity is a cell.
    /// </summary>
    public Attacker(IReadOnlyList<ProtectedTable> tables)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var known = new List<long?>();
        var lower = new List<long>();
        var upper = new List<long>();
        var truth = new List<long>();
        Where = [];
        foreach (var (table, t) in tables.Select((x, i) => (x, i)))
        {
            var extent = table.Dimensions.Select(d => d.Count + 1).ToArray();
            var n = table.Cells.Count;
            var id = new int[n];
            var min = table.Options!.MinimumCell;
            for (var k = 0; k < n; k++)
            {
                var c = table.Cells[k];
                var key = string.Join("\u0001", Enumerable.Range(0, table.Rank).Where(d => c.Index[d] >= 0)
                    .Select(d => table.Dimensions[d].Name + "\u0002" + table.Dimensions[d].Categories[c.Index[d]]).Order(StringComparer.Ordinal));
                if (!ids.TryGetValue(key, out var q))
                {
                    q = ids[key] = known.Count;
                    known.Add(null);
                    lower.Add(1);
                    upper.Add(long.MaxValue);
                    truth.Add(table.Source[c.Index.ToArray()]);
                    Where.Add((t, k));
                }
                id[k] = q;
                if (c.Value is not null)
                {
                    known[q] = table.Source[c.Index.ToArray()];
                    continue;
                }
                // zeros are published, so a suppressed cell is at least 1; "<10" tells it is at most 9; with "<10" in use, "x" tells it is at least 10
                var (lo, hi) = c.Shown.StartsWith('<') ? (1L, min - 1L)
                    : table.Options.DistinguishPrimary ? (min, long.MaxValue) : (1L, long.MaxValue);
                lower[q] = Math.Max(lower[q], lo);
                upper[q] = Math.Min(upper[q], hi);
            }
            // lines: along each dimension, the entries then their total (the last position)
            var strides = new int[extent.Length];
            var s = 1;
            for (var d = extent.Length - 1; d >= 0; d--) { strides[d] = s; s *= extent[d]; }
            for (var d = 0; d < extent.Length; d++)
                for (var start = 0; start < n; start++)
                    if (start / strides[d] % extent[d] == 0)
                        _lines.Add(Enumerable.Range(0, extent[d]).Select(i => id[start + i * strides[d]]).ToArray());
        }
        _known = known.ToArray();
        _lower = lower.ToArray();
        _upper = upper.ToArray();
        _truth = truth.ToArray();
        // a search cap for unbounded cells: far above anything in the tables; capping only helps the intruder
        _cap = 3 * tables.Max(t => t.Source.GrandTotal) + 3L * tables.Max(t => t.Options!.MinimumCell) + 10;
    }

    /// <summary>Per quantity, the table and cell where it was first seen.</summary>
    public List<(int Table, int Cell)> Where { get; }

    /// <summary>The quantities no table publishes.</summary>
    public IEnumerable<int> Unknowns => Enumerable.Range(0, _known.Length).Where(q => _known[q] is null);

    /// <summary>The true count of a quantity (for messages).</summary>
    public long Truth(int quantity) => _truth[quantity];

    /// <summary>
    /// The range of each unknown quantity by linear programming over every published cell of every table together
    /// (the LP relaxation: an integer range is at most as wide). Upper = <see cref="double.PositiveInfinity"/> when unbounded.
    /// </summary>
    public IReadOnlyDictionary<int, (double Lower, double Upper)> LpRanges()
    {
        var unknowns = Unknowns.ToList();
        var col = new Dictionary<int, int>();
        for (var i = 0; i < unknowns.Count; i++) col[unknowns[i]] = i;
        var rows = new List<(double[] A, double B)>();
        var width = unknowns.Count + unknowns.Count(q => _upper[q] != long.MaxValue);
        var slack = unknowns.Count;
        foreach (var q in unknowns)
        {
            if (_upper[q] == long.MaxValue) continue;
            var a = new double[width];
            a[col[q]] = 1;
            a[slack++] = 1;
            rows.Add((a, _upper[q] - _lower[q]));
        }
        foreach (var line in _lines)
        {
            if (!line.Any(col.ContainsKey)) continue;
            var a = new double[width];
            double b = 0;
            for (var p = 0; p < line.Length; p++)
            {
                var sign = p == line.Length - 1 ? -1.0 : 1.0;
                if (col.TryGetValue(line[p], out var j)) { a[j] += sign; b -= sign * _lower[line[p]]; }
                else b -= sign * _known[line[p]]!.Value;
            }
            rows.Add((a, b));
        }
        var lp = new BlandSimplex(rows, width);
        var result = new Dictionary<int, (double, double)>();
        for (var i = 0; i < unknowns.Count; i++)
        {
            var q = unknowns[i];
            var max = lp.Maximise(i, +1);
            var min = -lp.Maximise(i, -1);
            result[q] = (_lower[q] + min, double.IsPositiveInfinity(max) ? max : _lower[q] + max);
        }
        return result;
    }

    /// <summary>Cells recovered by repeatedly solving every line that has exactly one unknown.</summary>
    public IReadOnlyList<int> SolveSingleUnknowns()
    {
        var value = (long?[])_known.Clone();
        var recovered = new List<int>();
        bool progress;
        do
        {
            progress = false;
            foreach (var line in _lines)
            {
                var unknown = line.Where(k => value[k] is null).ToList();
                if (unknown.Count != 1) continue;
                var k = unknown[0];
                var sumEntries = line.Take(line.Length - 1).Where(x => x != k).Sum(x => value[x]!.Value);
                value[k] = k == line[^1] ? sumEntries : value[line[^1]]!.Value - sumEntries;
                recovered.Add(k);
                progress = true;
            }
        } while (progress);
        return recovered;
    }

    /// <summary>
    /// The exact range of whole numbers each suppressed cell can take, by exhaustive search (bounds propagation over every
    /// line, then branching on the narrowest cell); small tables only. Upper = long.MaxValue when the search cap is
    /// reachable (unbounded).
    /// </summary>
    public IReadOnlyDictionary<int, (long Lower, long Upper)> IntegerRanges()
    {
        var n = _known.Length;
        var lo0 = new long[n];
        var hi0 = new long[n];
        for (var k = 0; k < n; k++)
            (lo0[k], hi0[k]) = _known[k] is { } v ? (v, v) : (_lower[k], Math.Min(_upper[k], _cap));
        if (!Propagate(lo0, hi0)) throw new InvalidOperationException("the published table is inconsistent");
        var result = new Dictionary<int, (long, long)>();
        for (var k = 0; k < n; k++)
        {
            if (_known[k] is not null) continue;
            long lo = -1, hi = -1;
            for (var v = lo0[k]; v <= hi0[k]; v++)
                if (Feasible(lo0, hi0, k, v)) { lo = v; break; }
            if (lo < 0) throw new InvalidOperationException($"cell {k} has no feasible value: the published table is inconsistent");
            for (var v = hi0[k]; v >= lo; v--)
                if (Feasible(lo0, hi0, k, v)) { hi = v; break; }
            result[k] = (lo, hi >= _cap ? long.MaxValue : hi);
        }
        return result;
    }

    private bool Feasible(long[] lo, long[] hi, int cell, long v)
    {
        var l = (long[])lo.Clone();
        var h = (long[])hi.Clone();
        l[cell] = h[cell] = v;
        return Search(l, h);
    }

    private bool Search(long[] lo, long[] hi)
    {
        if (!Propagate(lo, hi)) return false;
        var next = -1;
        for (var k = 0; k < lo.Length; k++)
            if (lo[k] < hi[k] && (next < 0 || hi[k] - lo[k] < hi[next] - lo[next])) next = k;
        if (next < 0) return true; // every cell fixed and every line consistent
        for (var x = lo[next]; x <= hi[next]; x++)
        {
            var l = (long[])lo.Clone();
            var h = (long[])hi.Clone();
            l[next] = h[next] = x;
            if (Search(l, h)) return true;
        }
        return false;
    }

    /// <summary>Narrows every cell's bounds with every line (entries sum to their total) until nothing changes.</summary>
    private bool Propagate(long[] lo, long[] hi)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var line in _lines)
            {
                var m = line[^1];
                long sumLo = 0, sumHi = 0;
                for (var p = 0; p < line.Length - 1; p++) { sumLo += lo[line[p]]; sumHi += hi[line[p]]; }
                changed |= Narrow(lo, hi, m, sumLo, sumHi);
                for (var p = 0; p < line.Length - 1; p++)
                {
                    var k = line[p];
                    changed |= Narrow(lo, hi, k, lo[m] - (sumHi - hi[k]), hi[m] - (sumLo - lo[k]));
                }
                if (lo[m] > hi[m]) return false;
            }
            for (var k = 0; k < lo.Length; k++) if (lo[k] > hi[k]) return false;
        }
        return true;
    }

    private static bool Narrow(long[] lo, long[] hi, int k, long newLo, long newHi)
    {
        var changed = false;
        if (newLo > lo[k]) { lo[k] = newLo; changed = true; }
        if (newHi < hi[k]) { hi[k] = newHi; changed = true; }
        return changed && lo[k] <= hi[k];
    }

}
