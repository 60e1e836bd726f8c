namespace Workbench.Charts;

/// <summary>The size of a figure in CSS pixels (96 per inch), as plotly.js layout width and height.</summary>
/// <param name="Width">Width in pixels (default 605: the 16 cm text column of an A4 report).</param>
/// <param name="Height">Height in pixels (default 380).</param>
public sealed record FigureSize(int Width = 605, int Height = 380)
{
    /// <summary>The full 16 cm text column of an A4 report.</summary>
    public static FigureSize Column { get; } = new();

    /// <summary>Half a column (7.8 cm), for two figures side by side.</summary>
    public static FigureSize HalfColumn { get; } = new(295, 300);

    /// <summary>A full column, taller: for small multiples and long category lists.</summary>
    public static FigureSize Tall { get; } = new(605, 560);

    /// <summary>Validated copy.</summary>
    internal FigureSize Validated() =>
        Width is < 200 or > 4000 || Height is < 150 or > 4000
            ? throw new ArgumentOutOfRangeException(nameof(Width), $"Figure size {Width}x{Height} px is outside 200-4000 x 150-4000 px.")
            : this;
}

/// <summary>
/// The one place that defines the house style: the Okabe-Ito colour-blind-safe palette, a non-colour cue per series
/// (bar pattern, marker symbol, line dash), Liberation Sans / Arial, type sizes for A4 report columns, restrained gridlines.
/// </summary>
/// <remarks>Palette: Okabe &amp; Ito (2008), "Color Universal Design"; the order puts the two most distinct colours first.</remarks>
public static class HouseStyle
{
    /// <summary>Series colours (Okabe-Ito): blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, black.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    /// <summary>plotly.js bar pattern shapes, one per series ("" = solid), so bars differ without colour.</summary>
    public static IReadOnlyList<string> Patterns { get; } = ["", "/", ".", "x", "\\", "+", "-", "|"];

    /// <summary>plotly.js marker symbols, one per series.</summary>
    public static IReadOnlyList<string> Symbols { get; } =
        ["circle", "square", "diamond", "triangle-up", "x", "cross", "triangle-down", "star"];

    /// <summary>plotly.js line dashes, one per series.</summary>
    public static IReadOnlyList<string> Dashes { get; } = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash"];

    /// <summary>The font stack: Liberation Sans (metric-compatible with Arial), then Arial.</summary>
    public const string FontFamily = "Liberation Sans, Arial, sans-serif";

    /// <summary>Body text size in pixels (9 pt).</summary>
    public const int FontSize = 12;

    /// <summary>Title size in pixels.</summary>
    public const int TitleSize = 15;

    /// <summary>Subtitle, source line and footnote size in pixels.</summary>
    public const int NoteSize = 10;

    /// <summary>Text colour.</summary>
    public const string TextColour = "#222222";

    /// <summary>Secondary text colour (subtitle, source, footnotes).</summary>
    public const string NoteColour = "#555555";

    /// <summary>Gridline colour: light, only on the value axis.</summary>
    public const string GridColour = "#DDDDDD";

    /// <summary>Axis line and confidence-interval whisker colour.</summary>
    public const string AxisColour = "#444444";

    /// <summary>The colour of series <paramref name="i"/> (cycling).</summary>
    public static string Colour(int i) => Palette[i % Palette.Count];

    /// <summary>The bar pattern of series <paramref name="i"/> (cycling).</summary>
    public static string Pattern(int i) => Patterns[i % Patterns.Count];

    /// <summary>The marker symbol of series <paramref name="i"/> (cycling).</summary>
    public static string Symbol(int i) => Symbols[i % Symbols.Count];

    /// <summary>The line dash of series <paramref name="i"/> (cycling).</summary>
    public static string Dash(int i) => Dashes[i % Dashes.Count];

    /// <summary>An rgba() colour from a #RRGGBB colour with <paramref name="alpha"/> opacity (for confidence bands).</summary>
    public static string Translucent(string hex, double alpha)
    {
        var r = Convert.ToInt32(hex.Substring(1, 2), 16);
        var g = Convert.ToInt32(hex.Substring(3, 2), 16);
        var b = Convert.ToInt32(hex.Substring(5, 2), 16);
        return FormattableString.Invariant($"rgba({r},{g},{b},{alpha:0.##})");
    }
}
