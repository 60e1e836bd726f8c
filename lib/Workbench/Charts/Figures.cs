using Workbench.Data;
using Workbench.Disclosure;

namespace Workbench.Charts;

/// <summary>
/// Makes house-style figures. Each method takes the figure id, a title that states the message, the data and the
/// source; refine the result with <see cref="Figure.WithSubtitle"/>, <see cref="Figure.WithFootnote"/>,
/// <see cref="Figure.WithNumber"/> and friends.
/// </summary>
/// <example>
/// <code>
/// var fig = Figures.Prevalence("fig-sv-gender",
///         new("Girls report sexual violence three times as often as boys", "Meisjes melden drie keer zo vaak seksueel geweld als jongens"),
///         estimates, source: new("Youth survey 2024", "Jeugdenquête 2024"), synthetic: true)
///     .WithSubtitle(new("Share of pupils aged 12-17, the Netherlands, 2024", "Aandeel scholieren van 12-17 jaar, Nederland, 2024"));
/// </code>
/// </example>
public static class Figures
{
    /// <summary>
    /// Bars of proportions with confidence-interval whiskers: one bar per group (e.g. girls / boys) within each
    /// category (e.g. form of sexual violence). Values are proportions 0..1, shown as percentages.
    /// </summary>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="estimates">The estimates; each category-group pair once.</param>
    /// <param name="source">The data source.</param>
    /// <param name="synthetic">True (default false) when the data are synthetic.</param>
    public static Figure Prevalence(string id, Bilingual title, IEnumerable<ProportionPoint> estimates, Bilingual source, bool synthetic = false) =>
        new(id, title, source, synthetic, new PrevalenceChart(estimates));

    /// <summary>
    /// An estimated number as a range (low–high with the point estimate) beside the registered count, per row.
    /// Registered counts that are small (1 to <paramref name="minimumCell"/> - 1) are refused: protect them first.
    /// </summary>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="rows">The rows from top to bottom.</param>
    /// <param name="source">The data source.</param>
    /// <param name="synthetic">True (default false) when the data are synthetic.</param>
    /// <param name="minimumCell">The smallest non-zero registered count shown (default 10).</param>
    public static Figure EstimateRange(string id, Bilingual title, IEnumerable<RangePoint> rows, Bilingual source, bool synthetic = false,
        int minimumCell = CountTable.DefaultMinimumCell) =>
        new(id, title, source, synthetic, new EstimateRangeChart(rows, minimumCell));

    /// <summary>
    /// A chain (funnel) of counts, e.g. suspects, prosecuted, convicted: cells' categories are the steps in order,
    /// their groups optional series (e.g. years). Only a <see cref="CountTable"/> is accepted, so the counts passed
    /// disclosure control or were checked for small values.
    /// </summary>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="counts">The counts.</param>
    /// <param name="source">The data source.</param>
    /// <param name="synthetic">True (default false) when the data are synthetic.</param>
    public static Figure Chain(string id, Bilingual title, CountTable counts, Bilingual source, bool synthetic = false) =>
        new(id, title, source, synthetic, new ChainChart(counts));

    /// <summary>A trend: one line per series over the periods, with a confidence band where limits are given.</summary>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="points">The points; periods in the order they first appear.</param>
    /// <param name="source">The data source.</param>
    /// <param name="synthetic">True (default false) when the data are synthetic.</param>
    /// <param name="scale">How values are shown (default proportions as %).</param>
    public static Figure Trend(string id, Bilingual title, IEnumerable<TrendPoint> points, Bilingual source, bool synthetic = false,
        ValueScale scale = ValueScale.Proportion) =>
        new(id, title, source, synthetic, new TrendChart(points, scale));

