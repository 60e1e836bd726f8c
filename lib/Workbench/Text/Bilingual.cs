using System.Text.Json.Serialization;

namespace Workbench.Text;

/// <summary>A text in English and Dutch: data labels, figure and table texts, claims and report phrases.</summary>
/// <param name="En">English text.</param>
/// <param name="Nl">Dutch text.</param>
public sealed record Bilingual(
    [property: JsonPropertyName("en")] string En,
    [property: JsonPropertyName("nl")] string Nl)
{
    /// <summary>A text in English and Dutch.</summary>
    public static Bilingual Of(string en, string nl) => new(en, nl);

    /// <summary>A text that is the same in both languages (a name, a year).</summary>
    public static Bilingual Same(string text) => new(text, text);

    /// <summary>The text in <paramref name="language"/>.</summary>
    public string In(Language language) => language == Language.Nl ? Nl : En;

    /// <summary>The text in <paramref name="language"/> ("en" or "nl"; anything else gives English).</summary>
    public string In(string language) =>
        string.Equals(language, "nl", StringComparison.OrdinalIgnoreCase) ? Nl : En;
}
