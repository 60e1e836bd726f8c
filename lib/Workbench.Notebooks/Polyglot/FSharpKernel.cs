using System.Text;
using FSharp.Compiler.Diagnostics;
using FSharp.Compiler.Interactive;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;
using Microsoft.FSharp.Core;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// The <c>#!fsharp</c> kernel: F# Interactive (<c>FsiEvaluationSession</c> of FSharp.Compiler.Service 43.10.111) in this
/// process, created on the first F# cell so that notebooks without F# pay nothing. <c>printfn</c> output, values
/// (formatted by F# Interactive, <c>[1; 4; 9]</c>), compiler diagnostics and exceptions map to the cell's outputs;
/// values are shared by reference with the other in-process kernels, and <c>#r "nuget: ..."</c> uses the C# kernel's
/// package restore.
/// </summary>
/// <remarks>
/// FSharp.Compiler.Service 43.13 breaks <c>#r "nuget:"</c> in this process (Microsoft.DotNet.Interactive.PackageManagement
/// is built against 43.10), so the version is pinned. <c>--usesdkrefs-</c> makes F# compile against the runtime's
/// assemblies, without which a C# <c>int</c> bound into F# is "not the type System.Int32" (FS0001).
/// </remarks>
internal sealed class FSharpKernel :
    Kernel,
    IKernelCommandHandler<SubmitCode>,
    IKernelCommandHandler<SendValue>,
    IKernelCommandHandler<RequestValue>
{
    private readonly ShareFailures _failures;
    private Shell.FsiEvaluationSession? _session;
    private readonly StringBuilder _errors = new();

    /// <summary>Creates the kernel; F# Interactive starts on first use.</summary>
    public FSharpKernel() : base("fsharp")
    {
        KernelInfo.LanguageName = "F#";
        KernelInfo.DisplayName = "F# (in-process)";
        _failures = ShareFailures.For(this);
        RegisterForDisposal(() => (_session as IDisposable)?.Dispose());
    }

    /// <summary>Called with the type of a value this kernel hands out by reference, before it is handed out.</summary>
    public Action<Type>? OnShare { get; init; }

    private Shell.FsiEvaluationSession Session
    {
        get
        {
            if (_session is not null) return _session;
            var host = System.Reflection.Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry ? entry : "fsi.dll";
            string[] argv = [host, "--noninteractive", "--nologo", "--quiet", "--targetprofile:netcore", "--usesdkrefs-"];
            var config = Shell.FsiEvaluationSession.GetDefaultConfiguration();
            _session = Shell.FsiEvaluationSession.Create(config, argv, new StringReader(""), TextWriter.Null,
                new StringWriter(_errors), FSharpOption<bool>.Some(true), null);
            string[] deferred;
            lock (_deferred) { deferred = [.. _deferred]; _deferred.Clear(); }
            AddReferences(deferred);
            return _session;
        }
    }

    /// <summary>Adds <paramref name="paths"/> (assemblies restored by <c>#r "nuget:"</c>) to F# Interactive.</summary>
    public void AddReferences(IEnumerable<string> paths)
    {
        var code = string.Join("\n", paths.Select(p => $"#r @\"{p.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
        if (code.Length > 0) Session.EvalInteractionNonThrowing(code, FSharpOption<CancellationToken>.None);
    }

    private readonly List<string> _deferred = [];

    /// <summary>
    /// References <paramref name="paths"/> in F# Interactive, now when it runs or else when it starts, so that a value
    /// shared into F# (a DataFrame) has its type's assembly there.
    /// </summary>
    public void AddReferencesWhenStarted(IEnumerable<string> paths)
    {
        if (_session is null) lock (_deferred) _deferred.AddRange(paths);
        else AddReferences(paths);
    }

    async Task IKernelCommandHandler<SubmitCode>.HandleAsync(SubmitCode command, KernelInvocationContext context)
    {
        var session = Session;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Tuple<FSharpChoice<FSharpOption<Shell.FsiValue>?, Exception>, FSharpDiagnostic[]> outcome;
        // printfn writes to Console.Out: route this cell's console output (only this flow's) to the cell.
        using (ConsoleRoute.Redirect(stdout, stderr))
            outcome = await Task.Run(() => session.EvalInteractionNonThrowing(command.Code, FSharpOption<CancellationToken>.Some(context.CancellationToken)));
        if (stdout.ToString() is { Length: > 0 } o) context.Publish(new StandardOutputValueProduced(command, [new FormattedValue("text/plain", o)]));
        if (stderr.ToString() is { Length: > 0 } e) context.Publish(new StandardErrorValueProduced(command, [new FormattedValue("text/plain", e)]));
        var errors = outcome.Item2.Where(d => d.Severity == FSharpDiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var lines = errors.Select(d => $"({d.StartLine},{d.StartColumn + 1}): error {d.ErrorNumberText}: {d.Message}").ToList();
            context.Fail(command, new FSharpError("CompilationError", "F#: " + string.Join(" ", lines), lines), "F#: " + string.Join(" ", lines));
            return;
        }
        if (outcome.Item1 is FSharpChoice<FSharpOption<Shell.FsiValue>?, Exception>.Choice2Of2 thrown)
        {
            var ex = thrown.Item.InnerException ?? thrown.Item;
            context.Fail(command, new FSharpError(ex.GetType().Name, "F#: " + ex.Message, ex.ToString().Split('\n')), "F#: " + ex.Message);
            return;
        }
        if (outcome.Item1 is FSharpChoice<FSharpOption<Shell.FsiValue>?, Exception>.Choice1Of2 { Item: { } some }
            && FSharpOption<Shell.FsiValue>.get_IsSome(some) && some.Value is { } value && value.ReflectionType != typeof(Unit))
        {
            var text = session.FormatValue(value.ReflectionValue!, value.ReflectionType);
            context.Publish(new ReturnValueProduced(value.ReflectionValue, command, [new FormattedValue("text/plain", text)], null));
        }
    }

    Task IKernelCommandHandler<SendValue>.HandleAsync(SendValue command, KernelInvocationContext context)
    {
        var value = command.Value ?? ValueJson.Parse(command.FormattedValue);
        if (value is null) _failures.Add($"The value '{command.Name}' could not be shared into F#: it has no value (null).");
        else
        {
            try { Session.AddBoundValue(command.Name, value); }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _failures.Add($"The value '{command.Name}' ({value.GetType().Name}) could not be shared into F#: {ex.Message}");
            }
        }
        return Task.CompletedTask;
    }

    Task IKernelCommandHandler<RequestValue>.HandleAsync(RequestValue command, KernelInvocationContext context)
    {
        var bound = _session?.TryFindBoundValue(command.Name);
        if (bound is null || FSharpOption<Shell.FsiBoundValue>.get_IsNone(bound))
        {
            context.Fail(command, null, $"F# has no value named '{command.Name}'.");
            return Task.CompletedTask;
        }
        var value = bound.Value.Value;
        OnShare?.Invoke(value.ReflectionType);
        var formatted = command.MimeType == "application/json"
            ? new FormattedValue("application/json", System.Text.Json.JsonSerializer.Serialize(value.ReflectionValue, value.ReflectionType))
            : new FormattedValue("text/plain", _session!.FormatValue(value.ReflectionValue!, value.ReflectionType));
        context.Publish(new ValueProduced(value.ReflectionValue, command.Name, formatted, command));
        return Task.CompletedTask;
    }

    /// <summary>Adds the F# kernel's <c>#r "nuget:"</c> support (the shared restore of .NET Interactive).</summary>
    public FSharpKernel WithNuget()
    {
        this.UseNugetDirective((kernel, references) =>
        {
            kernel.AddReferences(references.SelectMany(r => r.AssemblyPaths));
            return Task.CompletedTask;
        }, false);
        return this;
    }
}

/// <summary>An F# compile error or exception, with F#'s diagnostics as the traceback.</summary>
public sealed class FSharpError(string errorName, string message, IReadOnlyList<string> traceback) : Exception(message), IKernelError
{
    /// <inheritdoc />
    public string ErrorName { get; } = errorName;

    /// <inheritdoc />
    public IReadOnlyList<string> Traceback { get; } = traceback;
}