    /// <summary>
    /// Refused: raw shares of counts are not accepted, because exact shares beside a protected table give back its
    /// suppressed cells. Use <see cref="Composition(string, Bilingual, ProtectedTable, Bilingual, bool, Func{string, Bilingual}?)"/>
    /// for counts, or <see cref="CompositionOfEstimates"/> for survey or model estimates.
    /// </summary>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="parts">The parts of each row.</param>
    /// <param name="source">The data source.</param>
    /// <param name="synthetic">True (default false) when the data are synthetic.</param>
    /// <exception cref="UnprotectedCountException">Always.</exception>
    [Obsolete(RawSharesRefused, error: true)]
    public static Figure Composition(string id, Bilingual title, IEnumerable<CompositionPart> parts, Bilingual source, bool synthetic = false) =>
        throw new UnprotectedCountException(RawSharesRefused);

    private const string RawSharesRefused =
        "Figures.Composition does not take raw shares: shares of counts must come from published (protected) counts. " +
        "Protect the table (Disclosure.Protect) and pass the ProtectedTable, or its Shares(...) per row; for survey or model " +
        "estimates use Figures.CompositionOfEstimates.";

    /// <summary>
    /// 100% composition bars of survey or model estimates (estimated shares or amounts; each row is scaled to 100%).
    /// The figure is marked as estimates; not for shares of registered counts, which must come from a protected table
    /// (<see cref="Composition(string, Bilingual, ProtectedTable, Bilingual, bool, Func{string, Bilingual}?)"/>): the
    /// leak audit still reads a stack of shares as a composition of counts and fails the run if it discloses a cell.
    /// </summary>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="parts">The parts of each row.</param>
    /// <param name="source">The data source.</param>
    /// <param name="synthetic">True (default false) when the data are synthetic.</param>
    public static Figure CompositionOfEstimates(string id, Bilingual title, IEnumerable<CompositionPart> parts, Bilingual source, bool synthetic = false) =>
        new(id, title, source, synthetic, new CompositionChart(parts, NumberKind.Estimates, null));

