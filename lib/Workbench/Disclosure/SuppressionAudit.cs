namespace Workbench.Disclosure;

/// <summary>The range of whole numbers a suppressed cell can take given everything published.</summary>
/// <param name="Offset">The cell's offset in the extended table (for tables protected together: its quantity).</param>
/// <param name="Lower">The smallest value consistent with the publication.</param>
/// <param name="Upper">The largest value, or <see cref="long.MaxValue"/> when unbounded.</param>
internal readonly record struct FeasibleRange(int Offset, long Lower, long Upper)
{
    public long Width => Upper == long.MaxValue ? long.MaxValue : Upper - Lower;
}

/// <summary>
/// The attacker's view: every line of the extended table is an equation, published entries are known exactly (rounding
/// is ignored, which is conservative), a suppressed entry is at least 1 (zeros are published) and, when primary
/// suppressions are marked, primary entries are at most MinimumCell - 1 and secondary ones at least MinimumCell.
/// </summary>
internal static class SuppressionAudit
{
    /// <summary>The cells (by offset) of <paramref name="table"/> that are not protected enough.</summary>
    public static List<int> Exposed(FrequencyTable table, DisclosureReason[] reasons, DisclosureOptions options) =>
        Exposed(CellSystem.Of(table), reasons, options, new bool[table.ExtendedLength]);

    /// <summary>
    /// The suppressed quantities that are not protected enough, per connected group in order of their first quantity.
    /// Quantities marked in <paramref name="safe"/> were shown protected before and are not checked again (suppressing
    /// more never narrows a range); quantities found protected now are marked.
    /// </summary>
    public static List<int> Exposed(CellSystem system, DisclosureReason[] reasons, DisclosureOptions options, bool[] safe)
    {
        var exposed = new List<int>();
        foreach (var component in Components(system.Lines, reasons))
        {
            if (component.All(k => safe[k])) continue;
            exposed.AddRange(ExposedIn(system, reasons, options, component, safe));
        }
        return exposed;
    }

    /// <summary>The width a suppressed cell's range must reach: the option, capped by what the symbols already reveal.</summary>
    private static long Required(DisclosureReason reason, DisclosureOptions options)
    {
        var (lo, hi) = Prior(reason, options);
        return Math.Min(options.ProtectionWidth, hi == long.MaxValue ? long.MaxValue : hi - lo);
    }

