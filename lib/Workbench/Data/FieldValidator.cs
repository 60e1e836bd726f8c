using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Workbench.IO;

namespace Workbench.Data;

/// <summary>
/// Parses one field's UTF-8 bytes as its column's type in the file's culture and checks it against the dictionary
/// (required, min/max, codes, weights). Returns the problem as a message naming the column, the value and what was
/// expected, or null when the value is valid.
/// </summary>
internal sealed class FieldValidator(CsvLayout layout)
{
    private const NumberStyles DecimalStyle =
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    // The file's culture with the ASCII signs '-' and '+'; numbers are parsed with it first.
    private readonly NumberFormatInfo _number = layout.Number;
    // The culture itself when its own signs are not ASCII (ar-SA: U+061C U+002D, fa-IR: U+200E U+2212), or null.
    private readonly NumberFormatInfo? _nativeSigns = layout.NativeSigns;
    // The decimal separator when it is one ASCII character; -1 (never equal to a byte) sends every fraction to the
    // slow path, so a separator such as U+066B is never compared by one of its bytes.
    private readonly int _decimalSeparator = layout.AsciiDecimalSeparator;

    // Powers of ten that are exact doubles (10^0 .. 10^22).
    private static readonly double[] Pow10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Parse(ReadOnlySpan<byte> value, int field, ChunkData chunk, int row)
    {
        var spec = layout.Fields[field];
        var def = spec.Definition;
        if (value.IsEmpty)
        {
            chunk.Present[field][row] = 0;
            if (spec.Kind == StorageKind.String) chunk.Strings[spec.Slot][row] = null;
            return def.Required ? Required(def) : null;
        }
        switch (spec.Kind)
        {
            case StorageKind.Int64:
                {
                    if (!TryParseInt64(value, out var v)) { chunk.Present[field][row] = 0; return NotInteger(def, value); }
                    chunk.Longs[spec.Slot][row] = v;
                    chunk.Present[field][row] = 1;
                    return spec.NeedsRangeCheck(v) ? Range(def, spec, v, value) : null;
                }
            case StorageKind.Double:
                {
                    if (!TryParseDouble(value, out var v)) { chunk.Present[field][row] = 0; return NotDecimal(def, value); }
                    if (!double.IsFinite(v)) { chunk.Present[field][row] = 0; return NotFinite(def, value); }
                    chunk.Doubles[spec.Slot][row] = v;
                    chunk.Present[field][row] = 1;
                    return spec.NeedsRangeCheck(v) ? Range(def, spec, v, value) : null;
                }
            case StorageKind.Category:
                {
                    if (!spec.Codes!.TryMatch(value, out var index)) { chunk.Present[field][row] = 0; return UnknownCode(def, value); }
                    chunk.Categories[spec.Slot][row] = index;
                    chunk.Present[field][row] = 1;
                    return null;
                }
            case StorageKind.Boolean:
                {
                    if (!TryParseBoolean(value, out var b)) { chunk.Present[field][row] = 0; return $"column '{def.Name}' has '{Show(value)}'; expected 0 or 1 (or true/false)."; }
                    chunk.Bools[spec.Slot][row] = b;
                    chunk.Present[field][row] = 1;
                    return null;
                }
            case StorageKind.Date:
                {
                    if (!(def.Format is null ? TryParseDate(value, out var d) : DateFormats.TryParse(value, def.Format, out d)))
                    {
                        chunk.Present[field][row] = 0;
                        return DateFormats.Expected(def, Show(value));
                    }
                    chunk.Dates[spec.Slot][row] = d;
                    chunk.Present[field][row] = 1;
                    return null;
                }
            default:
                {
                    if (!Utf8.IsValid(value))
                    {
                        chunk.Present[field][row] = 0;
                        chunk.Strings[spec.Slot][row] = null;
                        return $"column '{def.Name}' is not valid UTF-8 text; save the file as UTF-8.";
                    }
                    if (value.IndexOf((byte)0) is var nul and >= 0)
                    {
                        chunk.Present[field][row] = 0;
                        chunk.Strings[spec.Slot][row] = null;
                        return $"column '{def.Name}' has a NUL character (byte 0) at byte {(nul + 1).ToString(CultureInfo.InvariantCulture)} of '{Show(value)}'; text cannot contain it " +
                               "(the file may be binary or UTF-16). Remove the character, or save the file as UTF-8 text.";
                    }
                    chunk.Strings[spec.Slot][row] = Encoding.UTF8.GetString(value);
                    chunk.Present[field][row] = 1;
                    return null;
                }
        }
    }

