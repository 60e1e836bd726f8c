using System.Globalization;

namespace Workbench.Text;

/// <summary>
/// The language a reader sees: figures, tables, claims and report pages. Every reader-facing text and number format
/// follows it; files stay invariant.
/// </summary>
public enum Language
{
    /// <summary>English (numbers as 5,000 and 4.5%; culture en-GB).</summary>
    En,
    /// <summary>Dutch (numbers as 5.000 and 4,5%; culture nl-NL).</summary>
    Nl,
}

/// <summary>Codes, cultures and parsing for <see cref="Language"/>: the one place a language maps to a culture.</summary>
public static class LanguageExtensions
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>Both languages, English first (the order pages, specs and manifests list them in).</summary>
    public static IReadOnlyList<Language> All { get; } = [Language.En, Language.Nl];

    /// <summary>The language of every page and figure unless another is asked for: English (its report index is index.html).</summary>
    public static Language Default => Language.En;

    /// <summary>The other language: the one a page's language switch links to.</summary>
    public static Language Other(this Language language) => language == Language.Nl ? Language.En : Language.Nl;

    /// <summary>The language's English name, "English" or "Dutch", for messages to the author (not for readers).</summary>
    public static string EnglishName(this Language language) => language == Language.Nl ? "Dutch" : "English";

    /// <summary>Of two values kept per language (e.g. a table's footnote sentences), the one for <paramref name="language"/>.</summary>
    public static T Choose<T>(this Language language, T en, T nl) => language == Language.Nl ? nl : en;

    /// <summary>The ISO 639-1 code: "en" or "nl".</summary>
    public static string Code(this Language language) => language == Language.Nl ? "nl" : "en";

    /// <summary>The culture readers of this language expect: en-GB or nl-NL.</summary>
    public static CultureInfo Culture(this Language language) => language == Language.Nl ? Dutch : English;

    /// <summary>Parses "en" or "nl" (case-insensitive, surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">Any other value; the message lists the accepted ones.</exception>
    public static Language ParseLanguage(string code) => code.Trim().ToLowerInvariant() switch
    {
        "en" => Language.En,
        "nl" => Language.Nl,
        _ => throw new ArgumentException($"Unknown language '{code}': expected 'en' or 'nl'.", nameof(code)),
    };

    /// <summary>Parses "en" or "nl" (case-insensitive, surrounding spaces ignored); false for anything else, null included.</summary>
    public static bool TryParseLanguage(string? code, out Language language)
    {
        foreach (var l in All)
            if (string.Equals(code?.Trim(), l.Code(), StringComparison.OrdinalIgnoreCase)) { language = l; return true; }
        language = Language.En;
        return false;
    }

    /// <summary>
    /// The language of an HTML <c>lang</c> attribute or file suffix such as "nl", "nl-NL" or "en-GB": Dutch when its
    /// primary subtag is "nl", English otherwise (the default of every page and figure).
    /// </summary>
    public static Language FromTag(string? tag) =>
        TryParseLanguage(tag?.Split('-', 2)[0], out var language) ? language : Language.En;

    /// <summary>
    /// Splits a language suffix off a file stem or element id: "fig-1.nl" with <paramref name="separator"/> '.' gives
    /// ("fig-1", Nl); a name without "en" or "nl" after the separator comes back whole with English (every page's default).
    /// </summary>
    public static (string Name, Language Language) SplitLanguageSuffix(string name, char separator)
    {
        foreach (var l in All)
            if (name.EndsWith(separator + l.Code(), StringComparison.Ordinal)) return (name[..^3], l);
        return (name, Language.En);
    }
}
