using System.Globalization;

namespace Workbench.Notebooks.Engine;

/// <summary>
/// How much stream text (stdout and stderr together) one cell may still produce. Text past the limit is dropped and
/// counted, so that a cell printing hundreds of megabytes costs time linear in its output and memory bounded by the limit.
/// </summary>
internal sealed class StreamBudget(long limit)
{
    private long _used;

    /// <summary>Characters dropped so far.</summary>
    public long Dropped { get; private set; }

    /// <summary>The part of <paramref name="text"/> that still fits (possibly empty); the rest is counted as dropped.</summary>
    public string Take(string text)
    {
        var room = Math.Max(0, limit - _used);
        if (text.Length <= room)
        {
            _used += text.Length;
            return text;
        }
        var kept = (int)room;
        // Never split a surrogate pair: the kept text must stay valid UTF-16.
        if (kept > 0 && char.IsHighSurrogate(text[kept - 1])) kept--;
        _used = limit;
        Dropped += text.Length - kept;
        return text[..kept];
    }

    /// <summary>The note that ends a truncated cell's output; <paramref name="dropped"/> is null while the cell still runs.</summary>
    public string Note(long? dropped)
    {
        var rest = dropped is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d:N0} characters were dropped") : "the rest is dropped";
        return string.Create(CultureInfo.InvariantCulture,
            $"\n[workbench: output truncated: this cell wrote more than {limit:N0} characters to stdout and stderr; {rest}. " +
            $"Write large results to a file, or raise NotebookEngineOptions.MaxStreamChars.]\n");
    }
}