    /// <summary>
    /// Checks and stores a whole number that arrives typed (a Parquet integer column) in an integer column: the same
    /// checks as <see cref="Parse"/> gives its invariant text, and on a problem the same message.
    /// </summary>
    public string? Integer(long value, int field, ChunkData chunk, int row)
    {
        var spec = layout.Fields[field];
        chunk.Longs[spec.Slot][row] = value;
        chunk.Present[field][row] = 1;
        return spec.NeedsRangeCheck(value) ? Range(spec.Definition, spec, value, InvariantText(value, null)) : null;
    }

    /// <summary>Checks and stores a double that arrives typed in a decimal column (as <see cref="Parse"/> checks its "R" text).</summary>
    public string? Decimal(double value, int field, ChunkData chunk, int row)
    {
        var spec = layout.Fields[field];
        if (!double.IsFinite(value))
        {
            chunk.Present[field][row] = 0;
            return NotFinite(spec.Definition, InvariantText(value, "R"));
        }
        chunk.Doubles[spec.Slot][row] = value;
        chunk.Present[field][row] = 1;
        return spec.NeedsRangeCheck(value) ? Range(spec.Definition, spec, value, InvariantText(value, "R")) : null;
    }

    /// <summary>Stores a boolean that arrives typed in a boolean column (every value is valid).</summary>
    public void Boolean(bool value, int field, ChunkData chunk, int row)
    {
        chunk.Bools[layout.Fields[field].Slot][row] = value;
        chunk.Present[field][row] = 1;
    }

    /// <summary>Stores a date that arrives typed in a date column (every date is valid).</summary>
    public void Date(DateOnly value, int field, ChunkData chunk, int row)
    {
        chunk.Dates[layout.Fields[field].Slot][row] = value;
        chunk.Present[field][row] = 1;
    }

    /// <summary>
    /// Stores a string that arrives typed in a text or identifier column without encoding it; only for a non-empty
    /// string without NUL characters or unpaired surrogates (which <see cref="Parse"/> must see as UTF-8).
    /// </summary>
    public void Text(string value, int field, ChunkData chunk, int row)
    {
        chunk.Strings[layout.Fields[field].Slot][row] = value;
        chunk.Present[field][row] = 1;
    }

    /// <summary>Whether <see cref="Text"/> stores <paramref name="value"/> exactly as <see cref="Parse"/> would from its UTF-8 bytes.</summary>
    public static bool IsPlainText(string value) =>
        value.Length > 0 && !value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') && !value.Contains('\0', StringComparison.Ordinal);

