namespace Workbench.Disclosure;

/// <summary>The range of whole numbers a suppressed cell can take given everything published.</summary>
/// <param name="Offset">The cell's offset in the extended table.</param>
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
    /// <summary>
    /// Per connected group of suppressed cells, the cells (by offset) that are not protected enough. Groups listed in
    /// <paramref name="protectedGroups"/> were found protected before and are skipped; newly protected groups are added.
    /// </summary>
    public static List<int> Exposed(FrequencyTable table, IReadOnlyList<int[]> lines, DisclosureReason[] reasons, DisclosureOptions options,
        HashSet<string>? protectedGroups = null)
    {
        var exposed = new List<int>();
        foreach (var component in Components(lines, reasons))
        {
            var key = string.Join(",", component);
            if (protectedGroups?.Contains(key) == true) continue;
            var found = ExposedIn(table, lines, reasons, options, component);
            if (found.Count > 0) exposed.AddRange(found);
            else protectedGroups?.Add(key);
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
    /// The cells of <paramref name="component"/> whose range is too narrow, in offset order. Every solution the simplex
    /// visits (and the true counts) is a feasible point, so a cell already seen at two values far enough apart needs no LP.
    /// </summary>
    private static List<int> ExposedIn(FrequencyTable table, IReadOnlyList<int[]> lines, DisclosureReason[] reasons,
        DisclosureOptions options, List<int> component)
    {
        var (lp, lower) = Build(table, lines, reasons, options, component);
        var n = component.Count;
        var seenLo = new double[n];
        var seenHi = new double[n];
        for (var i = 0; i < n; i++) seenLo[i] = seenHi[i] = table.AtOffset(component[i]) - lower[i];
        var solution = new double[n];
        void See()
        {
            lp.CopySolution(solution);
            for (var i = 0; i < n; i++)
            {
                seenLo[i] = Math.Min(seenLo[i], solution[i]);
                seenHi[i] = Math.Max(seenHi[i], solution[i]);
            }
        }
        bool WideEnough(int i, long required) => Math.Floor(seenHi[i] + 1e-6) - Math.Ceiling(seenLo[i] - 1e-6) >= required;
        See();
        var found = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var required = Required(reasons[component[i]], options);
            if (WideEnough(i, required)) continue;
            var max = lp.Max(i);
            if (double.IsPositiveInfinity(max)) continue;
            See();
            if (WideEnough(i, required)) continue;
            lp.Min(i);
            See();
            if (!WideEnough(i, required)) found.Add(component[i]);
        }
        return found;
    }

    /// <summary>The feasible range of every suppressed cell.</summary>
    public static List<FeasibleRange> AllRanges(FrequencyTable table, DisclosureReason[] reasons, DisclosureOptions options)
    {
        var lines = TableLines.Of(table);
        return Components(lines, reasons).SelectMany(c => Ranges(table, lines, reasons, options, c)).OrderBy(r => r.Offset).ToList();
    }

    /// <summary>What a reader knows about a suppressed entry before looking at the totals.</summary>
    internal static (long Lower, long Upper) Prior(DisclosureReason reason, DisclosureOptions options)
    {
        if (!options.DistinguishPrimary) return (1, long.MaxValue);
        return (reason & DisclosureReason.PrimarySuppression) != 0
            ? (1, options.MinimumCell - 1)
            : (options.MinimumCell, long.MaxValue);
    }

    /// <summary>Groups of suppressed offsets linked through shared lines, each sorted, in order of their first offset.</summary>
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

    private static IEnumerable<FeasibleRange> Ranges(FrequencyTable table, IReadOnlyList<int[]> lines, DisclosureReason[] reasons,
        DisclosureOptions options, List<int> component)
    {
        var (lp, lower) = Build(table, lines, reasons, options, component);
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
    private static (RangeLp Lp, long[] Lower) Build(FrequencyTable table, IReadOnlyList<int[]> lines, DisclosureReason[] reasons,
        DisclosureOptions options, List<int> component)
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
        foreach (var line in lines)
        {
            if (!line.Any(variable.ContainsKey)) continue;
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
                    rhs -= coef * table.AtOffset(k);
                }
            }
            equations.Add((terms, rhs));
        }
        var lp = RangeLp.Create(component.Count + slacks, equations)
                 ?? throw new InvalidOperationException("The published table is inconsistent with its own counts; please report this table.");
        return (lp, lower);
    }
}
