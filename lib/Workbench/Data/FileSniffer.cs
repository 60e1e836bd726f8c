namespace Workbench.Data;

/// <summary>
/// Recognises, from the first bytes of a CSV file, the encodings and line endings the readers cannot use, so that the
/// user gets one line naming the cause instead of a confusing header or value error.
/// </summary>
internal static class FileSniffer
{
    /// <summary>How many bytes of the file's start <see cref="Check"/> looks at, at most.</summary>
    public const int SniffBytes = 64 << 10;

    /// <summary>
    /// The first problem with <paramref name="start"/> (the file's first bytes, with any BOM): a UTF-16 or UTF-32 byte
    /// order mark, UTF-16 without one, a doubled UTF-8 BOM, or (unless <paramref name="loneCrAllowed"/>) line endings
    /// made of a carriage return alone. Null when none is found.
    /// </summary>
    /// <param name="path">The file, for the message.</param>
    /// <param name="start">Its first bytes (up to <see cref="SniffBytes"/>).</param>
    /// <param name="loneCrAllowed">Whether the reader accepts CR alone as a line ending.</param>
    /// <param name="unicodeBomAllowed">Whether the reader decodes UTF-16 and UTF-32 that start with a byte order mark.</param>
    public static DataError? Check(string path, ReadOnlySpan<byte> start, bool loneCrAllowed, bool unicodeBomAllowed = false)
    {
        if (unicodeBomAllowed && (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || start.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])))
            return null;
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || start.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
            return new DataError(path, 1, 1, "the file is UTF-32; save it as UTF-8 (CSV UTF-8).");
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new DataError(path, 1, 1, "the file is UTF-16; save it as UTF-8 (CSV UTF-8).");
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]))
            return new DataError(path, 1, 1,
                "the file starts with two UTF-8 byte order marks (EF BB BF twice; a tool added one to a file that had one); " +
                "remove the extra one, e.g. by saving the file again as CSV UTF-8.");
        if (Utf16WithoutBom(start) is { } order)
            return new DataError(path, 1, 1,
                $"the file looks like UTF-16 ({order}) without a byte order mark: every other byte is 0. Save it as UTF-8 (CSV UTF-8).");
        if (!loneCrAllowed && LoneCrLine(start) is var line and > 0)
            return new DataError(path, line, 0,
                (line == 1
                    ? "the lines end with a carriage return alone (CR, old Mac OS line endings), so the file reads as one line; "
                    : "this line ends with a carriage return alone (CR, old Mac OS line endings) while earlier lines end with LF; ") +
                "save the file with LF or CRLF line endings (Windows or Unix format).");
        return null;
    }

    /// <summary>The 1-based line that ends with a CR not followed by LF, outside quotes, or 0 when there is none.</summary>
    private static int LoneCrLine(ReadOnlySpan<byte> start)
    {
        if (start.IndexOf((byte)'\r') < 0) return 0;
        var inQuotes = false;
        var line = 1;
        for (var i = 0; i < start.Length - 1; i++)
        {
            var b = start[i];
            if (b == (byte)'"') inQuotes = !inQuotes;
            else if (b == (byte)'\n') line++;
            else if (b == (byte)'\r' && !inQuotes && start[i + 1] != (byte)'\n') return line;
        }
        return 0;
    }

    /// <summary>"little-endian" or "big-endian" when the ASCII-looking start has a zero in every other byte, else null.</summary>
    private static string? Utf16WithoutBom(ReadOnlySpan<byte> start)
    {
        var n = Math.Min(start.Length, 512) & ~1;
        if (n < 4) return null;
        int zeroEven = 0, zeroOdd = 0;
        for (var i = 0; i < n; i += 2)
        {
            if (start[i] == 0) zeroEven++;
            if (start[i + 1] == 0) zeroOdd++;
        }
        var pairs = n / 2;
        if (zeroOdd * 4 >= pairs * 3 && zeroEven * 4 < pairs) return "little-endian";
        if (zeroEven * 4 >= pairs * 3 && zeroOdd * 4 < pairs) return "big-endian";
        return null;
    }

    /// <summary>
    /// The 1-based field of <paramref name="line"/> (the header's first physical line, without its line break) whose
    /// double quote is not closed on that line, or 0 when every quote is closed.
    /// </summary>
    public static int UnclosedQuoteField(ReadOnlySpan<byte> line, byte delimiter)
    {
        var field = 1;
        var openedIn = 0;
        var inQuotes = false;
        foreach (var b in line)
        {
            if (b == (byte)'"')
            {
                inQuotes = !inQuotes;
                if (inQuotes) openedIn = field;
            }
            else if (b == delimiter && !inQuotes) field++;
        }
        return inQuotes ? openedIn : 0;
    }

    /// <summary>The message for a header whose quote is not closed on its line.</summary>
    public static DataError UnclosedHeaderQuote(string path, int field) =>
        new(path, 1, field,
            $"header field {field} opens a double quote that is not closed on line 1, so the rest of the file would be read as " +
            "one column name; close the quote (a column name cannot span lines) or remove it.");
}
