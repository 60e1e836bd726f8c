namespace Workbench.Disclosure;

/// <summary>The tables a table was protected with and its position among them.</summary>
internal sealed record LinkedSet(IReadOnlyList<FrequencyTable> Tables, int Position);

/// <summary>
/// A frequency table ready for publication: small counts suppressed (with secondary suppression so they cannot be
/// recomputed from the totals), counts rounded, percentages withheld where their denominator is small, and a reason code
/// on every affected cell. Only <see cref="Disclosure.Protect(FrequencyTable, DisclosureOptions?)"/> (and its fluent forms) and
/// <see cref="Disclosure.ReleaseUnprotected"/> create one, so code that accepts only this type is fail-closed.
/// </summary>
public sealed class ProtectedTable
{
    private readonly ProtectedCell[] _cells;

    internal ProtectedTable(FrequencyTable source, DisclosureOptions? options, ProtectedCell[] cells, string? unprotectedReason,
        LinkedSet? linked = null)
    {
        Source = source;
        Linked = linked;
        Options = options;
        _cells = cells;
        UnprotectedReason = unprotectedReason;
    }

    /// <summary>The unprotected table this was made from; internal so that the counts cannot leak through it.</summary>
    internal FrequencyTable Source { get; }

    /// <summary>The set this table was protected with, or null when it was protected alone.</summary>
    internal LinkedSet? Linked { get; }

    /// <summary>Number of tables protected together with this one, itself included (1 when protected alone).</summary>
    public int LinkedTableCount => Linked?.Tables.Count ?? 1;

    /// <summary>The dimensions, in order: rows, columns, layers.</summary>
    public IReadOnlyList<TableDimension> Dimensions => Source.Dimensions;

    /// <summary>Number of dimensions (1, 2 or 3).</summary>
    public int Rank => Source.Rank;

    /// <summary>The title of the source table, if any.</summary>
    public string? Title => Source.Title;

    /// <summary>The title in <paramref name="language"/> (the source's reader title, else <see cref="Title"/>), if any.</summary>
    public string? TitleIn(Language language) => Source.ReaderTitle?.In(language) ?? Source.Title;

    /// <summary>The options used, or null when released without protection.</summary>
    public DisclosureOptions? Options { get; }

    /// <summary>True when disclosure control was applied; false when released with <see cref="Disclosure.ReleaseUnprotected"/>.</summary>
    public bool IsProtected => Options is not null;

    /// <summary>The reason recorded when the table was released without protection; null when protected.</summary>
    public string? UnprotectedReason { get; }

    /// <summary>Every cell and margin, in row-major order of the table extended by its totals (the total last in each dimension).</summary>
    public IReadOnlyList<ProtectedCell> Cells => _cells;

    /// <summary>The published cell at an index; use <see cref="FrequencyTable.Total"/> (-1) for a total.</summary>
    public ProtectedCell this[params int[] index] => _cells[Source.Offset(index)];

    /// <summary>Number of suppressed cells (primary and secondary, margins included).</summary>
    public int SuppressedCount => _cells.Count(c => c.IsSuppressed);

    /// <summary>Protects the source again with a different minimum cell count (other options unchanged).</summary>
    public ProtectedTable WithMinimumCell(int minimumCell) => Reprotect(o => o with { MinimumCell = minimumCell });

    /// <summary>Protects the source again with a different rounding base (1 = no rounding; other options unchanged).</summary>
    public ProtectedTable WithRounding(int roundingBase) => Reprotect(o => o with { RoundingBase = roundingBase });

    /// <summary>Protects the source again adding percentages of <paramref name="percentageBase"/> (other options unchanged).</summary>
    public ProtectedTable WithPercentages(PercentageBase percentageBase) => Reprotect(o => o with { Percentages = percentageBase });

    /// <summary>Protects the source again with a different required protection width (other options unchanged).</summary>
    public ProtectedTable WithProtectionWidth(int width) => Reprotect(o => o with { ProtectionWidth = width });

    /// <summary>Protects the source again with <paramref name="options"/> (together with the tables it was protected with).</summary>
    public ProtectedTable WithOptions(DisclosureOptions options) =>
        Linked is { } set ? Disclosure.Protect(set.Tables, options)[set.Position] : Disclosure.Protect(Source, options);

