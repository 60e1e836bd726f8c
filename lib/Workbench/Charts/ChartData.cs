using System.Globalization;
using Microsoft.Data.Analysis;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.Estimation;
using Workbench.Statistics;

namespace Workbench.Charts;

/// <summary>
/// Adapters from the workbench's results to chart inputs: survey and proportion estimates to prevalence points,
/// multiple systems estimates to estimate ranges, protected tables to count tables, and DataFrames (with the data
/// dictionary's labels) to any of them.
/// </summary>
public static class ChartData
{
    /// <summary>
    /// Prevalence points from survey estimates by domain (R survey's <c>svyby</c> rows), e.g. one per gender.
    /// </summary>
    /// <param name="estimates">The estimates; each domain becomes a group (series).</param>
    /// <param name="category">What was measured (the x-axis category).</param>
    /// <param name="domainLabel">The reader's label of a domain code (default: the code in both languages).</param>
    public static IReadOnlyList<ProportionPoint> Proportions(IEnumerable<SurveyEstimate> estimates, Bilingual category, Func<string, Bilingual>? domainLabel = null) =>
        estimates.Select(e => new ProportionPoint(category, (domainLabel ?? Text.Same)(e.Domain), e.Estimate, e.Lower, e.Upper, e.Level)).ToList();

    /// <summary>A prevalence point from any proportion with an interval (a simple proportion, a survey estimate, a survival probability).</summary>
    /// <param name="estimate">The estimate; a proportion between 0 and 1.</param>
    /// <param name="category">What was measured.</param>
    /// <param name="group">The group (series) it belongs to.</param>
    /// <exception cref="ArgumentException">The estimate is not a proportion (e.g. already in percent, or a count).</exception>
    public static ProportionPoint Proportion(IIntervalEstimate estimate, Bilingual category, Bilingual group) =>
        estimate.Kind != EstimateKind.Proportion
            ? throw new ArgumentException($"a prevalence point takes a proportion between 0 and 1; this estimate is a {estimate.Kind.ToString().ToLowerInvariant()}.", nameof(estimate))
            : new(category, group, estimate.Estimate, estimate.Lower, estimate.Upper, estimate.Level);

    /// <summary>
    /// An estimate-range row from a multiple systems estimate: the interval as the range, N-hat as the point and the
    /// number observed on at least one list as the registered count.
    /// </summary>
    /// <param name="result">The estimate.</param>
    /// <param name="category">The row label (e.g. the year).</param>
    public static RangePoint Range(MseResult result, Bilingual category) =>
        new(category, result.Lower, result.Estimate, result.Upper, result.Observed, result.Level);

    /// <summary>One estimate-range row per level of <paramref name="covariate"/> of a multiple systems estimate.</summary>
    /// <param name="result">The estimate with covariate levels.</param>
    /// <param name="covariate">The covariate whose levels become rows.</param>
    /// <param name="levelLabel">The reader's label of a level (default: the level in both languages).</param>
    public static IReadOnlyList<RangePoint> Ranges(MseResult result, string covariate, Func<string, Bilingual>? levelLabel = null)
    {
        var rows = result.Levels.Where(l => l.Covariate == covariate).ToList();
        if (rows.Count == 0)
            throw new ArgumentException($"The estimate has no levels of covariate '{covariate}'; it has: {string.Join(", ", result.Levels.Select(l => l.Covariate).Distinct())}.", nameof(covariate));
        return rows.Select(l => new RangePoint((levelLabel ?? Text.Same)(l.Level), l.Lower, l.Estimate, l.Upper, l.Observed, result.Level)).ToList();
    }

    /// <summary>
    /// Counts along one dimension of a protected table (<see cref="ProtectedTable.CountsAlong"/>): suppressed cells stay
    /// suppressed and the table's footnote becomes the figure's disclosure legend.
    /// </summary>
    /// <param name="counts">The published counts.</param>
    /// <param name="label">The reader's label of a category (default: the dimension's labels, else the category in both languages).</param>
    public static CountTable Counts(ProtectedCounts counts, Func<string, Bilingual>? label = null)
    {
        Workbench.Disclosure.Disclosure.EnsureProtected(counts);
        label ??= DimensionLabel(counts.Source.Dimensions.First(d => d.Name == counts.Name));
        var cells = counts.Labels.Zip(counts.Cells, (l, c) => Cell(label(l), null, c)).ToList();
        return CountTable.FromProtected(cells, Legend(counts.Source, counts.Cells));
    }

    /// <summary>
    /// The inner cells of a two-dimensional protected table: rows become categories (steps or bars), columns groups
    /// (series or parts). Margins are left out.
    /// </summary>
    /// <param name="table">The protected table (rank 2).</param>
    /// <param name="label">The reader's label of a category of either dimension (default: the dimension's labels, else the category in both languages).</param>
    public static CountTable Counts(ProtectedTable table, Func<string, Bilingual>? label = null)
    {
        Workbench.Disclosure.Disclosure.EnsureProtected(table);
        if (table.Rank != 2) throw new ArgumentException($"Expected a two-dimensional table (rows x columns); this one has {table.Rank} dimension(s). Use CountsAlong for one dimension.", nameof(table));
        var rows = label ?? DimensionLabel(table.Dimensions[0]);
        var columns = label ?? DimensionLabel(table.Dimensions[1]);
        var inner = table.Cells.Where(c => !c.IsMargin).ToList();
        var cells = inner.Select(c => Cell(rows(c.Labels[0]), columns(c.Labels[1]), c)).ToList();
        return CountTable.FromProtected(cells, Legend(table, inner));
    }