    /// <summary>
    /// The cells of <paramref name="component"/> whose range is too narrow, in order. Every solution the simplex visits
    /// (and the true counts) is a feasible point, so a cell already seen at two values far enough apart needs no LP of its
    /// own. Before the per-cell optimisations, a few optimisations of a seeded random objective over the cells still open
    /// move many cells at once, so that typically only the exposed cells need their own minimum and maximum.
    /// </summary>
    private static List<int> ExposedIn(CellSystem system, DisclosureReason[] reasons, DisclosureOptions options,
        List<int> component, bool[] safe)
    {
        var (lp, lower) = Build(system, reasons, options, component);
        var n = component.Count;
        var seenLo = new double[n];
        var seenHi = new double[n];
        var required = new long[n];
        for (var i = 0; i < n; i++)
        {
            seenLo[i] = seenHi[i] = system.Values[component[i]] - lower[i];
            required[i] = Required(reasons[component[i]], options);
        }
        var solution = new double[n];
        bool WideEnough(int i) => Math.Floor(seenHi[i] + 1e-6) - Math.Ceiling(seenLo[i] - 1e-6) >= required[i];
        void See()
        {
            lp.CopySolution(solution);
            for (var i = 0; i < n; i++)
            {
                seenLo[i] = Math.Min(seenLo[i], solution[i]);
                seenHi[i] = Math.Max(seenHi[i], solution[i]);
                if (!safe[component[i]] && WideEnough(i)) safe[component[i]] = true;
            }
        }
        See();
        var rng = new Random(n);
        for (var round = 0; round < 4; round++)
        {
            var open = Enumerable.Range(0, n).Where(i => !safe[component[i]]).ToList();
            if (open.Count < 8) break;
            // alternately push the open cells up and down, each with random weights
            var cost = new double[n];
            foreach (var i in open) cost[i] = (round % 2 == 0 ? 1 : -1) * (0.5 + rng.NextDouble());
            lp.Optimize(cost); // unbounded or not, the basis it stops at is feasible
            See();
        }
        var found = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (safe[component[i]]) continue;
            var max = lp.Max(i);
            if (double.IsPositiveInfinity(max))
            {
                safe[component[i]] = true;
                continue;
            }
            See();
            if (safe[component[i]]) continue;
            lp.Min(i);
            See();
            if (!safe[component[i]]) found.Add(component[i]);
        }
        return found;
    }

    /// <summary>The feasible range of every suppressed cell of <paramref name="table"/>.</summary>
    public static List<FeasibleRange> AllRanges(FrequencyTable table, DisclosureReason[] reasons, DisclosureOptions options) =>
        AllRanges(CellSystem.Of(table), reasons, options);

    /// <summary>The feasible range of every suppressed quantity.</summary>
    public static List<FeasibleRange> AllRanges(CellSystem system, DisclosureReason[] reasons, DisclosureOptions options) =>
        Components(system.Lines, reasons).SelectMany(c => Ranges(system, reasons, options, c)).OrderBy(r => r.Offset).ToList();

    /// <summary>What a reader knows about a suppressed entry before looking at the totals.</summary>
    internal static (long Lower, long Upper) Prior(DisclosureReason reason, DisclosureOptions options)
    {
        if (!options.DistinguishPrimary) return (1, long.MaxValue);
        return (reason & DisclosureReason.PrimarySuppression) != 0
            ? (1, options.MinimumCell - 1)
            : (options.MinimumCell, long.MaxValue);
    }

    /// <summary>Groups of suppressed quantities linked through shared lines, each sorted, in order of their first quantity.</summary>
    internal static List<List<int>> Components(IReadOnlyList<int[]> lines, DisclosureReason[] reasons)
    {
        var parent = new int[reasons.Length];
        for (var k = 0; k < parent.Length; k++) parent[k] = k;
        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        foreach (var line in lines)
        {
            var first = -1;
            foreach (var k in line)
            {
                if (reasons[k] == DisclosureReason.None) continue;
                if (first < 0) first = k;
                else parent[Find(k)] = Find(first);
            }
        }
        var groups = new Dictionary<int, List<int>>();
        var order = new List<List<int>>();
        for (var k = 0; k < reasons.Length; k++)
        {
            if (reasons[k] == DisclosureReason.None) continue;
            var root = Find(k);
            if (!groups.TryGetValue(root, out var g))
            {
                g = [];
                groups[root] = g;
                order.Add(g);
            }
            g.Add(k);
        }
        return order;
    }

    private static IEnumerable<FeasibleRange> Ranges(CellSystem system, DisclosureReason[] reasons, DisclosureOptions options, List<int> component)
    {
        var (lp, lower) = Build(system, reasons, options, component);
        for (var i = 0; i < component.Count; i++)
        {
            var min = lp.Min(i);
            var max = lp.Max(i);
            var lo = lower[i] + (long)Math.Ceiling(min - 1e-6);
            var hi = double.IsPositiveInfinity(max) ? long.MaxValue : lower[i] + (long)Math.Floor(max + 1e-6);
            yield return new FeasibleRange(component[i], lo, hi);
        }
    }

    /// <summary>The attacker's linear program for one group: variables z = x - lower, one per cell, then slacks.</summary>
    private static (RangeLp Lp, long[] Lower) Build(CellSystem system, DisclosureReason[] reasons, DisclosureOptions options, List<int> component)
    {
        var variable = new Dictionary<int, int>();
        for (var i = 0; i < component.Count; i++) variable[component[i]] = i;
        var lower = component.Select(k => Prior(reasons[k], options).Lower).ToArray();
        var upper = component.Select(k => Prior(reasons[k], options).Upper).ToArray();
        // z = x - lower ≥ 0; a finite upper bound adds z + slack = upper - lower with its own slack variable
        var equations = new List<(IReadOnlyList<(int Var, double Coef)> Terms, double Rhs)>();
        var slacks = 0;
        for (var i = 0; i < component.Count; i++)
            if (upper[i] != long.MaxValue)
                equations.Add(([(i, 1.0), (component.Count + slacks++, 1.0)], upper[i] - lower[i]));
        var seenLines = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in system.Lines)
        {
            if (!line.Any(variable.ContainsKey)) continue;
            // linked tables can show the same line twice (a table and its transpose); one copy is enough
            if (!seenLines.Add(string.Join(",", line))) continue;
            var terms = new List<(int, double)>();
            double rhs = 0;
            for (var p = 0; p < line.Length; p++)
            {
                var k = line[p];
                var coef = p == line.Length - 1 ? -1.0 : 1.0; // entries minus their total = 0
                if (variable.TryGetValue(k, out var v))
                {
                    terms.Add((v, coef));
                    rhs -= coef * lower[v];
                }
                else
                {
                    rhs -= coef * system.Values[k];
                }
            }
            equations.Add((terms, rhs));
        }
        var lp = RangeLp.Create(component.Count + slacks, equations)
                 ?? throw new InvalidOperationException("The published table is inconsistent with its own counts; please report this table.");
        return (lp, lower);
    }
}
