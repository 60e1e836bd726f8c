using System.Collections;

namespace Workbench.Data;

/// <summary>
/// A read-only typed column of a <see cref="Dataset"/>: <c>column[i]</c> is the value of row i, or null when it is
/// missing. <see cref="Values"/> gives the raw values (default(T) where missing) for fast loops.
/// </summary>
/// <typeparam name="T">long (integer), double (decimal), bool (boolean) or DateOnly (date).</typeparam>
public sealed class ValueColumn<T> : IReadOnlyList<T?> where T : unmanaged
{
    private readonly ColumnData _data;
    private readonly T[]? _converted;

    internal ValueColumn(ColumnData data, T[]? converted = null)
    {
        _data = data;
        _converted = converted;
    }

    /// <summary>The column name.</summary>
    public string Name => _data.Definition.Name;

    /// <summary>The column's definition in the dictionary.</summary>
    public ColumnDefinition Definition => _data.Definition;

    /// <summary>The number of rows.</summary>
    public int Count => _data.Length;

    /// <summary>The number of rows whose value is missing.</summary>
    public int MissingCount => _data.NullCount;

    /// <summary>The raw values, default(T) where a value is missing (check <see cref="IsMissing"/>).</summary>
    public ReadOnlySpan<T> Values => _converted ?? ((PrimitiveData<T>)_data).Values;

    /// <summary>The value of <paramref name="row"/>, or null when it is missing.</summary>
    public T? this[int row]
    {
        get
        {
            if ((uint)row >= (uint)_data.Length) throw new ArgumentOutOfRangeException(nameof(row), row, $"the dataset has {_data.Length} rows.");
            return _data.IsPresent(row) ? Values[row] : null;
        }
    }

    /// <summary>True when the value of <paramref name="row"/> is missing (the field was empty).</summary>
    public bool IsMissing(int row) => !_data.IsPresent(row);

    /// <summary>The values that are present, in row order.</summary>
    public T[] NonMissing()
    {
        var result = new T[_data.Length - _data.NullCount];
        var values = Values;
        var j = 0;
        for (var i = 0; i < _data.Length; i++)
            if (_data.IsPresent(i)) result[j++] = values[i];
        return result;
    }

    /// <inheritdoc />
    public IEnumerator<T?> GetEnumerator()
    {
        for (var i = 0; i < _data.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A read-only column of codes, text or identifiers: <c>column[i]</c> is null when the value is missing.</summary>
public sealed class StringColumn : IReadOnlyList<string?>
{
    private readonly ColumnData _data;

    internal StringColumn(ColumnData data) => _data = data;

    /// <summary>The column name.</summary>
    public string Name => _data.Definition.Name;

    /// <summary>The column's definition in the dictionary.</summary>
    public ColumnDefinition Definition => _data.Definition;

    /// <summary>The number of rows.</summary>
    public int Count => _data.Length;

    /// <summary>The number of rows whose value is missing.</summary>
    public int MissingCount => _data.NullCount;

    /// <summary>The value of <paramref name="row"/>, or null when it is missing.</summary>
    public string? this[int row]
    {
        get
        {
            if ((uint)row >= (uint)_data.Length) throw new ArgumentOutOfRangeException(nameof(row), row, $"the dataset has {_data.Length} rows.");
            return _data is CategoryData c ? c[row] : ((StringData)_data)[row];
        }
    }

    /// <summary>True when the value of <paramref name="row"/> is missing (the field was empty).</summary>
    public bool IsMissing(int row) => !_data.IsPresent(row);

    /// <inheritdoc />
    public IEnumerator<string?> GetEnumerator()
    {
        for (var i = 0; i < _data.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
