using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Workbench.Data;
using Workbench.Notebooks.Documents;

namespace Workbench.Notebooks.Parameters;

/// <summary>The C# type of a notebook parameter.</summary>
public enum ParameterType
{
    /// <summary><c>int</c>.</summary>
    Int,
    /// <summary><c>double</c>.</summary>
    Double,
    /// <summary><c>bool</c>.</summary>
    Bool,
    /// <summary><c>string</c>.</summary>
    String,
    /// <summary><c>DateOnly</c>, given as yyyy-MM-dd.</summary>
    DateOnly,
}

/// <summary>A parameter declared in a notebook's parameters cell.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Type">Its C# type.</param>
/// <param name="Default">The default as written in the cell (C# source).</param>
public sealed record NotebookParameter(string Name, ParameterType Type, string Default)
{
    /// <summary>The C# keyword or type name.</summary>
    public string TypeName => Type switch
    {
        ParameterType.Int => "int", ParameterType.Double => "double", ParameterType.Bool => "bool",
        ParameterType.String => "string", _ => "DateOnly",
    };
}

/// <summary>
/// Papermill-style parameters. The defaults live in the code cell tagged <c>parameters</c> (ipynb cell metadata
/// <c>tags</c>); in a .dib, which keeps no cell metadata, in the C# cell whose first line is <c>// parameters</c>.
/// Values given on the command line are injected as a new cell right after it (tagged <c>injected-parameters</c>),
/// typed from each default's declaration: <c>int</c>, <c>double</c>, <c>bool</c>, <c>string</c> or <c>DateOnly</c>.
/// </summary>
public static class ParameterCell
{
    /// <summary>The tag of the parameters cell.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag of the injected cell.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>True when a .dib cell's first line marks it as the parameters cell (<c>// parameters</c>).</summary>
    public static bool HasDibMarker(string source)
    {
        var first = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return first.Equals("// parameters", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The parameters cell of <paramref name="document"/>, or null.</summary>
    public static NotebookCell? Find(NotebookDocument document) =>
        document.Cells.FirstOrDefault(c => c.Kind == CellKind.Code && (c.Tags.Contains(Tag) || HasDibMarker(c.Source)));

    /// <summary>The parameters declared in the notebook's parameters cell (empty when it has none).</summary>
    public static IReadOnlyList<NotebookParameter> Declared(NotebookDocument document)
    {
        var cell = Find(document);
        if (cell is null) return [];
        var tree = CSharpSyntaxTree.ParseText(cell.Source, new CSharpParseOptions(kind: SourceCodeKind.Script));
        var result = new List<NotebookParameter>();
        foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            if (declaration.Parent is not (LocalDeclarationStatementSyntax or FieldDeclarationSyntax)) continue;
            if (declaration.Ancestors().Any(a => a is BaseMethodDeclarationSyntax or TypeDeclarationSyntax or LocalFunctionStatementSyntax)) continue;
            foreach (var v in declaration.Variables)
            {
                if (v.Initializer is null) continue;
                var type = TypeOf(declaration.Type, v.Initializer.Value);
                if (type is null) continue;
                result.Add(new NotebookParameter(v.Identifier.Text, type.Value, v.Initializer.Value.ToString()));
            }
        }
        return result;
    }

    /// <summary>
    /// Parses <c>name=value</c> pairs and a JSON file of values into C# literals, checked against the declared
    /// parameters. An unknown name or a value that does not parse throws <see cref="DataValidationException"/>
    /// listing the known parameters.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Resolve(NotebookDocument document, IEnumerable<string> pairs, string? jsonFile)
    {
        var declared = Declared(document);
        var given = new List<(string Name, string Value, bool FromJsonString, string Origin)>();
        if (jsonFile is not null)
        {
            JsonDocument json;
            try { json = JsonDocument.Parse(File.ReadAllText(jsonFile)); }
            catch (JsonException ex)
            {
                throw new DataValidationException([new DataError(jsonFile, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1,
                    $"not valid JSON: {ex.Message} Expected an object such as {{\"year\": 2024}}.")]);
            }
            using (json)
            {
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                    throw new DataValidationException([new DataError(jsonFile, 1, 1, "expected a JSON object of parameter values, such as {\"year\": 2024}.")]);
                foreach (var p in json.RootElement.EnumerateObject())
                {
                    var text = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString()!,
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => p.Value.GetRawText(),
                    };
                    given.Add((p.Name, text, p.Value.ValueKind == JsonValueKind.String, jsonFile));
                }
            }
        }
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw Usage(document, declared, $"--param '{pair}' is not name=value.");
            given.Add((pair[..eq].Trim(), pair[(eq + 1)..], true, "--param"));
        }
        if (given.Count > 0 && Find(document) is null)
            throw Usage(document, declared, "parameters were given but the notebook has no cell tagged 'parameters' (ipynb) or starting with '// parameters' (.dib).");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value, _, origin) in given)
        {
            var parameter = declared.FirstOrDefault(p => p.Name == name)
                ?? throw Usage(document, declared, $"unknown parameter '{name}' ({origin}).");
            values[name] = ToLiteral(parameter, value)
                ?? throw Usage(document, declared, $"parameter '{name}' ({origin}): '{value}' is not a valid {parameter.TypeName}{Expected(parameter.Type)}.");
        }
        return values;
    }

    /// <summary>The source of the injected cell assigning <paramref name="literals"/> (name to C# literal).</summary>
    public static string InjectedSource(IReadOnlyList<NotebookParameter> declared, IReadOnlyDictionary<string, string> literals)
    {
        var sb = new StringBuilder("// Parameters injected by workbench run\n");
        foreach (var p in declared.Where(p => literals.ContainsKey(p.Name)))
            sb.Append(CultureInfo.InvariantCulture, $"{p.TypeName} {p.Name} = {literals[p.Name]};\n");
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>The C# literal for <paramref name="value"/> as the parameter's type, or null when it does not parse.</summary>
    public static string? ToLiteral(NotebookParameter parameter, string value)
    {
        var inv = CultureInfo.InvariantCulture;
        var v = value.Trim();
        switch (parameter.Type)
        {
            case ParameterType.Int:
                return int.TryParse(v, NumberStyles.AllowLeadingSign, inv, out var i) ? i.ToString(inv) : null;
            case ParameterType.Double:
                if (!double.TryParse(v, NumberStyles.Float, inv, out var d) || !double.IsFinite(d)) return null;
                var r = d.ToString("R", inv);
                return r.Contains('.') || r.Contains('E') ? r : r + ".0";
            case ParameterType.Bool:
                return v.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true"
                    : v.Equals("false", StringComparison.OrdinalIgnoreCase) ? "false" : null;
            case ParameterType.DateOnly:
                return System.DateOnly.TryParseExact(v, "yyyy-MM-dd", inv, DateTimeStyles.None, out var date)
                    ? $"new DateOnly({date.Year}, {date.Month}, {date.Day})" : null;
            default:
                return SymbolDisplay.FormatLiteral(value, quote: true);
        }
    }

    private static string Expected(ParameterType type) => type switch
    {
        ParameterType.Int => " (a whole number such as 2024)",
        ParameterType.Double => " (a finite number with '.' as decimal separator, such as 0.95)",
        ParameterType.Bool => " (true or false)",
        ParameterType.DateOnly => " (a date as yyyy-MM-dd, such as 2024-12-31)",
        _ => "",
    };

    private static DataValidationException Usage(NotebookDocument document, IReadOnlyList<NotebookParameter> declared, string message)
    {
        var known = declared.Count == 0 ? "none"
            : string.Join(", ", declared.Select(p => $"{p.Name} ({p.TypeName}, default {p.Default})"));
        return new DataValidationException([new DataError(document.Path, 0, 0, $"{message} Known parameters: {known}.")]);
    }

    private static ParameterType? TypeOf(TypeSyntax type, ExpressionSyntax value)
    {
        var name = type.ToString();
        switch (name)
        {
            case "int" or "Int32" or "System.Int32": return ParameterType.Int;
            case "double" or "Double" or "System.Double": return ParameterType.Double;
            case "bool" or "Boolean" or "System.Boolean": return ParameterType.Bool;
            case "string" or "String" or "System.String": return ParameterType.String;
            case "DateOnly" or "System.DateOnly": return ParameterType.DateOnly;
            case "var": break;
            default: return null;
        }
        var inner = value is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } neg ? neg.Operand : value;
        return inner switch
        {
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } => ParameterType.String,
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression or (int)SyntaxKind.FalseLiteralExpression } => ParameterType.Bool,
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } lit =>
                lit.Token.Value is int ? ParameterType.Int : lit.Token.Value is double ? ParameterType.Double : null,
            ObjectCreationExpressionSyntax { Type: var t } when t.ToString() is "DateOnly" or "System.DateOnly" => ParameterType.DateOnly,
            InvocationExpressionSyntax call when call.Expression.ToString().StartsWith("DateOnly.", StringComparison.Ordinal) => ParameterType.DateOnly,
            _ => null,
        };
    }
}
