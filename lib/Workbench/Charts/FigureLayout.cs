using System.Text.Json.Nodes;
using Plotly.NET;
using static Workbench.Charts.PlotlyParts;

namespace Workbench.Charts;

/// <summary>
/// Puts a figure's chart (or panels) on the page in house style: title and subtitle on top, legend under them,
/// source line and notes under the plot, margins sized to the text.
/// </summary>
internal static class FigureLayout
{
    private const int TitleLine = 19, SubtitleLine = 15, NoteLine = 13, LegendHeight = 26, AxisSpace = 34, Pad = 10;

    public static JsonObject Config() => new()
    {
        ["displaylogo"] = false,
        ["displayModeBar"] = false,
        ["responsive"] = false,
        ["staticPlot"] = false,
    };

    public static GenericChart Build(Figure figure, Language lang)
    {
        var size = figure.Size;
        int w = size.Width, h = size.Height;
        var textWidth = w - 2 * Pad;

        var titleLines = Wrap(figure.Caption(lang), CharsIn(textWidth, HouseStyle.TitleSize));
        var subtitleLines = figure.Subtitle is null ? [] : Wrap(figure.Subtitle.In(lang), CharsIn(textWidth, HouseStyle.NoteSize + 1));
        var noteLines = new List<string>();
        foreach (var note in figure.Notes(lang).Append(figure.SourceLine(lang)))
            noteLines.AddRange(Wrap(note, CharsIn(textWidth, HouseStyle.NoteSize)));

        var chart = figure.Chart;
        var panels = new List<Panel>();
        var titles = new List<string>();
        if (chart is SmallMultiplesChart sm)
        {
            var max = sm.ValueMax;
            for (int i = 0; i < sm.Panels.Count; i++)
            {
                var panel = new Panel(i, lang, firstPanel: i == 0) { ValueMax = max };
                sm.Panels[i].Chart.Render(panel);
                panels.Add(panel);
                titles.Add(sm.Panels[i].Title.In(lang));
            }
        }
        else
        {
            var panel = new Panel(0, lang, firstPanel: true);
            chart.Render(panel);
            panels.Add(panel);
        }
        bool legend = panels[0].HasLegend;

        double top = Pad + titleLines.Count * TitleLine + subtitleLines.Count * SubtitleLine + (legend ? LegendHeight : 0) + 8;
        double bottom = AxisSpace + noteLines.Count * NoteLine + Pad;
        double labelWidth = panels.Max(p => p.LeftLabelWidth);
        double left = chart.Horizontal ? Math.Clamp(labelWidth + 16, 50, 0.4 * w) : 52;
        double right = chart is TrendChart || (chart is SmallMultiplesChart s2 && s2.Panels[0].Chart is TrendChart) ? 48 : 24;
        if (chart is SmallMultiplesChart) top += 18;
        double plotW = w - left - right, plotH = h - top - bottom;
        if (plotH < 60 || plotW < 80)
            throw new ArgumentException($"Figure '{figure.Id}' at {w}x{h} px leaves too little room for the plot after its title and notes; make it taller (WithSize).");

        var layout = new Layout();
        void Set(string key, object value) => layout.SetProperty(key, value);
        Set("width", w);
        Set("height", h);
        Set("font", Font(HouseStyle.FontSize));
        Set("separators", lang.Culture().NumberFormat.NumberDecimalSeparator + lang.Culture().NumberFormat.NumberGroupSeparator);
        Set("paper_bgcolor", "#FFFFFF");
        Set("plot_bgcolor", "#FFFFFF");
        Set("hovermode", false);
        Set("dragmode", false);
        Set("margin", Obj(("l", left), ("r", right), ("t", top), ("b", bottom), ("pad", 0), ("autoexpand", false)));
        Set("showlegend", legend);
        Set("legend", Obj(("orientation", "h"), ("x", -(left - Pad) / plotW), ("xanchor", "left"), ("y", 1 + (chart is SmallMultiplesChart ? 22 : 4) / plotH),
            ("yanchor", "bottom"), ("font", Font(HouseStyle.FontSize)), ("traceorder", "normal"), ("bgcolor", "rgba(0,0,0,0)")));
        Set("bargap", 0.2);
        // read by the leak audit: what kind of numbers the chart shows and what its shares are computed from
        // and, for the publication check, the disclosure parameters its footnote states (bound numbers, not literals)
        Set("meta", Obj(("workbench", Obj(("numbers", NumberKinds.Name(chart.Numbers)), ("sharesOf", chart.SharesOf),
            ("disclosure", chart.Disclosure is { } rules ? Obj(("minimumCell", rules.MinimumCell), ("roundingBase", rules.RoundingBase)) : null)))));

        double textLeft = -(left - Pad) / plotW;
        var annotations = new List<object>
        {
            Obj(("text", "<b>" + string.Join("<br>", titleLines.Select(Esc)) + "</b>"), ("xref", "paper"), ("yref", "paper"),
                ("x", textLeft), ("y", 1 + (top - Pad) / plotH), ("xanchor", "left"), ("yanchor", "top"), ("align", "left"),
                ("showarrow", false), ("font", Font(HouseStyle.TitleSize))),
            Obj(("text", string.Join("<br>", noteLines.Select(Esc))), ("xref", "paper"), ("yref", "paper"),
                ("x", -(left - Pad) / plotW), ("y", -AxisSpace / plotH), ("xanchor", "left"), ("yanchor", "top"), ("align", "left"),
                ("showarrow", false), ("font", Font(HouseStyle.NoteSize, HouseStyle.NoteColour))),
        };

        int cols = chart is SmallMultiplesChart sm2 ? sm2.Columns : 1;
        int rows = (panels.Count + cols - 1) / cols;
        double hGap = panels.Count > 1 ? (chart.Horizontal ? labelWidth + 24 : 40) / plotW : 0;
        double vGap = panels.Count > 1 ? (AxisSpace + 24) / plotH : 0;
        double cellW = (1 - hGap * (cols - 1)) / cols, cellH = (1 - vGap * (rows - 1)) / rows;
        var traces = new List<Trace>();
        for (int i = 0; i < panels.Count; i++)
        {
            var p = panels[i];
            int r = i / cols, c = i % cols;
            double x0 = c * (cellW + hGap), y1 = 1 - r * (cellH + vGap);
            p.XAxis["domain"] = new[] { x0, x0 + cellW };
            p.YAxis["domain"] = new[] { y1 - cellH, y1 };
            p.XAxis["anchor"] = p.YRef;
            p.YAxis["anchor"] = p.XRef;
            Set(p.XAxisKey, p.XAxis);
            Set(p.YAxisKey, p.YAxis);
            foreach (var (k, v) in p.LayoutExtras) Set(k, v);
            traces.AddRange(p.Traces);
            if (titles.Count > i)
                annotations.Add(Obj(("text", "<b>" + Esc(titles[i]) + "</b>"), ("xref", "paper"), ("yref", "paper"),
                    ("x", c == 0 ? -(left - Pad) / plotW : x0 - (chart.Horizontal ? (labelWidth + 8) / plotW : 0)), ("y", y1 + 6 / plotH),
                    ("xanchor", "left"), ("yanchor", "bottom"), ("showarrow", false), ("font", Font(HouseStyle.FontSize))));
        }
        if (subtitleLines.Count > 0)
            annotations.Insert(1, Obj(("text", string.Join("<br>", subtitleLines.Select(Esc))), ("xref", "paper"), ("yref", "paper"),
                ("x", textLeft), ("y", 1 + (top - Pad - titleLines.Count * TitleLine - 2) / plotH), ("xanchor", "left"), ("yanchor", "top"),
                ("align", "left"), ("showarrow", false), ("font", Font(HouseStyle.NoteSize + 1, HouseStyle.NoteColour))));
        Set("annotations", annotations);

        var charts = traces.Select(t => GenericChart.ofTraceObject(false, t)).ToList();
        var combined = charts.Count == 1 ? charts[0] : GenericChart.combine(charts);
        return GenericChart.setLayout(layout, combined);
    }
}
