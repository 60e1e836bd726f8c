using System.Globalization;

namespace Workbench.Charts;

/// <summary>
/// Formats numbers the way readers of each language expect: 48%, 4.5% / 4,5%, 5,000 / 5.000, ranges with an en dash,
/// and durations such as "1 year and 10 months" / "1 jaar en 10 maanden". One place, used by labels and alt text.
/// </summary>
public static class NumberText
{
    /// <summary>The en dash used in ranges (5,000–7,500).</summary>
    public const string Dash = "\u2013";

    /// <summary>A proportion (0..1) as a percentage with <paramref name="decimals"/> decimals (default 0): "48%", "4,5%".</summary>
    public static string Percent(double proportion, Language language, int decimals = 0)
    {
        RequireFinite(proportion, nameof(proportion));
        return (proportion * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), language.Culture()) + "%";
    }

    /// <summary>A percentage range "45–51%" (the sign once, at the end).</summary>
    public static string PercentRange(double lower, double upper, Language language, int decimals = 0) =>
        Percent(lower, language, decimals).TrimEnd('%') + Dash + Percent(upper, language, decimals);

    /// <summary>A count with thousands separators: "5,000" (en) or "5.000" (nl).</summary>
    public static string Count(double count, Language language)
    {
        RequireFinite(count, nameof(count));
        return Math.Round(count, MidpointRounding.AwayFromZero).ToString("N0", language.Culture());
    }

    /// <summary>A count range "5,000–7,500".</summary>
    public static string CountRange(double low, double high, Language language) =>
        Count(low, language) + Dash + Count(high, language);

    /// <summary>A number with <paramref name="decimals"/> decimals (default 1) and the language's decimal separator.</summary>
    public static string Number(double value, Language language, int decimals = 1)
    {
        RequireFinite(value, nameof(value));
        return value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), language.Culture());
    }

    /// <summary>
    /// A duration given in whole months as years and months: "1 year and 10 months", "2 jaar", "3 maanden".
    /// Months are rounded to the nearest whole month; less than half a month reads "less than a month".
    /// </summary>
    public static string Duration(double months, Language language)
    {
        RequireFinite(months, nameof(months));
        if (months < 0) throw new ArgumentOutOfRangeException(nameof(months), months, "A duration cannot be negative.");
        var total = (long)Math.Round(months, MidpointRounding.AwayFromZero);
        if (total == 0) return Phrases.Get(Phrase.LessThanAMonth, language);
        long years = total / 12, rest = total % 12;
        string Y(long n) => Phrases.Format(n == 1 ? Phrase.OneYear : Phrase.Years, language, n.ToString(CultureInfo.InvariantCulture));
        string M(long n) => Phrases.Format(n == 1 ? Phrase.OneMonth : Phrase.Months, language, n.ToString(CultureInfo.InvariantCulture));
        if (years == 0) return M(rest);
        if (rest == 0) return Y(years);
        return Y(years) + " " + Phrases.Get(Phrase.And, language) + " " + M(rest);
    }

    /// <summary>A confidence level such as 0.95 as a percentage: "95%", "97.5%" (en) or "97,5%" (nl); for texts computed from a <c>level</c> parameter.</summary>
    public static string Level(double level, Language language) =>
        Percent(level, language, level * 100 % 1 == 0 ? 0 : 1);

    /// <summary>"95% CI" or "95%-BI" for a confidence level such as 0.95.</summary>
    public static string ConfidenceInterval(double level, Language language) =>
        Phrases.Format(Phrase.ConfidenceInterval, language, Level(level, language));

    /// <summary>
    /// The number of decimals that keeps small percentages readable: 1 when any value is below 9.5%, else 0.
    /// </summary>
    public static int AutoPercentDecimals(IEnumerable<double> proportions) =>
        proportions.Any(p => p > 0 && p < 0.095) ? 1 : 0;

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, "Only finite numbers can be shown in a figure (got NaN or infinity).");
    }
}
