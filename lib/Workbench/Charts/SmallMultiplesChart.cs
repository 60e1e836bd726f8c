using System.Globalization;
using Workbench.Data;
using static Workbench.Charts.PlotlyParts;

namespace Workbench.Charts;

/// <summary>Panels of the same chart kind in a grid with a shared value axis, panel titles above, one legend.</summary>
internal sealed class SmallMultiplesChart : ChartSpec
{
    public SmallMultiplesChart(IReadOnlyList<(Bilingual Title, ChartSpec Chart)> panels, int columns)
    {
        if (panels.Count == 0) throw new ArgumentException("Small multiples need at least one panel.", nameof(panels));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "Small multiples need at least one column.");
        var kinds = panels.Select(p => p.Chart.Kind).Distinct(StringComparer.Ordinal).ToList();
        if (kinds.Count > 1 || kinds[0] == Kind)
            throw new ArgumentException($"Small multiples compare panels of one chart kind (got {string.Join(", ", kinds)}); nested small multiples are not supported.");
        Panels = panels;
        Columns = Math.Min(columns, panels.Count);
    }

    public IReadOnlyList<(Bilingual Title, ChartSpec Chart)> Panels { get; }
    public int Columns { get; }
    public int Rows => (Panels.Count + Columns - 1) / Columns;

    public override string Kind => "small-multiples";
    public override bool Horizontal => Panels[0].Chart.Horizontal;
    public override NumberKind Numbers => Panels[0].Chart.Numbers;
    public override string? SharesOf => Panels[0].Chart.SharesOf;
    public override double ValueMax => Panels.Max(p => p.Chart.ValueMax);
    public override Bilingual? AutoNote => Panels[0].Chart.AutoNote;

    public override DisclosureLegend? Disclosure
    {
        get
        {
            var legends = Panels.Select(p => p.Chart.Disclosure).OfType<DisclosureLegend>().ToList();
            if (legends.Count == 0) return null;
            return new DisclosureLegend(legends.Max(l => l.MinimumCell), legends.Max(l => l.RoundingBase),
                legends.Sum(l => l.SuppressedCells), legends.Sum(l => l.RoundedCells));
        }
    }

    /// <summary>Not used: <see cref="FigureLayout"/> renders each panel into its own cell.</summary>
    public override void Render(Panel panel) => throw new InvalidOperationException("Small multiples render panel by panel.");

    public override string Describe(Language lang)
    {
        var head = Phrases.Format(Phrase.PanelsSideBySide, lang, Panels.Count.ToString(CultureInfo.InvariantCulture));
        return head + " " + string.Join(" ", Panels.Select(p => p.Title.In(lang) + ": " + p.Chart.Describe(lang)));
    }

    public override IEnumerable<string> CanonicalRows() =>
        Panels.SelectMany((p, i) => p.Chart.CanonicalRows().Select(r => i.ToString(CultureInfo.InvariantCulture) + "\t" + p.Title.En + "\t" + r));
}
