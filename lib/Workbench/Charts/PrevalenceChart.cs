using System.Globalization;
using Workbench.Data;
using static Workbench.Charts.PlotlyParts;

namespace Workbench.Charts;

/// <summary>Vertical bars of proportions with confidence-interval whiskers, one bar per group within each category.</summary>
internal sealed class PrevalenceChart : ChartSpec
{
    private readonly List<ProportionPoint> _points;
    private readonly List<Bilingual> _categories;
    private readonly List<Bilingual> _groups;
    private readonly int _decimals;

    public PrevalenceChart(IEnumerable<ProportionPoint> points)
    {
        _points = points.ToList();
        if (_points.Count == 0) throw new ArgumentException("A prevalence chart needs at least one estimate.", nameof(points));
        foreach (var p in _points)
        {
            var what = $"The estimate for '{p.Category.En}' / '{p.Group.En}'";
            RequireFinite(p.Estimate, what); RequireFinite(p.Lower, what + " (lower limit)"); RequireFinite(p.Upper, what + " (upper limit)");
            if (p.Lower < 0 || p.Upper > 1 || p.Lower > p.Estimate || p.Estimate > p.Upper)
                throw new ArgumentException(FormattableString.Invariant(
                    $"{what} must satisfy 0 <= lower <= estimate <= upper <= 1 (proportions, not percentages); got {p.Lower} <= {p.Estimate} <= {p.Upper}."));
            if (p.Level is <= 0 or >= 1) throw new ArgumentException(FormattableString.Invariant($"{what} has confidence level {p.Level}; expected e.g. 0.95."));
        }
        _categories = Distinct(_points.Select(p => p.Category));
        _groups = Distinct(_points.Select(p => p.Group));
        var dup = _points.GroupBy(p => (p.Category, p.Group)).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Two estimates for '{dup.Key.Category.En}' / '{dup.Key.Group.En}': each category and group may appear once.");
        _decimals = NumberText.AutoPercentDecimals(_points.Select(p => p.Estimate));
    }

    public override string Kind => "prevalence-bars";
    public override NumberKind Numbers => NumberKind.Estimates;
    public override double ValueMax => _points.Max(p => p.Upper);

    /// <summary>The space between a whisker cap and its value label, as a share of the value axis.</summary>
    private const double LabelGap = 0.03;
    private double Level => _points[0].Level;

    public override Bilingual AutoNote => Phrases.Of(Phrase.PrevalenceNote, lang => [NumberText.Level(Level, lang)]);

    public override void Render(Panel panel)
    {
        var lang = panel.Language;
        int k = _groups.Count;
        double slot = 0.8 / k;
        panel.HasLegend = k > 1;
        for (int j = 0; j < k; j++)
        {
            var group = _groups[j];
            var pts = _categories.Select(c => _points.FirstOrDefault(p => p.Category == c && p.Group == group)).ToList();
            var xs = new List<double>(); var ys = new List<double>(); var up = new List<double>(); var down = new List<double>();
            var labels = new List<string>(); var tops = new List<double>();
            for (int i = 0; i < pts.Count; i++)
            {
                var p = pts[i];
                if (p is null) continue;
                xs.Add(i + (j - (k - 1) / 2.0) * slot);
                ys.Add(p.Estimate); up.Add(p.Upper - p.Estimate); down.Add(p.Estimate - p.Lower);
                // The label stands clear above the whisker cap (3% of the axis), not on it.
                labels.Add(NumberText.Percent(p.Estimate, lang, _decimals)); tops.Add(p.Upper + LabelGap * Headroom(panel.ValueMax ?? ValueMax));
            }
            panel.Add(Trace("bar",
                ("name", Esc(group.In(lang))), ("legendgroup", "g" + j.ToString(CultureInfo.InvariantCulture)),
                ("showlegend", panel.ShowLegend && k > 1),
                ("x", xs.ToArray()), ("y", ys.ToArray()), ("width", slot * 0.88),
                ("marker", BarMarker(j)),
                ("error_y", Obj(("type", "data"), ("symmetric", false), ("array", up.ToArray()), ("arrayminus", down.ToArray()),
                    ("color", HouseStyle.AxisColour), ("thickness", 1.2), ("width", 4))),
                ("hoverinfo", "skip")));
            panel.Add(Trace("scatter",
                ("mode", "text"), ("showlegend", false), ("legendgroup", "g" + j.ToString(CultureInfo.InvariantCulture)),
                ("x", xs.ToArray()), ("y", tops.ToArray()), ("text", labels.ToArray()),
                ("textposition", "top center"), ("textfont", Font(HouseStyle.FontSize - 1)), ("cliponaxis", false), ("hoverinfo", "skip")));
        }
        panel.XAxis = CategoryAxis(_categories, lang, reversed: false);
        panel.YAxis = ValueAxis(ValueScale.Proportion, panel.ValueMax ?? ValueMax, _decimals, null, lang);
    }

    public override string Describe(Language lang)
    {
        var ci = NumberText.ConfidenceInterval(Level, lang);
        var parts = _categories.Select(c =>
        {
            var items = _groups.Select(g => _points.FirstOrDefault(p => p.Category == c && p.Group == g)).OfType<ProportionPoint>()
                .Select(p => Phrases.Format(Phrase.ShareOfGroup, lang, NumberText.Percent(p.Estimate, lang, _decimals), p.Group.In(lang)) +
                             $" ({ci} {NumberText.PercentRange(p.Lower, p.Upper, lang, _decimals)})")
                .ToList();
            return $"{c.In(lang)}: {JoinAnd(items, lang)}";
        }).ToList();
        var kind = Phrases.Get(Phrase.BarChart, lang);
        return parts.Count == 1 ? $"{kind}, {parts[0]}." : $"{kind}. {string.Join("; ", parts)}.";
    }

    public override IEnumerable<string> CanonicalRows() => _points.Select(p =>
        string.Join('\t', p.Category.En, p.Category.Nl, p.Group.En, p.Group.Nl, Inv(p.Estimate), Inv(p.Lower), Inv(p.Upper), Inv(p.Level)));
}
