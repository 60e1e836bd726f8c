using System.Text;
using Spectre.Console;
using Workbench.IO;

namespace Workbench.Cli;

/// <summary>
/// A writer for a terminal that shows control characters and direction marks from data files as visible escapes
/// (<see cref="TerminalText"/>), so a value such as <c>ESC[2J</c> in a CSV cannot clear the screen, recolour or hide
/// what follows. Line feeds, tabs and CRLF pairs are written as they are.
/// </summary>
public sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    private bool _pendingCr;

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <summary>
    /// Installs the escaping writer on standard output and standard error where they are terminals (a redirected
    /// stream keeps the exact bytes: a CSV written with <c>&gt; file.csv</c> is not changed). Spectre.Console, whose
    /// live displays emit escapes of their own, keeps the raw terminal.
    /// </summary>
    public static void InstallOnConsole()
    {
        if (!Console.IsOutputRedirected)
        {
            var raw = Console.Out;
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new RawTerminal(raw) });
            Console.SetOut(Synchronized(new TerminalSafeWriter(raw)));
        }
        if (!Console.IsErrorRedirected) Console.SetError(Synchronized(new TerminalSafeWriter(Console.Error)));
    }

    /// <inheritdoc />
    public override void Write(char value) => Write([value]);

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is not null) Write(value.AsSpan());
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer)
    {
        var sb = new StringBuilder(buffer.Length + 8);
        foreach (var c in buffer)
        {
            if (_pendingCr)
            {
                _pendingCr = false;
                sb.Append(c == '\n' ? "\r" : "\\r");
            }
            if (c == '\r') _pendingCr = true;
            else TerminalText.Append(sb, c, keepLayout: true);
        }
        inner.Write(sb.ToString());
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        Write(value);
        Write(CoreNewLine);
    }

    /// <inheritdoc />
    public override void Flush()
    {
        if (_pendingCr)
        {
            _pendingCr = false;
            inner.Write("\\r");
        }
        inner.Flush();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    /// <summary>Spectre.Console's view of the raw terminal (a terminal, since the escaping writer is installed only there).</summary>
    private sealed class RawTerminal(TextWriter writer) : IAnsiConsoleOutput
    {
        public TextWriter Writer { get; } = writer;
        public bool IsTerminal => true;
        public int Width => SafeSize(() => Console.WindowWidth, 80);
        public int Height => SafeSize(() => Console.WindowHeight, 24);
        public void SetEncoding(Encoding encoding) { }

        private static int SafeSize(Func<int> get, int fallback)
        {
            try { return get() is > 0 and var v ? v : fallback; }
            catch (IOException) { return fallback; }
            catch (PlatformNotSupportedException) { return fallback; }
        }
    }
}
