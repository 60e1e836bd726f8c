using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Workbench.Data;

/// <summary>How a column's values are stored; one per <see cref="ColumnType"/> family.</summary>
internal enum StorageKind { Int64, Double, Boolean, Category, Date, String }

/// <summary>
/// The values of one column of a loaded dataset: a typed buffer plus an Arrow-style validity bitmap (bit set = value
/// present), so conversion to a DataFrame can share the memory instead of copying it. Never mutated after loading.
/// </summary>
internal abstract class ColumnData(ColumnDefinition definition, StorageKind kind)
{
    public ColumnDefinition Definition { get; } = definition;
    public StorageKind Kind { get; } = kind;
    public int Length { get; protected set; }
    public byte[] Validity { get; private set; } = [];
    public int NullCount { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsPresent(int row) => (Validity[row >> 3] & (1 << (row & 7))) != 0;

    public static StorageKind KindOf(ColumnType type) => type switch
    {
        ColumnType.Integer => StorageKind.Int64,
        ColumnType.Decimal => StorageKind.Double,
        ColumnType.Boolean => StorageKind.Boolean,
        ColumnType.Category => StorageKind.Category,
        ColumnType.Date => StorageKind.Date,
        _ => StorageKind.String,
    };

    public static ColumnData Create(ColumnDefinition definition, int capacity) => KindOf(definition.Type) switch
    {
        StorageKind.Int64 => new PrimitiveData<long>(definition, StorageKind.Int64, capacity),
        StorageKind.Double => new PrimitiveData<double>(definition, StorageKind.Double, capacity),
        StorageKind.Boolean => new PrimitiveData<bool>(definition, StorageKind.Boolean, capacity),
        StorageKind.Date => new PrimitiveData<DateOnly>(definition, StorageKind.Date, capacity),
        StorageKind.Category => new CategoryData(definition, capacity),
        _ => new StringData(definition, capacity),
    };

    /// <summary>Appends the rows of one parsed chunk: header field <paramref name="field"/>, typed slot <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(ChunkData chunk, int field, int slot)
    {
        var rows = chunk.Rows;
        EnsureCapacity(Length + rows);
        EnsureValidity(Length + rows);
        var present = chunk.Present[field];
        var validity = Validity;
        var nulls = 0;
        if (present.AsSpan(0, rows).IndexOf((byte)0) < 0) SetBits(validity, Length, rows);
        else
        {
            for (var i = 0; i < rows; i++)
            {
                var row = Length + i;
                if (present[i] != 0) validity[row >> 3] |= (byte)(1 << (row & 7));
                else nulls++;
            }
        }
        NullCount += nulls;
        CopyValues(chunk, slot, Length, rows);
        if (nulls > 0) ClearMissing(present, Length, rows);
        Length += rows;
    }

    /// <summary>Sets bits <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> - 1 (a chunk without missing values).</summary>
    private static void SetBits(byte[] bits, int from, int count)
    {
        var end = from + count;
        var i = from;
        for (; i < end && (i & 7) != 0; i++) bits[i >> 3] |= (byte)(1 << (i & 7));
        var whole = (end - i) >> 3;
        bits.AsSpan(i >> 3, whole).Fill(0xFF);
        for (i += whole << 3; i < end; i++) bits[i >> 3] |= (byte)(1 << (i & 7));
    }

    private void EnsureValidity(int rows)
    {
        var bytes = (rows + 7) >> 3;
        if (Validity.Length >= bytes) return;
        var grown = new byte[Math.Max(bytes, Validity.Length + (Validity.Length >> 1))];
        Validity.CopyTo(grown, 0);
        Validity = grown;
    }

    protected abstract void EnsureCapacity(int rows);
    protected abstract void CopyValues(ChunkData chunk, int slot, int at, int rows);

    /// <summary>Sets the value of every missing row to the type's default, so raw value spans are deterministic.</summary>
    protected abstract void ClearMissing(byte[] present, int at, int rows);

    protected static int Grow(int current, int needed) => Math.Max(needed, current + (current >> 1) + 16);
}

/// <summary>Fixed-size values stored as raw bytes (shared with DataFrame columns without a copy).</summary>
internal sealed class PrimitiveData<T>(ColumnDefinition definition, StorageKind kind, int capacity) : ColumnData(definition, kind)
    where T : unmanaged
{
    private byte[] _bytes = new byte[checked(capacity * Unsafe.SizeOf<T>())];

    public ReadOnlySpan<T> Values => MemoryMarshal.Cast<byte, T>(_bytes.AsSpan(0, Length * Unsafe.SizeOf<T>()));

    /// <summary>The value bytes of the loaded rows.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes.AsMemory(0, Length * Unsafe.SizeOf<T>());

    protected override void EnsureCapacity(int rows)
    {
        var needed = rows * Unsafe.SizeOf<T>();
        if (_bytes.Length >= needed) return;
        Array.Resize(ref _bytes, Grow(_bytes.Length / Unsafe.SizeOf<T>(), rows) * Unsafe.SizeOf<T>());
    }

    protected override void CopyValues(ChunkData chunk, int slot, int at, int rows)
    {
        var target = MemoryMarshal.Cast<byte, T>(_bytes.AsSpan());
        ReadOnlySpan<T> source = Kind switch
        {
            StorageKind.Int64 => MemoryMarshal.Cast<long, T>(chunk.Longs[slot].AsSpan(0, rows)),
            StorageKind.Double => MemoryMarshal.Cast<double, T>(chunk.Doubles[slot].AsSpan(0, rows)),
            StorageKind.Boolean => MemoryMarshal.Cast<bool, T>(chunk.Bools[slot].AsSpan(0, rows)),
            _ => MemoryMarshal.Cast<DateOnly, T>(chunk.Dates[slot].AsSpan(0, rows)),
        };
        source.CopyTo(target[at..]);
    }

    protected override void ClearMissing(byte[] present, int at, int rows)
    {
        var target = MemoryMarshal.Cast<byte, T>(_bytes.AsSpan());
        for (var i = 0; i < rows; i++)
            if (present[i] == 0) target[at + i] = default;
    }
}

/// <summary>Category codes stored as indices into the dictionary's list of codes.</summary>
internal sealed class CategoryData(ColumnDefinition definition, int capacity) : ColumnData(definition, StorageKind.Category)
{
    private ushort[] _codes = new ushort[capacity];

