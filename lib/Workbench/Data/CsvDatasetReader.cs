using System.Buffers;
using System.Security.Cryptography;

namespace Workbench.Data;

/// <summary>What reading a file produced: the typed columns (in header order; null for a column not kept) or the problems found.</summary>
internal sealed record ReadResult(ColumnData?[] Columns, int RowCount, IReadOnlyList<DataError> Errors, bool Truncated, string? Sha256 = null);

/// <summary>
/// Streams a CSV file in chunks of about one megabyte that end on record boundaries (quote-aware), parses the chunks
/// in parallel and appends them in file order, so line numbers are exact and memory holds only the typed columns plus
/// a few chunks in flight. The whole file is never held in memory.
/// </summary>
internal static class CsvDatasetReader
{
    private const int ChunkBytes = 1 << 20;

    public static ReadResult Read(string path, DataDictionary dictionary, LoadOptions options)
    {
        var maxErrors = Math.Max(1, options.MaxErrors);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var fileLength = stream.Length;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var filled = Fill(stream, buffer, 0, hash);
        var eof = filled < buffer.Length;
        if (FileSniffer.Check(path, buffer.AsSpan(0, Math.Min(filled, FileSniffer.SniffBytes)), loneCrAllowed: false) is { } encoding)
            return Fail(buffer, encoding);
        var pos = filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        if (buffer.AsSpan(pos, filled - pos).IndexOfAnyExcept(" \t\r\n"u8) < 0 && eof)
            return Fail(buffer, new DataError(path, 0, 0,
                $"the file is empty; expected a header line: {HeaderReader.Expected(dictionary)}."));
        var delimiter = (byte)dictionary.File.Delimiter[0];
        // A quote left open on the header line would make the rest of the file one column name: stop at once.
        var firstLine = buffer.AsSpan(pos, filled - pos);
        var firstBreak = firstLine.IndexOf((byte)'\n');
        if (firstBreak >= 0 || eof)
        {
            if (firstBreak >= 0) firstLine = firstLine[..firstBreak];
            if (FileSniffer.UnclosedQuoteField(firstLine, delimiter) is var open and > 0)
                return Fail(buffer, FileSniffer.UnclosedHeaderQuote(path, open));
        }

        // The header: the first record, which may be longer than one buffer.
        int headerEnd;
        while ((headerEnd = RecordEnd(buffer.AsSpan(pos, filled - pos))) < 0 && !eof)
        {
            if (filled - pos > options.MaxRecordBytes) return Fail(buffer, TooLong(path, 1, options));
            (buffer, filled, eof) = Grow(stream, buffer, filled, hash);
        }
        var headerBytes = buffer.AsSpan(pos, headerEnd < 0 ? filled - pos : headerEnd);
        var headerBreak = headerBytes.IndexOf((byte)'\n');
        var unclosed = FileSniffer.UnclosedQuoteField(headerBreak < 0 ? headerBytes : headerBytes[..headerBreak], delimiter);
        if (headerBreak >= 0 || unclosed > 0) return Fail(buffer, FileSniffer.UnclosedHeaderQuote(path, Math.Max(1, unclosed)));
        var header = HeaderReader.Split(headerBytes, delimiter);
        var headerErrors = HeaderReader.Check(path, dictionary, header);
        if (headerErrors.Count > 0)
        {
            // A header of thousands of unknown names (a file that is not this dataset) is reported up to the limit.
            ArrayPool<byte>.Shared.Return(buffer);
            return new ReadResult([], 0, headerErrors.Take(maxErrors).ToArray(), headerErrors.Count > maxErrors);
        }
        var layout = new CsvLayout(path, dictionary, header, 1);
        var line = 1 + headerBytes.Count((byte)'\n') + (headerEnd < 0 ? 0 : 1);
        pos = headerEnd < 0 ? filled : pos + headerEnd + 1;

        var columns = Array.Empty<ColumnData?>();
        // Every column is validated; only the kept ones (and the primary key) are stored.
        var keep = layout.Fields.Select(f => options.Columns is null || options.Columns.Contains(f.Definition.Name)
            || dictionary.PrimaryKey.Contains(f.Definition.Name)).ToArray();
        var errors = new List<DataError>();
        var lines = new List<(int FirstRow, int StartLine, int[]? RowLines)>();
        var rowCount = 0;
        var truncated = false;
        var pending = new Queue<Task<ChunkData>>();
        var parallel = Math.Max(1, options.MaxDegreeOfParallelism ?? Environment.ProcessorCount);

        void Commit(ChunkData chunk)
        {
            if (columns.Length == 0)
            {
                // Size the columns from the first chunk's bytes per row, so they rarely need to grow.
                var estimate = (int)Math.Min(int.MaxValue / 16, fileLength / Math.Max(1.0, (double)chunk.Bytes / Math.Max(1, chunk.Rows)) * 1.05 + 64);
                columns = layout.Fields.Select((f, i) => keep[i] ? ColumnData.Create(f.Definition, Math.Max(estimate, chunk.Rows)) : null).ToArray();
            }
            if (errors.Count <= maxErrors) errors.AddRange(chunk.Errors);
            for (var f = 0; f < columns.Length; f++) columns[f]?.Append(chunk, f, layout.Fields[f].Slot);
            lines.Add((rowCount, chunk.StartLine, chunk.RowLines?.AsSpan(0, chunk.Rows).ToArray()));
            rowCount += chunk.Rows;
            chunk.Release();
        }

        try
        {
            while (pos < filled || !eof)
            {
                int boundary;
                if (eof) boundary = filled;
                else
                {
                    var b = LastRecordBoundary(buffer.AsSpan(pos, filled - pos));
                    if (b < 0)
                    {
                        if (filled - pos > options.MaxRecordBytes)
                        {
                            errors.Add(TooLong(path, line, options));
                            break;
                        }
                        (buffer, filled, eof) = GrowFrom(stream, buffer, pos, filled, hash);
                        pos = 0;
                        continue;
                    }
                    boundary = pos + b;
                }
                var chunkBuffer = buffer;
                var (start, length, startLine) = (pos, boundary - pos, line);
                var breaks = layout.Splitter.CountLines(buffer.AsSpan(start, length));
                line += breaks;
                var remainder = filled - boundary;
                if (!eof || remainder > 0)
                {
                    buffer = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkBytes, remainder * 2));
                    chunkBuffer.AsSpan(boundary, remainder).CopyTo(buffer);
                    filled = eof ? remainder : Fill(stream, buffer, remainder, hash);
                    eof = eof || filled < buffer.Length;
                    pos = 0;
                }
                else
                {
                    buffer = [];
                    filled = pos = 0;
                }
                var parse = () =>
                {
                    try { return new ChunkParser(layout, maxErrors + 1).Parse(chunkBuffer.AsSpan(start, length), startLine, breaks); }
                    finally { ArrayPool<byte>.Shared.Return(chunkBuffer); }
                };
                if (parallel == 1) Commit(parse());
                else
                {
                    pending.Enqueue(Task.Run(parse));
                    while (pending.Count > parallel) Commit(pending.Dequeue().GetAwaiter().GetResult());
                }
                if (errors.Count > maxErrors) break;
            }
            while (pending.Count > 0) Commit(pending.Dequeue().GetAwaiter().GetResult());
        }
        finally
        {
            while (pending.Count > 0)
            {
                try { pending.Dequeue().GetAwaiter().GetResult().Release(); }
                catch (Exception) { /* the first failure is already propagating */ }
            }
            if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        }
        if (columns.Length == 0) columns = layout.Fields.Select((f, i) => keep[i] ? ColumnData.Create(f.Definition, 0) : null).ToArray();
        if (errors.Count <= maxErrors)
            errors.AddRange(PrimaryKeys.Check(layout, columns, rowCount, row => LineOf(lines, row), maxErrors + 1 - errors.Count));
        truncated |= errors.Count > maxErrors;
        var sorted = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Take(maxErrors).ToList();
        return new ReadResult(columns, rowCount, sorted, truncated, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static int LineOf(List<(int FirstRow, int StartLine, int[]? RowLines)> chunks, int row)
    {
        int lo = 0, hi = chunks.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (chunks[mid].FirstRow <= row) lo = mid; else hi = mid - 1;
        }
        var c = chunks[lo];
        return c.RowLines is { } l ? l[row - c.FirstRow] : c.StartLine + row - c.FirstRow;
    }

    private static ReadResult Fail(byte[] buffer, params DataError[] errors)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        return new ReadResult([], 0, errors, false);
    }

    private static DataError TooLong(string path, int line, LoadOptions options) =>
        new(path, line, 0, $"a record starting on this line is longer than {options.MaxRecordBytes / (1 << 20)} MB: a double quote " +
            "is probably not closed. Check the quotes from this line on (a quote inside a value must be doubled: \"\").");

    /// <summary>Offset of the '\n' ending the first record of <paramref name="data"/> (quote-aware), or -1.</summary>
    internal static int RecordEnd(ReadOnlySpan<byte> data)
    {
        var inQuotes = false;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == (byte)'"') inQuotes = !inQuotes;
            else if (b == (byte)'\n' && !inQuotes) return i;
        }
        return -1;
    }

    /// <summary>
    /// Offset just after the last '\n' that ends a record, given that <paramref name="data"/> starts on a record
    /// boundary: a '\n' is outside quotes when the number of quotes before it is even. Returns -1 if there is none.
    /// </summary>
    internal static int LastRecordBoundary(ReadOnlySpan<byte> data)
    {
        var total = data.Count((byte)'"');
        var quotesAfter = 0;
        var scan = data.Length;
        while (true)
        {
            var lf = data[..scan].LastIndexOf((byte)'\n');
            if (lf < 0) return -1;
            if (total > 0) quotesAfter += data[(lf + 1)..scan].Count((byte)'"');
            if (((total - quotesAfter) & 1) == 0) return lf + 1;
            scan = lf;
        }
    }

    private static int Fill(Stream stream, byte[] buffer, int from, IncrementalHash hash)
    {
        var filled = from;
        while (filled < buffer.Length)
        {
            var n = stream.Read(buffer, filled, buffer.Length - filled);
            if (n == 0) break;
            hash.AppendData(buffer, filled, n);
            filled += n;
        }
        return filled;
    }

    private static (byte[], int, bool) Grow(Stream stream, byte[] buffer, int filled, IncrementalHash hash)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, filled).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        var now = Fill(stream, bigger, filled, hash);
        return (bigger, now, now < bigger.Length);
    }

    private static (byte[], int, bool) GrowFrom(Stream stream, byte[] buffer, int pos, int filled, IncrementalHash hash)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkBytes, (filled - pos) * 2));
        buffer.AsSpan(pos, filled - pos).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        var now = Fill(stream, bigger, filled - pos, hash);
        return (bigger, now, now < bigger.Length);
    }
}
