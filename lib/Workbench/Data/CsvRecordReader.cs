using System.Text;

namespace Workbench.Data;

/// <summary>
/// Streams the records of a CSV file for every reader outside the typed loader (<see cref="CsvColumns"/>, and through
/// it the frequency-table, ledger and capture-history readers; the survey reader), split by the one
/// <see cref="CsvSplitter"/> the typed loader uses too.
/// </summary>
/// <remarks>
/// A UTF-8 byte order mark at the start is skipped. Lenient where the loader reports an error: a quote that is never
/// closed runs to the end of the file, and a field with malformed quoting is kept literally, quotes included.
/// A record is handed out only when it is complete in the buffer, so one record may be larger than the buffer.
/// </remarks>
internal sealed class CsvRecordReader
{
    private readonly Stream _stream;
    private readonly CsvSplitter _splitter;
    private CsvField[] _fields = new CsvField[16];
    private byte[] _buf = new byte[1 << 20];
    private int _len, _pos, _line = 1;
    private bool _eof, _started;

    /// <summary>Reads records from <paramref name="stream"/> (UTF-8), fields separated by <paramref name="delimiter"/>.</summary>
    /// <exception cref="ArgumentException">The delimiter is not an ASCII character other than a quote or line break.</exception>
    public CsvRecordReader(Stream stream, char delimiter = ',')
    {
        _splitter = new CsvSplitter(delimiter);
        _stream = stream;
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
                if (skipBlank && fields.Count == 1 && fields[0].IsBlank) continue;
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
    public string Text(CsvField f) => CsvSplitter.Text(_buf, f);

    /// <summary>The field's bytes as the value: a slice of the buffer, or for a quoted field with doubled quotes a copy with them undone.</summary>
    public ReadOnlySpan<byte> Bytes(CsvField f)
    {
        var span = _buf.AsSpan(f.Start, f.Length);
        return f.Quoted && span.Contains((byte)'"') ? Encoding.UTF8.GetBytes(Text(f)) : span;
    }

    private bool TryParse(List<CsvField> fields, out int next, out int newlines)
    {
        fields.Clear();
        next = _pos; newlines = 0;
        if (!_started || _pos >= _len) return false; // nothing left (at EOF: done)
        var data = _buf.AsSpan(0, _len);
        int count;
        while (true)
        {
            if (!_splitter.TrySplit(data, _pos, _eof, _fields, out count, out next, out newlines)) return false;
            if (count <= _fields.Length) break;
            _fields = new CsvField[count];
        }
        for (var i = 0; i < count; i++) fields.Add(_fields[i]);
        return true;
    }
}