    /// <summary>The code strings, in dictionary order (shared by every row, so repeated codes cost no memory).</summary>
    public string[] CodeValues { get; } = definition.Codes!.Select(c => c.Code).ToArray();

    public ReadOnlySpan<ushort> Indices => _codes.AsSpan(0, Length);

    public string? this[int row] => IsPresent(row) ? CodeValues[_codes[row]] : null;

    protected override void EnsureCapacity(int rows)
    {
        if (_codes.Length < rows) Array.Resize(ref _codes, Grow(_codes.Length, rows));
    }

    protected override void CopyValues(ChunkData chunk, int slot, int at, int rows) =>
        chunk.Categories[slot].AsSpan(0, rows).CopyTo(_codes.AsSpan(at));

    protected override void ClearMissing(byte[] present, int at, int rows)
    {
        for (var i = 0; i < rows; i++)
            if (present[i] == 0) _codes[at + i] = 0;
    }
}

/// <summary>Text and identifiers.</summary>
internal sealed class StringData(ColumnDefinition definition, int capacity) : ColumnData(definition, StorageKind.String)
{
    private string?[] _values = new string?[capacity];

    public string? this[int row] => _values[row];

    protected override void EnsureCapacity(int rows)
    {
        if (_values.Length < rows) Array.Resize(ref _values, Grow(_values.Length, rows));
    }

    protected override void CopyValues(ChunkData chunk, int slot, int at, int rows) =>
        chunk.Strings[slot].AsSpan(0, rows).CopyTo(_values.AsSpan(at));

    protected override void ClearMissing(byte[] present, int at, int rows)
    {
        for (var i = 0; i < rows; i++)
            if (present[i] == 0) _values[at + i] = null;
    }
}
