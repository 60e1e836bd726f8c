using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Workbench.Notebooks.Engine;

/// <summary>
/// Pays the C# compiler's start-up before the first cell. A cold engine spends most of its first second compiling the
/// compiler itself (the JIT of Roslyn's parser, binder and emitter): <see cref="CompileSample"/> does that on a second
/// core while the kernel is being created, with a standalone script that touches what a notebook's first cells use
/// (lambdas, LINQ, records, interpolation, anonymous types); <see cref="Submission"/> then runs once on the kernel
/// itself, so the script state, the return-value formatters and the console capture are warm too.
/// </summary>
internal static class CompilerWarmUp
{
    /// <summary>
    /// The one submission the engine runs before the first cell: a single expression, so it declares nothing the
    /// notebook could see, whose value (a number, formatted and dropped) goes through the return-value path a cell's
    /// result takes.
    /// </summary>
    public const string Submission =
        "System.Linq.Enumerable.Sum(System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, 4), i => new { I = i, Half = i / 2.0 }), x => x.Half)";

    private const string Sample = """
        record Row(string Name, int Year, double Value);
        static double Half(double x) => x / 2;
        var rows = new List<Row> { new("a", 2020, 1.5), new("b", 2021, 2.5) };
        var total = rows.Where(r => r.Year > 2020).Select(r => r.Value).DefaultIfEmpty().Sum();
        var groups = rows.GroupBy(r => r.Name).Select(g => new { g.Key, Sum = g.Sum(r => r.Value) }).ToList();
        var text = $"{rows.Count}: {Half(total):F2} {string.Join(", ", groups.Select(g => g.Key))}";
        Console.WriteLine(text);
        text
        """;

    /// <summary>
    /// Parses, binds and emits <see cref="Sample"/> into nothing: nothing is loaded or run, so the kernel's state is
    /// untouched. Never throws (a warm-up that fails only means a slower first cell).
    /// </summary>
    public static void CompileSample()
    {
        try
        {
            var options = ScriptOptions.Default.WithImports("System", "System.Collections.Generic", "System.Linq");
            CSharpScript.Create(Sample, options).GetCompilation().Emit(Stream.Null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
        }
    }
}
