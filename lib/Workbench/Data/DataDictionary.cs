using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Data;

/// <summary>The type of a column as declared in a data dictionary.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ColumnType>))]
public enum ColumnType
{
    /// <summary>Whole numbers (64-bit).</summary>
    [JsonStringEnumMemberName("integer")] Integer,
    /// <summary>Real numbers; NaN and Infinity are never valid.</summary>
    [JsonStringEnumMemberName("decimal")] Decimal,
    /// <summary>0/1 (also true/false).</summary>
    [JsonStringEnumMemberName("boolean")] Boolean,
    /// <summary>A code from the column's list of allowed codes.</summary>
    [JsonStringEnumMemberName("category")] Category,
    /// <summary>An ISO 8601 date (yyyy-MM-dd).</summary>
    [JsonStringEnumMemberName("date")] Date,
    /// <summary>Free text.</summary>
    [JsonStringEnumMemberName("text")] Text,
    /// <summary>An opaque identifier (kept as text).</summary>
    [JsonStringEnumMemberName("identifier")] Identifier,
}

/// <summary>The statistical role of a column, used by the estimators to pick defaults.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ColumnRole>))]
public enum ColumnRole
{
    /// <summary>No special role.</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>A survey design weight: must be finite and strictly positive.</summary>
    [JsonStringEnumMemberName("weight")] Weight,
    /// <summary>A survey stratum.</summary>
    [JsonStringEnumMemberName("stratum")] Stratum,
    /// <summary>A survey cluster (primary sampling unit).</summary>
    [JsonStringEnumMemberName("cluster")] Cluster,
    /// <summary>A 0/1 outcome.</summary>
    [JsonStringEnumMemberName("outcome")] Outcome,
    /// <summary>A 0/1 membership flag of a registry (a list in multiple systems estimation).</summary>
    [JsonStringEnumMemberName("list")] List,
    /// <summary>An aggregated count of rows.</summary>
    [JsonStringEnumMemberName("count")] Count,
}

/// <summary>An allowed code of a category column with its labels.</summary>
/// <param name="Code">The code as it appears in the file.</param>
/// <param name="Label">Its Dutch and English label (in JSON an object {"en", "nl"}, or a plain string for both).</param>
public sealed record CategoryCode(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("label"), JsonConverter(typeof(BilingualJsonConverter))] Bilingual Label);

/// <summary>How the CSV file is written.</summary>
/// <param name="Delimiter">The field delimiter (default ",").</param>
/// <param name="Culture">The culture of numbers in the file: "invariant" (default, decimal point) or e.g. "nl-NL" (decimal comma).</param>
/// <param name="Encoding">The text encoding (only "utf-8" is supported; a BOM is accepted).</param>
public sealed record FileFormat(
    [property: JsonPropertyName("delimiter")] string Delimiter = ",",
    [property: JsonPropertyName("culture")] string Culture = "invariant",
    [property: JsonPropertyName("encoding")] string Encoding = "utf-8");

/// <summary>One column of a dataset.</summary>
public sealed record ColumnDefinition
{
    /// <summary>The column name exactly as in the CSV header.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>The column type.</summary>
    [JsonPropertyName("type")] public required ColumnType Type { get; init; }
    /// <summary>Whether every row must have a value (default true).</summary>
    [JsonPropertyName("required")] public bool Required { get; init; } = true;
    /// <summary>The statistical role (default none).</summary>
    [JsonPropertyName("role")] public ColumnRole Role { get; init; } = ColumnRole.None;
    /// <summary>Inclusive minimum for integer and decimal columns (optional).</summary>
    [JsonPropertyName("min")] public double? Min { get; init; }
    /// <summary>Inclusive maximum for integer and decimal columns (optional).</summary>
    [JsonPropertyName("max")] public double? Max { get; init; }
    /// <summary>
    /// How a date column writes its dates in the file, as a .NET custom date format such as "dd-MM-yyyy" or "d/M/yyyy"
    /// (optional; default yyyy-MM-dd, ISO 8601). Used for CSV fields and for workbook cells that hold dates as text;
    /// cells formatted as dates in Excel are dates whatever it says.
    /// </summary>
    [JsonPropertyName("format")] public string? Format { get; init; }
    /// <summary>The unit of measurement (optional), e.g. "months".</summary>
    [JsonPropertyName("unit")] public string? Unit { get; init; }
    /// <summary>Dutch and English label shown to readers (in JSON an object {"en", "nl"}, or a plain string for both).</summary>
    [JsonPropertyName("label"), JsonConverter(typeof(BilingualJsonConverter))] public required Bilingual Label { get; init; }
    /// <summary>What the column means and how it was measured.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }
    /// <summary>The allowed codes of a category column with their labels.</summary>
    [JsonPropertyName("codes")] public IReadOnlyList<CategoryCode>? Codes { get; init; }
}

/// <summary>
/// The data dictionary of one CSV dataset, stored beside it as <c>name.dictionary.json</c>.
/// The format is documented in docs/data-dictionary.md.
/// </summary>
public sealed partial record DataDictionary
{
    /// <summary>The dataset name (the CSV file name without extension).</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>Dutch and English title (in JSON an object {"en", "nl"}, or a plain string for both).</summary>
    [JsonPropertyName("title"), JsonConverter(typeof(BilingualJsonConverter))] public required Bilingual Title { get; init; }
    /// <summary>Where the data come from.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }
    /// <summary>True when the data are synthetic (generated, not observed).</summary>
    [JsonPropertyName("synthetic")] public required bool Synthetic { get; init; }
    /// <summary>The licence of the data, e.g. "CC0-1.0".</summary>
    [JsonPropertyName("licence")] public required string Licence { get; init; }
    /// <summary>What one row is, e.g. "respondent" or "registered presumed victim per year".</summary>
    [JsonPropertyName("unitOfObservation")] public required string UnitOfObservation { get; init; }
    /// <summary>The columns whose values identify a row (may be empty).</summary>
    [JsonPropertyName("primaryKey")] public IReadOnlyList<string> PrimaryKey { get; init; } = [];
    /// <summary>How the file is written (delimiter, culture).</summary>
    [JsonPropertyName("file")] public FileFormat File { get; init; } = new();
    /// <summary>A description of the dataset (optional).</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }
    /// <summary>The columns in file order.</summary>
    [JsonPropertyName("columns")] public required IReadOnlyList<ColumnDefinition> Columns { get; init; }

    /// <summary>JSON options used to read and write dictionaries (indented, camelCase, nulls omitted).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The path of the dictionary that belongs to <paramref name="csvPath"/>.</summary>
    public static string PathFor(string csvPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(csvPath)) ?? ".",
            Path.GetFileNameWithoutExtension(csvPath) + ".dictionary.json");

    /// <summary>Serialises the dictionary as indented JSON with "\n" line endings and a final newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions).Replace("\r\n", "\n") + "\n";
}
