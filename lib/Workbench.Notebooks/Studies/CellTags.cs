using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workbench.Notebooks.Studies;

/// <summary>
/// The tags that decide what of a notebook cell reaches a report page, as Jupyter Book and Quarto read them:
/// <c>remove-cell</c> (nothing of the cell), <c>remove-input</c> (the outputs, not the code), <c>remove-output</c>
/// (nothing of the outputs), and the narrative's language, <c>lang-en</c> or <c>lang-nl</c>.
/// </summary>
/// <remarks>
/// In an .ipynb the tags are the cell's <c>metadata.tags</c>. A .dib has no cell metadata, so there (and in an .ipynb
/// as well) the first line of a cell may carry them: <c>&lt;!-- tags: lang-nl --&gt;</c> in a markdown cell,
/// <c>// tags: remove-cell</c> in a C# cell (like the <c>// parameters</c> marker). The marker line itself never reaches
/// the page. In report mode a code cell's input is never shown, whatever its tags.
/// </remarks>
public sealed partial record CellTags(IReadOnlySet<string> Tags)
{
    /// <summary>The tag for a narrative cell in English.</summary>
    public const string English = "lang-en";
    /// <summary>The tag for a narrative cell in Dutch.</summary>
    public const string Dutch = "lang-nl";

    [GeneratedRegex(@"^\s*(?:<!--\s*tags:(?<t>[^>]*?)-->|//\s*tags:(?<t>.*))\s*$")]
    private static partial Regex MarkerLine();

    /// <summary>True when nothing of the cell is published.</summary>
    public bool RemoveCell => Tags.Contains("remove-cell");

    /// <summary>True when the cell's outputs are not published.</summary>
    public bool RemoveOutput => Tags.Contains("remove-output") || RemoveCell;

    /// <summary>"en" or "nl" when the cell is tagged with a language (Dutch when tagged with both), else null.</summary>
    public string? Language => Is(Text.Language.Nl) ? Text.Language.Nl.Code() : Is(Text.Language.En) ? Text.Language.En.Code() : null;

    /// <summary>Whether the cell is tagged as a narrative in <paramref name="language"/> (lang-en or lang-nl).</summary>
    public bool Is(Text.Language language) => Tags.Contains("lang-" + language.Code());

    /// <summary>The tags of <paramref name="cell"/> and its source without a tag marker line.</summary>
    public static (CellTags Tags, string Source) Read(JsonNode cell, string source)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        if (cell["metadata"]?["tags"] is JsonArray array)
            foreach (var t in array)
                if (t is JsonValue v && v.TryGetValue<string>(out var s)) tags.Add(s.Trim());
        var newline = source.IndexOf('\n');
        var first = newline < 0 ? source : source[..newline];
        if (MarkerLine().Match(first) is { Success: true } m)
        {
            foreach (var t in m.Groups["t"].Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                tags.Add(t);
            source = newline < 0 ? "" : source[(newline + 1)..];
        }
        return (new CellTags(tags), source);
    }
}
