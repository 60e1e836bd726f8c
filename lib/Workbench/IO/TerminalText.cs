using System.Globalization;
using System.Text;

namespace Workbench.IO;

/// <summary>
/// Makes text from data files safe to print on a terminal: control characters, which a terminal would obey (an ANSI
/// escape can recolour, move the cursor, retitle the window or hide text), and invisible direction marks, which can
/// reorder what a reader sees, are replaced by visible escapes.
/// </summary>
/// <remarks>
/// Escaped: C0 controls (U+0000-U+001F) as <c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\0</c> or <c>\x1B</c>; DEL and C1 controls
/// (U+007F-U+009F) as <c>\x9B</c>; the bidirectional marks, embeddings, overrides and isolates U+061C, U+200E, U+200F,
/// U+202A-U+202E and U+2066-U+2069 as <c>\u202E</c> (the "Trojan Source" characters, Boucher and Anderson 2021).
/// Everything else, including non-Latin scripts, is kept.
/// </remarks>
public static class TerminalText
{
    /// <summary>Whether <paramref name="c"/> is escaped (line feed and tab count only when <paramref name="keepLayout"/> is false).</summary>
    /// <param name="c">The character.</param>
    /// <param name="keepLayout">Keep line feeds and tabs (default false: escape them too, for one-line messages).</param>
    public static bool IsUnsafe(char c, bool keepLayout = false) => c switch
    {
        '\n' or '\t' => !keepLayout,
        < ' ' => true,
        >= '\u007F' and <= '\u009F' => true,
        '\u061C' or '\u200E' or '\u200F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };

    /// <summary>Returns <paramref name="text"/> with every unsafe character replaced by a visible escape.</summary>
    /// <param name="text">The text to print.</param>
    /// <param name="keepLayout">Keep line feeds and tabs (default false).</param>
    public static string Escape(string text, bool keepLayout = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfUnsafe(text, keepLayout);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++) Append(sb, text[i], keepLayout);
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="c"/> to <paramref name="sb"/>, escaped if it is unsafe.</summary>
    internal static void Append(StringBuilder sb, char c, bool keepLayout)
    {
        if (!IsUnsafe(c, keepLayout)) { sb.Append(c); return; }
        switch (c)
        {
            case '\n': sb.Append("\\n"); break;
            case '\r': sb.Append("\\r"); break;
            case '\t': sb.Append("\\t"); break;
            case '\0': sb.Append("\\0"); break;
            case <= '\u009F': sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)); break;
            default: sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>The index of the first unsafe character of <paramref name="text"/>, or -1.</summary>
    internal static int IndexOfUnsafe(ReadOnlySpan<char> text, bool keepLayout)
    {
        for (var i = 0; i < text.Length; i++)
            if (IsUnsafe(text[i], keepLayout)) return i;
        return -1;
    }
}
