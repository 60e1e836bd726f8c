using System.Globalization;
using Workbench.Data;
using static Workbench.Charts.PlotlyParts;

namespace Workbench.Charts;

/// <summary>Lines over periods with a translucent confidence band per series; the last value of each line is labelled.</summary>
internal sealed class TrendChart : ChartSpec
{
    private readonly List<TrendPoint> _points;
    private readonly List<string> _periods;
    private readonly List<Bilingual> _series;
    private readonly ValueScale _scale;
    private readonly int _decimals;

    public TrendChart(IEnumerable<TrendPoint> points, ValueScale scale)
    {
        _points = points.ToList();
        _scale = scale;
        if (_points.Count == 0) throw new ArgumentException("A trend chart needs at least one point.", nameof(points));
        foreach (var p in _points)
        {
            var what = $"The value for '{p.Series.En}' in {p.Period}";
            RequireFinite(p.Estimate, what);
            if ((p.Lower is null) != (p.Upper is null)) throw new ArgumentException($"{what} has only one confidence limit; give both or neither.");
            if (p.Lower is { } lo && p.Upper is { } hi)
            {
                RequireFinite(lo, what + " (lower)"); RequireFinite(hi, what + " (upper)");
                if (lo > p.Estimate || p.Estimate > hi)
                    throw new ArgumentException(FormattableString.Invariant($"{what} must satisfy lower <= estimate <= upper; got {lo} <= {p.Estimate} <= {hi}."));
            }
            // a count without an interval is a registered count: fail-closed like every chart of counts
            if (scale == ValueScale.Count && p.Lower is null)
                CountTable.RequireSafe(p.Estimate, CountTable.DefaultMinimumCell, $"'{p.Series.En}' in {p.Period}");
            if (scale == ValueScale.Proportion && (p.Estimate < 0 || p.Estimate > 1))
                throw new ArgumentException(FormattableString.Invariant($"{what} is {p.Estimate}; proportions must be between 0 and 1 (not percentages)."));
        }
        _periods = _points.Select(p => p.Period).Distinct(StringComparer.Ordinal).ToList();
        _series = Distinct(_points.Select(p => p.Series));
        _decimals = scale == ValueScale.Proportion ? NumberText.AutoPercentDecimals(_points.Select(p => p.Estimate)) : 0;
    }

    public override string Kind => "trend";
    public override NumberKind Numbers => _scale == ValueScale.Count && _points.Any(p => p.Lower is null)
        ? (_points.Any(p => p.Lower is not null) ? NumberKind.EstimatesAndRegisteredCounts : NumberKind.RegisteredCounts)
        : NumberKind.Estimates;
    public override double ValueMax => _points.Max(p => p.Upper ?? p.Estimate);
    private bool HasBand => _points.Any(p => p.Lower is not null);

    public override Bilingual? AutoNote
    {
        get
        {
            if (!HasBand) return null;
            var level = _points.First(p => p.Lower is not null).Level;
            return Phrases.Of(Phrase.TrendNote, lang => [NumberText.Level(level, lang)]);
        }
    }

    private List<(int X, TrendPoint P)> Line(Bilingual series) =>
        _periods.Select((period, i) => (i, _points.FirstOrDefault(p => p.Series == series && p.Period == period)))
            .Where(t => t.Item2 is not null).Select(t => (t.i, t.Item2!)).ToList();

    public override void Render(Panel panel)
    {
        var lang = panel.Language;
        panel.HasLegend = _series.Count > 1;
        for (int j = 0; j < _series.Count; j++)
        {
            var line = Line(_series[j]);
            var colour = HouseStyle.Colour(j);
            var group = "s" + j.ToString(CultureInfo.InvariantCulture);
            var banded = line.Where(t => t.P.Lower is not null).ToList();
            if (banded.Count > 0)
            {
                var xs = banded.Select(t => (double)t.X).Concat(banded.Select(t => (double)t.X).Reverse()).ToArray();
                var ys = banded.Select(t => t.P.Upper!.Value).Concat(banded.Select(t => t.P.Lower!.Value).Reverse()).ToArray();
                panel.Add(Trace("scatter",
                    ("x", xs), ("y", ys), ("fill", "toself"), ("fillcolor", HouseStyle.Translucent(colour, 0.18)),
                    ("mode", "lines"), ("line", Obj(("width", 0), ("color", colour))), ("showlegend", false),
                    ("legendgroup", group), ("hoverinfo", "skip")));
            }
            var labels = line.Select((t, i) => i == line.Count - 1 ? Format(t.P.Estimate, _scale, lang, _decimals) : "").ToArray();
            panel.Add(Trace("scatter",
                ("name", Esc(_series[j].In(lang))), ("legendgroup", group), ("showlegend", panel.ShowLegend && _series.Count > 1),
                ("mode", "lines+markers+text"), ("x", line.Select(t => (double)t.X).ToArray()), ("y", line.Select(t => t.P.Estimate).ToArray()),
                ("line", Obj(("color", colour), ("width", 2), ("dash", HouseStyle.Dash(j)))),
                ("marker", Obj(("symbol", HouseStyle.Symbol(j)), ("size", 7), ("color", colour))),
                ("text", labels), ("textposition", "middle right"), ("textfont", Font(HouseStyle.FontSize - 1, colour)),
                ("cliponaxis", false), ("hoverinfo", "skip")));
        }
        var axis = CategoryAxis(_periods.Select(Text.Same).ToList(), lang, reversed: false);
        axis["range"] = new[] { -0.3, _periods.Count - 0.3 };
        panel.XAxis = axis;
        panel.YAxis = ValueAxis(_scale, panel.ValueMax ?? ValueMax, _decimals, null, lang);
    }

    public override string Describe(Language lang)
    {
        string Point(TrendPoint p)
        {
            var s = $"{Format(p.Estimate, _scale, lang, _decimals)} in {p.Period}";
            if (p.Lower is { } lo && p.Upper is { } hi)
                s += $" ({NumberText.ConfidenceInterval(p.Level, lang)} " + (_scale == ValueScale.Proportion
                    ? NumberText.PercentRange(lo, hi, lang, _decimals)
                    : Format(lo, _scale, lang, _decimals) + NumberText.Dash + Format(hi, _scale, lang, _decimals)) + ")";
            return s;
        }
        var parts = _series.Select(s =>
        {
            var line = Line(s);
            var first = line[0].P; var last = line[^1].P;
            return line.Count == 1 ? $"{s.In(lang)}: {Point(first)}" : $"{s.In(lang)}: {Phrases.Format(Phrase.FromTo, lang, Point(first), Point(last))}";
        });
        var head = Phrases.Get(HasBand ? Phrase.LineChartWithBand : Phrase.LineChart, lang);
        return $"{head}. {string.Join("; ", parts)}.";
    }

    public override IEnumerable<string> CanonicalRows() => _points.Select(p =>
        string.Join('\t', p.Period, p.Series.En, p.Series.Nl, Inv(p.Estimate), Inv(p.Lower), Inv(p.Upper), Inv(p.Level), _scale.ToString()));
}
