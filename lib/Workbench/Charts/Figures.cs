using Workbench.Data;

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

    /// <summary>100% composition bars from shares or estimated amounts (each row is scaled to 100%).</summary>
    /// <param name="id">The figure id.</param>
    /// <param name="title">The message title.</param>
    /// <param name="parts">The parts of each row.</param>
    /// <param name="source">The data source.</param>
    /// <param name="synthetic">True (default false) when the data are synthetic.</param>
    public static Figure Composition(string id, Bilingual title, IEnumerable<CompositionPart> parts, Bilingual source, bool synthetic = false) =>
        new(id, title, source, synthetic, new CompositionChart(parts, NumberKind.Estimates, null));

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
        return new(id, title, source, synthetic, new CompositionChart(parts, NumberKind.RegisteredCounts, counts.Legend));
    }

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
