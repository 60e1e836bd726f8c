using System.Globalization;
using Workbench.Data;

namespace Workbench.Charts;

/// <summary>How a count cell reached the chart.</summary>
public enum CellStatus
{
    /// <summary>The count as registered, not checked by disclosure control.</summary>
    Unprotected,
    /// <summary>Passed disclosure control unchanged.</summary>
    Protected,
    /// <summary>Rounded by disclosure control.</summary>
    Rounded,
    /// <summary>Suppressed by disclosure control: the value is not shown.</summary>
    Suppressed,
}

/// <summary>One count of a count chart.</summary>
/// <param name="Category">The row or step, e.g. "prosecuted".</param>
/// <param name="Group">The series, or null for a single series.</param>
/// <param name="Value">The count, or null when suppressed.</param>
/// <param name="Status">How the count reached the chart (default unprotected).</param>
public sealed record CountCell(Bilingual Category, Bilingual? Group, double? Value, CellStatus Status = CellStatus.Unprotected);

/// <summary>What disclosure control did to the counts of a figure; becomes the figure's disclosure footnote.</summary>
/// <param name="MinimumCell">Counts below this were suppressed (null: no suppression rule).</param>
/// <param name="RoundingBase">Counts were rounded to multiples of this (null: no rounding).</param>
/// <param name="SuppressedCells">How many cells were suppressed.</param>
/// <param name="RoundedCells">How many cells were rounded.</param>
public sealed record DisclosureLegend(int? MinimumCell, int? RoundingBase, int SuppressedCells, int RoundedCells)
{
    /// <summary>The mark shown in place of a suppressed count.</summary>
    public const string SuppressedMark = "x";

    /// <summary>The footnote of the protected table the counts came from (its wording wins over the generated text), or null.</summary>
    public Bilingual? Footnote { get; init; }

    /// <summary>True when the legend has something to say (a cell was suppressed or rounded, or the table's footnote says something).</summary>
    public bool Applies => SuppressedCells > 0 || (RoundedCells > 0 && RoundingBase is > 1) ||
                           (Footnote is not null && !string.IsNullOrWhiteSpace(Footnote.En));

    /// <summary>The footnote text, e.g. "Counts rounded to multiples of 5. x = not shown (fewer than 10 cases), to protect privacy."</summary>
    public Bilingual Text
    {
        get
        {
            if (Footnote is not null && !string.IsNullOrWhiteSpace(Footnote.En)) return Footnote;
            return new Bilingual(LegendText(Language.En), LegendText(Language.Nl));
        }
    }

    private string LegendText(Language language)
    {
        var parts = new List<string>();
        if (RoundedCells > 0 && RoundingBase is > 1)
            parts.Add(Phrases.Format(Phrase.LegendRounded, language, RoundingBase.Value.ToString(CultureInfo.InvariantCulture)));
        if (SuppressedCells > 0)
            parts.Add(MinimumCell is { } min
                ? Phrases.Format(Phrase.LegendSuppressedBelow, language, SuppressedMark, min.ToString(CultureInfo.InvariantCulture))
                : Phrases.Format(Phrase.LegendSuppressed, language, SuppressedMark));
        return string.Join(" ", parts);
    }
}

/// <summary>
/// The counts of a count chart (chain, composition of counts). Count charts accept only counts that passed disclosure
/// control: build a table from a protected table (see <c>ChartAdapters</c>), or from counts you declare safe with
/// <see cref="FromUnprotected"/>, which refuses small counts.
/// </summary>
public sealed class CountTable
{
    /// <summary>The default smallest count that may be shown without disclosure control (10).</summary>
    public const int DefaultMinimumCell = 10;

    private CountTable(IReadOnlyList<CountCell> cells, DisclosureLegend? legend)
    {
        Cells = cells;
        Legend = legend;
    }

    /// <summary>The cells in order.</summary>
    public IReadOnlyList<CountCell> Cells { get; }

    /// <summary>What disclosure control did, or null for counts released as they are.</summary>
    public DisclosureLegend? Legend { get; }

    /// <summary>
    /// Counts that did not pass disclosure control but are large enough to show (e.g. national totals).
    /// </summary>
    /// <param name="cells">The counts; all must have a value.</param>
    /// <param name="minimumCell">The smallest non-zero count allowed (default 10).</param>
    /// <exception cref="UnprotectedCountException">A count is between 1 and <paramref name="minimumCell"/> - 1.</exception>
    public static CountTable FromUnprotected(IEnumerable<CountCell> cells, int minimumCell = DefaultMinimumCell)
    {
        var list = cells.ToList();
        foreach (var c in list)
        {
            if (c.Value is null)
                throw new ArgumentException($"Count '{c.Category.En}' has no value; only disclosure control may suppress a count (a protected table).", nameof(cells));
            RequireSafe(c.Value.Value, minimumCell, Describe(c));
        }
        return new CountTable(list.Select(c => c with { Status = CellStatus.Unprotected }).ToList(), null);
    }

    /// <summary>Counts that passed disclosure control; only adapters from protected tables call this.</summary>
    internal static CountTable FromProtected(IEnumerable<CountCell> cells, DisclosureLegend legend) =>
        new(cells.ToList(), legend);

    /// <summary>Refuses a small count that did not pass disclosure control.</summary>
    internal static void RequireSafe(double value, int minimumCell, string what)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Count {what} must be a finite non-negative number.");
        if (value > 0 && value < minimumCell)
            throw new UnprotectedCountException(
                $"Count {what} is {value.ToString(CultureInfo.InvariantCulture)}, below the minimum cell of {minimumCell}, and did not pass disclosure control. " +
                "Protect the table first (Workbench.Disclosure: suppress or round small cells) and chart the protected table, " +
                "or merge categories so that every shown count is at least " + minimumCell.ToString(CultureInfo.InvariantCulture) + ".");
    }

    private static string Describe(CountCell c) => c.Group is null ? $"'{c.Category.En}'" : $"'{c.Category.En}' / '{c.Group.En}'";
}

/// <summary>A small count that did not pass disclosure control was given to a count chart.</summary>
public sealed class UnprotectedCountException(string message) : InvalidOperationException(message);
