using System.Text;

namespace Workbench.Notebooks.Jupyter;

/// <summary>
/// Gathers a cell's stream text and publishes it in few IOPub messages: when the stream changes, before any other
/// output, when a megabyte has gathered, on every tick of the flush interval and at the end of the cell.
/// </summary>
/// <remarks>
/// ipykernel's OutStream does the same (flush_interval 0.2 s). Without it a cell writing a million short lines would send
/// a million signed messages, and front ends would spend minutes rendering them.
/// </remarks>
internal sealed class StreamBuffer : IDisposable
{
    private const int MaxChars = 1 << 20;

    private readonly Action<string, string> _publish;
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private readonly Timer _timer;
    private string _name = "stdout";

    /// <param name="interval">How long text may wait before it is published.</param>
    /// <param name="publish">Publishes (stream name, text).</param>
    public StreamBuffer(TimeSpan interval, Action<string, string> publish)
    {
        _publish = publish;
        _timer = new Timer(_ => Flush(), null, interval, interval);
    }

    public void Write(string name, string text)
    {
        lock (_gate)
        {
            if (name != _name) FlushLocked();
            _name = name;
            _text.Append(text);
            if (_text.Length >= MaxChars) FlushLocked();
        }
    }

    public void Flush()
    {
        lock (_gate) FlushLocked();
    }

    private void FlushLocked()
    {
        if (_text.Length == 0) return;
        var text = _text.ToString();
        _text.Clear();
        _publish(_name, text);
    }

    public void Dispose() => _timer.Dispose();
}
