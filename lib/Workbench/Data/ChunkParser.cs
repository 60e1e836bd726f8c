using System.Buffers;
using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>
/// Parses one chunk of UTF-8 CSV records (starting on a record boundary) into typed columns, collecting problems with
/// exact line numbers. Records are split by the one <see cref="CsvSplitter"/> every CSV reader uses; malformed quoting
/// is reported here. One instance per worker; not thread-safe.
/// </summary>
internal sealed class ChunkParser(CsvLayout layout, int maxErrors)
{
    private readonly FieldValidator _validator = new(layout);
    private readonly CsvField[] _fields = new CsvField[layout.FieldCount];
    private byte[] _scratch = new byte[1024];
    private int _scratchUsed;

    /// <summary>Parses <paramref name="data"/>, whose first record starts on <paramref name="startLine"/>.</summary>
    /// <param name="data">Whole records; the last one may lack its line break only at the end of the file.</param>
    /// <param name="startLine">The 1-based line of the first record.</param>
    /// <param name="lineBreaks">The number of '\n' in <paramref name="data"/> (an upper bound on records minus one).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ChunkData Parse(ReadOnlySpan<byte> data, int startLine, int lineBreaks)
    {
        // A stored row has FieldCount - 1 delimiters and a line break, so a chunk holds at most (bytes + 1) / FieldCount
        // rows however many blank lines it has; rows with the wrong number of fields are reported, not stored.
        var capacity = (int)Math.Min(lineBreaks + 1L, (data.Length + 1L) / layout.FieldCount + 1);
        var chunk = new ChunkData(layout, capacity) { StartLine = startLine, Bytes = data.Length };
        var splitter = layout.Splitter;
        var fields = _fields.AsSpan();
        var max = layout.FieldCount;
        var pos = 0;
        var line = startLine;
        var row = 0;
        while (pos < data.Length)
        {
            // The chunk ends on a record boundary, so its end is the end of the input for the splitter.
            splitter.TrySplit(data, pos, true, fields, out var count, out var next, out var lines);
            pos = next;
            if (count == 1 && fields[0].IsBlank)
            {
                // A blank line is skipped (as pandas does); later rows then need explicit line numbers.
                EnsureRowLines(chunk, row);
                line += lines;
                continue;
            }
            if (lines > 1 || chunk.RowLines is not null) EnsureRowLines(chunk, row)[row] = line;
            var stored = Math.Min(count, max);
            for (var f = 0; f < stored; f++)
            {
                if (fields[f].Problem != CsvQuoteProblem.None)
                    AddError(chunk, new DataError(layout.Path, line + fields[f].LinesBefore, f + 1,
                        $"column '{layout.Fields[f].Definition.Name}' {Describe(fields[f].Problem)}"));
            }
            if (count != max)
            {
                AddError(chunk, new DataError(layout.Path, line, stored + 1,
                    $"the row has {count} fields; the header has {max}. Check for a missing or extra " +
                    $"delimiter '{(char)splitter.Delimiter}' (a value that contains it must be in double quotes)."));
                EnsureRowLines(chunk, row);
                line += lines;
                if (chunk.Errors.Count >= maxErrors) break;
                continue;
            }
            _scratchUsed = 0;
            for (var f = 0; f < count; f++)
            {
                var field = fields[f];
                if (field.Problem != CsvQuoteProblem.None)
                {
                    chunk.Present[f][row] = 0;
                    SetMissing(chunk, f, row);
                    continue;
                }
                var value = data[field.Start..field.End];
                if (field.Quoted && value.IndexOf((byte)'"') >= 0) value = Unescape(value);
                var error = _validator.Parse(value, f, chunk, row);
                if (error is not null) AddError(chunk, new DataError(layout.Path, line + field.LinesBefore, f + 1, error));
            }
            row++;
            line += lines;
            if (chunk.Errors.Count >= maxErrors) break;
        }
        chunk.Rows = row;
        return chunk;
    }

    private static string Describe(CsvQuoteProblem problem) => problem switch
    {
        CsvQuoteProblem.NotClosed => "a quoted value is not closed before the end of the file; add the closing double quote.",
        CsvQuoteProblem.TextAfterQuote => "has text after its closing double quote; put the whole value in quotes and double any quote inside it (\"\").",
        _ => "has a double quote inside an unquoted value; put the whole value in double quotes and double the inner quote (\"\").",
    };

    /// <summary>A quoted value with its doubled quotes undone, in the scratch buffer.</summary>
    private ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> value)
    {
        var start = _scratchUsed;
        while (true)
        {
            var k = value.IndexOf((byte)'"');
            if (k < 0) { Append(value); break; }
            Append(value[..(k + 1)]);
            value = value[Math.Min(value.Length, k + 2)..];
        }
        return _scratch.AsSpan(start, _scratchUsed - start);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_scratchUsed + bytes.Length > _scratch.Length)
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchUsed + bytes.Length));
        bytes.CopyTo(_scratch.AsSpan(_scratchUsed));
        _scratchUsed += bytes.Length;
    }

    private static int[] EnsureRowLines(ChunkData chunk, int row)
    {
        if (chunk.RowLines is { } existing) return existing;
        var lines = ArrayPool<int>.Shared.Rent(Math.Max(1, chunk.Capacity));
        for (var i = 0; i < row; i++) lines[i] = chunk.StartLine + i;
        chunk.RowLines = lines;
        return lines;
    }

    private void AddError(ChunkData chunk, DataError error)
    {
        if (chunk.Errors.Count < maxErrors) chunk.Errors.Add(error);
    }

    private void SetMissing(ChunkData chunk, int field, int row)
    {
        if (layout.Fields[field].Kind == StorageKind.String) chunk.Strings[layout.Fields[field].Slot][row] = null;
    }
}
