namespace Workbench.Disclosure;

/// <summary>One published cell or margin of a <see cref="ProtectedTable"/>.</summary>
/// <param name="Index">One position per dimension; <see cref="FrequencyTable.Total"/> (-1) where the cell sums over a dimension.</param>
/// <param name="Labels">The category label per dimension; "Total" where the cell sums over a dimension ("Total, all categories" where a category of that dimension reads "Total").</param>
/// <param name="Value">The published count (rounded when the options round), or null when suppressed.</param>
/// <param name="Shown">The published text, culture-invariant: a count, "x" (suppressed) or "&lt;10" (primary, when distinguished).</param>
/// <param name="Reasons">Why the published cell differs from the count (suppression, rounding, withheld percentage).</param>
/// <param name="Percentage">The published percentage, or null when none was asked for or it is withheld.</param>
/// <param name="PercentageShown">The published percentage text (invariant, e.g. "12.5"), "x", "–" when withheld, or null when none was asked for.</param>
public sealed record ProtectedCell(
    IReadOnlyList<int> Index,
    IReadOnlyList<string> Labels,
    long? Value,
    string Shown,
    DisclosureReason Reasons,
    double? Percentage,
    string? PercentageShown)
{
    /// <summary>True when the cell sums over at least one dimension (a row, column, layer or grand total).</summary>
    public bool IsMargin => Index.Any(i => i == FrequencyTable.Total);

    /// <summary>True when the count is not published.</summary>
    public bool IsSuppressed => DisclosureReasons.IsSuppressed(Reasons);
}

/// <summary>
/// Published counts along one dimension of a <see cref="ProtectedTable"/>, for charts (a bar per category). Created only
/// from a protected (or deliberately released) table, so chart code that accepts this type is fail-closed.
/// </summary>
public sealed record ProtectedCounts
{
    internal ProtectedCounts(string name, IReadOnlyList<string> labels, IReadOnlyList<ProtectedCell> cells, ProtectedTable source)
    {
        Name = name;
        Labels = labels;
        Cells = cells;
        Source = source;
    }

    /// <summary>The dimension the counts run along.</summary>
    public string Name { get; }

    /// <summary>The category labels, in order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The published cells, one per label.</summary>
    public IReadOnlyList<ProtectedCell> Cells { get; }

    /// <summary>The published values (null when suppressed), one per label.</summary>
    public IReadOnlyList<long?> Values => Cells.Select(c => c.Value).ToArray();

    /// <summary>The table the counts come from (its footnote explains the symbols).</summary>
    public ProtectedTable Source { get; }

    /// <summary>True unless the source table was released without protection.</summary>
    public bool IsProtected => Source.IsProtected;
}
