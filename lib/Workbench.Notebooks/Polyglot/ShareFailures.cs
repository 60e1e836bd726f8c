using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// Carries a failed <c>#!set</c> to the cell it belongs to. .NET Interactive 1.0.0-beta.26120.1 drops a failure of the
/// <see cref="SendValue"/> that a <c>#!set</c> line sends, and then runs the cell as if the value had arrived; the
/// kernel records the failure here and the cell's code then fails with it, naming the value and why.
/// </summary>
internal sealed class ShareFailures
{
    private readonly Lock _gate = new();
    private string? _message;

    /// <summary>Records a failure of sharing a value into this kernel.</summary>
    public void Add(string message)
    {
        lock (_gate) _message = _message is null ? message : _message + "\n" + message;
    }

    /// <summary>Fails <paramref name="command"/> with the recorded failures and clears them; false when there were none.</summary>
    public bool FailIfAny(KernelCommand command, KernelInvocationContext context)
    {
        string? message;
        lock (_gate) (message, _message) = (_message, null);
        if (message is null) return false;
        context.Fail(command, new ValueShareException(message), message);
        return true;
    }

    /// <summary>Adds a middleware to <paramref name="kernel"/> that fails a cell whose <c>#!set</c> failed.</summary>
    public static ShareFailures For(Kernel kernel)
    {
        var failures = new ShareFailures();
        kernel.AddMiddleware(async (command, context, next) =>
        {
            if (command is SubmitCode && failures.FailIfAny(command, context)) return;
            await next(command, context);
        }, "workbench-share-failures");
        return failures;
    }
}

/// <summary>A value could not be shared between kernels (the message names the value and why).</summary>
public sealed class ValueShareException(string message) : Exception(message);
