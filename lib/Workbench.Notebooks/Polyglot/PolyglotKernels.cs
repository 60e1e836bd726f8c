using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// Adds the kernels beyond C# to a notebook's composite kernel: <c>#!sql</c> (DuckDB), <c>#!r</c> and <c>#!python</c>
/// (Jupyter kernels) <c>#!fsharp</c> (F# Interactive) and <c>#!mermaid</c> (SVG through Chromium). None starts anything before its first cell, so a C#-only notebook pays only for creating
/// these objects.
/// </summary>
internal static class PolyglotKernels
{
    /// <summary>Adds the kernels to <paramref name="composite"/>; values they share with <paramref name="csharp"/> get their assembly referenced there.</summary>
    public static void AddTo(CompositeKernel composite, CSharpKernel csharp)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        FSharpKernel? fsharp = null;
        void Reference(Type type)
        {
            var location = type.Assembly.Location;
            if (string.IsNullOrEmpty(location)) return;
            lock (referenced)
                if (!referenced.Add(location)) return;
            csharp.AddAssemblyReferences([location]);
            fsharp?.AddReferencesWhenStarted([location]);
        }
        var sql = new DuckSqlKernel { OnShare = Reference };
        composite.Add(sql.UseValueSharing());
        fsharp = new FSharpKernel { OnShare = Reference };
        composite.Add(fsharp.WithNuget().UseValueSharing(), ["f#", "fs"]);
        composite.Add(new MermaidKernel());
        composite.Add(new JupyterProxyKernel(new RLanguage(), () => sql) { OnShare = Reference }.UseValueSharing());
        composite.Add(new JupyterProxyKernel(new PythonLanguage(), () => sql) { OnShare = Reference }.UseValueSharing());
        var csharpFailures = ShareFailures.For(csharp);
        csharp.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            // .NET Interactive skips a value whose runtime type C# cannot name without an error: say so here.
            if (command is SendValue send && !csharp.TryGetValue<object>(send.Name, out _))
                csharpFailures.Add($"The value '{send.Name}' ({send.Value?.GetType().FullName ?? send.FormattedValue?.MimeType ?? "no value"}) could not be " +
                                            "declared in C#: its type cannot be named in C# code (e.g. an F# union or a type defined in another kernel). " +
                                            "Share a DataFrame, an array or a scalar instead.");
        });
    }

    /// <summary>
    /// For a cell whose first line selects R or Python (<c>#!r</c>, <c>#!python</c>) and a cursor after that line: the
    /// kernel that answers completion and inspection, the code it sees (the cell without the first line) and that
    /// code's offset in the cell. Null for other cells.
    /// </summary>
    public static (JupyterProxyKernel Kernel, string Code, int Offset)? Forwarded(CompositeKernel composite, string code, int position)
    {
        if (Documents.KernelNames.FromFirstLine(code) is not ("r" or "python") || composite.FindKernelByName(Documents.KernelNames.FromFirstLine(code)!) is not JupyterProxyKernel kernel)
            return null;
        var newline = code.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0 || position <= newline) return null;
        return (kernel, code[(newline + 1)..], newline + 1);
    }
}
