using System.Text;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// Console output of one asynchronous flow, without taking the process's console from everyone else. F# Interactive
/// writes <c>printfn</c> to <see cref="Console.Out"/>; swapping <see cref="Console.Out"/> for the length of an F# cell
/// would also capture what other kernels or threads write meanwhile (and a <see cref="StringWriter"/> written from two
/// threads breaks). This writer is installed once in front of the console: writes from the flow that redirected go to
/// its writer, all others to the console as before.
/// </summary>
internal sealed class ConsoleRoute : TextWriter
{
    private static readonly object Gate = new();
    private readonly AsyncLocal<TextWriter?> _target = new();
    private readonly TextWriter _fallback;

    private ConsoleRoute(TextWriter fallback) => _fallback = fallback;

    public override Encoding Encoding => _fallback.Encoding;

    private TextWriter Current => _target.Value ?? _fallback;

    public override void Write(char value) => Current.Write(value);

    public override void Write(string? value) => Current.Write(value);

    public override void Write(char[] buffer, int index, int count) => Current.Write(buffer, index, count);

    public override void WriteLine(string? value) => Current.WriteLine(value);

    public override void Flush() => Current.Flush();

    /// <summary>
    /// Sends this flow's (and the tasks it starts') console output and error to <paramref name="output"/> and
    /// <paramref name="error"/> until the result is disposed; other flows keep writing to the console.
    /// </summary>
    public static IDisposable Redirect(TextWriter output, TextWriter error)
    {
        ConsoleRoute outRoute, errRoute;
        lock (Gate)
        {
            if (Console.Out is not ConsoleRoute o) Console.SetOut(o = new ConsoleRoute(Console.Out));
            if (Console.Error is not ConsoleRoute e) Console.SetError(e = new ConsoleRoute(Console.Error));
            (outRoute, errRoute) = (o, e);
        }
        var (savedOut, savedErr) = (outRoute._target.Value, errRoute._target.Value);
        outRoute._target.Value = TextWriter.Synchronized(output);
        errRoute._target.Value = TextWriter.Synchronized(error);
        return new Restore(() => { outRoute._target.Value = savedOut; errRoute._target.Value = savedErr; });
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
