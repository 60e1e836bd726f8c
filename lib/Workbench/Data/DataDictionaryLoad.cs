using System.Globalization;
using System.Text.Json;

namespace Workbench.Data;

public sealed partial record DataDictionary
{
    /// <summary>The column types in the order the documentation lists them, as written in JSON.</summary>
    internal const string TypeNames = "integer, decimal, boolean, category, date, text, identifier";

    /// <summary>The most codes a category column may have (each row stores its code's index in 16 bits).</summary>
    internal const int MaxCodes = ushort.MaxValue;

    /// <summary>The column roles as written in JSON.</summary>
    internal const string RoleNames = "none, weight, stratum, cluster, outcome, list, count";

    /// <summary>
    /// Reads and validates the dictionary at <paramref name="path"/>. Every problem found (bad JSON with its line and
    /// column, an unknown type, a category without codes, duplicate columns, an unknown primary key column,
    /// min greater than max, an unknown culture, a delimiter that is not one character...) is reported together.
    /// </summary>
    /// <param name="path">The <c>name.dictionary.json</c> file.</param>
    /// <exception cref="DataValidationException">The file is missing, is not valid JSON, or describes an invalid dataset.</exception>
    public static DataDictionary Load(string path)
    {
        if (!System.IO.File.Exists(path))
            throw new DataValidationException(new DataError(path, 0, 0,
                "data dictionary not found. Create it beside the CSV (format: docs/data-dictionary.md)."));
        var bytes = System.IO.File.ReadAllBytes(path);
        DataDictionary? dictionary;
        try
        {
            dictionary = JsonSerializer.Deserialize<DataDictionary>(bytes, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new DataValidationException(JsonError(path, ex));
        }
        if (dictionary is null)
            throw new DataValidationException(new DataError(path, 1, 1,
                "the dictionary is 'null'; expected a JSON object (format: docs/data-dictionary.md)."));
        var errors = dictionary.Check(path, JsonPositions.Index(bytes));
        if (errors.Count > 0) throw new DataValidationException(errors);
        return dictionary;
    }

    /// <summary>The culture that numbers in the file are written in (never the machine's culture).</summary>
    /// <exception cref="CultureNotFoundException">The culture name is unknown.</exception>
    public CultureInfo FileCulture() => ResolveCulture(File.Culture);

    internal static CultureInfo ResolveCulture(string? name) =>
        string.IsNullOrEmpty(name) || string.Equals(name, "invariant", StringComparison.OrdinalIgnoreCase)
            ? CultureInfo.InvariantCulture
            : CultureInfo.GetCultureInfo(name, predefinedOnly: true);

    private static DataError JsonError(string path, JsonException ex)
    {
        var line = (int)(ex.LineNumber ?? 0) + 1;
        var column = (int)(ex.BytePositionInLine ?? 0) + 1;
        var where = string.IsNullOrEmpty(ex.Path) ? "" : $" at {ex.Path}";
        string message;
        if (ex.Path is { } p && p.EndsWith(".type", StringComparison.Ordinal))
            message = $"unknown column type{where}; expected one of: {TypeNames}.";
        else if (ex.Path is { } r && r.EndsWith(".role", StringComparison.Ordinal))
            message = $"unknown column role{where}; expected one of: {RoleNames}.";
        else if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
            message = $"unknown member{where}; remove it or correct its spelling (format: docs/data-dictionary.md).";
        else if (ex.Message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var start = ex.Message.IndexOf("including:", StringComparison.Ordinal);
            var names = start >= 0 ? ex.Message[(start + 10)..].Split('.')[0].Trim() : "";
            message = $"required member missing{where}: {names}. Add it (format: docs/data-dictionary.md).";
        }
        else if (ex.InnerException is null && ex.Message.Contains("could not be converted", StringComparison.Ordinal))
            message = $"a value has the wrong JSON type{where}; check it against docs/data-dictionary.md.";
        else
            message = $"invalid JSON{where}: {FirstSentence(ex.Message)} Fix the syntax (a missing comma, quote or bracket).";
        return new DataError(path, line, column, message);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }

    /// <summary>Checks the meaning of a parsed dictionary; returns every problem found.</summary>
    internal List<DataError> Check(string path, IReadOnlyDictionary<string, (int Line, int Column)> positions)
    {
        var errors = new List<DataError>();
        void Add(string jsonPath, string message)
        {
            // Fall back to the nearest enclosing element that has a known position.
            var p = jsonPath;
            while (!positions.ContainsKey(p) && p.Length > 1)
            {
                var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
                p = cut > 0 ? p[..cut] : "$";
            }
            var (line, col) = positions.TryGetValue(p, out var pos) ? pos : (0, 0);
            errors.Add(new DataError(path, line, col, $"{jsonPath}: {message}"));
        }

        if (string.IsNullOrWhiteSpace(Name)) Add("$.name", "the dataset name is empty; use the CSV file name without extension.");
        CheckBilingual(Title, "$.title", "title", Add);
        if (string.IsNullOrWhiteSpace(Source)) Add("$.source", "the source is empty; say where the data come from.");
        if (string.IsNullOrWhiteSpace(Licence)) Add("$.licence", "the licence is empty; e.g. \"CC0-1.0\".");
        if (string.IsNullOrWhiteSpace(UnitOfObservation)) Add("$.unitOfObservation", "the unit of observation is empty; say what one row is.");
        foreach (var (member, value) in new[] { ("source", Source), ("licence", Licence), ("unitOfObservation", UnitOfObservation) })
            if (IsTodo(value)) Add("$." + member, $"the {member} is still {Todo} (a drafted dictionary); fill it in.");
        CheckFile(Add);
        if (Columns is null || Columns.Count == 0)
        {
            Add("$.columns", "no columns; list every column of the CSV in file order.");
            return errors;
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Count; i++)
        {
            var c = Columns[i];
            var at = $"$.columns[{i}]";
            if (c is null) { Add(at, "the column is null; expected an object with name, type and label."); continue; }
            if (string.IsNullOrWhiteSpace(c.Name)) Add(at + ".name", "the column name is empty; use the name in the CSV header.");
            else if (!seen.TryAdd(c.Name, i))
                Add(at + ".name", $"duplicate column name '{c.Name}' (also columns[{seen[c.Name]}]); each column must be listed once.");
            CheckColumn(c, at, Add);
        }
        var keySeen = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < (PrimaryKey?.Count ?? 0); k++)
        {
            var key = PrimaryKey![k];
            if (key is null || !seen.ContainsKey(key))
                Add($"$.primaryKey[{k}]", $"primary key names unknown column '{key}'; the columns are: {string.Join(", ", Columns.Where(c => c is not null).Select(c => c.Name))}.");
            else if (!keySeen.Add(key))
                Add($"$.primaryKey[{k}]", $"column '{key}' appears twice in the primary key; list it once.");
        }
        return errors;
    }

