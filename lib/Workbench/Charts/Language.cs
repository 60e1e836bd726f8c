using System.Globalization;
using Workbench.Data;

namespace Workbench.Charts;

/// <summary>The language a figure is written in. Every reader-facing text and number format follows it.</summary>
public enum Language
{
    /// <summary>English (numbers as 5,000 and 4.5%).</summary>
    En,
    /// <summary>Dutch (numbers as 5.000 and 4,5%).</summary>
    Nl,
}

/// <summary>Codes, cultures and parsing for <see cref="Language"/>.</summary>
public static class LanguageExtensions
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The ISO 639-1 code: "en" or "nl".</summary>
    public static string Code(this Language language) => language == Language.Nl ? "nl" : "en";

    /// <summary>The culture readers of this language expect: en-GB or nl-NL.</summary>
    public static CultureInfo Culture(this Language language) => language == Language.Nl ? Dutch : English;

    /// <summary>The text of <paramref name="text"/> in <paramref name="language"/>.</summary>
    public static string In(this Bilingual text, Language language) => language == Language.Nl ? text.Nl : text.En;

    /// <summary>Parses "en" or "nl" (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Any other value; the message lists the accepted ones.</exception>
    public static Language ParseLanguage(string code) => code.Trim().ToLowerInvariant() switch
    {
        "en" => Language.En,
        "nl" => Language.Nl,
        _ => throw new ArgumentException($"Unknown language '{code}': expected 'en' or 'nl'.", nameof(code)),
    };
}

/// <summary>Helpers to make <see cref="Bilingual"/> texts.</summary>
public static class Text
{
    /// <summary>A text that is the same in both languages (a name, a year).</summary>
    public static Bilingual Same(string text) => new(text, text);

    /// <summary>A text in English and Dutch.</summary>
    public static Bilingual Of(string en, string nl) => new(en, nl);
}
