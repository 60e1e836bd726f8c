using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workbench.Notebooks.Engine;

/// <summary>Answer to "is this code ready to run" (Jupyter's <c>is_complete_request</c>).</summary>
public enum CodeCompleteness
{
    /// <summary>The code can run as it is.</summary>
    Complete,
    /// <summary>The code needs more lines (an open block or an unterminated statement).</summary>
    Incomplete,
    /// <summary>The code cannot become valid by adding lines (a syntax error before its end, e.g. <c>var x = ;</c>).</summary>
    Invalid,
}

/// <summary>
/// Whether a C# cell is complete, from its Roslyn syntax tree alone: no engine, no compilation, so the Jupyter kernel
/// answers <c>is_complete_request</c> at once, even while its engine is still starting.
/// </summary>
/// <remarks>
/// Follows the Jupyter messaging protocol 5.3 (<c>is_complete_reply</c>: complete, incomplete, invalid) as ipykernel
/// applies it: code that more lines can finish (an open brace, an unterminated raw string) is incomplete; code with a
/// syntax error that no further line can repair is invalid. Roslyn's <see cref="SyntaxFactory.IsCompleteSubmission"/>
/// (script rules, as the C# kernel parses cells) decides "needs more"; an error diagnostic that ends before the last
/// token makes the code invalid. Only syntax is checked: <c>int x = "text";</c> is complete (it fails when run).
/// </remarks>
public static class CSharpCompleteness
{
    /// <summary>Classifies <paramref name="code"/>, a cell's source including any <c>#!</c> and <c>#i</c> directive lines.</summary>
    public static CodeCompleteness Check(string code)
    {
        // A cell for another kernel (#!html, #!value) is not C#: it is complete as written.
        if (Documents.KernelNames.FromFirstLine(code.TrimStart()) is { } kernelName && kernelName != "csharp")
            return CodeCompleteness.Complete;
        // Kernel directives (#!set, #i) are whole lines; only the C# around them decides completeness.
        var csharp = string.Join('\n', code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.TrimStart().StartsWith("#!", StringComparison.Ordinal) || l.TrimStart().StartsWith("#i ", StringComparison.Ordinal) ? "" : l));
        if (csharp.Trim().Length == 0) return CodeCompleteness.Complete;
        var tree = CSharpSyntaxTree.ParseText(csharp, new CSharpParseOptions(LanguageVersion.Preview, kind: SourceCodeKind.Script));
        var errors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (SyntaxFactory.IsCompleteSubmission(tree)) return errors.Count == 0 ? CodeCompleteness.Complete : CodeCompleteness.Invalid;
        var lastToken = tree.GetRoot().GetLastToken(includeZeroWidth: false);
        return errors.Any(e => e.Location.SourceSpan.End < lastToken.SpanStart) ? CodeCompleteness.Invalid : CodeCompleteness.Incomplete;
    }

    /// <summary>Parses one line, so that the parser is loaded and compiled before the first request needs it.</summary>
    internal static void WarmUp() => Check("var warmUp = 1;");
}