    // a table of a linked set is protected again with its set, or the new options could expose a shared cell
    private ProtectedTable Reprotect(Func<DisclosureOptions, DisclosureOptions> change) =>
        WithOptions(change(Options ?? new DisclosureOptions()));

    /// <summary>The published cells along <paramref name="dimension"/>, with the other dimensions at <paramref name="at"/> (default: their totals), for charts.</summary>
    /// <param name="dimension">The dimension the counts run along (default 0, the rows).</param>
    /// <param name="at">One position per dimension for the other dimensions (the entry for <paramref name="dimension"/> is ignored); default all totals.</param>
    public ProtectedCounts CountsAlong(int dimension = 0, IReadOnlyList<int>? at = null)
    {
        if (dimension < 0 || dimension >= Rank)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"The table has {Rank} dimension(s).");
        var index = at?.ToArray() ?? Enumerable.Repeat(FrequencyTable.Total, Rank).ToArray();
        var dim = Dimensions[dimension];
        var cells = new List<ProtectedCell>();
        for (var i = 0; i < dim.Count; i++)
        {
            index[dimension] = i;
            cells.Add(this[index]);
        }
        return new ProtectedCounts(dim.Name, dim.Categories, cells, this);
    }

    /// <summary>
    /// The share of each category along <paramref name="dimension"/> in the total over it, with the other dimensions at
    /// <paramref name="at"/> (default: their totals), for charts of composition.
    /// </summary>
    /// <remarks>
    /// Shares follow the rules of the published percentages: they are computed only from published (protected, rounded)
    /// counts; a suppressed count has no share (<see cref="ShareStatus.NumeratorSuppressed"/>); no share is published
    /// where the total is suppressed or, exactly, below <see cref="DisclosureOptions.MinimumCell"/>. The share is the
    /// published count over the published total, unrounded, so the published shares reveal nothing beyond the published
    /// counts. For a table released without protection the shares are of the exact counts (a zero total has none).
    /// </remarks>
    /// <param name="dimension">The dimension the shares run along (default 0, the rows).</param>
    /// <param name="at">One position per dimension for the other dimensions (the entry for <paramref name="dimension"/> is ignored); default all totals.</param>
    public ProtectedShares Shares(int dimension = 0, IReadOnlyList<int>? at = null)
    {
        var counts = CountsAlong(dimension, at);
        var index = at?.ToArray() ?? Enumerable.Repeat(FrequencyTable.Total, Rank).ToArray();
        index[dimension] = FrequencyTable.Total;
        var total = this[index];
        var minimum = Options?.MinimumCell ?? 1;
        var shares = counts.Cells.Select((cell, i) =>
        {
            var status = cell.IsSuppressed ? ShareStatus.NumeratorSuppressed
                : total.IsSuppressed ? ShareStatus.DenominatorSuppressed
                : Source[index] < minimum || total.Value == 0 ? ShareStatus.DenominatorBelowMinimum
                : ShareStatus.Shown;
            double? share = status == ShareStatus.Shown ? (double)cell.Value!.Value / total.Value!.Value : null;
            return new ProtectedShare(counts.Labels[i], cell, share, status);
        }).ToArray();
        return new ProtectedShares(counts.Name, total, shares, this);
    }

    /// <summary>The footnote explaining the symbols used in this table.</summary>
    public string Footnote(Language language = Language.En) => Footnotes.For(this, language);

    /// <summary>A plain-text rendering with aligned columns and the footnote.</summary>
    public string ToText(Language language = Language.En) => TableRenderer.Text(this, language);

    /// <summary>A Markdown (pipe table) rendering with the footnote.</summary>
    public string ToMarkdown(Language language = Language.En) => TableRenderer.Markdown(this, language);

    /// <summary>An HTML <c>&lt;table&gt;</c> rendering (escaped) with the footnote in a <c>&lt;p&gt;</c>.</summary>
    public string ToHtml(Language language = Language.En) => TableRenderer.Html(this, language);

    /// <summary>A long CSV (invariant culture): one row per cell with its dimensions, published text and reason codes; the footnote follows as comment lines starting with '#'.</summary>
    public string ToCsv(Language language = Language.En) => TableRenderer.Csv(this, language);

    /// <summary>A JSON document listing every cell (dims, value or null, shown text, reason codes) and the footnote.</summary>
    public string ToJson(Language language = Language.En) => TableRenderer.Json(this, language);

    /// <inheritdoc />
    public override string ToString() => ToText();
}
