using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Workbench.Data;

/// <summary>What the parser needs to know about one header field.</summary>
internal sealed class FieldSpec
{
    public ColumnDefinition Definition { get; }
    public StorageKind Kind { get; }
    /// <summary>Index among the fields of the same <see cref="Kind"/> (which chunk array holds its values).</summary>
    public int Slot { get; }
    public CategoryMatcher? Codes { get; }
    public bool IsWeight => Definition.Role == ColumnRole.Weight;

    /// <summary>The dictionary's min, or -infinity (read once, not per value).</summary>
    public double Lower { get; }

    /// <summary>The dictionary's max, or +infinity.</summary>
    public double Upper { get; }

    /// <summary>Whether a number needs a closer look: outside [<see cref="Lower"/>, <see cref="Upper"/>], or not above 0 in a weight column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NeedsRangeCheck(double v) => v < Lower || v > Upper || _weight && !(v > 0);

    private readonly bool _weight;

    /// <summary>The spec of a header field whose definition is <paramref name="definition"/>.</summary>
    public FieldSpec(ColumnDefinition definition, StorageKind kind, int slot)
    {
        Definition = definition;
        Kind = kind;
        Slot = slot;
        Codes = kind == StorageKind.Category ? new CategoryMatcher(definition.Codes!) : null;
        Lower = definition.Min ?? double.NegativeInfinity;
        Upper = definition.Max ?? double.PositiveInfinity;
        _weight = definition.Role == ColumnRole.Weight;
    }
}

/// <summary>The parsing plan of one file: delimiter, culture and the spec of each header field.</summary>
internal sealed class CsvLayout
{
    /// <param name="path">The file, for messages.</param>
    /// <param name="dictionary">Its dictionary.</param>
    /// <param name="header">The column names in file order.</param>
    /// <param name="headerLine">The line (or row) of the header.</param>
    /// <param name="culture">The culture of the values (default the dictionary's; typed files such as workbooks give
    /// their cells as invariant text).</param>
    public CsvLayout(string path, DataDictionary dictionary, IReadOnlyList<string> header, int headerLine, CultureInfo? culture = null)
    {
        Path = path;
        Dictionary = dictionary;
        Delimiter = (byte)dictionary.File.Delimiter[0];
        Splitter = new CsvSplitter((char)Delimiter);
        Culture = culture ?? dictionary.FileCulture();
        var native = Culture.NumberFormat;
        // Signs are ASCII in every culture (the culture's own signs, which may carry direction marks, are accepted too);
        // only the decimal separator comes from the culture.
        var number = (NumberFormatInfo)native.Clone();
        number.NegativeSign = "-";
        number.PositiveSign = "+";
        Number = NumberFormatInfo.ReadOnly(number);
        NativeSigns = native.NegativeSign == "-" && native.PositiveSign == "+" ? null : native;
        AsciiDecimalSeparator = native.NumberDecimalSeparator is [var c] && c < 128 ? c : -1;
        HeaderLine = headerLine;
        var byName = dictionary.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var counts = new int[6];
        Fields = header.Select(h =>
        {
            var def = byName[h];
            var kind = ColumnData.KindOf(def.Type);
            return new FieldSpec(def, kind, counts[(int)kind]++);
        }).ToArray();
        SlotCounts = counts;
    }

    public string Path { get; }
    public DataDictionary Dictionary { get; }
    public byte Delimiter { get; }
    /// <summary>The record splitter for <see cref="Delimiter"/> (immutable, shared by the workers).</summary>
    public CsvSplitter Splitter { get; }
    public CultureInfo Culture { get; }
    /// <summary>The culture's number format with the ASCII signs '-' and '+'.</summary>
    public NumberFormatInfo Number { get; }
    /// <summary>The culture's own number format when its signs are not ASCII, else null.</summary>
    public NumberFormatInfo? NativeSigns { get; }
    /// <summary>The decimal separator when it is one ASCII character, else -1.</summary>
    public int AsciiDecimalSeparator { get; }
    public int HeaderLine { get; }
    public FieldSpec[] Fields { get; }
    public int[] SlotCounts { get; }
    public int FieldCount => Fields.Length;

    /// <summary>How the file's decimal separator is described in messages.</summary>
    public string DecimalHint => Number.NumberDecimalSeparator switch
    {
        "," => $"a decimal comma (culture {Culture.Name})",
        "." => "a decimal point",
        var s => $"the decimal separator '{s}' ({CodePoints(s)}) of culture {Culture.Name}",
    };

    /// <summary>The code points of <paramref name="text"/> as U+XXXX, for characters a reader may not recognise.</summary>
    public static string CodePoints(string text) =>
        string.Join(" ", text.EnumerateRunes().Select(r => $"U+{r.Value:X4}"));
}

/// <summary>Matches the UTF-8 bytes of a field against a category's codes without allocating.</summary>
internal sealed class CategoryMatcher
{
    private readonly byte[][] _codes;
    // Short codes (the usual case: "F", "R01") compare as one 64-bit number each: up to 16 by a scan, more by a hash.
    private readonly ulong[]? _packed;
    private readonly Dictionary<ulong, ushort>? _packedLookup;
    private readonly Dictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>>? _lookup;