    /// <summary>
    /// 100% composition bars of a two-dimensional protected table: one bar per category of the rows (dimension 0), split
    /// into the categories of the columns, each part its share of the row's published total.
    /// </summary>
    /// <remarks>
    /// Shares follow <see cref="ProtectedTable.Shares"/>: computed only from the published (protected, rounded) counts;
    /// a suppressed cell has no bar and shows the table's symbol; a row whose total is suppressed or below the minimum
    /// shows no bars. The table's footnote becomes the figure's disclosure legend. A table released with
    /// <see cref="Workbench.Disclosure.Disclosure.ReleaseUnprotected"/> is accepted only when it has no count from 1 to 9.
    /// </remarks>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="table">The protected table (rank 2).</param>
    /// <param name="source">The data source.</param>
    /// <param name="synthetic">True (default false) when the data are synthetic.</param>
    /// <param name="label">The reader's label of a category of either dimension (default: the category in both languages).</param>
    /// <exception cref="UnprotectedCountException">The table was released unprotected and has a count from 1 to 9.</exception>
    public static Figure Composition(string id, Bilingual title, ProtectedTable table, Bilingual source, bool synthetic = false,
        Func<string, Bilingual>? label = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Rank != 2)
            throw new ArgumentException($"A composition of a table needs two dimensions (bars x parts); this one has {table.Rank}. Use the overload with one ProtectedShares per bar.", nameof(table));
        label ??= Text.Same;
        var rows = table.Dimensions[0].Categories.Select((c, i) => (label(c), table.Shares(dimension: 1, at: [i, FrequencyTable.Total])));
        return Composition(id, title, rows, source, synthetic, label);
    }

    /// <summary>
    /// 100% composition bars, one per <see cref="ProtectedShares"/> (e.g. one protected yes/no table per reason), each
    /// split into its categories. A share that is not published has no bar and shows its symbol.
    /// </summary>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="rows">The bars from top to bottom: the reader's label and the shares.</param>
    /// <param name="source">The data source.</param>
    /// <param name="synthetic">True (default false) when the data are synthetic.</param>
    /// <param name="part">The reader's label of a category of the shares (default: the category in both languages).</param>
    /// <exception cref="UnprotectedCountException">Shares of a table released unprotected with a count from 1 to 9.</exception>
    public static Figure Composition(string id, Bilingual title, IEnumerable<(Bilingual Row, ProtectedShares Shares)> rows, Bilingual source,
        bool synthetic = false, Func<string, Bilingual>? part = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        part ??= Text.Same;
        var list = rows.ToList();
        var slots = new List<CompositionSlot>();
        foreach (var (row, shares) in list)
        {
            ArgumentNullException.ThrowIfNull(shares);
            if (!shares.IsProtected)
            {
                foreach (var s in shares.Shares.Append(new ProtectedShare("Total", shares.Denominator, null, ShareStatus.Shown)))
                    if (s.Cell.Value is { } v)
                        CountTable.RequireSafe(v, CountTable.DefaultMinimumCell, $"'{row.En}' / '{s.Label}' of the table released unprotected");
            }
            slots.AddRange(shares.Shares.Select(s => new CompositionSlot(row, part(s.Label), s.Share, s.Symbol)));
        }
        if (slots.Count == 0) throw new ArgumentException("A composition chart needs at least one part.", nameof(rows));
        var sources = list.Select(r => r.Shares.Source).Distinct().ToList();
        var cells = list.SelectMany(r => r.Shares.Shares.Select(s => s.Cell)).ToList();
        return new(id, title, source, synthetic, new CompositionChart(slots, NumberKind.RegisteredCounts, ChartData.Legend(sources[0], cells), sharesOf: "published-counts"));
    }

    /// <summary>
    /// 100% composition bars from counts (cell category = row, group = part). Every part of a row must be shown:
    /// a suppressed cell would make the other shares disclose it, so it is refused.
    /// </summary>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="counts">The counts.</param>
    /// <param name="source">The data source.</param>
    /// <param name="synthetic">True (default false) when the data are synthetic.</param>
    public static Figure Composition(string id, Bilingual title, CountTable counts, Bilingual source, bool synthetic = false)
    {
        var parts = counts.Cells.Select(c =>
        {
            if (c.Group is null) throw new ArgumentException($"Count '{c.Category.En}' has no group; in a composition the group is the part.", nameof(counts));
            if (c.Value is null)
                throw new ArgumentException($"Count '{c.Category.En}' / '{c.Group.En}' is suppressed; a 100% bar would reveal it from the other parts. Merge parts or rows so no cell is suppressed.", nameof(counts));
            return new CompositionPart(c.Category, c.Group, c.Value.Value);
        });
        var slots = parts.ToList();
        return new(id, title, source, synthetic, new CompositionChart(
            NormaliseCounts(slots), NumberKind.RegisteredCounts, counts.Legend, sharesOf: "published-counts"));
    }

    private static List<CompositionSlot> NormaliseCounts(List<CompositionPart> parts) =>
        parts.GroupBy(p => p.Category).SelectMany(row =>
        {
            var total = row.Sum(p => p.Value);
            if (total <= 0) throw new ArgumentException($"Row '{row.Key.En}' adds up to 0; a 100% bar needs a positive total.");
            return row.Select(p => new CompositionSlot(p.Category, p.Part, p.Value / total, null));
        }).ToList();

    /// <summary>
    /// Small multiples: the charts of <paramref name="panels"/> (all of one kind) side by side on a shared value
    /// axis; each panel's title becomes its panel heading. The source is the first panel's; notes come from the panels' chart kind.
    /// </summary>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="panels">The panels in reading order.</param>
    /// <param name="columns">Panels per row (default 2).</param>
    public static Figure SmallMultiples(string id, Bilingual title, IEnumerable<Figure> panels, int columns = 2)
    {
        var list = panels.ToList();
        if (list.Count == 0) throw new ArgumentException("Small multiples need at least one panel.", nameof(panels));
        var chart = new SmallMultiplesChart(list.Select(f => (f.Title, f.Chart)).ToList(), columns);
        var rows = chart.Rows;
        return new Figure(id, title, list[0].Source, list.Any(f => f.SyntheticData), chart)
        {
            Size = new FigureSize(605, Math.Min(1400, 200 + rows * 220)),
            Footnotes = list.SelectMany(f => f.Footnotes).Distinct().ToList(),
        };
    }
}
