using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Plotly.NET;

namespace Workbench.Charts;

/// <summary>
/// Builds plotly.js objects through Plotly.NET's dynamic objects, so the rest of the code never passes F# optional
/// arguments. Property names are plotly.js attribute names; null values are left out.
/// </summary>
internal static class PlotlyParts
{
    /// <summary>A trace of plotly.js type <paramref name="type"/> with the given attributes.</summary>
    public static Trace2D Trace(string type, params (string Name, object? Value)[] props)
    {
        var t = new Trace2D(type);
        foreach (var (name, value) in props)
            if (value is not null) t.SetProperty(name, value);
        return t;
    }

    /// <summary>A nested attribute object (marker, error_y, axis) with insertion-ordered keys.</summary>
    public static Dictionary<string, object> Obj(params (string Name, object? Value)[] props)
    {
        var d = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in props)
            if (value is not null) d[name] = value;
        return d;
    }

    /// <summary>
    /// The house marker of bar series <paramref name="series"/>: its palette colour with the series' overlay pattern
    /// (<see cref="HouseStyle.Pattern"/>), so bars stay apart in greyscale print. Outline in the bar colour (or
    /// <paramref name="outline"/>); <paramref name="patternOpacity"/> and <paramref name="solidity"/> (defaults 0.7 and
    /// 0.35) set how strongly the pattern shows.
    /// </summary>
    public static Dictionary<string, object> BarMarker(int series, string? outline = null, double patternOpacity = 0.7, double solidity = 0.35)
    {
        var colour = HouseStyle.Colour(series);
        return Obj(("color", colour), ("line", Obj(("color", outline ?? colour), ("width", 1))),
            ("pattern", Obj(("shape", HouseStyle.Pattern(series)), ("fillmode", "overlay"), ("fgcolor", "#FFFFFF"),
                ("fgopacity", patternOpacity), ("size", 7), ("solidity", solidity))));
    }

    /// <summary>Escapes text for plotly.js, which reads a small subset of HTML in labels.</summary>
    public static string Esc(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>The house font object at <paramref name="size"/>.</summary>
    public static Dictionary<string, object> Font(int size, string colour = HouseStyle.TextColour) =>
        Obj(("family", HouseStyle.FontFamily), ("size", size), ("color", colour));

    /// <summary>Wraps <paramref name="text"/> into lines of at most <paramref name="maxChars"/> characters at spaces.</summary>
    public static List<string> Wrap(string text, int maxChars)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > maxChars)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    /// <summary>Characters that fit in <paramref name="pixels"/> at font <paramref name="size"/> (Liberation Sans averages ~0.5 em).</summary>
    public static int CharsIn(double pixels, int size) => Math.Max(10, (int)(pixels / (size * 0.52)));

    /// <summary>Approximate pixel width of a label.</summary>
    public static double WidthOf(string text, int size) => text.Length * size * 0.55;

    /// <summary>An invariant round-trip number for hashing.</summary>
    public static string Inv(double? v) => v is null ? "" : v.Value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Lower-case hex SHA-256 of UTF-8 text.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A value-axis upper limit with headroom for labels above the largest value.</summary>
    public static double Headroom(double max, double factor = 1.15) => max <= 0 ? 1 : max * factor;
}

/// <summary>Where one chart is drawn: a whole figure or one panel of small multiples.</summary>
internal sealed class Panel
{
    public Panel(int index, Language language, bool firstPanel)
    {
        Index = index;
        Language = language;
        ShowLegend = firstPanel;
    }

    /// <summary>0-based panel number; axis ids are x, y for panel 0 and x2, y2 for panel 1.</summary>
    public int Index { get; }
    public Language Language { get; }
    /// <summary>Only the first panel adds legend entries, so small multiples show each series once.</summary>
    public bool ShowLegend { get; }
    public string XRef => Index == 0 ? "x" : "x" + (Index + 1).ToString(CultureInfo.InvariantCulture);
    public string YRef => Index == 0 ? "y" : "y" + (Index + 1).ToString(CultureInfo.InvariantCulture);
    public string XAxisKey => Index == 0 ? "xaxis" : "xaxis" + (Index + 1).ToString(CultureInfo.InvariantCulture);
    public string YAxisKey => Index == 0 ? "yaxis" : "yaxis" + (Index + 1).ToString(CultureInfo.InvariantCulture);
    public List<Trace> Traces { get; } = [];
    public Dictionary<string, object> XAxis { get; set; } = [];
    public Dictionary<string, object> YAxis { get; set; } = [];
    /// <summary>A shared maximum of the value axis (small multiples), or null to fit this panel.</summary>
    public double? ValueMax { get; init; }
    /// <summary>Extra layout attributes (barmode).</summary>
    public Dictionary<string, object> LayoutExtras { get; } = [];
    /// <summary>Pixels the category labels need on the left (horizontal charts).</summary>
    public double LeftLabelWidth { get; set; }
    /// <summary>Legend shown at all (more than one series).</summary>
    public bool HasLegend { get; set; }

    /// <summary>Adds a trace placed on this panel's axes with a stable uid.</summary>
    public void Add(Trace trace)
    {
        trace.SetProperty("xaxis", XRef);
        trace.SetProperty("yaxis", YRef);
        trace.SetProperty("uid", "p" + Index.ToString(CultureInfo.InvariantCulture) + "t" + Traces.Count.ToString(CultureInfo.InvariantCulture));
        Traces.Add(trace);
    }
}
