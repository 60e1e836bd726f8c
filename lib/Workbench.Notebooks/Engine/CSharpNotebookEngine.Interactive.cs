using Microsoft.CodeAnalysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace Workbench.Notebooks.Engine;

/// <summary>The editor services of the in-process engine, used by the Jupyter kernel.</summary>
public sealed partial class CSharpNotebookEngine : IInteractiveEngine
{
    private CompositeKernel Kernel => _kernel ?? throw new InvalidOperationException("Call StartAsync first.");

    /// <inheritdoc />
    public async Task<CellExecution> SubmitAsync(string kernelName, string code, Action<LiveOutput> onOutput, CancellationToken cancellationToken = default)
    {
        var kernel = Kernel;
        var target = Documents.KernelNames.Canonical(kernelName);
        var command = new SubmitCode(code, target);
        // The live outputs are translated by the same rules as Collect, so an editor shows what `workbench run` writes,
        // truncated at the same limit.
        var budget = new StreamBudget(_options.MaxStreamChars);
        using var subscription = kernel.KernelEvents.Subscribe(new EventObserver(e =>
        {
            var live = e switch
            {
                ReturnValueProduced r => new LiveOutput(new CellOutput(CellOutputKind.ExecuteResult, Data: DataOf(r), DisplayId: r.ValueId), false),
                DisplayedValueUpdated u => new LiveOutput(new CellOutput(CellOutputKind.DisplayData, Data: DataOf(u), DisplayId: u.ValueId), true),
                DisplayedValueProduced d => new LiveOutput(new CellOutput(CellOutputKind.DisplayData, Data: DataOf(d), DisplayId: d.ValueId), false),
                StandardOutputValueProduced s => Stream(budget, "stdout", TextOf(s)),
                StandardErrorValueProduced s => Stream(budget, "stderr", TextOf(s)),
                _ => null,
            };
            if (live is not null) onOutput(live with { Output = Scrub(live.Output) });
        }));
        using var restore = PackageRestoreLock.Needed(code) ? await PackageRestoreLock.AcquireAsync(cancellationToken) : null;
        var result = await kernel.SendAsync(command, cancellationToken);
        return Scrub(Collect(result, command, _options.MaxStreamChars));
    }

    private static LiveOutput? Stream(StreamBudget budget, string name, string text)
    {
        if (text.Length == 0) return null;
        var wasCut = budget.Dropped > 0;
        var kept = budget.Take(text);
        if (wasCut) return null;
        if (budget.Dropped > 0) kept += budget.Note(dropped: null);
        return kept.Length == 0 ? null : new LiveOutput(new CellOutput(CellOutputKind.Stream, StreamName: name, Text: kept), false);
    }

    /// <inheritdoc />
    public async Task<CompletionList> CompleteAsync(string code, int position, CancellationToken cancellationToken = default)
    {
        position = Math.Clamp(position, 0, code.Length);
        if (Polyglot.PolyglotKernels.Forwarded(Kernel, code, position) is { } forward)
        {
            var answer = await forward.Kernel.CompleteAsync(forward.Code, position - forward.Offset, cancellationToken);
            return new CompletionList(answer.Start + forward.Offset, answer.End + forward.Offset, answer.Matches);
        }
        var result = await Kernel.SendAsync(new RequestCompletions(code, ToLinePosition(code, position), "csharp"), cancellationToken);
        var produced = result.Events.OfType<CompletionsProduced>().LastOrDefault();
        var start = WordStart(code, position);
        var end = position;
        if (produced?.LinePositionSpan is { } span)
        {
            start = ToIndex(code, span.Start);
            end = ToIndex(code, span.End);
        }
        var prefix = code[start..position];
        var matches = (produced?.Completions ?? [])
            // Jupyter front ends insert matches literally: a snippet ("WriteLine($1)") is offered as its name.
            .Select(c => string.IsNullOrEmpty(c.InsertText) || c.InsertTextFormat == InsertTextFormat.Snippet ? c.DisplayText : c.InsertText)
            .Where(m => !string.IsNullOrEmpty(m) && m.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new CompletionList(start, end, matches);
    }

    /// <inheritdoc />
    public async Task<Inspection?> InspectAsync(string code, int position, CancellationToken cancellationToken = default)
    {
        position = Math.Clamp(position, 0, code.Length);
        if (Polyglot.PolyglotKernels.Forwarded(Kernel, code, position) is { } forward)
            return await forward.Kernel.InspectAsync(forward.Code, position - forward.Offset, cancellationToken) is { } doc ? new Inspection(doc) : null;
        // A cursor just after a name (where editors put it) should still describe that name.
        if (position > 0 && (position == code.Length || !IsIdentifierChar(code[position])) && IsIdentifierChar(code[position - 1])) position--;
        var result = await Kernel.SendAsync(new RequestHoverText(code, ToLinePosition(code, position), "csharp"), cancellationToken);
        var hover = result.Events.OfType<HoverTextProduced>().LastOrDefault();
        if (hover is null) return null;
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in hover.Content)
            if (!string.IsNullOrWhiteSpace(value.Value)) data[value.MimeType] = value.Value;
        if (data.Count == 0) return null;
        if (!data.ContainsKey("text/plain")) data["text/plain"] = data.Values.First();
        return new Inspection(data);
    }

    /// <inheritdoc />
    public Task InterruptAsync() => _kernel is { } kernel ? kernel.SendAsync(new Cancel(null!)) : Task.CompletedTask;

    internal static LinePosition ToLinePosition(string code, int index)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < index && i < code.Length; i++)
        {
            if (code[i] != '\n') continue;
            line++;
            lineStart = i + 1;
        }
        return new LinePosition(line, index - lineStart);
    }

    internal static int ToIndex(string code, LinePosition position)
    {
        var index = 0;
        for (var line = 0; line < position.Line && index < code.Length; line++)
        {
            var next = code.IndexOf('\n', index);
            if (next < 0) return code.Length;
            index = next + 1;
        }
        return Math.Clamp(index + position.Character, 0, code.Length);
    }

    private static int WordStart(string code, int position)
    {
        var start = position;
        while (start > 0 && IsIdentifierChar(code[start - 1])) start--;
        return start;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private sealed class EventObserver(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnCompleted() { }
        public void OnError(Exception error) { }
        public void OnNext(KernelEvent value) => onNext(value);
    }
}