    public CategoryMatcher(IReadOnlyList<CategoryCode> codes)
    {
        if (codes.Count > ushort.MaxValue) throw new ArgumentException("A category may have at most 65535 codes.");
        _codes = codes.Select(c => Encoding.UTF8.GetBytes(c.Code)).ToArray();
        if (_codes.All(c => c.Length <= 7))
        {
            _packed = _codes.Select(c => Pack(c)).ToArray();
            if (codes.Count > 16)
            {
                _packedLookup = new Dictionary<ulong, ushort>(codes.Count);
                for (var i = codes.Count - 1; i >= 0; i--) _packedLookup[_packed[i]] = (ushort)i;
            }
        }
        else if (codes.Count > 16)
        {
            var map = new Dictionary<string, ushort>(StringComparer.Ordinal);
            for (var i = 0; i < codes.Count; i++) map[codes[i].Code] = (ushort)i;
            _lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>
    /// Packs up to 7 bytes and the length into one number (distinct for distinct short texts), without a loop: two
    /// overlapping reads cover every length, and the bytes they share are the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pack(ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length;
        ref var first = ref MemoryMarshal.GetReference(bytes);
        ulong packed = (ulong)length << 56;
        if (length >= 4)
        {
            packed |= Unsafe.ReadUnaligned<uint>(ref first);
            packed |= (ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, length - 4)) << (8 * (length - 4));
        }
        else if (length >= 2)
        {
            packed |= Unsafe.ReadUnaligned<ushort>(ref first);
            packed |= (ulong)Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref first, length - 2)) << (8 * (length - 2));
        }
        else if (length == 1) packed |= first;
        return packed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryMatch(ReadOnlySpan<byte> value, out ushort index)
    {
        if (_packed is { } packed)
        {
            if (value.Length <= 7)
            {
                var key = Pack(value);
                if (_packedLookup is { } map) return map.TryGetValue(key, out index);
                var i = Array.IndexOf(packed, key);
                index = (ushort)Math.Max(0, i);
                return i >= 0;
            }
            index = 0;
            return false;
        }
        if (_lookup is { } lookup)
        {
            if (value.Length <= 256)
            {
                Span<char> chars = stackalloc char[256];
                if (Encoding.UTF8.TryGetChars(value, chars, out var written)
                    && lookup.TryGetValue(chars[..written], out index)) return true;
            }
            index = 0;
            return false;
        }
        for (var i = 0; i < _codes.Length; i++)
        {
            if (value.SequenceEqual(_codes[i])) { index = (ushort)i; return true; }
        }
        index = 0;
        return false;
    }
}

/// <summary>The typed values and problems of one chunk of records, parsed by one worker.</summary>
internal sealed class ChunkData
{
    public ChunkData(CsvLayout layout, int capacity)
    {
        Capacity = capacity;
        var c = layout.SlotCounts;
        Longs = Rent<long>(c[(int)StorageKind.Int64], capacity);
        Doubles = Rent<double>(c[(int)StorageKind.Double], capacity);
        Bools = Rent<bool>(c[(int)StorageKind.Boolean], capacity);
        Categories = Rent<ushort>(c[(int)StorageKind.Category], capacity);
        Dates = Rent<DateOnly>(c[(int)StorageKind.Date], capacity);
        Strings = Rent<string?>(c[(int)StorageKind.String], capacity);
        Present = Rent<byte>(layout.FieldCount, capacity);
    }

    public int Capacity { get; }
    public int Rows { get; set; }
    public int StartLine { get; init; }
    public int Bytes { get; init; }
    /// <summary>The line each row starts on; null when every row is one line (row i is on StartLine + i).</summary>
    public int[]? RowLines { get; set; }
    public List<DataError> Errors { get; } = [];
    public long[][] Longs { get; }
    public double[][] Doubles { get; }
    public bool[][] Bools { get; }
    public ushort[][] Categories { get; }
    public DateOnly[][] Dates { get; }
    public string?[][] Strings { get; }
    public byte[][] Present { get; }

    public int LineOf(int row) => RowLines is null ? StartLine + row : RowLines[row];

    private static T[][] Rent<T>(int count, int capacity)
    {
        var arrays = new T[count][];
        for (var i = 0; i < count; i++) arrays[i] = ArrayPool<T>.Shared.Rent(Math.Max(1, capacity));
        return arrays;
    }

    /// <summary>Gives the buffers back to the pool once the chunk has been copied into the columns.</summary>
    public void Release()
    {
        Return(Longs); Return(Doubles); Return(Bools); Return(Categories); Return(Dates); Return(Present);
        foreach (var s in Strings) ArrayPool<string?>.Shared.Return(s, clearArray: true);
        if (RowLines is { } lines) ArrayPool<int>.Shared.Return(lines);
    }

    private static void Return<T>(T[][] arrays)
    {
        foreach (var a in arrays) ArrayPool<T>.Shared.Return(a);
    }
}
