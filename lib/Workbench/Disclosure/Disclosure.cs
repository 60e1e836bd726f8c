using Workbench.Provenance;

namespace Workbench.Disclosure;

/// <summary>Thrown when unprotected counts would be published.</summary>
public sealed class DisclosureException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that names the fix.</summary>
    public DisclosureException(string message) : base(message) { }
}

/// <summary>
/// Statistical disclosure control for frequency tables: the only way to turn a <see cref="FrequencyTable"/> into a
/// publishable <see cref="ProtectedTable"/>.
/// </summary>
/// <remarks>
/// <para>Primary suppression: every cell or margin with a count from 1 to <c>MinimumCell - 1</c>. Zeros are published:
/// in the office's tables a zero is a structural or observed absence that readers need, suppressing it protects no person,
/// and publishing every zero lets the protection check assume (as a reader may) that a suppressed cell is at least 1.</para>
/// <para>Secondary suppression treats the table with its margins as a system of equations (every row, column and, in three
/// dimensions, pillar sums to its total). First every line with exactly one suppressed entry gets another one: the
/// non-zero published entry of that line that also completes the most other lines with a single suppression (so that one
/// cell closes a rectangle), then the smallest count, ties broken by position (row-major, totals last); repeated to a
/// fixed point. Then an audit computes, by linear programming, the range of whole numbers each suppressed entry can take given
/// everything published and what a reader can infer (non-negativity, zeros published, and with
/// <see cref="DisclosureOptions.DistinguishPrimary"/> the bounds the symbols reveal); an entry whose range is narrower
/// than <see cref="DisclosureOptions.ProtectionWidth"/> gets the smallest published entry of one of its lines suppressed
/// too, and both steps repeat until nothing changes. The audit is incremental: suppressing more only widens ranges, so a
/// cell once shown protected is not checked again, and every feasible point the simplex visits (first for a few seeded
/// random objectives, then for each open cell's minimum and maximum) counts as evidence. Tables published together are
/// protected as one system (<see cref="Protect(IReadOnlyList{FrequencyTable}, DisclosureOptions?)"/>). The LP relaxation can in rare three-dimensional patterns be wider
/// than the integer range; the tests check small tables by exhaustive integer search as well.</para>
/// <para>Rounding: each published count (cells and margins alike, each from its own exact count) is rounded half up to the
/// nearest multiple of <see cref="DisclosureOptions.RoundingBase"/>: with base 5, 12 becomes 10 and 13 becomes 15. Margins
/// are therefore not the sums of the rounded cells. Every rounded cell carries reason R (also when the count was already a
/// multiple, so that the code reveals nothing).</para>
/// <para>Percentages are computed from the published (rounded) counts and shown only where the exact denominator reaches
/// <see cref="DisclosureOptions.MinimumCell"/> and is itself published; otherwise they carry reason D.</para>
/// </remarks>
public static class Disclosure
{
    /// <summary>Protects <paramref name="table"/>: primary and secondary suppression, rounding and percentages per <paramref name="options"/>.</summary>
    /// <param name="table">The table to protect; not changed.</param>
    /// <param name="options">The rules (default <see cref="DisclosureOptions"/>: minimum 10, rounding base 5).</param>
    public static ProtectedTable Protect(FrequencyTable table, DisclosureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new DisclosureOptions();
        var suppressed = Suppression.Run(table, options);
        return Publication.Build(table, options, suppressed);
    }

