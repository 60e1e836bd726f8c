using System.Text;

namespace Workbench.Data;

/// <summary>One field of a record: a byte range of <see cref="CsvRecordReader.Buffer"/>, without its enclosing quotes
/// when <see cref="Quoted"/> (where "" still stands for one quote).</summary>
internal readonly record struct CsvField(int Start, int End, bool Quoted)
{
    /// <summary>The field's length in bytes.</summary>
    public int Length => End - Start;
}

/// <summary>
/// The record splitter behind every streaming CSV reader outside the typed loader (<see cref="CsvColumns"/>, and through
/// it the frequency-table, ledger and capture-history readers; the survey reader): RFC 4180 over UTF-8 bytes.
/// </summary>
/// <remarks>
/// Rules, shared with the typed loader (<see cref="ChunkParser"/>): a quoted field may hold delimiters, line breaks and
/// doubled quotes; a record ends at LF, CRLF or a lone CR; a UTF-8 byte order mark at the start is skipped; a blank
/// line (a record of no bytes) is no record, but a line holding only <c>""</c> is a record of one empty field. Lenient
/// where the loader reports an error: a quote that is never closed runs to the end of the file, and a field with text
/// after its closing quote is kept literally, quotes included. Line numbers count LF, CRLF and lone CR once each.
/// A record is handed out only when it is complete in the buffer, so one record may be larger than the buffer.
/// </remarks>
internal sealed class CsvRecordReader
{
    private readonly Stream _stream;
    private readonly byte _delimiter;
    private byte[] _buf = new byte[1 << 20];
    private int _len, _pos, _line = 1;
    private bool _eof, _started;

    /// <summary>Reads records from <paramref name="stream"/> (UTF-8), fields separated by <paramref name="delimiter"/>.</summary>
    /// <exception cref="ArgumentException">The delimiter is not an ASCII character other than a quote or line break.</exception>
    public CsvRecordReader(Stream stream, char delimiter = ',')
    {
        if (delimiter > 127 || delimiter is '"' or '\n' or '\r')
            throw new ArgumentException($"the delimiter must be one ASCII character other than a double quote or a line break (e.g. ',', ';' or a tab); got U+{(int)delimiter:X4}.", nameof(delimiter));
        _stream = stream;
        _delimiter = (byte)delimiter;
    }

    /// <summary>The bytes the fields of the last record point into (valid until the next call of <see cref="Next"/>).</summary>
    public byte[] Buffer => _buf;

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the file.</summary>
    /// <param name="fields">Cleared, then filled with the record's fields.</param>
    /// <param name="line">The 1-based line the record starts on.</param>
    /// <param name="skipBlank">Skip blank lines (default true).</param>
    public bool Next(List<CsvField> fields, out int line, bool skipBlank = true)
    {
        while (true)
        {
            if (TryParse(fields, out var next, out var newlines))
            {
                line = _line;
                _line += newlines; _pos = next;
                if (skipBlank && fields.Count == 1 && fields[0].Length == 0 && !fields[0].Quoted) continue;
                return true;
            }
            if (_eof) { line = _line; return false; }
            // Need more data: keep the unfinished record, grow if it fills the buffer, read on.
            Array.Copy(_buf, _pos, _buf, 0, _len - _pos);
            _len -= _pos; _pos = 0;
            if (_len == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2);
            var read = _stream.Read(_buf, _len, _buf.Length - _len);
            if (read == 0) _eof = true; else _len += read;
            if (!_started && (_len >= 3 || _eof))
            {
                _started = true;
                if (_len >= 3 && _buf[0] == 0xEF && _buf[1] == 0xBB && _buf[2] == 0xBF) _pos = 3;
            }
        }
    }

    /// <summary>The field as text: UTF-8 decoded, doubled quotes of a quoted field undone.</summary>
    public string Text(CsvField f)
    {
        var s = Encoding.UTF8.GetString(_buf, f.Start, f.Length);
        return f.Quoted ? s.Replace("\"\"", "\"", StringComparison.Ordinal) : s;
    }

    /// <summary>The field's bytes as the value: a slice of the buffer, or for a quoted field with doubled quotes a copy with them undone.</summary>
    public ReadOnlySpan<byte> Bytes(CsvField f)
    {
        var span = _buf.AsSpan(f.Start, f.Length);
        return f.Quoted && span.Contains((byte)'"') ? Encoding.UTF8.GetBytes(Text(f)) : span;
    }

    private bool IsEnd(byte b) => b == _delimiter || b == (byte)'\n' || b == (byte)'\r';

    private bool TryParse(List<CsvField> fields, out int next, out int newlines)
    {
        fields.Clear();
        next = _pos; newlines = 0;
        var i = _pos;
        if (!_started || i >= _len) return false; // nothing left (at EOF: done)
        while (true)
        {
            if (i < _len && _buf[i] == (byte)'"')
            {
                var start = i + 1; var j = start;
                while (true)
                {
                    if (j >= _len) { if (_eof) { fields.Add(new CsvField(start, j, true)); next = j; newlines++; return true; } return false; }
                    if (_buf[j] == (byte)'"')
                    {
                        if (j + 1 >= _len && !_eof) return false;
                        if (j + 1 < _len && _buf[j + 1] == (byte)'"') { j += 2; continue; }
                        break;
                    }
                    if (_buf[j] == (byte)'\n') newlines++;
                    j++;
                }
                i = j + 1;
                if (i < _len && !IsEnd(_buf[i]))
                {
                    var k = i;
                    while (k < _len && !IsEnd(_buf[k])) k++;
                    if (k >= _len && !_eof) return false;
                    fields.Add(new CsvField(start - 1, k, false));
                    i = k;
                }
                else fields.Add(new CsvField(start, j, true));
            }
            else
            {
                var j = i;
                while (j < _len && !IsEnd(_buf[j])) j++;
                if (j >= _len && !_eof) return false;
                fields.Add(new CsvField(i, j, false));
                i = j;
            }
            if (i >= _len) { if (!_eof) return false; next = i; newlines++; return true; }
            var c = _buf[i];
            if (c == _delimiter) { i++; continue; }
            if (c == (byte)'\r')
            {
                if (i + 1 >= _len && !_eof) return false;
                if (i + 1 < _len && _buf[i + 1] == (byte)'\n') i++;
            }
            next = i + 1; newlines++;
            return true;
        }
    }
}
