using System.Globalization;
using System.Text;

namespace Workbench.Data;

/// <summary>
/// The date format of a dictionary's date column (<see cref="ColumnDefinition.Format"/>): a .NET custom date format
/// ("dd-MM-yyyy", "d/M/yyyy", "dd.MM.yyyy"), read with the invariant culture and nothing else accepted.
/// </summary>
internal static class DateFormats
{
    private static readonly DateOnly Example = new(2019, 12, 31);

    /// <summary>Why <paramref name="format"/> is not a usable date format (it must name day, month and year and read back what it writes), or null.</summary>
    public static string? Problem(string format)
    {
        if (format.Length == 0 || format.Length > 40) return "is empty or too long";
        if (!format.Contains('d', StringComparison.Ordinal) || !format.Contains('M', StringComparison.Ordinal) || !format.Contains("yy", StringComparison.Ordinal))
            return "does not name the day (d), the month (M) and the year (yyyy)";
        if (format.IndexOfAny(['h', 'H', 'm', 's', 'f', 'F', 't', 'z', 'K']) >= 0)
            return "has a time part; a date column holds dates only";
        try
        {
            var text = Example.ToString(format, CultureInfo.InvariantCulture);
            return DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back == Example
                ? null : "does not read back the dates it writes";
        }
        catch (FormatException)
        {
            return "is not a date format";
        }
    }

    /// <summary>Parses the UTF-8 <paramref name="value"/> as exactly <paramref name="format"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, string format, out DateOnly date)
    {
        date = default;
        if (value.Length > 64) return false;
        Span<char> chars = stackalloc char[64];
        return Encoding.UTF8.TryGetChars(value, chars, out var n)
            && DateOnly.TryParseExact(chars[..n], format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>The message for a value that is not a date in the column's format: the value, the format and an example.</summary>
    public static string Expected(ColumnDefinition column, string shown) => column.Format is { } format
        ? $"column '{column.Name}' has '{shown}'; expected a date as {format} (e.g. {Example.ToString(format, CultureInfo.InvariantCulture)}), the format its dictionary gives."
        : $"column '{column.Name}' has '{shown}'; expected a date as yyyy-MM-dd (e.g. 2019-12-31).";
}
