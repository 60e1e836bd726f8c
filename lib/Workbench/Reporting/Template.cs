using System.Globalization;
using System.Text.RegularExpressions;
using Workbench.Text;

namespace Workbench.Reporting;

/// <summary>
/// Placeholders for computed values in published text: <c>{{ name }}</c> or <c>{{ name:FORMAT }}</c>, FORMAT a .NET
/// standard numeric format (<c>N0</c>, <c>N1</c>, <c>P0</c>, <c>F2</c>, ...) applied in the language's culture, so
/// <c>{{ ratio:N1 }}</c> reads "2.3" in English and "2,3" in Dutch, and <c>{{ share:P0 }}</c> "48%". Without a format
/// the value is written with <c>N0</c> when it is whole, else <c>N1</c>.
/// </summary>
public static partial class Template
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*(?::\s*([A-Za-z][0-9]{0,2}))?\s*\}\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    /// <summary>True when <paramref name="name"/> can name a value (letters, digits, _; a letter first).</summary>
    public static bool IsName(string name) => NamePattern().IsMatch(name);

    /// <summary>The placeholders in <paramref name="text"/> as (whole match, name, format or null).</summary>
    public static IEnumerable<(string Match, string Name, string? Format)> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => (m.Value, m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null));

    /// <summary>
    /// <paramref name="text"/> with every placeholder replaced by its value in <paramref name="language"/>.
    /// <paramref name="where"/> names the text in error messages (e.g. "cell 7").
    /// </summary>
    /// <exception cref="ArgumentException">A placeholder names an unbound value or has a format that is not numeric.</exception>
    public static string Fill(string text, IReadOnlyDictionary<string, double> values, Language language, string where) =>
        PlaceholderPattern().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
                throw new ArgumentException($"{where}: placeholder {m.Value} names no bound value; bind it in the notebook with BoundValues.Of((\"{name}\", ...)) " +
                    (values.Count == 0 ? "(no values are bound)." : $"(bound: {string.Join(", ", values.Keys)})."));
            return Format(value, m.Groups[2].Success ? m.Groups[2].Value : null, language, where);
        });

    /// <summary><paramref name="value"/> formatted as a placeholder with <paramref name="format"/> (null: N0 when whole, else N1) in <paramref name="language"/>.</summary>
    public static string Format(double value, string? format, Language language, string where = "text")
    {
        format ??= value == Math.Round(value) ? "N0" : "N1";
        if (format[0] is not ('N' or 'n' or 'F' or 'f' or 'P' or 'p' or 'D' or 'd'))
            throw new ArgumentException($"{where}: format '{format}' is not a numeric format; use N0, N1, F2, P0 or D (whole numbers).");
        var culture = language.Culture();
        if (format[0] is 'D' or 'd') return Math.Round(value, MidpointRounding.AwayFromZero).ToString("F0", culture);
        // Percentages without the space some cultures put before the sign, as the office prints them (48%).
        var s = value.ToString(format, culture);
        return format[0] is 'P' or 'p' ? s.Replace("\u00a0%", "%", StringComparison.Ordinal).Replace(" %", "%", StringComparison.Ordinal) : s;
    }

    /// <summary>
    /// The ways <paramref name="value"/> can stand in text in <paramref name="language"/> (as a count, with 0 to 2
    /// decimals, as a percentage of a proportion), each without a percent sign: what a bound number may read as.
    /// </summary>
    public static IEnumerable<string> Renderings(double value, Language language)
    {
        var culture = language.Culture();
        for (var d = 0; d <= 2; d++)
        {
            var n = "N" + d.ToString(CultureInfo.InvariantCulture);
            var f = "F" + d.ToString(CultureInfo.InvariantCulture);
            yield return value.ToString(n, culture);
            yield return value.ToString(f, culture);
            yield return (value * 100).ToString(n, culture);
            yield return (value * 100).ToString(f, culture);
        }
    }
}
