using System.Globalization;
using Workbench.Data;
using static Workbench.Charts.PlotlyParts;

namespace Workbench.Charts;

/// <summary>Horizontal 100% stacked bars: each row split into parts that add up to 100%, each part with its own colour and pattern.</summary>
internal sealed class CompositionChart : ChartSpec
{
    private readonly List<Bilingual> _rows;
    private readonly List<Bilingual> _parts;
    private readonly Dictionary<(Bilingual, Bilingual), double> _share = [];
    private readonly List<CompositionPart> _input;
    private readonly DisclosureLegend? _legend;
    private readonly NumberKind _numbers;

    public CompositionChart(IEnumerable<CompositionPart> parts, NumberKind numbers, DisclosureLegend? legend)
    {
        _input = parts.ToList();
        _numbers = numbers;
        _legend = legend;
        if (_input.Count == 0) throw new ArgumentException("A composition chart needs at least one part.", nameof(parts));
        foreach (var p in _input)
        {
            RequireFinite(p.Value, $"The value of '{p.Category.En}' / '{p.Part.En}'");
            if (p.Value < 0) throw new ArgumentException(FormattableString.Invariant($"The value of '{p.Category.En}' / '{p.Part.En}' is {p.Value}; parts cannot be negative."));
        }
        _rows = Distinct(_input.Select(p => p.Category));
        _parts = Distinct(_input.Select(p => p.Part));
        foreach (var row in _rows)
        {
            var total = _input.Where(p => p.Category == row).Sum(p => p.Value);
            if (total <= 0) throw new ArgumentException($"Row '{row.En}' adds up to 0; a 100% bar needs a positive total.");
            foreach (var p in _input.Where(p => p.Category == row))
                _share[(row, p.Part)] = _share.GetValueOrDefault((row, p.Part)) + p.Value / total;
        }
    }

    public override string Kind => "composition";
    public override bool Horizontal => true;
    public override NumberKind Numbers => _numbers;
    public override double ValueMax => 1;
    public override DisclosureLegend? Disclosure => _legend;

    public override void Render(Panel panel)
    {
        var lang = panel.Language;
        panel.HasLegend = true;
        panel.LayoutExtras["barmode"] = "stack";
        for (int j = 0; j < _parts.Count; j++)
        {
            var part = _parts[j];
            var shares = _rows.Select(r => _share.GetValueOrDefault((r, part))).ToArray();
            var textColour = (j % HouseStyle.Palette.Count) is 1 or 4 or 6 ? HouseStyle.TextColour : "#FFFFFF";
            panel.Add(Trace("bar",
                ("name", Esc(part.In(lang))), ("legendgroup", "p" + j.ToString(CultureInfo.InvariantCulture)), ("showlegend", panel.ShowLegend),
                ("orientation", "h"), ("x", shares), ("y", _rows.Select((_, i) => (double)i).ToArray()), ("width", 0.6),
                ("marker", BarMarker(j, outline: "#FFFFFF", patternOpacity: 0.5, solidity: 0.25)),
                ("text", shares.Select(s => s >= 0.06 ? NumberText.Percent(s, lang) : "").ToArray()),
                ("textposition", "inside"), ("insidetextanchor", "middle"), ("textfont", Font(HouseStyle.FontSize - 1, textColour)),
                ("constraintext", "none"), ("hoverinfo", "skip")));
        }
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
            _parts.Where(p => _share.ContainsKey((r, p))).Select(p => $"{p.In(lang)} {NumberText.Percent(_share[(r, p)], lang)}")));
        return Phrases.Get(Phrase.StackedBarChart, lang) + ". " + string.Join("; ", parts) + ".";
    }

    public override IEnumerable<string> CanonicalRows() => _input.Select(p =>
        string.Join('\t', p.Category.En, p.Category.Nl, p.Part.En, p.Part.Nl, Inv(p.Value)));
}
