using System.Globalization;
using Workbench.Data;
using static Workbench.Charts.PlotlyParts;

namespace Workbench.Charts;

/// <summary>One segment of a composition bar as drawn: its share, or null with the symbol shown instead (a suppressed cell).</summary>
internal sealed record CompositionSlot(Bilingual Row, Bilingual Part, double? Share, string? Symbol);

/// <summary>
/// Horizontal 100% stacked bars: each row split into parts, each part with its own colour and pattern. A part whose
/// share is not published (a suppressed count) has no bar: its symbol is printed where the bar would start.
/// </summary>
internal sealed class CompositionChart : ChartSpec
{
    private readonly List<Bilingual> _rows;
    private readonly List<Bilingual> _parts;
    private readonly Dictionary<(Bilingual, Bilingual), CompositionSlot> _slot = [];
    private readonly List<CompositionSlot> _input;
    private readonly DisclosureLegend? _legend;
    private readonly NumberKind _numbers;
    private readonly string? _sharesOf;

    /// <summary>Estimates or amounts, each row scaled to 100%.</summary>
    public CompositionChart(IEnumerable<CompositionPart> parts, NumberKind numbers, DisclosureLegend? legend)
        : this(Normalise(parts.ToList()), numbers, legend, sharesOf: null)
    {
    }

    /// <summary>Shares as given (computed from published counts); a null share is a suppressed part.</summary>
    public CompositionChart(IReadOnlyList<CompositionSlot> slots, NumberKind numbers, DisclosureLegend? legend, string? sharesOf)
    {
        _input = slots.ToList();
        _numbers = numbers;
        _legend = legend;
        _sharesOf = sharesOf;
        if (_input.Count == 0) throw new ArgumentException("A composition chart needs at least one part.");
        _rows = Distinct(_input.Select(p => p.Row));
        _parts = Distinct(_input.Select(p => p.Part));
        foreach (var s in _input)
            if (!_slot.TryAdd((s.Row, s.Part), s))
                throw new ArgumentException($"Part '{s.Part.En}' of row '{s.Row.En}' is given twice; give each part of a row once.");
    }

    private static List<CompositionSlot> Normalise(List<CompositionPart> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("A composition chart needs at least one part.", nameof(parts));
        foreach (var p in parts)
        {
            RequireFinite(p.Value, $"The value of '{p.Category.En}' / '{p.Part.En}'");
            if (p.Value < 0) throw new ArgumentException(FormattableString.Invariant($"The value of '{p.Category.En}' / '{p.Part.En}' is {p.Value}; parts cannot be negative."));
        }
        var slots = new List<CompositionSlot>();
        foreach (var row in Distinct(parts.Select(p => p.Category)))
        {
            var inRow = parts.Where(p => p.Category == row).ToList();
            var total = inRow.Sum(p => p.Value);
            if (total <= 0) throw new ArgumentException($"Row '{row.En}' adds up to 0; a 100% bar needs a positive total.");
            foreach (var part in Distinct(inRow.Select(p => p.Part)))
                slots.Add(new CompositionSlot(row, part, inRow.Where(p => p.Part == part).Sum(p => p.Value) / total, null));
        }
        return slots;
    }

    public override string Kind => "composition";
    public override bool Horizontal => true;
    public override NumberKind Numbers => _numbers;
    public override double ValueMax => 1;
    public override DisclosureLegend? Disclosure => _legend;
    public override string? SharesOf => _sharesOf;

    public override void Render(Panel panel)
    {
        var lang = panel.Language;
        panel.HasLegend = true;
        panel.LayoutExtras["barmode"] = "stack";
        for (int j = 0; j < _parts.Count; j++)
        {
            var part = _parts[j];
            var shares = _rows.Select(r => _slot.TryGetValue((r, part), out var s) ? s.Share : 0).ToArray();
            var textColour = (j % HouseStyle.Palette.Count) is 1 or 4 or 6 ? HouseStyle.TextColour : "#FFFFFF";
            panel.Add(Trace("bar",
                ("name", Esc(part.In(lang))), ("legendgroup", "p" + j.ToString(CultureInfo.InvariantCulture)), ("showlegend", panel.ShowLegend),
                ("orientation", "h"), ("x", shares), ("y", _rows.Select((_, i) => (double)i).ToArray()), ("width", 0.6),
                ("marker", BarMarker(j, outline: "#FFFFFF", patternOpacity: 0.5, solidity: 0.25)),
                ("text", shares.Select(s => s is { } v && v >= 0.06 ? NumberText.Percent(v, lang) : "").ToArray()),
                ("textposition", "inside"), ("insidetextanchor", "middle"), ("textfont", Font(HouseStyle.FontSize - 1, textColour)),
                ("constraintext", "none"), ("hoverinfo", "skip")));
        }
        // the symbols of parts not shown, printed after the bars of their row (a text trace: no bar, no value)
        var marks = _rows.Select((r, i) => (Row: i, Symbols: _parts.Select(p => _slot.GetValueOrDefault((r, p))).Where(s => s is { Share: null })
                .Select(s => s!.Symbol ?? "x").Distinct().OrderBy(x => x == "–" ? 1 : 0).Take(1).ToList(), At: _parts.Sum(p => _slot.GetValueOrDefault((r, p))?.Share ?? 0)))
            .Where(m => m.Symbols.Count > 0).ToList();
        if (marks.Count > 0)
            panel.Add(Trace("scatter", ("mode", "text"), ("showlegend", false), ("hoverinfo", "skip"), ("cliponaxis", false),
                ("x", marks.Select(m => Math.Min(m.At + 0.01, 0.97)).ToArray()), ("y", marks.Select(m => (double)m.Row).ToArray()),
                ("text", marks.Select(m => Esc(string.Join(" ", m.Symbols))).ToArray()), ("textposition", "middle right"),
                ("textfont", Font(HouseStyle.FontSize, HouseStyle.TextColour))));
        panel.YAxis = CategoryAxis(_rows, lang, reversed: true);
        var axis = ValueAxis(ValueScale.Proportion, 1, 0, null, lang);
        axis["range"] = new[] { 0.0, 1.0 };
        axis["dtick"] = 0.25;
        axis.Remove("nticks");
        panel.XAxis = axis;
        panel.LeftLabelWidth = _rows.Max(l => WidthOf(l.In(lang), HouseStyle.FontSize));
    }

    public override string Describe(Language lang)
    {
        var parts = _rows.Select(r => r.In(lang) + ": " + string.Join(", ",
            _parts.Where(p => _slot.ContainsKey((r, p))).Select(p => _slot[(r, p)] is { Share: { } s }
                ? $"{p.In(lang)} {NumberText.Percent(s, lang)}"
                : $"{p.In(lang)} {_slot[(r, p)].Symbol ?? "x"}")));
        return Phrases.Get(Phrase.StackedBarChart, lang) + ". " + string.Join("; ", parts) + ".";
    }

    public override IEnumerable<string> CanonicalRows() => _input.Select(p =>
        string.Join('\t', p.Row.En, p.Row.Nl, p.Part.En, p.Part.Nl, p.Share is { } s ? Inv(s) : p.Symbol ?? "x"));
}
