namespace Workbench.Charts;

/// <summary>Helpers to make <see cref="Bilingual"/> texts in notebooks (<c>Text.Of(en, nl)</c>; the same as <see cref="Bilingual.Of"/>).</summary>
public static class Text
{
    /// <summary>A text that is the same in both languages (a name, a year).</summary>
    public static Bilingual Same(string text) => Bilingual.Same(text);

    /// <summary>A text in English and Dutch.</summary>
    public static Bilingual Of(string en, string nl) => Bilingual.Of(en, nl);
}