    /// <summary>
    /// Prevalence points from DataFrame columns, labelled from the data dictionary where the columns are coded.
    /// </summary>
    /// <param name="frame">One row per estimate.</param>
    /// <param name="category">The column of the measured category.</param>
    /// <param name="group">The column of the group (series).</param>
    /// <param name="estimate">The column of the proportion (0..1).</param>
    /// <param name="lower">The column of the lower confidence limit.</param>
    /// <param name="upper">The column of the upper confidence limit.</param>
    /// <param name="dictionary">The dictionary whose code labels name categories and groups (default none: codes as labels).</param>
    /// <param name="level">The confidence level (default 0.95).</param>
    public static IReadOnlyList<ProportionPoint> Proportions(DataFrame frame, string category, string group, string estimate, string lower, string upper,
        DataDictionary? dictionary = null, double level = 0.95)
    {
        var cat = Labels(frame, category, dictionary);
        var grp = Labels(frame, group, dictionary);
        var est = Numbers(frame, estimate);
        var lo = Numbers(frame, lower);
        var hi = Numbers(frame, upper);
        return Enumerable.Range(0, (int)frame.Rows.Count).Select(i => new ProportionPoint(cat[i], grp[i], est[i], lo[i], hi[i], level)).ToList();
    }

    /// <summary>Trend points from DataFrame columns (limits optional), labelled from the data dictionary.</summary>
    /// <param name="frame">One row per point.</param>
    /// <param name="period">The column of the period (shown as text).</param>
    /// <param name="series">The column of the series.</param>
    /// <param name="estimate">The column of the value.</param>
    /// <param name="lower">The column of the lower limit, or null (default) for no band.</param>
    /// <param name="upper">The column of the upper limit, or null (default) for no band.</param>
    /// <param name="dictionary">The dictionary whose code labels name the series (default none).</param>
    /// <param name="level">The confidence level (default 0.95).</param>
    public static IReadOnlyList<TrendPoint> Trend(DataFrame frame, string period, string series, string estimate, string? lower = null, string? upper = null,
        DataDictionary? dictionary = null, double level = 0.95)
    {
        var per = Labels(frame, period, null);
        var ser = Labels(frame, series, dictionary);
        var est = Numbers(frame, estimate);
        var lo = lower is null ? null : Numbers(frame, lower);
        var hi = upper is null ? null : Numbers(frame, upper);
        return Enumerable.Range(0, (int)frame.Rows.Count)
            .Select(i => new TrendPoint(per[i].En, ser[i], est[i], lo?[i], hi?[i], level)).ToList();
    }

    private static CountCell Cell(Bilingual category, Bilingual? group, ProtectedCell c) => new(category, group, c.Value,
        c.IsSuppressed ? CellStatus.Suppressed
        : (c.Reasons & DisclosureReason.Unprotected) != 0 ? CellStatus.Unprotected
        : (c.Reasons & DisclosureReason.Rounded) != 0 ? CellStatus.Rounded
        : CellStatus.Protected);

    /// <summary>The reader's label of a category of <paramref name="dimension"/>: its label when it has labels, else the category in both languages.</summary>
    private static Func<string, Bilingual> DimensionLabel(TableDimension dimension) => category =>
        dimension.Labels is { } labels && dimension.IndexOf(category) is >= 0 and var i ? labels[i] : Text.Same(category);

    internal static DisclosureLegend Legend(ProtectedTable table, IReadOnlyList<ProtectedCell> shown) =>
        new(table.Options?.MinimumCell, table.Options?.RoundingBase,
            shown.Count(c => c.IsSuppressed), shown.Count(c => (c.Reasons & DisclosureReason.Rounded) != 0))
        {
            Footnote = new Bilingual(table.Footnote(Language.En).Replace("\r", "", StringComparison.Ordinal),
                table.Footnote(Language.Nl).Replace("\r", "", StringComparison.Ordinal)),
        };

    private static DataFrameColumn Column(DataFrame frame, string name) =>
        frame.Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"The DataFrame has no column '{name}'; it has: {string.Join(", ", frame.Columns.Select(c => c.Name))}.", nameof(name));

    private static List<Bilingual> Labels(DataFrame frame, string name, DataDictionary? dictionary)
    {
        var column = Column(frame, name);
        var def = dictionary?.Columns.FirstOrDefault(c => c.Name == name);
        var list = new List<Bilingual>();
        for (long i = 0; i < column.Length; i++)
        {
            var raw = Convert.ToString(column[i], CultureInfo.InvariantCulture)
                      ?? throw new ArgumentException($"Column '{name}' row {i + 1} is empty; every chart label needs a value.");
            var code = def?.Codes?.FirstOrDefault(c => c.Code == raw);
            list.Add(code?.Label ?? Text.Same(raw));
        }
        return list;
    }

    private static List<double> Numbers(DataFrame frame, string name)
    {
        var column = Column(frame, name);
        var list = new List<double>();
        for (long i = 0; i < column.Length; i++)
        {
            var v = column[i] ?? throw new ArgumentException($"Column '{name}' row {i + 1} is empty; expected a number.");
            var d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
            if (!double.IsFinite(d)) throw new ArgumentException($"Column '{name}' row {i + 1} is {d}; expected a finite number.");
            list.Add(d);
        }
        return list;
    }
}
