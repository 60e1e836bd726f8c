using Apache.Arrow;
using Apache.Arrow.Types;
using Microsoft.Data.Analysis;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// Copies Arrow record batches (DuckDB's result format) into a <see cref="DataFrame"/> whose columns own their data.
/// </summary>
/// <remarks>
/// Microsoft.Data.Analysis 0.23.1 was built against Apache.Arrow 14 and its zero-copy <c>FromArrowRecordBatch</c> fails
/// on DATE columns, mis-reads bit-packed booleans and cannot be cloned (see shared/polyglot-notes.md §2), so every value
/// is copied into an Int32, Int64, Double, Single, Decimal, Boolean, DateTime or String column. A DuckDB HUGEINT (what
/// <c>sum</c> of integers returns) arrives as Decimal128 with scale 0 and becomes Int64; an ENUM (a dataset's category)
/// arrives dictionary-encoded and becomes a String column of its codes.
/// </remarks>
internal static class ArrowFrames
{
    /// <summary>Builds an owned DataFrame from <paramref name="schema"/> and its <paramref name="batches"/>.</summary>
    /// <exception cref="NotSupportedException">A column has an Arrow type with no DataFrame column (the message names it).</exception>
    public static DataFrame ToDataFrame(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        var rows = batches.Sum(b => (long)b.Length);
        var columns = new List<DataFrameColumn>(schema.FieldsList.Count);
        for (var c = 0; c < schema.FieldsList.Count; c++)
        {
            var field = schema.FieldsList[c];
            var column = NewColumn(field, rows);
            long offset = 0;
            foreach (var batch in batches)
            {
                Copy(batch.Column(c), column, offset, field);
                offset += batch.Length;
            }
            columns.Add(column);
        }
        return new DataFrame(columns);
    }

    private static DataFrameColumn NewColumn(Field field, long rows) => field.DataType switch
    {
        Int8Type or Int16Type or Int32Type or UInt8Type or UInt16Type => new Int32DataFrameColumn(field.Name, rows),
        Int64Type or UInt32Type or UInt64Type => new Int64DataFrameColumn(field.Name, rows),
        Decimal128Type { Scale: 0 } => new Int64DataFrameColumn(field.Name, rows),
        Decimal128Type => new DecimalDataFrameColumn(field.Name, rows),
        FloatType => new SingleDataFrameColumn(field.Name, rows),
        DoubleType => new DoubleDataFrameColumn(field.Name, rows),
        BooleanType => new BooleanDataFrameColumn(field.Name, rows),
        StringType or LargeStringType or StringViewType => new StringDataFrameColumn(field.Name, rows),
        DictionaryType { ValueType: StringType } => new StringDataFrameColumn(field.Name, rows),
        Date32Type or Date64Type or TimestampType => new DateTimeDataFrameColumn(field.Name, rows),
        var t => throw new NotSupportedException(
            $"The result column '{field.Name}' has type {t.Name}, which has no DataFrame column; CAST it in the query (e.g. CAST({field.Name} AS VARCHAR)).")
    };

    private static void Copy(IArrowArray array, DataFrameColumn column, long offset, Field field)
    {
        var n = array.Length;
        switch (array)
        {
            case Int8Array a: for (var i = 0; i < n; i++) column[offset + i] = (int?)a.GetValue(i); break;
            case Int16Array a: for (var i = 0; i < n; i++) column[offset + i] = (int?)a.GetValue(i); break;
            case Int32Array a: for (var i = 0; i < n; i++) column[offset + i] = a.GetValue(i); break;
            case UInt8Array a: for (var i = 0; i < n; i++) column[offset + i] = (int?)a.GetValue(i); break;
            case UInt16Array a: for (var i = 0; i < n; i++) column[offset + i] = (int?)a.GetValue(i); break;
            case Int64Array a:
            {
                var target = (Int64DataFrameColumn)column;
                for (var i = 0; i < n; i++) target[offset + i] = a.GetValue(i);
                break;
            }
            case UInt32Array a: for (var i = 0; i < n; i++) column[offset + i] = (long?)a.GetValue(i); break;
            case UInt64Array a:
                for (var i = 0; i < n; i++) column[offset + i] = a.GetValue(i) is { } v ? checked((long)v) : null;
                break;
            case Decimal128Array a when field.DataType is Decimal128Type { Scale: 0 }:
                for (var i = 0; i < n; i++)
                {
                    var v = a.GetValue(i);
                    if (v is { } d && (d > long.MaxValue || d < long.MinValue))
                        throw new OverflowException($"The result column '{field.Name}' holds {d}, beyond Int64; CAST it to DOUBLE in the query.");
                    column[offset + i] = v is { } x ? (long)x : null;
                }
                break;
            case Decimal128Array a: for (var i = 0; i < n; i++) column[offset + i] = a.GetValue(i); break;
            case FloatArray a: for (var i = 0; i < n; i++) column[offset + i] = a.GetValue(i); break;
            case DoubleArray a:
            {
                var target = (DoubleDataFrameColumn)column;
                for (var i = 0; i < n; i++) target[offset + i] = a.GetValue(i);
                break;
            }
            case BooleanArray a: for (var i = 0; i < n; i++) column[offset + i] = a.GetValue(i); break;
            case StringArray a:
            {
                var target = (StringDataFrameColumn)column;
                for (var i = 0; i < n; i++) target[offset + i] = a.IsNull(i) ? null : a.GetString(i);
                break;
            }
            case StringViewArray a:
            {
                var target = (StringDataFrameColumn)column;
                for (var i = 0; i < n; i++) target[offset + i] = a.IsNull(i) ? null : a.GetString(i);
                break;
            }
            case DictionaryArray { Dictionary: StringArray labels } a:
            {
                var target = (StringDataFrameColumn)column;
                for (var i = 0; i < n; i++) target[offset + i] = a.IsNull(i) ? null : labels.GetString(checked((int)Index(a.Indices, i)));
                break;
            }
            case Date32Array a: for (var i = 0; i < n; i++) column[offset + i] = a.GetDateTime(i); break;
            case Date64Array a: for (var i = 0; i < n; i++) column[offset + i] = a.GetDateTime(i); break;
            case TimestampArray a:
                for (var i = 0; i < n; i++) column[offset + i] = a.GetTimestamp(i) is { } t ? t.UtcDateTime : null;
                break;
            default:
                throw new NotSupportedException($"The result column '{field.Name}' arrived as {array.GetType().Name}, which the workbench cannot copy.");
        }
    }

    private static long Index(IArrowArray indices, int i) => indices switch
    {
        UInt8Array u => u.GetValue(i)!.Value,
        UInt16Array u => u.GetValue(i)!.Value,
        UInt32Array u => u.GetValue(i)!.Value,
        Int8Array u => u.GetValue(i)!.Value,
        Int16Array u => u.GetValue(i)!.Value,
        Int32Array u => u.GetValue(i)!.Value,
        Int64Array u => u.GetValue(i)!.Value,
        var other => throw new NotSupportedException($"dictionary indices of type {other.GetType().Name}."),
    };
}