    private void CheckFile(Action<string, string> add)
    {
        var f = File;
        if (f is null) { add("$.file", "'file' is null; omit it for the defaults or give delimiter and culture."); return; }
        if (f.Delimiter is null || f.Delimiter.Length != 1)
            add("$.file.delimiter", $"delimiter '{f.Delimiter}' must be exactly one character, e.g. \",\" or \";\".");
        else if (f.Delimiter[0] is '"' or '\r' or '\n' || f.Delimiter[0] > 127)
            add("$.file.delimiter", $"delimiter '{f.Delimiter}' cannot be used; choose an ASCII character such as \",\", \";\" or a tab.");
        CultureInfo? culture = null;
        try { culture = ResolveCulture(f.Culture); }
        catch (CultureNotFoundException)
        {
            add("$.file.culture", $"unknown culture '{f.Culture}'; use \"invariant\" (decimal point) or a culture name such as \"nl-NL\" (decimal comma).");
        }
        if (culture is not null && f.Delimiter is { Length: 1 } d && culture.NumberFormat.NumberDecimalSeparator == d)
            add("$.file.delimiter", $"delimiter '{d}' is also the decimal separator of culture '{f.Culture}'; use \";\" as delimiter for a decimal comma.");
        if (!string.Equals(f.Encoding, "utf-8", StringComparison.OrdinalIgnoreCase) && !string.Equals(f.Encoding, "utf8", StringComparison.OrdinalIgnoreCase))
            add("$.file.encoding", $"encoding '{f.Encoding}' is not supported; save the file as UTF-8 and write \"utf-8\".");
    }

