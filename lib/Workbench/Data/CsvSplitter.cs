using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;

namespace Workbench.Data;

/// <summary>What is wrong with the quoting of one field (RFC 4180 section 2, rules 5 to 7).</summary>
internal enum CsvQuoteProblem : byte
{
    /// <summary>Well formed.</summary>
    None,
    /// <summary>A quoted field whose closing quote never comes: the field runs to the end of the input.</summary>
    NotClosed,
    /// <summary>Text between a closing quote and the next delimiter or line end: the field is kept literally, quotes included.</summary>
    TextAfterQuote,
    /// <summary>A double quote inside a field that does not start with one: kept literally.</summary>
    QuoteInUnquoted,
}

/// <summary>One field of a record: a byte range of the input, without its enclosing quotes when <see cref="Quoted"/>
/// (where "" still stands for one quote).</summary>
/// <param name="Start">The first byte.</param>
/// <param name="End">One past the last byte.</param>
/// <param name="Quoted">Whether the field was in quotes (its doubled quotes are still to be undone).</param>
/// <param name="LinesBefore">The line breaks in the record before this field (for the line a message names).</param>
/// <param name="Problem">What is wrong with its quoting, if anything.</param>
internal readonly record struct CsvField(int Start, int End, bool Quoted, int LinesBefore = 0, CsvQuoteProblem Problem = CsvQuoteProblem.None)
{
    /// <summary>The field's length in bytes.</summary>
    public int Length => End - Start;

    /// <summary>True for the only field of a blank line (a record of no bytes, which is no record).</summary>
    public bool IsBlank => Start == End && !Quoted;
}

/// <summary>
/// The one CSV record splitter: every reader of CSV in the workbench (the typed loader's <see cref="ChunkParser"/>, the
/// header, <see cref="CsvRecordReader"/> and through it <see cref="CsvColumns"/>, the frequency-table, ledger,
/// capture-history and survey readers) splits records with it, so they agree on every input.
/// </summary>
/// <remarks>
/// Rules (RFC 4180 over UTF-8 bytes): a field that starts with a double quote is quoted and may hold delimiters, line
/// breaks and doubled quotes (<c>""</c>); a double quote anywhere else is an ordinary byte. A record ends at LF, CRLF or
/// a lone CR outside quotes. A blank line (a record of no bytes) is no record; a line holding only <c>""</c> is a record
/// of one empty, quoted field. Malformed quoting is flagged per field (<see cref="CsvQuoteProblem"/>) and the field
/// kept literally; the loader reports it, the lenient readers keep the text. Line numbers count LF, CRLF and a lone CR
/// that ends a record once each, and each LF inside a quoted field.
/// </remarks>
internal sealed class CsvSplitter
{
    private static readonly SearchValues<byte> QuoteOrLf = SearchValues.Create("\"\n"u8);
    private static readonly SearchValues<byte> QuoteOrLineEnd = SearchValues.Create("\"\n\r"u8);
    private readonly SearchValues<byte> _structural;
    private readonly SearchValues<byte> _fieldEnd;

    /// <summary>A splitter for fields separated by <paramref name="delimiter"/>.</summary>
    /// <exception cref="ArgumentException">The delimiter is not an ASCII character other than a quote or line break.</exception>
    public CsvSplitter(char delimiter)
    {
        if (delimiter > 127 || delimiter is '"' or '\n' or '\r')
            throw new ArgumentException($"the delimiter must be one ASCII character other than a double quote or a line break (e.g. ',', ';' or a tab); got U+{(int)delimiter:X4}.", nameof(delimiter));
        Delimiter = (byte)delimiter;
        _structural = SearchValues.Create([Delimiter, (byte)'\n', (byte)'\r', (byte)'"']);
        _fieldEnd = SearchValues.Create([Delimiter, (byte)'\n', (byte)'\r']);
    }

    /// <summary>The field delimiter.</summary>
    public byte Delimiter { get; }

