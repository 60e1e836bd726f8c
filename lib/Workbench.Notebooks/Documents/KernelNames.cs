namespace Workbench.Notebooks.Documents;

/// <summary>
/// Kernel names and their aliases as Polyglot Notebooks spells them (<c>#!c#</c>, <c>#!fs</c>, ...): the one mapping
/// to the canonical name used by documents, the Jupyter kernel, the converter and the engines.
/// </summary>
internal static class KernelNames
{
    /// <summary>Kernel names a first-line <c>#!name</c> may select (hosted or not), aliases included.</summary>
    public static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "csharp", "c#", "cs", "fsharp", "f#", "fs", "pwsh", "powershell", "javascript", "js", "html", "markdown", "md",
        "mermaid", "sql", "kql", "python", "r", "http", "value",
    };

    /// <summary>The canonical, lower-case name of a kernel or alias ("c#" and "cs" → "csharp", "fs" → "fsharp", ...).</summary>
    public static string Canonical(string name) => name.ToLowerInvariant() switch
    {
        "c#" or "cs" => "csharp",
        "f#" or "fs" => "fsharp",
        "powershell" => "pwsh",
        "js" => "javascript",
        "md" => "markdown",
        var n => n,
    };

    /// <summary>
    /// The canonical kernel a cell's first line <c>#!name</c> selects, or null when the first line names no known
    /// kernel; with <paramref name="allowArguments"/> false (default true), a line with arguments
    /// (<c>#!value --name t</c>) selects none.
    /// </summary>
    public static string? FromFirstLine(string source, bool allowArguments = true)
    {
        var first = source.TrimStart('\uFEFF').Split('\n')[0].Trim();
        if (!first.StartsWith("#!", StringComparison.Ordinal)) return null;
        var word = first[2..].Split(' ', 2)[0];
        if (!allowArguments && word.Length != first.Length - 2) return null;
        return Known.Contains(word) ? Canonical(word) : null;
    }
}
