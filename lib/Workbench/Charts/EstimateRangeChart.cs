using Workbench.Data;
using static Workbench.Charts.PlotlyParts;

namespace Workbench.Charts;

/// <summary>
/// Horizontal rows: the registered count as a bar and, beside it, the estimated range (low–high) with the point
/// estimate as a diamond: the gap shows how many cases are not registered.
/// </summary>
internal sealed class EstimateRangeChart : ChartSpec
{
    private readonly List<RangePoint> _rows;

    public EstimateRangeChart(IEnumerable<RangePoint> rows, int minimumCell)
    {
        _rows = rows.ToList();
        if (_rows.Count == 0) throw new ArgumentException("An estimate-range chart needs at least one row.", nameof(rows));
        foreach (var r in _rows)
        {
            var what = $"The estimate for '{r.Category.En}'";
            RequireFinite(r.Low, what + " (low)"); RequireFinite(r.Point, what); RequireFinite(r.High, what + " (high)");
            if (r.Low < 0 || r.Low > r.Point || r.Point > r.High)
                throw new ArgumentException(FormattableString.Invariant($"{what} must satisfy 0 <= low <= point <= high; got {r.Low} <= {r.Point} <= {r.High}."));
            if (r.Registered is { } reg) CountTable.RequireSafe(reg, minimumCell, $"'{r.Category.En}' (registered)");
        }
    }

    public override string Kind => "estimate-range";
    public override bool Horizontal => true;
    public override NumberKind Numbers => _rows.Any(r => r.Registered is not null) ? NumberKind.EstimatesAndRegisteredCounts : NumberKind.Estimates;
    public override double ValueMax => _rows.Max(r => Math.Max(r.High, r.Registered ?? 0));

    public override Bilingual AutoNote => Phrases.Of(Phrase.RangeNote, lang => [NumberText.Level(_rows[0].Level, lang)]);

    public override void Render(Panel panel)
    {
        var lang = panel.Language;
        var labels = _rows.Select(r => r.Category).ToList();
        bool anyRegistered = _rows.Any(r => r.Registered is not null);
        double offset = anyRegistered ? 0.18 : 0;
        panel.HasLegend = true;
        if (anyRegistered)
        {
            var regRows = _rows.Select((r, i) => (r, i)).Where(t => t.r.Registered is not null).ToList();
            panel.Add(Trace("bar",
                ("name", Esc(Phrases.Get(Phrase.Registered, lang))), ("legendgroup", "registered"), ("showlegend", panel.ShowLegend),
                ("orientation", "h"), ("x", regRows.Select(t => t.r.Registered!.Value).ToArray()),
                ("y", regRows.Select(t => t.i - offset).ToArray()), ("width", 0.3),
                ("marker", Obj(("color", HouseStyle.Colour(1)), ("line", Obj(("color", HouseStyle.Colour(1)), ("width", 1))))),
                ("text", regRows.Select(t => NumberText.Count(t.r.Registered!.Value, lang)).ToArray()),
                ("textposition", "outside"), ("textfont", Font(HouseStyle.FontSize - 1)), ("cliponaxis", false), ("hoverinfo", "skip")));
        }
        var lx = new List<double?>(); var ly = new List<double?>();
        for (int i = 0; i < _rows.Count; i++)
        {
            lx.AddRange([_rows[i].Low, _rows[i].High, null]);
            ly.AddRange([i + offset, i + offset, null]);
        }
        panel.Add(Trace("scatter",
            ("name", Esc(Phrases.Get(Phrase.EstimatedRange, lang))), ("legendgroup", "range"), ("showlegend", panel.ShowLegend), ("mode", "lines"),
            ("x", lx.ToArray()), ("y", ly.ToArray()), ("connectgaps", false),
            ("line", Obj(("color", HouseStyle.Colour(0)), ("width", 7))), ("hoverinfo", "skip")));
        panel.Add(Trace("scatter",
            ("name", Esc(Phrases.Get(Phrase.PointEstimate, lang))), ("legendgroup", "point"), ("showlegend", panel.ShowLegend), ("mode", "markers"),
            ("x", _rows.Select(r => r.Point).ToArray()), ("y", _rows.Select((_, i) => i + offset).ToArray()),
            ("marker", Obj(("symbol", "diamond"), ("size", 11), ("color", "#FFFFFF"), ("line", Obj(("color", HouseStyle.TextColour), ("width", 1.5))))),
            ("hoverinfo", "skip")));
        panel.Add(Trace("scatter",
            ("mode", "text"), ("showlegend", false), ("x", _rows.Select(r => r.High).ToArray()), ("y", _rows.Select((_, i) => i + offset).ToArray()),
            ("text", _rows.Select(r => " " + NumberText.CountRange(r.Low, r.High, lang)).ToArray()),
            ("textposition", "middle right"), ("textfont", Font(HouseStyle.FontSize - 1)), ("cliponaxis", false), ("hoverinfo", "skip")));
        panel.YAxis = CategoryAxis(labels, lang, reversed: true);
        var axis = ValueAxis(ValueScale.Count, panel.ValueMax ?? ValueMax, 0, null, lang);
        axis["range"] = new[] { 0.0, Headroom(panel.ValueMax ?? ValueMax, 1.3) };
        panel.XAxis = axis;
        panel.LeftLabelWidth = labels.Max(l => WidthOf(l.In(lang), HouseStyle.FontSize));
    }

    public override string Describe(Language lang)
    {
        var parts = _rows.Select(r =>
        {
            var s = Phrases.Format(Phrase.RangeEstimate, lang, r.Category.In(lang), NumberText.CountRange(r.Low, r.High, lang),
                NumberText.ConfidenceInterval(r.Level, lang), NumberText.Count(r.Point, lang));
            if (r.Registered is { } reg) s += Phrases.Format(Phrase.AgainstRegistered, lang, NumberText.Count(reg, lang));
            return s;
        });
        return Phrases.Get(Phrase.RangeChart, lang) + ". " + string.Join("; ", parts) + ".";
    }

    public override IEnumerable<string> CanonicalRows() => _rows.Select(r =>
        string.Join('\t', r.Category.En, r.Category.Nl, Inv(r.Low), Inv(r.Point), Inv(r.High), Inv(r.Registered), Inv(r.Level)));
}