    /// <summary>
    /// Protects tables that are published together (on one page or in one study) as one linked set, so that no cell of
    /// any of them can be recovered by combining them.
    /// </summary>
    /// <remarks>
    /// Tables link where they show the same quantity: a margin over the same categories of the same dimensions (by name),
    /// such as the "girl" total of sex x age and of sex x region, and every grand total. Such a quantity is one unknown in
    /// one system of equations made of every line of every table; primary suppression, line completion and the linear-
    /// programming audit run on that system, so secondary suppression works across the tables and a shared margin is
    /// suppressed in all of them or in none. Rounding, percentages and footnotes are per table. Every table must count the
    /// same population: a quantity shown twice with different counts is an error. Protecting the tables one by one can
    /// leave a cell recoverable by differencing (e.g. with rounding base 1, a 3 that is the difference of two published
    /// totals of different tables).
    /// </remarks>
    /// <param name="tables">The tables published together, at least one; not changed.</param>
    /// <param name="options">The rules for all of them (default <see cref="DisclosureOptions"/>: minimum 10, rounding base 5).</param>
    /// <returns>The protected tables, in the order given.</returns>
    /// <exception cref="ArgumentException">No tables, or two tables show one quantity with different counts.</exception>
    public static IReadOnlyList<ProtectedTable> Protect(IReadOnlyList<FrequencyTable> tables, DisclosureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0) throw new ArgumentException("Give at least one table to protect.", nameof(tables));
        foreach (var t in tables) ArgumentNullException.ThrowIfNull(t, nameof(tables));
        options ??= new DisclosureOptions();
        var set = tables.ToArray();
        var system = CellSystem.Of(set);
        var suppressed = Suppression.Run(system, options);
        var result = new ProtectedTable[set.Length];
        for (var i = 0; i < set.Length; i++)
        {
            var map = system.QuantityOf[i];
            var reasons = map.Select(q => suppressed[q]).ToArray();
            result[i] = Publication.Build(set[i], options, reasons, set.Length > 1 ? new LinkedSet(set, i) : null);
        }
        return result;
    }

    /// <summary>
    /// Releases <paramref name="table"/> without disclosure control, for a documented reason (e.g. the counts are already
    /// public). The reason is recorded through <see cref="ProvenanceLog.RecordDisclosureOptOut"/> and the result is marked
    /// unprotected (every cell carries reason U and the footnote states the reason).
    /// </summary>
    /// <param name="table">The table released as counted.</param>
    /// <param name="reason">Why publishing the exact counts is acceptable; required, not blank.</param>
    /// <param name="subject">What the provenance record names (default: the table's title, or its dimension names).</param>
    /// <exception cref="ArgumentException">The reason is empty.</exception>
    public static ProtectedTable ReleaseUnprotected(FrequencyTable table, string reason, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException(
                "Releasing a table without disclosure control needs a reason, e.g. \"counts already published in the annual report 2024\". " +
                "Otherwise protect it with Disclosure.Protect.", nameof(reason));
        reason = reason.Trim();
        subject ??= table.Title ?? "table of " + string.Join(" x ", table.Dimensions.Select(d => d.Name));
        ProvenanceLog.RecordDisclosureOptOut(subject, reason);
        return Publication.BuildUnprotected(table, reason);
    }

    /// <summary>Returns <paramref name="table"/>: a <see cref="ProtectedTable"/> was either protected or released with a recorded reason.</summary>
    public static ProtectedTable EnsureProtected(ProtectedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table;
    }

    /// <summary>Returns <paramref name="counts"/>: chart counts come only from a protected or deliberately released table.</summary>
    public static ProtectedCounts EnsureProtected(ProtectedCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts;
    }

    /// <summary>
    /// The guard for export and chart code handed something that may be unprotected: returns a <see cref="ProtectedTable"/>
    /// or <see cref="ProtectedCounts"/> unchanged and throws <see cref="DisclosureException"/> for anything else, naming the
    /// small counts when it can see them.
    /// </summary>
    /// <param name="data">The table or chart data about to be published.</param>
    /// <param name="minimumCell">The minimum cell count quoted in the message (default 10).</param>
    public static object EnsureProtected(object data, int minimumCell = 10)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data switch
        {
            ProtectedTable or ProtectedCounts => data,
            FrequencyTable t => throw Unprotected(CountSmall(Enumerable.Range(0, t.ExtendedLength).Select(t.AtOffset), minimumCell), minimumCell),
            IEnumerable<long> xs => throw Unprotected(CountSmall(xs, minimumCell), minimumCell),
            IEnumerable<int> xs => throw Unprotected(CountSmall(xs.Select(x => (long)x), minimumCell), minimumCell),
            _ => throw new DisclosureException(
                $"A {data.GetType().Name} cannot be published: only a ProtectedTable or ProtectedCounts can. " +
                "Protect the counts with Disclosure.Protect or release them with Disclosure.ReleaseUnprotected(table, reason: \"...\")."),
        };
    }

    private static int CountSmall(IEnumerable<long> values, int minimumCell) => values.Count(v => v > 0 && v < minimumCell);

    private static DisclosureException Unprotected(int small, int minimumCell) => new(small > 0
        ? $"this table has unprotected counts below {minimumCell} ({small} cell(s)): protect it with Disclosure.Protect or release it with a reason (Disclosure.ReleaseUnprotected)."
        : "this table is not protected (its counts are not rounded and were not checked): protect it with Disclosure.Protect or release it with a reason (Disclosure.ReleaseUnprotected).");
}