    /// <summary>
    /// Splits the record that starts at <paramref name="pos"/> (which must be below <c>data.Length</c>).
    /// </summary>
    /// <param name="data">The input read so far.</param>
    /// <param name="pos">Where the record starts.</param>
    /// <param name="final">Whether <paramref name="data"/> ends where the input ends (no byte follows).</param>
    /// <param name="fields">Receives the first <c>fields.Length</c> fields.</param>
    /// <param name="count">The number of fields in the record (may exceed <c>fields.Length</c>).</param>
    /// <param name="next">Where the next record starts.</param>
    /// <param name="lines">The line breaks the record spans, its own end included (an end of input counts as one).</param>
    /// <returns>False when the record does not end within <paramref name="data"/> and more may follow (never when <paramref name="final"/>).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TrySplit(ReadOnlySpan<byte> data, int pos, bool final, Span<CsvField> fields, out int count, out int next, out int lines)
    {
        var delimiter = Delimiter;
        count = next = lines = 0;
        // The common record has no quote: find its end, then its delimiters, each with one vectorised search.
        var lineEnd = data[pos..].IndexOfAny(QuoteOrLineEnd);
        if (lineEnd < 0 ? final : data[pos + lineEnd] != (byte)'"')
        {
            var end = lineEnd < 0 ? data.Length : pos + lineEnd;
            if (end < data.Length && data[end] == (byte)'\r')
            {
                if (end + 1 >= data.Length && !final) return false;
                next = end + 1 < data.Length && data[end + 1] == (byte)'\n' ? end + 2 : end + 1;
            }
            else next = Math.Min(end + 1, data.Length);
            lines = 1;
            count = SplitPlain(data[pos..end], pos, fields);
            return true;
        }
        if (lineEnd < 0) return false;
        var p = pos;
        var n = 0;
        var newlines = 0;
        while (true)
        {
            CsvField field;
            if (p < data.Length && data[p] == (byte)'"')
            {
                var before = newlines;
                var q = p + 1;
                while (true)
                {
                    var k = data[q..].IndexOfAny(QuoteOrLf);
                    if (k < 0)
                    {
                        if (!final) return false;
                        if (n < fields.Length) fields[n] = new CsvField(p + 1, data.Length, true, before, CsvQuoteProblem.NotClosed);
                        count = n + 1; next = data.Length; lines = newlines + 1;
                        return true;
                    }
                    q += k;
                    if (data[q] == (byte)'\n') { newlines++; q++; continue; }
                    if (q + 1 >= data.Length && !final) return false;
                    if (q + 1 < data.Length && data[q + 1] == (byte)'"') { q += 2; continue; }
                    break;
                }
                var after = q + 1;
                if (after < data.Length && data[after] != delimiter && data[after] is not ((byte)'\n' or (byte)'\r'))
                {
                    var k = data[after..].IndexOfAny(_fieldEnd);
                    if (k < 0 && !final) return false;
                    var end = k < 0 ? data.Length : after + k;
                    field = new CsvField(p, end, false, before, CsvQuoteProblem.TextAfterQuote);
                    p = end;
                }
                else
                {
                    field = new CsvField(p + 1, q, true, before);
                    p = after;
                }
            }
            else
            {
                var k = data[p..].IndexOfAny(_structural);
                var end = k < 0 ? data.Length : p + k;
                var problem = CsvQuoteProblem.None;
                if (end < data.Length && data[end] == (byte)'"')
                {
                    problem = CsvQuoteProblem.QuoteInUnquoted;
                    var rest = data[end..].IndexOfAny(_fieldEnd);
                    end = rest < 0 ? data.Length : end + rest;
                }
                if (end >= data.Length && !final) return false;
                field = new CsvField(p, end, false, newlines, problem);
                p = end;
            }
            if (n < fields.Length) fields[n] = field;
            n++;
            if (p >= data.Length)
            {
                if (!final) return false;
                count = n; next = p; lines = newlines + 1;
                return true;
            }
            var c = data[p];
            if (c == delimiter) { p++; continue; }
            if (c == (byte)'\r')
            {
                if (p + 1 >= data.Length && !final) return false;
                if (p + 1 < data.Length && data[p + 1] == (byte)'\n') p++;
            }
            count = n; next = p + 1; lines = newlines + 1;
            return true;
        }
    }