    private static byte[] InvariantText<T>(T value, string? format) where T : IUtf8SpanFormattable
    {
        Span<byte> buffer = stackalloc byte[64];
        return value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture) ? buffer[..written].ToArray() : [];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        var negative = s[0] == (byte)'-';
        var i = negative || s[0] == (byte)'+' ? 1 : 0;
        if (i < s.Length && s.Length - i <= 18)
        {
            long acc = 0;
            for (; i < s.Length; i++)
            {
                var digit = (uint)(s[i] - '0');
                if (digit > 9) goto Slow;
                acc = acc * 10 + digit;
            }
            value = negative ? -acc : acc;
            return true;
        }
    Slow:
        return TryParseInt64Slow(s, out value);
    }

    /// <summary>19 or more digits (checked against the 64-bit range), or a sign in the culture's own form.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryParseInt64Slow(ReadOnlySpan<byte> s, out long value)
    {
        if (SignedDigits(s, out var negative, out var digits)) return TryAccumulate(digits, negative, out value);
        value = 0;
        return _nativeSigns is not null && long.TryParse(s, NumberStyles.AllowLeadingSign, _nativeSigns, out value);
    }

    /// <summary>Whether <paramref name="s"/> is an optional ASCII sign followed by one or more ASCII digits.</summary>
    private static bool SignedDigits(ReadOnlySpan<byte> s, out bool negative, out ReadOnlySpan<byte> digits)
    {
        negative = s.Length > 0 && s[0] == (byte)'-';
        digits = s.Length > 0 && s[0] is (byte)'-' or (byte)'+' ? s[1..] : s;
        return !digits.IsEmpty && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    private static bool TryAccumulate(ReadOnlySpan<byte> digits, bool negative, out long value)
    {
        value = 0;
        var start = digits.IndexOfAnyExcept((byte)'0');
        if (start < 0) return true;
        digits = digits[start..];
        if (digits.Length > 19) return false;
        ulong acc = 0;
        foreach (var b in digits) acc = acc * 10 + (uint)(b - '0');
        const ulong limit = long.MaxValue;
        if (acc > limit + (negative ? 1UL : 0UL)) return false;
        value = negative ? (long)(0UL - acc) : (long)acc;
        return true;
    }

    /// <summary>
    /// Parses a decimal in the file's culture. Plain numbers with at most 15 significant digits take an exact fast
    /// path (an integer mantissa divided by an exact power of ten is correctly rounded: Clinger 1990); everything else,
    /// including exponents, goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        var i = s[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        ulong mantissa = 0;
        var digits = 0;
        var fractionDigits = -1;
        for (; i < s.Length; i++)
        {
            var digit = (uint)(s[i] - '0');
            if (digit <= 9)
            {
                mantissa = mantissa * 10 + digit;
                digits++;
                if (fractionDigits >= 0) fractionDigits++;
            }
            else if (s[i] == _decimalSeparator && fractionDigits < 0) fractionDigits = 0;
            else goto Slow;
        }
        if (digits is 0 or > 15) goto Slow;
        var v = fractionDigits > 0 ? mantissa / Pow10[fractionDigits] : mantissa;
        // The sign as a bit, not a branch: signs in a column are often random.
        value = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(v) | ((long)(s[0] == (byte)'-' ? 1 : 0) << 63));
        return true;
    Slow:
        return TryParseDoubleSlow(s, out value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryParseDoubleSlow(ReadOnlySpan<byte> s, out double value) =>
        double.TryParse(s, DecimalStyle, _number, out value)
        || _nativeSigns is not null && double.TryParse(s, DecimalStyle, _nativeSigns, out value);

    private static bool TryParseBoolean(ReadOnlySpan<byte> s, out bool value)
    {
        if (s.Length == 1 && s[0] is (byte)'0' or (byte)'1') { value = s[0] == (byte)'1'; return true; }
        if (Ascii.EqualsIgnoreCase(s, "true"u8)) { value = true; return true; }
        if (Ascii.EqualsIgnoreCase(s, "false"u8)) { value = false; return true; }
        value = false;
        return false;
    }

    private static bool TryParseDate(ReadOnlySpan<byte> s, out DateOnly value)
    {
        value = default;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-') return false;
        if (!Digits(s[..4], out var y) || !Digits(s[5..7], out var m) || !Digits(s[8..10], out var d)) return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        value = new DateOnly(y, m, d);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var digit = b - '0';
            if ((uint)digit > 9) return false;
            value = value * 10 + digit;
        }
        return true;
    }

    private static string Required(ColumnDefinition def) =>
        $"column '{def.Name}' is empty; a value is required ({DataDictionary.TypeName(def.Type)}). Fill it in, or set \"required\": false in the dictionary if it may be missing.";

    private string NotInteger(ColumnDefinition def, ReadOnlySpan<byte> value)
    {
        string why;
        if (SignedDigits(value, out var negative, out _))
            why = "the number is too large for a whole number (64-bit integers run from -9223372036854775808 to 9223372036854775807). " +
                  (negative ? "Correct the value" : "Correct the value, or use type \"decimal\" if such magnitudes are real");
        else if (long.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, _number, out _))
            why = "expected a whole number without spaces";
        else if (TryParseDoubleSlow(value, out var d) && double.IsFinite(d))
            why = double.IsInteger(d)
                ? "expected a whole number written with digits only (no decimal separator or exponent)"
                : "expected a whole number (integer), not a fraction";
        else
            why = "expected a whole number (integer)" + (DigitHint(value) is { Length: > 0 } h ? "; " + h : "");
        return $"column '{def.Name}' has '{Show(value)}'; {why}.";
    }

    private string NotDecimal(ColumnDefinition def, ReadOnlySpan<byte> value)
    {
        var hint = DigitHint(value);
        var separator = _number.NumberDecimalSeparator;
        if (hint.Length > 0) hint = " " + char.ToUpperInvariant(hint[0]) + hint[1..] + ".";
        else if (separator == "." && value.Contains((byte)',')
            && double.TryParse(value, DecimalStyle, CultureInfo.GetCultureInfo("nl-NL").NumberFormat, out _))
            hint = " It looks like a decimal comma: if the file uses one, set \"file\": { \"delimiter\": \";\", \"culture\": \"nl-NL\" } in the dictionary.";
        else if (separator != "." && value.Contains((byte)'.')
            && double.TryParse(value, DecimalStyle, CultureInfo.InvariantCulture, out _))
            hint = separator == ","
                ? $" It looks like a decimal point, but the dictionary says culture {layout.Culture.Name}: write a decimal comma."
                : $" It looks like a decimal point, but the dictionary says culture {layout.Culture.Name}, whose decimal separator is " +
                  $"'{separator}' ({CsvLayout.CodePoints(separator)}): write that separator, or set \"culture\": \"invariant\" if the file uses decimal points.";
        return $"column '{def.Name}' has '{Show(value)}'; expected a number with {layout.DecimalHint}.{hint}";
    }

    /// <summary>A hint when the value has digits other than 0-9 (e.g. Arabic-Indic digits), which are never read.</summary>
    private static string DigitHint(ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0 || !Utf8.IsValid(value)) return "";
        foreach (var rune in Encoding.UTF8.GetString(value).EnumerateRunes())
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber && !rune.IsAscii)
                return $"digits other than 0-9 (such as U+{rune.Value:X4}) are not read: write the number with digits 0-9";
        return "";
    }

    private static string NotFinite(ColumnDefinition def, ReadOnlySpan<byte> value) =>
        value.IndexOfAny("nNiI"u8) >= 0 || value.IndexOf("\u221E"u8) >= 0
            ? $"column '{def.Name}' has '{Show(value)}'; NaN and Infinity are not allowed. Leave the field empty for a missing value."
            : $"column '{def.Name}' has '{Show(value)}'; the number is too large for a double (expected a finite number).";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? Range(ColumnDefinition def, FieldSpec spec, double v, ReadOnlySpan<byte> value)
    {
        if (spec.IsWeight && !(v > 0))
            return $"column '{def.Name}' has {Show(value)}; a design weight must be greater than 0. Correct the weight or remove the row from the design.";
        if (def.Min is { } min && v < min || def.Max is { } max && v > max)
        {
            var unit = string.IsNullOrEmpty(def.Unit) ? "" : $" {def.Unit}";
            return $"column '{def.Name}' has {Show(value)}; expected a value {Bounds(def)}{unit}.";
        }
        return null;
    }

    private static string Bounds(ColumnDefinition def) => (def.Min, def.Max) switch
    {
        ({ } lo, { } hi) => $"between {Num(lo)} and {Num(hi)}",
        ({ } lo, null) => $"of at least {Num(lo)}",
        (null, { } hi) => $"of at most {Num(hi)}",
        _ => "",
    };

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string UnknownCode(ColumnDefinition def, ReadOnlySpan<byte> value)
    {
        var codes = def.Codes!.Select(c => c.Code).ToList();
        var list = codes.Count <= 20 ? string.Join(", ", codes) : string.Join(", ", codes.Take(20)) + $", ... ({codes.Count} codes)";
        return $"column '{def.Name}' has unknown code '{Show(value)}'; expected one of: {list}. Correct the value or add the code to the dictionary.";
    }

    /// <summary>The value as shown in messages: decoded, control characters escaped (<see cref="TerminalText"/>), long values shortened.</summary>
    internal static string Show(ReadOnlySpan<byte> value)
    {
        var s = Encoding.UTF8.GetString(value.Length > 240 ? value[..240] : value);
        var cut = value.Length > 240 || s.Length > 60;
        return TerminalText.Escape(cut ? s[..Math.Min(s.Length, 60)] : s) + (cut ? "..." : "");
    }

    /// <summary>A name or value from the file as shown in messages (escaped, at most 60 characters).</summary>
    internal static string Show(string value) =>
        TerminalText.Escape(value.Length > 60 ? value[..60] : value) + (value.Length > 60 ? "..." : "");
}
