using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Workbench.Notebooks.Engine;

/// <summary>
/// The engine of record: a .NET Interactive <see cref="CompositeKernel"/> hosted in this process, with the C# kernel
/// (NuGet directive, kernel helpers), the HTML kernel and the value store (<c>#!value</c>), and value sharing
/// (<c>#!set</c>, <c>#!share</c>). Packages resolved by <c>#r "nuget: ..."</c> are referenced and their kernel
/// extensions loaded. Return values are formatted as text/plain and text/html.
/// </summary>
public sealed partial class CSharpNotebookEngine : INotebookEngine
{
    private static readonly HashSet<string> HostedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "csharp", "c#", "cs", "C#", "html", "value", "sql", "r", "python", "fsharp", "f#", "fs", "mermaid",
    };

    private readonly NotebookEngineOptions _options;
    private readonly List<ResolvedPackage> _packages = [];
    private readonly HashSet<string> _loadedExtensions = new(StringComparer.Ordinal);
    private CompositeKernel? _kernel;
    private Task _compilerWarmUp = Task.CompletedTask;

    /// <summary>Creates an engine; nothing runs until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Limits of the engine; default <see cref="NotebookEngineOptions"/>' defaults.</param>
    public CSharpNotebookEngine(NotebookEngineOptions? options = null) => _options = options ?? new NotebookEngineOptions();

    /// <inheritdoc />
    public IReadOnlyList<ResolvedPackage> ResolvedPackages
    {
        get { lock (_packages) return _packages.ToList(); }
    }

    /// <inheritdoc />
    public bool Hosts(string kernelName) => HostedNames.Contains(kernelName);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_kernel is not null) throw new InvalidOperationException("The engine has already been started.");
        // The compiler warms up on another core while this one creates the kernel (its workspace and reference set).
        _compilerWarmUp = Task.Run(CompilerWarmUp.CompileSample, CancellationToken.None);
        Formatter.SetPreferredMimeTypesFor(typeof(object), "text/plain", "text/html");
        var composite = new CompositeKernel { DefaultKernelName = "csharp" };
        var csharp = new CSharpKernel()
            .UseNugetDirective(async (kernel, references) =>
            {
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                lock (_packages)
                {
                    foreach (var r in references)
                        if (!_packages.Any(p => p.Name == r.PackageName && p.Version == r.PackageVersion))
                            _packages.Add(new ResolvedPackage(r.PackageName, r.PackageVersion));
                }
                foreach (var r in references)
                    await KernelExtensionLoader.LoadAsync(composite, r.PackageRoot, _loadedExtensions);
            }, forceRestore: false)
            .UseKernelHelpers()
            .UseValueSharing();
        composite.Add(csharp, ["c#", "C#", "cs"]);
        composite.Add(new HtmlKernel());
        composite.Add(new KeyValueStoreKernel("value", httpClient: null!));
        Polyglot.PolyglotKernels.AddTo(composite, csharp);
        composite.UseValueSharing();
        _kernel = composite;
        // The local package folders are sources before the first cell: a study's set-up is one #r line. The display
        // this produces belongs to no cell and is dropped.
        foreach (var source in _options.PackageSources)
            await composite.SendAsync(new SubmitCode($"#i \"nuget: {source}\"", "csharp"), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Runs <see cref="CompilerWarmUp.Submission"/> (one expression; its result is dropped) on the C# kernel, then waits
    /// for the standalone compilation <see cref="StartAsync"/> began, so nothing of the warm-up runs beside the first cell.
    /// </remarks>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        _ = await SubmitAsync("csharp", CompilerWarmUp.Submission, cancellationToken);
        await _compilerWarmUp;
    }

    /// <summary>
    /// <paramref name="output"/> with every package source the engine added shown relative to the display folder: the
    /// "Restore sources" display of a <c>#r "nuget:"</c> cell would otherwise publish the machine's checkout path.
    /// </summary>
    internal CellOutput Scrub(CellOutput output)
    {
        if (_options.PackageSources.Count == 0) return output;
        string Fix(string text)
        {
            foreach (var source in _options.PackageSources)
            {
                var shown = Path.GetRelativePath(_options.DisplayFolder ?? Environment.CurrentDirectory, source);
                text = text.Replace(source, shown, StringComparison.Ordinal)
                           .Replace(System.Net.WebUtility.HtmlEncode(source), System.Net.WebUtility.HtmlEncode(shown), StringComparison.Ordinal);
            }
            return text;
        }
        return output with
        {
            Data = output.Data?.ToDictionary(kv => kv.Key, kv => Fix(kv.Value), StringComparer.Ordinal),
            Text = output.Text is null ? null : Fix(output.Text),
        };
    }

    private CellExecution Scrub(CellExecution execution) =>
        _options.PackageSources.Count == 0 ? execution : execution with { Outputs = execution.Outputs.Select(Scrub).ToList() };

    /// <inheritdoc />
    public async Task<CellExecution> SubmitAsync(string kernelName, string code, CancellationToken cancellationToken = default)
    {
        var kernel = _kernel ?? throw new InvalidOperationException("Call StartAsync before SubmitAsync.");
        var target = Documents.KernelNames.Canonical(kernelName);
        var command = new SubmitCode(code, target);
        using var restore = PackageRestoreLock.Needed(code) ? await PackageRestoreLock.AcquireAsync(cancellationToken) : null;
        var result = await kernel.SendAsync(command, cancellationToken);
        return Scrub(Collect(result, command, _options.MaxStreamChars));
    }

    /// <remarks>
    /// Consecutive writes to one stream form one output, as Jupyter shows them. They are joined in a
    /// <see cref="System.Text.StringBuilder"/>, so a cell that prints in many small writes costs time linear in its output,
    /// and at most <paramref name="maxStreamChars"/> characters are kept (see <see cref="StreamBudget"/>).
    /// </remarks>
    internal static CellExecution Collect(KernelCommandResult result, KernelCommand command, long maxStreamChars)
    {
        var outputs = new List<CellOutput>();
        var streams = new StreamOutputs(outputs, new StreamBudget(maxStreamChars));
        CommandFailed? failed = null;
        var diagnostics = new List<string>();
        var claimed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case ReturnValueProduced r:
                    outputs.Add(new CellOutput(CellOutputKind.ExecuteResult, Data: DataOf(r), DisplayId: r.ValueId));
                    break;
                case DisplayedValueUpdated u:
                    // In 1.0.0-beta.26120.1 the id of DisplayedValueProduced differs from DisplayedValue.DisplayId, which
                    // updates carry. So an update with an unknown id claims the latest display of this cell that no
                    // other update has claimed; later updates with the same id replace the same output.
                    var index = outputs.FindIndex(o => o.DisplayId is not null && o.DisplayId == u.ValueId);
                    if (index < 0 && u.ValueId is not null && claimed.TryGetValue(u.ValueId, out var mapped)) index = mapped;
                    if (index < 0 && u.ValueId is not null)
                    {
                        index = outputs.FindLastIndex(o => o.Kind == CellOutputKind.DisplayData && !claimed.ContainsValue(outputs.IndexOf(o)));
                        if (index >= 0) claimed[u.ValueId] = index;
                    }
                    var updated = new CellOutput(CellOutputKind.DisplayData, Data: DataOf(u), DisplayId: u.ValueId);
                    if (index >= 0) outputs[index] = updated;
                    else outputs.Add(updated);
                    break;
                case DisplayedValueProduced d:
                    outputs.Add(new CellOutput(CellOutputKind.DisplayData, Data: DataOf(d), DisplayId: d.ValueId));
                    break;
                case StandardOutputValueProduced s:
                    streams.Add("stdout", TextOf(s));
                    break;
                case StandardErrorValueProduced s:
                    streams.Add("stderr", TextOf(s));
                    break;
                case DiagnosticsProduced dp:
                    diagnostics.AddRange(dp.Diagnostics
                        .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                        .Select(d => d.ToString()));
                    break;
                case CommandFailed f when ReferenceEquals(f.Command, command) || failed is null:
                    failed = f;
                    break;
            }
        }
        streams.Complete();
        if (failed is null) return new CellExecution(true, outputs);
        var exception = failed.Exception;
        var name = exception is Polyglot.IKernelError k ? k.ErrorName
            : exception?.GetType().Name ?? (diagnostics.Count > 0 ? "CompilationError" : "CommandFailed");
        var message = exception?.Message ?? failed.Message;
        IReadOnlyList<string> traceback = exception is Polyglot.IKernelError { Traceback.Count: > 0 } ke ? ke.Traceback
            : exception is not null
            ? (exception.ToString()).Split('\n').Select(l => l.TrimEnd('\r')).ToList()
            : diagnostics.Count > 0 ? diagnostics : [failed.Message];
        outputs.Add(new CellOutput(CellOutputKind.Error, ErrorName: name, ErrorValue: message, Traceback: traceback));
        return new CellExecution(false, outputs);
    }

    /// <summary>Builds the stream outputs of one cell in place in its output list.</summary>
    private sealed class StreamOutputs(List<CellOutput> outputs, StreamBudget budget)
    {
        private readonly Dictionary<int, System.Text.StringBuilder> _texts = [];
        private int _truncated = -1;

        public void Add(string name, string text)
        {
            if (text.Length == 0) return;
            var kept = budget.Take(text);
            // After the cut, text is only counted for the note.
            if (_truncated >= 0) return;
            var last = outputs.Count - 1;
            if (last < 0 || outputs[last] is not { Kind: CellOutputKind.Stream } open || open.StreamName != name || !_texts.ContainsKey(last))
            {
                outputs.Add(new CellOutput(CellOutputKind.Stream, StreamName: name, Text: ""));
                last = outputs.Count - 1;
                _texts[last] = new System.Text.StringBuilder();
            }
            _texts[last].Append(kept);
            if (budget.Dropped > 0) _truncated = last;
        }

        /// <summary>Writes the joined texts into the outputs; a truncated cell's last kept text ends with the note.</summary>
        public void Complete()
        {
            if (_truncated >= 0) _texts[_truncated].Append(budget.Note(budget.Dropped));
            foreach (var (index, text) in _texts) outputs[index] = outputs[index] with { Text = text.ToString() };
        }
    }

    private static string TextOf(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value
        ?? e.FormattedValues.FirstOrDefault()?.Value ?? "";

    private static Dictionary<string, string> DataOf(DisplayEvent e)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in e.FormattedValues)
            if (!v.SuppressDisplay) data[v.MimeType] = v.Value;
        return data;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _kernel?.Dispose();
        _kernel = null;
        return ValueTask.CompletedTask;
    }
}