    /// <summary>
    /// Splits a record without quotes or line breaks at its delimiters: 32 or 16 bytes at a time, each block's
    /// delimiters found as the set bits of one vector comparison (a record's fields are short, so one search call per
    /// field would cost more than the bytes it scans).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SplitPlain(ReadOnlySpan<byte> record, int offset, Span<CsvField> fields)
    {
        var n = 0;
        var start = 0;
        var i = 0;
        var delimiter = Delimiter;
        ref var first = ref MemoryMarshal.GetReference(record);
        if (Vector256.IsHardwareAccelerated)
        {
            var d = Vector256.Create(delimiter);
            for (; i + 32 <= record.Length; i += 32)
            {
                var mask = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)i), d).ExtractMostSignificantBits();
                AddFields(mask, i, offset, fields, ref n, ref start);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var d = Vector128.Create(delimiter);
            for (; i + 16 <= record.Length; i += 16)
            {
                var mask = Vector128.Equals(Vector128.LoadUnsafe(ref first, (nuint)i), d).ExtractMostSignificantBits();
                AddFields(mask, i, offset, fields, ref n, ref start);
            }
        }
        for (; i < record.Length; i++)
        {
            if (Unsafe.Add(ref first, i) != delimiter) continue;
            if (n < fields.Length) fields[n] = new CsvField(offset + start, offset + i, false);
            n++;
            start = i + 1;
        }
        if (n < fields.Length) fields[n] = new CsvField(offset + start, offset + record.Length, false);
        return n + 1;
    }

    /// <summary>Adds a field ending at each delimiter that a bit of <paramref name="mask"/> marks (bit k: byte <paramref name="at"/> + k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddFields(uint mask, int at, int offset, Span<CsvField> fields, ref int n, ref int start)
    {
        while (mask != 0)
        {
            var end = at + BitOperations.TrailingZeroCount(mask);
            if (n < fields.Length) fields[n] = new CsvField(offset + start, offset + end, false);
            n++;
            start = end + 1;
            mask &= mask - 1;
        }
    }

    /// <summary>
    /// The lines that <paramref name="data"/> (whole records, starting on a record boundary) spans: its line feeds,
    /// plus each carriage return that ends a record alone (counted by splitting only when there is one).
    /// </summary>
    public int CountLines(ReadOnlySpan<byte> data)
    {
        var lf = data.Count((byte)'\n');
        var cr = data.Count((byte)'\r');
        if (cr == 0 || cr == data.Count("\r\n"u8)) return lf;
        var total = 0;
        var pos = 0;
        Span<CsvField> none = [];
        while (pos < data.Length && TrySplit(data, pos, true, none, out _, out var next, out var lines))
        {
            total += lines;
            pos = next;
        }
        // The last record may lack its line break: it then spans one line fewer than counted.
        return data.Length > 0 && data[^1] is not ((byte)'\n' or (byte)'\r') ? total - 1 : total;
    }

    /// <summary>Splits one whole record (a header line) into its field texts, quotes undone.</summary>
    public List<string> SplitText(ReadOnlySpan<byte> record)
    {
        var fields = new CsvField[Math.Max(1, record.Count(Delimiter) + 1)];
        var result = new List<string>();
        if (record.IsEmpty) { result.Add(""); return result; }
        TrySplit(record, 0, true, fields, out var count, out _, out _);
        for (var i = 0; i < Math.Min(count, fields.Length); i++) result.Add(Text(record, fields[i]));
        return result;
    }

    /// <summary>The field as text: UTF-8 decoded, doubled quotes of a quoted field undone.</summary>
    public static string Text(ReadOnlySpan<byte> data, CsvField f)
    {
        var s = System.Text.Encoding.UTF8.GetString(data[f.Start..f.End]);
        return f.Quoted ? s.Replace("\"\"", "\"", StringComparison.Ordinal) : s;
    }
}
