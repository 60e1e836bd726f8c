using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Workbench.Data;

/// <summary>
/// Reads a Parquet file (Parquet.Net 6.1.0) against a data dictionary: the schema's top-level columns are matched by
/// name as a CSV header is, and each value is validated by the loader's <see cref="FieldValidator"/> with the checks
/// its CSV field gets (types, ranges, codes, required; the same messages), so a Parquet file is checked exactly as its
/// CSV would be. A column whose Parquet type is the dictionary type's own is read typed (integers, doubles, booleans,
/// dates, strings); any other goes through its invariant text to the CSV validator. One row group is in memory at a time,
/// besides the kept columns. Problems are reported as <c>file:row:column</c>, row 1 being the first row of data.
/// </summary>
internal static class ParquetDatasetReader
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static ReadResult Read(string path, DataDictionary dictionary, LoadOptions options) =>
        Task.Run(() => ReadAsync(path, dictionary, options)).GetAwaiter().GetResult();

    private static async Task<ReadResult> ReadAsync(string path, DataDictionary dictionary, LoadOptions options)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or InvalidOperationException)
        {
            return Failed(new DataError(path, 0, 0, $"is not a readable Parquet file ({ex.Message.TrimEnd('.')}); write it again as Parquet, or give the CSV file."));
        }
        await using (reader)
        {
            var top = reader.Schema.Fields;
            var nested = top.FirstOrDefault(f => f is not DataField || ((DataField)f).IsArray);
            if (nested is not null)
                return Failed(new DataError(path, 0, 0,
                    $"column '{FieldValidator.Show(nested.Name)}' is nested or repeated (a list, map or struct); a dataset has one value per cell. Flatten it before saving."));
            var fields = top.Cast<DataField>().ToArray();
            var names = fields.Select(f => f.Name).ToList();
            var headerErrors = HeaderReader.Check(path, dictionary, names)
                .Select(e => e with { Line = 0, Location = e.Column > 0 ? $"schema column {e.Column}" : "schema" }).ToList();
            if (headerErrors.Count > 0)
                return new ReadResult([], 0, headerErrors.Take(Math.Max(1, options.MaxErrors)).ToArray(), headerErrors.Count > options.MaxErrors);

            var layout = new CsvLayout(path, dictionary, names, 0, Invariant);
            // The file's hash is read on another core while the values are checked.
            var hash = Task.Run(async () =>
            {
                await using var stream = File.OpenRead(path);
                return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
            });
            // Columns sized once from the row count the file gives (at most 16M rows ahead: a claim beyond that grows as read).
            var rows = reader.Metadata?.NumRows ?? 0;
            var sink = new RowSink(layout, options, (_, _) => null, (int)Math.Clamp(rows, 0, 1 << 24));
            var line = 0;
            for (var g = 0; g < reader.RowGroupCount && !sink.Full; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                var columns = new ColumnFeed[fields.Length];
                for (var f = 0; f < fields.Length; f++) columns[f] = await Feed(path, group, fields[f], layout.Fields[f].Kind, n).ConfigureAwait(false);
                for (var row = 0; row < n && !sink.Full; row++)
                {
                    line++;
                    for (var f = 0; f < columns.Length; f++) columns[f].Feed(sink, f, row, line);
                    sink.EndRow(line);
                }
                foreach (var column in columns) column.Release();
            }
            return sink.Finish(await hash.ConfigureAwait(false));
        }
    }

    /// <summary>The top-level column names of a Parquet file and every value as invariant text (null when missing), for drafting a dictionary.</summary>
    /// <exception cref="DataValidationException">The file is not Parquet, or a column is nested or of an unreadable type.</exception>
    public static List<string> ReadAsText(string path, out List<List<string?>> columns)
    {
        var (names, values) = Task.Run(async () =>
        {
            ParquetReader reader;
            try
            {
                reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or InvalidOperationException)
            {
                throw new DataValidationException(new DataError(path, 0, 0, $"is not a readable Parquet file ({ex.Message.TrimEnd('.')}); write it again as Parquet, or give the CSV file."));
            }
            await using (reader)
            {
                if (reader.Schema.Fields.FirstOrDefault(f => f is not DataField || ((DataField)f).IsArray) is { } nested)
                    throw new DataValidationException(new DataError(path, 0, 0, $"column '{FieldValidator.Show(nested.Name)}' is nested or repeated; flatten it before saving."));
                var fields = reader.Schema.Fields.Cast<DataField>().ToArray();
                var result = fields.Select(_ => new List<string?>()).ToList();
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    using var group = reader.OpenRowGroupReader(g);
                    var n = checked((int)group.RowCount);
                    for (var f = 0; f < fields.Length; f++)
                    {
                        var column = await Column(path, group, fields[f], n).ConfigureAwait(false);
                        var buffer = new byte[256];
                        for (var row = 0; row < n; row++)
                            result[f].Add(column(row, ref buffer) is var length and >= 0 ? Encoding.UTF8.GetString(buffer, 0, length) : null);
                    }
                }
                return (fields.Select(f => f.Name).ToList(), result);
            }
        }).GetAwaiter().GetResult();
        columns = values;
        return names;
    }

    /// <summary>
    /// The values of one column of a row group, given to the sink row by row: typed when the column's Parquet type is
    /// the dictionary type's own (whole numbers for integer, double for decimal, boolean, date, string for text and
    /// categories), else as invariant text, which the validator checks as it checks a CSV field.
    /// </summary>
    private abstract class ColumnFeed
    {
        public abstract void Feed(RowSink sink, int field, int row, int line);

        /// <summary>Gives the row group's arrays back to the pool (the next row group reuses them).</summary>
        public virtual void Release() { }
    }

    /// <summary>A row group's values of one type in a pooled array, with the rows that are missing.</summary>
    private abstract class PooledFeed<T>(T[] values, bool[]? missing) : ColumnFeed
    {
        protected T[] Values { get; } = values;
        protected bool[]? Missing { get; } = missing;

        public override void Release()
        {
            ArrayPool<T>.Shared.Return(Values);
            if (Missing is not null) ArrayPool<bool>.Shared.Return(Missing);
        }
    }

    private sealed class TextFeed(CellText text) : ColumnFeed
    {
        private byte[] _buffer = new byte[256];

        public override void Feed(RowSink sink, int field, int row, int line)
        {
            var length = text(row, ref _buffer);
            sink.Field(field, length < 0 ? [] : _buffer.AsSpan(0, length), line);
        }
    }

    private sealed class IntegerFeed(long[] values, bool[]? missing) : PooledFeed<long>(values, missing)
    {
        public override void Feed(RowSink sink, int field, int row, int line)
        {
            if (Missing is not null && Missing[row]) sink.Field(field, [], line);
            else sink.Integer(field, Values[row], line);
        }
    }

    private sealed class DecimalFeed(double[] values, bool[]? missing) : PooledFeed<double>(values, missing)
    {
        public override void Feed(RowSink sink, int field, int row, int line)
        {
            if (Missing is not null && Missing[row]) sink.Field(field, [], line);
            else sink.Decimal(field, Values[row], line);
        }
    }

    private sealed class BooleanFeed(bool[] values, bool[]? missing) : PooledFeed<bool>(values, missing)
    {
        public override void Feed(RowSink sink, int field, int row, int line)
        {
            if (Missing is not null && Missing[row]) sink.Field(field, [], line);
            else sink.Boolean(field, Values[row]);
        }
    }

    private sealed class DateFeed(DateOnly[] values, bool[]? missing) : PooledFeed<DateOnly>(values, missing)
    {
        public override void Feed(RowSink sink, int field, int row, int line)
        {
            if (Missing is not null && Missing[row]) sink.Field(field, [], line);
            else sink.Date(field, Values[row]);
        }
    }

    /// <summary>Strings: categories are matched by their UTF-8 bytes (no string per value); text is stored as it is.</summary>
    private sealed class StringFeed(string?[] values, bool category) : ColumnFeed
    {
        private byte[] _buffer = new byte[256];

        public override void Release() => ArrayPool<string?>.Shared.Return(values, clearArray: true);

        public override void Feed(RowSink sink, int field, int row, int line)
        {
            if (values[row] is not { } s) sink.Field(field, [], line);
            else if (category) sink.Field(field, RowSink.Utf8(s, ref _buffer), line);
            else sink.Text(field, s, line, ref _buffer);
        }
    }

    /// <summary>Reads one column of a row group for the dictionary's storage <paramref name="kind"/>.</summary>
    private static async Task<ColumnFeed> Feed(string path, ParquetRowGroupReader group, DataField field, StorageKind kind, int n)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        switch (kind)
        {
            case StorageKind.Int64 when type == typeof(long):
                {
                    var (values, missing) = await Read<long>(group, field, n).ConfigureAwait(false);
                    return new IntegerFeed(values, missing);
                }
            case StorageKind.Int64 when type == typeof(int): return await Integers<int>(group, field, n).ConfigureAwait(false);
            case StorageKind.Int64 when type == typeof(uint): return await Integers<uint>(group, field, n).ConfigureAwait(false);
            case StorageKind.Int64 when type == typeof(short): return await Integers<short>(group, field, n).ConfigureAwait(false);
            case StorageKind.Int64 when type == typeof(ushort): return await Integers<ushort>(group, field, n).ConfigureAwait(false);
            case StorageKind.Int64 when type == typeof(sbyte): return await Integers<sbyte>(group, field, n).ConfigureAwait(false);
            case StorageKind.Int64 when type == typeof(byte): return await Integers<byte>(group, field, n).ConfigureAwait(false);
            case StorageKind.Double when type == typeof(double):
                {
                    var (values, missing) = await Read<double>(group, field, n).ConfigureAwait(false);
                    return new DecimalFeed(values, missing);
                }
            case StorageKind.Boolean when type == typeof(bool):
                {
                    var (values, missing) = await Read<bool>(group, field, n).ConfigureAwait(false);
                    return new BooleanFeed(values, missing);
                }
            case StorageKind.Date when type == typeof(DateOnly):
                {
                    var (values, missing) = await Read<DateOnly>(group, field, n).ConfigureAwait(false);
                    return new DateFeed(values, missing);
                }
            case StorageKind.Category or StorageKind.String when type == typeof(string):
                {
                    var values = ArrayPool<string?>.Shared.Rent(n);
                    await group.ReadAsync(field, values.AsMemory(0, n)).ConfigureAwait(false);
                    return new StringFeed(values, kind == StorageKind.Category);
                }
            default:
                return new TextFeed(await Column(path, group, field, n).ConfigureAwait(false));
        }
    }

    /// <summary>A column's values and which are missing (null when none can be: a required Parquet field), in pooled arrays of at least <paramref name="n"/>.</summary>
    private static async Task<(T[] Values, bool[]? Missing)> Read<T>(ParquetRowGroupReader group, DataField field, int n) where T : struct
    {
        var values = ArrayPool<T>.Shared.Rent(Math.Max(1, n));
        if (!field.IsNullable)
        {
            await group.ReadAsync<T>(field, values.AsMemory(0, n)).ConfigureAwait(false);
            return (values, null);
        }
        var nullable = ArrayPool<T?>.Shared.Rent(Math.Max(1, n));
        await group.ReadAsync<T>(field, nullable.AsMemory(0, n)).ConfigureAwait(false);
        bool[]? missing = null;
        for (var i = 0; i < n; i++)
        {
            if (nullable[i] is { } v) values[i] = v;
            else
            {
                if (missing is null)
                {
                    missing = ArrayPool<bool>.Shared.Rent(n);
                    Array.Clear(missing, 0, n);
                }
                missing[i] = true;
            }
        }
        ArrayPool<T?>.Shared.Return(nullable);
        return (values, missing);
    }

    /// <summary>A narrower whole-number column widened to 64 bits (exact).</summary>
    private static async Task<ColumnFeed> Integers<T>(ParquetRowGroupReader group, DataField field, int n) where T : struct, IBinaryInteger<T>
    {
        var (values, missing) = await Read<T>(group, field, n).ConfigureAwait(false);
        var wide = ArrayPool<long>.Shared.Rent(Math.Max(1, n));
        for (var i = 0; i < n; i++) wide[i] = long.CreateTruncating(values[i]);
        ArrayPool<T>.Shared.Return(values);
        return new IntegerFeed(wide, missing);
    }

    /// <summary>Writes row <c>row</c>'s value as invariant UTF-8 text into <c>buffer</c> (grown when needed, at least 64 bytes); returns its length, or -1 when missing.</summary>
    private delegate int CellText(int row, ref byte[] buffer);

    /// <summary>Reads one column of a row group; each row's value is then written as invariant text without allocating.</summary>
    private static async Task<CellText> Column(string path, ParquetRowGroupReader group, DataField field, int n)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[n];
            await group.ReadAsync(field, values.AsMemory()).ConfigureAwait(false);
            return (int i, ref byte[] buffer) => values[i] is { } s ? Utf8(s, ref buffer) : -1;
        }
        if (type == typeof(long)) return await Values<long>(group, field, n, null).ConfigureAwait(false);
        if (type == typeof(int)) return await Values<int>(group, field, n, null).ConfigureAwait(false);
        if (type == typeof(short)) return await Values<short>(group, field, n, null).ConfigureAwait(false);
        if (type == typeof(sbyte)) return await Values<sbyte>(group, field, n, null).ConfigureAwait(false);
        if (type == typeof(byte)) return await Values<byte>(group, field, n, null).ConfigureAwait(false);
        if (type == typeof(ushort)) return await Values<ushort>(group, field, n, null).ConfigureAwait(false);
        if (type == typeof(uint)) return await Values<uint>(group, field, n, null).ConfigureAwait(false);
        if (type == typeof(ulong)) return await Values<ulong>(group, field, n, null).ConfigureAwait(false);
        if (type == typeof(double)) return await Values<double>(group, field, n, "R").ConfigureAwait(false);
        if (type == typeof(float)) return await Values<float>(group, field, n, "R").ConfigureAwait(false);
        if (type == typeof(decimal)) return await Values<decimal>(group, field, n, null).ConfigureAwait(false);
        if (type == typeof(DateOnly)) return await Values<DateOnly>(group, field, n, "yyyy-MM-dd").ConfigureAwait(false);
        if (type == typeof(DateTime))
        {
            var values = new DateTime?[n];
            await ReadNullable(group, field, values).ConfigureAwait(false);
            return (int i, ref byte[] buffer) => values[i] is { } v
                && v.TryFormat(buffer, out var w, v.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", Invariant) ? w : -1;
        }
        if (type == typeof(bool))
        {
            var values = new bool?[n];
            await ReadNullable(group, field, values).ConfigureAwait(false);
            return (int i, ref byte[] buffer) =>
            {
                if (values[i] is not { } v) return -1;
                buffer[0] = v ? (byte)'1' : (byte)'0';
                return 1;
            };
        }
        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            var values = new byte[]?[n];
            await group.ReadAsync(field, values.AsMemory()!).ConfigureAwait(false);
            return (int i, ref byte[] buffer) =>
            {
                if (values[i] is not { } b) return -1;
                if (b.Length > buffer.Length) buffer = new byte[Math.Max(b.Length, buffer.Length * 2)];
                b.CopyTo(buffer, 0);
                return b.Length;
            };
        }
        throw new DataValidationException(new DataError(path, 0, 0, $"column '{field.Name}' has the Parquet type {type.Name}, which the workbench does not read; store it as a number, text, boolean or date."));
    }

    private static int Utf8(string s, ref byte[] buffer)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max > buffer.Length) buffer = new byte[Math.Max(max, buffer.Length * 2)];
        return Encoding.UTF8.GetBytes(s, buffer);
    }

    /// <summary>Reads a column of value type <typeparamref name="T"/> into nullable slots, whether the field is nullable or not.</summary>
    private static async Task ReadNullable<T>(ParquetRowGroupReader group, DataField field, T?[] values) where T : struct
    {
        if (field.IsNullable)
        {
            await group.ReadAsync<T>(field, values.AsMemory()).ConfigureAwait(false);
            return;
        }
        var plain = new T[values.Length];
        await group.ReadAsync<T>(field, plain.AsMemory()).ConfigureAwait(false);
        for (var i = 0; i < plain.Length; i++) values[i] = plain[i];
    }

    private static async Task<CellText> Values<T>(ParquetRowGroupReader group, DataField field, int n, string? format)
        where T : struct, IUtf8SpanFormattable
    {
        if (field.IsNullable)
        {
            var values = new T?[n];
            await group.ReadAsync<T>(field, values.AsMemory()).ConfigureAwait(false);
            return (int i, ref byte[] buffer) => values[i] is { } v && v.TryFormat(buffer, out var w, format, Invariant) ? w : -1;
        }
        var plain = new T[n];
        await group.ReadAsync<T>(field, plain.AsMemory()).ConfigureAwait(false);
        return (int i, ref byte[] buffer) => plain[i].TryFormat(buffer, out var w, format, Invariant) ? w : -1;
    }

    private static ReadResult Failed(DataError error) => new([], 0, [error], false);
}
