using System.Buffers;
using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>
/// Parses one chunk of UTF-8 CSV records (starting on a record boundary) into typed columns, collecting problems with
/// exact line numbers. One instance per worker; not thread-safe.
/// </summary>
internal sealed class ChunkParser(CsvLayout layout, int maxErrors)
{
    private static readonly SearchValues<byte> QuoteOrNewline = SearchValues.Create("\"\n"u8);
    private readonly FieldValidator _validator = new(layout);
    private readonly int[] _start = new int[layout.FieldCount];
    private readonly int[] _length = new int[layout.FieldCount];
    private readonly int[] _linesBefore = new int[layout.FieldCount];
    private readonly bool[] _inScratch = new bool[layout.FieldCount];
    private readonly bool[] _malformed = new bool[layout.FieldCount];
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
        var delimiter = layout.Delimiter;
        var pos = 0;
        var line = startLine;
        var row = 0;
        while (pos < data.Length)
        {
            int recordEnd, next, lines = 1;
            var rel = data[pos..].IndexOfAny(QuoteOrNewline);
            var quoted = false;
            if (rel < 0) { recordEnd = data.Length; next = data.Length; }
            else if (data[pos + rel] == (byte)'\n') { recordEnd = pos + rel; next = recordEnd + 1; }
            else
            {
                quoted = true;
                recordEnd = QuotedRecordEnd(data, pos + rel, out lines);
                next = Math.Min(recordEnd + 1, data.Length);
            }
            var record = data[pos..recordEnd];
            if (record.Length > 0 && record[^1] == (byte)'\r') record = record[..^1];
            pos = next;
            if (record.IsEmpty)
            {
                // A blank line is skipped (as pandas does); later rows then need explicit line numbers.
                EnsureRowLines(chunk, row);
                line += lines;
                continue;
            }
            if (lines > 1 || chunk.RowLines is not null) EnsureRowLines(chunk, row)[row] = line;
            var count = quoted ? SplitQuoted(record, line, chunk) : SplitPlain(record, delimiter);
            if (count != layout.FieldCount)
            {
                AddError(chunk, new DataError(layout.Path, line, Math.Min(count, layout.FieldCount) + 1,
                    $"the row has {count} fields; the header has {layout.FieldCount}. Check for a missing or extra " +
                    $"delimiter '{(char)delimiter}' (a value that contains it must be in double quotes)."));
                EnsureRowLines(chunk, row);
                line += lines;
                if (chunk.Errors.Count >= maxErrors) break;
                continue;
            }
            for (var f = 0; f < count; f++)
            {
                var value = _inScratch[f] ? _scratch.AsSpan(_start[f], _length[f]) : record.Slice(_start[f], _length[f]);
                if (_malformed[f])
                {
                    chunk.Present[f][row] = 0;
                    SetMissing(chunk, f, row);
                    continue;
                }
                var error = _validator.Parse(value, f, chunk, row);
                if (error is not null) AddError(chunk, new DataError(layout.Path, line + _linesBefore[f], f + 1, error));
            }
            row++;
            line += lines;
            if (chunk.Errors.Count >= maxErrors) break;
        }
        chunk.Rows = row;
        return chunk;
    }

    /// <summary>Finds the '\n' that ends a record containing quotes: the first one outside quotes.</summary>
    private static int QuotedRecordEnd(ReadOnlySpan<byte> data, int firstQuote, out int lines)
    {
        var inQuotes = false;
        lines = 1;
        var i = firstQuote;
        while (true)
        {
            var rel = data[i..].IndexOfAny(QuoteOrNewline);
            if (rel < 0) return data.Length;
            i += rel;
            if (data[i] == (byte)'"') inQuotes = !inQuotes;
            else if (!inQuotes) return i;
            else lines++;
            i++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private int SplitPlain(ReadOnlySpan<byte> record, byte delimiter)
    {
        var n = 0;
        var p = 0;
        var max = layout.FieldCount;
        while (true)
        {
            var d = record[p..].IndexOf(delimiter);
            var len = d < 0 ? record.Length - p : d;
            if (n < max)
            {
                _start[n] = p;
                _length[n] = len;
                _inScratch[n] = false;
                _linesBefore[n] = 0;
                _malformed[n] = false;
            }
            n++;
            if (d < 0) return n;
            p += d + 1;
        }
    }

    /// <summary>Splits a record with quotes (RFC 4180: "" inside quotes is one quote; quoted fields may hold
    /// delimiters and line breaks). Malformed quoting is reported and the field marked.</summary>
    private int SplitQuoted(ReadOnlySpan<byte> record, int line, ChunkData chunk)
    {
        var delimiter = layout.Delimiter;
        var max = layout.FieldCount;
        _scratchUsed = 0;
        var n = 0;
        var p = 0;
        var linesSoFar = 0;
        while (true)
        {
            var fieldStartLines = linesSoFar;
            int start, length, end;
            var inScratch = false;
            string? problem = null;
            if (p < record.Length && record[p] == (byte)'"')
            {
                var q = p + 1;
                var scratchStart = _scratchUsed;
                var escaped = false;
                while (true)
                {
                    var k = record[q..].IndexOf((byte)'"');
                    if (k < 0)
                    {
                        problem = "a quoted value is not closed before the end of the file; add the closing double quote.";
                        Append(record[q..]);
                        escaped = true;
                        end = record.Length;
                        break;
                    }
                    if (q + k + 1 < record.Length && record[q + k + 1] == (byte)'"')
                    {
                        Append(record.Slice(q, k + 1));
                        escaped = true;
                        q += k + 2;
                        continue;
                    }
                    if (escaped) Append(record.Slice(q, k));
                    end = q + k + 1;
                    break;
                }
                if (escaped) { inScratch = true; start = scratchStart; length = _scratchUsed - scratchStart; }
                else { start = p + 1; length = end - p - 2; }
                linesSoFar += record[p..end].Count((byte)'\n');
                if (end < record.Length && record[end] != delimiter)
                {
                    problem ??= "has text after its closing double quote; put the whole value in quotes and double any quote inside it (\"\").";
                    var d = record[end..].IndexOf(delimiter);
                    linesSoFar += record[end..(d < 0 ? record.Length : end + d)].Count((byte)'\n');
                    end = d < 0 ? record.Length : end + d;
                }
            }
            else
            {
                var d = record[p..].IndexOf(delimiter);
                end = d < 0 ? record.Length : p + d;
                start = p;
                length = end - p;
                var field = record[p..end];
                if (field.Contains((byte)'"'))
                {
                    problem = "has a double quote inside an unquoted value; put the whole value in double quotes and double the inner quote (\"\").";
                    linesSoFar += field.Count((byte)'\n');
                }
            }
            if (n < max)
            {
                _start[n] = start;
                _length[n] = length;
                _inScratch[n] = inScratch;
                _linesBefore[n] = fieldStartLines;
                _malformed[n] = problem is not null;
                if (problem is not null)
                    AddError(chunk, new DataError(layout.Path, line + fieldStartLines, n + 1,
                        $"column '{layout.Fields[n].Definition.Name}' {problem}"));
            }
            n++;
            if (end >= record.Length) return n;
            p = end + 1;
        }
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
