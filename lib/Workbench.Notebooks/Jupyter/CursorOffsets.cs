namespace Workbench.Notebooks.Jupyter;

/// <summary>
/// Jupyter counts cursor positions in Unicode code points (protocol 5.2 and later); .NET strings and Roslyn count
/// UTF-16 code units. These convert between the two, so completion works after an emoji or a non-BMP letter.
/// </summary>
public static class CursorOffsets
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoints"/> in <paramref name="text"/> (clamped to the text).</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        var index = 0;
        for (var n = 0; n < codePoints && index < text.Length; n++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    /// <summary>The number of code points before UTF-16 index <paramref name="utf16Index"/> in <paramref name="text"/>.</summary>
    public static int ToCodePoints(string text, int utf16Index)
    {
        var count = 0;
        var end = Math.Clamp(utf16Index, 0, text.Length);
        for (var i = 0; i < end; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < end && char.IsLowSurrogate(text[i + 1])) i++;
            count++;
        }
        return count;
    }

    /// <summary>The indentation for the next line of incomplete code: the last line's, plus four spaces after an opening brace.</summary>
    public static string NextIndent(string code)
    {
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var last = lines.LastOrDefault(l => l.Trim().Length > 0) ?? "";
        var indent = last[..(last.Length - last.TrimStart().Length)];
        return last.TrimEnd().EndsWith('{') || last.TrimEnd().EndsWith('(') ? indent + "    " : indent;
    }
}
