namespace Workbench.Data;

/// <summary>
/// Validates and stores rows that arrive one field at a time as invariant text (workbook cells, Parquet values) with
/// the same <see cref="FieldValidator"/> and column storage as the CSV loader, so a dataset reads and is checked the
/// same whatever its file format. Memory holds the kept columns plus one batch of rows.
/// </summary>
internal sealed class RowSink
{
    private const int BatchRows = 1 << 14;
    private readonly CsvLayout _layout;
    private readonly FieldValidator _validator;
    private readonly bool[] _keep;
    private readonly int _maxErrors;
    private readonly Func<int, int, string?> _location;
    private readonly ColumnData?[] _columns;
    private readonly List<int> _rowLines = [];
    private ChunkData _chunk;
    private int _row;

    /// <param name="layout">The fields in file order (invariant culture).</param>
    /// <param name="options">Which columns to keep and how many problems to collect.</param>
    /// <param name="location">The cell a (line, field) names, e.g. <c>Sheet1!B3</c>, or null for the line alone.</param>
    /// <param name="expectedRows">The number of rows when the file says it (Parquet), so the columns are sized once.</param>
    public RowSink(CsvLayout layout, LoadOptions options, Func<int, int, string?> location, int expectedRows = 0)
    {
        _layout = layout;
        _validator = new FieldValidator(layout);
        _maxErrors = Math.Max(1, options.MaxErrors);
        _location = location;
        _keep = layout.Fields.Select(f => options.Columns is null || options.Columns.Contains(f.Definition.Name)
            || layout.Dictionary.PrimaryKey.Contains(f.Definition.Name)).ToArray();
        var capacity = Math.Max(BatchRows, expectedRows);
        _columns = layout.Fields.Select((f, i) => _keep[i] ? ColumnData.Create(f.Definition, capacity) : null).ToArray();
        _chunk = new ChunkData(layout, BatchRows);
    }

    /// <summary>The problems found so far, in the order found.</summary>
    public List<DataError> Errors { get; } = [];

    /// <summary>Whether more problems were found than are collected (reading may stop).</summary>
    public bool Full => Errors.Count > _maxErrors;

    /// <summary>The rows stored so far.</summary>
    public int RowCount => _rowLines.Count;

    /// <summary>Adds a problem at (line, field), naming its cell when the format has cells.</summary>
    public void Error(int line, int field, string message)
    {
        if (Errors.Count <= _maxErrors) Errors.Add(new DataError(_layout.Path, line, field, message) { Location = _location(line, field) });
    }

    /// <summary>Validates and stores field <paramref name="field"/> (0-based, file order) of the current row; empty is missing.</summary>
    public void Field(int field, ReadOnlySpan<byte> invariantText, int line)
    {
        var error = _validator.Parse(invariantText, field, _chunk, _row);
        if (error is not null) Error(line, field + 1, error);
    }

    /// <summary>Validates and stores a typed whole number in integer field <paramref name="field"/> (the checks of its invariant text).</summary>
    public void Integer(int field, long value, int line)
    {
        if (_validator.Integer(value, field, _chunk, _row) is { } error) Error(line, field + 1, error);
    }

    /// <summary>Validates and stores a typed double in decimal field <paramref name="field"/>.</summary>
    public void Decimal(int field, double value, int line)
    {
        if (_validator.Decimal(value, field, _chunk, _row) is { } error) Error(line, field + 1, error);
    }

    /// <summary>Stores a typed boolean in boolean field <paramref name="field"/>.</summary>
    public void Boolean(int field, bool value) => _validator.Boolean(value, field, _chunk, _row);

    /// <summary>Stores a typed date in date field <paramref name="field"/>.</summary>
    public void Date(int field, DateOnly value) => _validator.Date(value, field, _chunk, _row);

    /// <summary>Stores a string in text field <paramref name="field"/>: as it is when <see cref="FieldValidator.IsPlainText"/>, else through its UTF-8 bytes.</summary>
    public void Text(int field, string value, int line, ref byte[] buffer)
    {
        if (FieldValidator.IsPlainText(value)) _validator.Text(value, field, _chunk, _row);
        else Field(field, Utf8(value, ref buffer), line);
    }

    /// <summary>The UTF-8 bytes of <paramref name="value"/> in <paramref name="buffer"/> (grown when needed).</summary>
    public static ReadOnlySpan<byte> Utf8(string value, ref byte[] buffer)
    {
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > buffer.Length) buffer = new byte[Math.Max(max, buffer.Length * 2)];
        return buffer.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(value, buffer));
    }

    /// <summary>Marks field <paramref name="field"/> of the current row missing without a message (its problem was reported).</summary>
    public void Missing(int field)
    {
        _chunk.Present[field][_row] = 0;
        if (_layout.Fields[field].Kind == StorageKind.String) _chunk.Strings[_layout.Fields[field].Slot][_row] = null;
    }

    /// <summary>Ends the current row, which starts on <paramref name="line"/>.</summary>
    public void EndRow(int line)
    {
        _rowLines.Add(line);
        if (++_row == BatchRows) Flush();
    }

    private void Flush()
    {
        _chunk.Rows = _row;
        for (var f = 0; f < _columns.Length; f++) _columns[f]?.Append(_chunk, f, _layout.Fields[f].Slot);
        _chunk.Release();
        _chunk = new ChunkData(_layout, BatchRows);
        _row = 0;
    }

    /// <summary>Stores the last batch, checks the primary key and gives the result.</summary>
    public ReadResult Finish(string? sha256)
    {
        Flush();
        _chunk.Release();
        var lines = _rowLines;
        if (Errors.Count <= _maxErrors)
        {
            foreach (var e in PrimaryKeys.Check(_layout, _columns, lines.Count, row => lines[row], _maxErrors + 1 - Errors.Count))
                Errors.Add(e with { Location = _location(e.Line, e.Column) });
        }
        var truncated = Errors.Count > _maxErrors;
        var sorted = Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Take(_maxErrors).ToList();
        return new ReadResult(_columns, lines.Count, sorted, truncated, sha256);
    }
}
