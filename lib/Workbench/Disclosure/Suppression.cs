namespace Workbench.Disclosure;

/// <summary>
/// Primary and secondary cell suppression on a table extended by its margins (see <see cref="Disclosure"/> for the rules).
/// </summary>
internal static class Suppression
{
    /// <summary>The suppression reason (P, S or none) per extended-table offset.</summary>
    public static DisclosureReason[] Run(FrequencyTable table, DisclosureOptions options) => Run(CellSystem.Of(table), options);

    /// <summary>The suppression reason (P, S or none) per quantity of tables published together.</summary>
    /// <remarks>
    /// Suppressing one more quantity replaces a known count by an unknown whose prior range contains it, so every
    /// feasible point stays feasible and no suppressed cell's range narrows: a cell once found protected stays protected,
    /// and each round audits only the cells not yet shown to be protected (an incremental audit).
    /// </remarks>
    public static DisclosureReason[] Run(CellSystem system, DisclosureOptions options)
    {
        var n = system.Count;
        var values = system.Values;
        var lines = system.Lines;
        var linesOf = system.LinesOf;
        var reasons = new DisclosureReason[n];
        for (var k = 0; k < n; k++)
        {
            var v = values[k];
            if (v > 0 && v < options.MinimumCell) reasons[k] = DisclosureReason.PrimarySuppression;
        }
        var safe = new bool[n];
        while (true)
        {
            CompleteLines(system, reasons);
            var exposed = SuppressionAudit.Exposed(system, reasons, options, safe);
            if (exposed.Count == 0) return reasons;
            // one new suppression per exposed cell, except where a cell added this round already shares a line with it
            // (that one usually widens its range too; the next audit checks)
            var touched = new HashSet<int>();
            var added = 0;
            foreach (var k in exposed)
            {
                if (linesOf[k].Any(touched.Contains)) continue;
                var pick = SmallestCandidate(values, linesOf[k].SelectMany(l => lines[l]), reasons);
                if (pick < 0) pick = SmallestCandidate(values, Enumerable.Range(0, n), reasons);
                if (pick < 0) break; // nothing left to suppress this round; the next audit decides
                reasons[pick] = DisclosureReason.SecondarySuppression;
                touched.UnionWith(linesOf[pick]);
                added++;
            }
            if (added == 0)
                throw new InvalidOperationException("Every non-zero cell is suppressed but a cell is still exposed; please report this table.");
        }
    }

    /// <summary>
    /// Gives every line with exactly one suppressed entry a second one, until no line has exactly one. The second entry is
    /// the published non-zero entry that also completes the most other such lines (so one suppression closes a rectangle
    /// instead of opening a new line), then the smallest count, then the first position.
    /// </summary>
    internal static void CompleteLines(CellSystem system, DisclosureReason[] reasons)
    {
        var lines = system.Lines;
        var linesOf = system.LinesOf;
        int SuppressedIn(int l)
        {
            var c = 0;
            foreach (var k in lines[l]) if (reasons[k] != DisclosureReason.None) c++;
            return c;
        }
        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                var count = 0;
                foreach (var k in line) if (reasons[k] != DisclosureReason.None) count++;
                if (count != 1) continue;
                var pick = -1;
                var bestCompletes = -1;
                var bestValue = long.MaxValue;
                foreach (var k in line)
                {
                    if (reasons[k] != DisclosureReason.None) continue;
                    var v = system.Values[k];
                    if (v == 0) continue;
                    var completes = 0;
                    foreach (var l in linesOf[k]) if (SuppressedIn(l) == 1 && !ReferenceEquals(lines[l], line)) completes++;
                    if (completes > bestCompletes || (completes == bestCompletes && (v < bestValue || (v == bestValue && k < pick))))
                    {
                        pick = k;
                        bestCompletes = completes;
                        bestValue = v;
                    }
                }
                // a suppressed entry is never zero, so the rest of its line has a non-zero entry
                if (pick < 0) throw new InvalidOperationException("A line has one suppressed entry and no candidate; please report this table.");
                reasons[pick] = DisclosureReason.SecondarySuppression;
                changed = true;
            }
        } while (changed);
    }

    /// <summary>The published non-zero entry with the smallest count, ties by offset (row-major, totals last); -1 if none.</summary>
    private static int SmallestCandidate(long[] values, IEnumerable<int> offsets, DisclosureReason[] reasons)
    {
        var best = -1;
        var bestValue = long.MaxValue;
        foreach (var k in offsets)
        {
            if (reasons[k] != DisclosureReason.None) continue;
            var v = values[k];
            if (v == 0) continue;
            if (v < bestValue || (v == bestValue && k < best))
            {
                best = k;
                bestValue = v;
            }
        }
        return best;
    }
}

/// <summary>The lines of a table extended by its margins: in each dimension, the entries along it followed by their total.</summary>
internal static class TableLines
{
    /// <summary>Every line as extended-table offsets; the last offset of each line is its total.</summary>
    public static IReadOnlyList<int[]> Of(FrequencyTable table)
    {
        var lines = new List<int[]>();
        for (var d = 0; d < table.Rank; d++)
        {
            var extent = table.Extent(d);
            var stride = table.Stride(d);
            for (var start = 0; start < table.ExtendedLength; start++)
            {
                if (start / stride % extent != 0) continue;
                var line = new int[extent];
                for (var i = 0; i < extent; i++) line[i] = start + i * stride;
                lines.Add(line);
            }
        }
        return lines;
    }

    /// <summary>For each offset, the indices of the lines through it.</summary>
    public static List<int>[] ByCell(IReadOnlyList<int[]> lines, int cells)
    {
        var by = new List<int>[cells];
        for (var k = 0; k < cells; k++) by[k] = [];
        for (var l = 0; l < lines.Count; l++)
            foreach (var k in lines[l]) by[k].Add(l);
        return by;
    }
}
