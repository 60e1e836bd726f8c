using System.Globalization;
using Workbench.Data;
using static Workbench.Charts.PlotlyParts;

namespace Workbench.Charts;

/// <summary>
/// A chain (funnel) of counts, e.g. suspects → prosecuted → convicted: horizontal bars from top to bottom, each
/// labelled with its count and its share of the first step. Suppressed counts show the disclosure mark.
/// </summary>
internal sealed class ChainChart : ChartSpec
{
    private readonly CountTable _table;
    private readonly List<Bilingual> _steps;
    private readonly List<Bilingual?> _groups;

    public ChainChart(CountTable table)
    {
        _table = table;
        if (table.Cells.Count == 0) throw new ArgumentException("A chain chart needs at least one count.", nameof(table));
        _steps = Distinct(table.Cells.Select(c => c.Category));
        _groups = [];
        foreach (var g in table.Cells.Select(c => c.Group))
            if (!_groups.Contains(g)) _groups.Add(g);
    }

    public override string Kind => "chain";
    public override bool Horizontal => true;
    public override NumberKind Numbers => NumberKind.RegisteredCounts;
    public override double ValueMax => _table.Cells.Max(c => c.Value ?? 0);
    public override DisclosureLegend? Disclosure => _table.Legend;

    private CountCell? Cell(Bilingual step, Bilingual? group) =>
        _table.Cells.FirstOrDefault(c => c.Category == step && c.Group == group);

    private string Label(CountCell? cell, CountCell? first, Language lang, bool withShare)
    {
        if (cell?.Value is not { } v) return DisclosureLegend.SuppressedMark;
        var s = NumberText.Count(v, lang);
        if (withShare && first?.Value is { } f && f > 0 && !ReferenceEquals(cell, first))
            s += " (" + NumberText.Percent(v / f, lang) + ")";
        return s;
    }

    public override void Render(Panel panel)
    {
        var lang = panel.Language;
        int k = _groups.Count;
        double slot = 0.8 / k;
        panel.HasLegend = k > 1;
        for (int j = 0; j < k; j++)
        {
            var group = _groups[j];
            var first = Cell(_steps[0], group);
            var cells = _steps.Select(s => Cell(s, group)).ToList();
            var ys = _steps.Select((_, i) => i + (j - (k - 1) / 2.0) * slot).ToArray();
            panel.Add(Trace("bar",
                ("name", group is null ? null : Esc(group.In(lang))), ("legendgroup", "g" + j.ToString(CultureInfo.InvariantCulture)),
                ("showlegend", panel.ShowLegend && k > 1), ("orientation", "h"),
                ("x", cells.Select(c => c?.Value ?? 0).ToArray()), ("y", ys), ("width", slot * 0.88),
                ("marker", BarMarker(j)),
                ("text", cells.Select(c => Label(c, first, lang, withShare: true)).ToArray()),
                ("textposition", "outside"), ("textfont", Font(HouseStyle.FontSize - 1)), ("cliponaxis", false), ("hoverinfo", "skip")));
        }
        panel.YAxis = CategoryAxis(_steps, lang, reversed: true);
        var axis = ValueAxis(ValueScale.Count, panel.ValueMax ?? ValueMax, 0, null, lang);
        axis["range"] = new[] { 0.0, Headroom(panel.ValueMax ?? ValueMax, 1.3) };
        panel.XAxis = axis;
        panel.LeftLabelWidth = _steps.Max(l => WidthOf(l.In(lang), HouseStyle.FontSize));
    }

    public override string Describe(Language lang)
    {
        var parts = _groups.Select(g =>
        {
            var first = Cell(_steps[0], g);
            var steps = _steps.Select((s, i) =>
            {
                var c = Cell(s, g);
                if (c?.Value is not { } v) return Phrases.Format(Phrase.StepNotShown, lang, s.In(lang));
                var txt = $"{s.In(lang)} {NumberText.Count(v, lang)}";
                if (i > 0 && first?.Value is { } f && f > 0)
                    txt += " (" + Phrases.Format(Phrase.ShareOfFirstStep, lang, NumberText.Percent(v / f, lang), _steps[0].In(lang)) + ")";
                return txt;
            }).ToList();
            return (g is null ? "" : g.In(lang) + ": ") + string.Join(", ", steps);
        });
        return Phrases.Get(Phrase.FunnelChart, lang) + ". " + string.Join("; ", parts) + ".";
    }

    public override IEnumerable<string> CanonicalRows() => _table.Cells.Select(c =>
        string.Join('\t', c.Category.En, c.Category.Nl, c.Group?.En ?? "", c.Group?.Nl ?? "", Inv(c.Value), c.Status.ToString()));
}
