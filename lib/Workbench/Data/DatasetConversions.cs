using System.Runtime.InteropServices;
using Deedle;
using Deedle.Indices.Linear;
using Deedle.Vectors.ArrayVector;
using Microsoft.Data.Analysis;
using Microsoft.FSharp.Core;

namespace Workbench.Data;

public sealed partial class Dataset
{
    /// <summary>
    /// The table as a Microsoft.Data.Analysis <see cref="DataFrame"/> with typed columns: integers as
    /// <see cref="Int64DataFrameColumn"/>, decimals as <see cref="DoubleDataFrameColumn"/>, booleans as
    /// <see cref="BooleanDataFrameColumn"/>, categories, text and identifiers as <see cref="StringDataFrameColumn"/>,
    /// dates as <see cref="DateTimeDataFrameColumn"/> (midnight); missing values are nulls.
    /// </summary>
    /// <remarks>Numeric columns share this dataset's memory read-only; the DataFrame copies a column when it is
    /// changed, so the dataset itself never changes.</remarks>
    public DataFrame ToDataFrame()
    {
        // Numeric columns share memory (no work); text columns are built row by row, each on its own thread.
        var columns = new DataFrameColumn[_columns.Length];
        var text = Enumerable.Range(0, _columns.Length).Where(i => _columns[i] is CategoryData or StringData).ToArray();
        for (var i = 0; i < columns.Length; i++)
            if (!text.Contains(i)) columns[i] = ToDataFrameColumn(_columns[i]);
        if (text.Length > 1 && RowCount >= 1 << 16)
            Parallel.ForEach(text, i => columns[i] = ToDataFrameColumn(_columns[i]));
        else
            foreach (var i in text) columns[i] = ToDataFrameColumn(_columns[i]);
        return new DataFrame(columns);
    }

    private DataFrameColumn ToDataFrameColumn(ColumnData data)
    {
        var name = data.Definition.Name;
        var length = data.Length;
        var validity = data.Validity.AsMemory(0, (length + 7) / 8);
        switch (data)
        {
            case PrimitiveData<long> l:
                return new Int64DataFrameColumn(name, l.Bytes, validity, length, data.NullCount);
            case PrimitiveData<double> d:
                return new DoubleDataFrameColumn(name, d.Bytes, validity, length, data.NullCount);
            case PrimitiveData<bool> b:
                return new BooleanDataFrameColumn(name, b.Bytes, validity, length, data.NullCount);
            case PrimitiveData<DateOnly> t:
                {
                    var bytes = new byte[length * sizeof(long)];
                    var times = MemoryMarshal.Cast<byte, DateTime>(bytes.AsSpan());
                    var dates = t.Values;
                    for (var i = 0; i < length; i++)
                        if (data.IsPresent(i)) times[i] = dates[i].ToDateTime(TimeOnly.MinValue);
                    return new DateTimeDataFrameColumn(name, bytes, validity, length, data.NullCount);
                }
            default:
                {
                    // One pass: the values are appended in order (setting rows of a column of nulls costs two).
                    return new StringDataFrameColumn(name, data is CategoryData c ? CodesOf(c) : StringsOf((StringData)data));
                }
        }
    }

    private static IEnumerable<string> CodesOf(CategoryData data)
    {
        var codes = data.CodeValues;
        for (var i = 0; i < data.Length; i++)
            yield return data.IsPresent(i) ? codes[data.Indices[i]] : null!;
    }

    private static IEnumerable<string> StringsOf(StringData data)
    {
        for (var i = 0; i < data.Length; i++) yield return data[i]!;
    }

    /// <summary>
    /// The table as a Deedle <see cref="Frame{TRowKey, TColumnKey}"/> keyed by row number (0-based) and column name,
    /// with typed series (long, double, bool, string, DateTime); missing values are missing in Deedle.
    /// </summary>
    public Frame<int, string> ToDeedle()
    {
        var builder = new FrameBuilder.Columns<int, string>();
        var keys = Enumerable.Range(0, RowCount).ToArray();
        foreach (var data in _columns)
        {
            ISeries<int> series = data switch
            {
                PrimitiveData<long> l => Series(keys, data, l.Values.ToArray()),
                PrimitiveData<double> d => Series(keys, data, d.Values.ToArray()),
                PrimitiveData<bool> b => Series(keys, data, b.Values.ToArray()),
                PrimitiveData<DateOnly> t => Series(keys, data, t.Values.ToArray().Select(x => x.ToDateTime(TimeOnly.MinValue)).ToArray()),
                _ => Series(keys, data, new StringColumn(data).ToArray()),
            };
            builder.Add(data.Definition.Name, series);
        }
        return builder.Frame;
    }

    private static Series<int, T> Series<T>(int[] keys, ColumnData data, T[] values)
    {
        var optional = new OptionalValue<T>[values.Length];
        for (var i = 0; i < values.Length; i++)
            optional[i] = data.IsPresent(i) ? new OptionalValue<T>(values[i]) : OptionalValue<T>.Missing;
        var index = LinearIndexBuilder.Instance.Create(keys, FSharpOption<bool>.Some(true));
        var vector = ArrayVectorBuilder.Instance.CreateMissing(optional);
        return new Series<int, T>(index, vector, ArrayVectorBuilder.Instance, LinearIndexBuilder.Instance);
    }
}