    private static void CheckColumn(ColumnDefinition c, string at, Action<string, string> add)
    {
        CheckBilingual(c.Label, at + ".label", "label", add);
        var numeric = c.Type is ColumnType.Integer or ColumnType.Decimal;
        if (c.Type == ColumnType.Category)
        {
            if (c.Codes is null || c.Codes.Count == 0)
                add(at + ".codes", $"category column '{c.Name}' has no codes; list its allowed codes with en/nl labels.");
            else if (c.Codes.Count > MaxCodes)
                add(at + ".codes", $"category column '{c.Name}' has {c.Codes.Count.ToString("N0", CultureInfo.InvariantCulture)} codes; a category may have at most " +
                    $"{MaxCodes.ToString("N0", CultureInfo.InvariantCulture)}. Use type \"text\" or \"identifier\" for a column with this many distinct values, or group the codes.");
            else
            {
                var codes = new HashSet<string>(StringComparer.Ordinal);
                for (var j = 0; j < c.Codes.Count; j++)
                {
                    var code = c.Codes[j];
                    if (code is null || string.IsNullOrEmpty(code.Code))
                        add($"{at}.codes[{j}]", "a code is empty; an empty field means missing, so give every code a non-empty value.");
                    else
                    {
                        if (!codes.Add(code.Code)) add($"{at}.codes[{j}]", $"code '{code.Code}' of column '{c.Name}' is listed twice; list it once.");
                        CheckBilingual(code.Label, $"{at}.codes[{j}].label", "label", add);
                    }
                }
            }
        }
        else if (c.Codes is not null)
            add(at + ".codes", $"column '{c.Name}' has codes but type '{TypeName(c.Type)}'; use type \"category\" or remove the codes.");
        if (!numeric && (c.Min is not null || c.Max is not null))
            add(at + (c.Min is not null ? ".min" : ".max"), $"column '{c.Name}' has min/max but type '{TypeName(c.Type)}'; min and max apply to integer and decimal columns only.");
        if (c.Min is { } min && c.Max is { } max && min > max)
            add(at + ".min", $"column '{c.Name}' has min {min.ToString(CultureInfo.InvariantCulture)} greater than max {max.ToString(CultureInfo.InvariantCulture)}; swap them.");
        if (c.Format is { } format)
        {
            if (c.Type != ColumnType.Date)
                add(at + ".format", $"column '{c.Name}' has a date format but type '{TypeName(c.Type)}'; \"format\" applies to date columns only.");
            else if (DateFormats.Problem(format) is { } problem)
                add(at + ".format", $"column '{c.Name}' has the date format '{format}', which {problem}; give the day, month and year, e.g. \"dd-MM-yyyy\".");
        }
        if (c.Role == ColumnRole.Weight && !numeric)
            add(at + ".role", $"weight column '{c.Name}' has type '{TypeName(c.Type)}'; a weight must be \"decimal\" or \"integer\".");
        if (c.Role is ColumnRole.Outcome or ColumnRole.List && c.Type is not (ColumnType.Boolean or ColumnType.Integer))
            add(at + ".role", $"column '{c.Name}' has role '{c.Role.ToString().ToLowerInvariant()}' but type '{TypeName(c.Type)}'; use \"boolean\" (0/1).");
    }

    private static void CheckBilingual(Bilingual? text, string at, string what, Action<string, string> add)
    {
        if (text is null) { add(at, $"the {what} is missing; give {{ \"en\": \"...\", \"nl\": \"...\" }}."); return; }
        if (string.IsNullOrWhiteSpace(text.En)) add(at + ".en", $"the English {what} is empty; fill it in.");
        if (string.IsNullOrWhiteSpace(text.Nl)) add(at + ".nl", $"the Dutch {what} is empty; fill it in.");
        if (IsTodo(text.En)) add(at + ".en", $"the English {what} is still {Todo} (a drafted dictionary); write the {what} a reader sees.");
        if (IsTodo(text.Nl)) add(at + ".nl", $"the Dutch {what} is still {Todo} (a drafted dictionary); write the {what} a reader sees.");
    }

    /// <summary>The placeholder <c>workbench data infer</c> leaves for what only the researcher can write; a dictionary holding it is refused.</summary>
    internal const string Todo = "TODO";

    private static bool IsTodo(string? text) => text is not null && text.Trim().Equals(Todo, StringComparison.OrdinalIgnoreCase);

    /// <summary>The JSON spelling of a column type.</summary>
    internal static string TypeName(ColumnType type) => type.ToString().ToLowerInvariant();
}
