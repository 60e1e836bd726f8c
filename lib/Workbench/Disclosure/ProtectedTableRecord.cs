using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workbench.Data;

namespace Workbench.Disclosure;

/// <summary>One dimension of a <see cref="ProtectedTableRecord"/> as the reader sees it.</summary>
/// <param name="Name">The variable name (e.g. "sex").</param>
/// <param name="Heading">The heading in both languages.</param>
/// <param name="Labels">One label per category, in display order.</param>
/// <param name="Total">The label of the margin ("Total" / "Totaal", or "Total, all categories" where a category reads "Total").</param>
public sealed record RecordDimension(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("heading")] Bilingual Heading,
    [property: JsonPropertyName("labels")] IReadOnlyList<Bilingual> Labels,
    [property: JsonPropertyName("total")] Bilingual Total);

/// <summary>One published cell of a <see cref="ProtectedTableRecord"/>: what the table prints, never the count behind a symbol.</summary>
/// <param name="Index">One position per dimension; -1 for a total.</param>
/// <param name="Value">The published count, or null when suppressed.</param>
/// <param name="Shown">The published text, culture-invariant ("1235", "x", "&lt;10").</param>
/// <param name="Reasons">The reason codes (P, S, R, D, U; see <see cref="DisclosureReasons.Code"/>).</param>
/// <param name="Percentage">The published percentage, or null.</param>
/// <param name="PercentageShown">The published percentage text, "x", "–", or null when none was asked for.</param>
public sealed record RecordCell(
    [property: JsonPropertyName("index")] IReadOnlyList<int> Index,
    [property: JsonPropertyName("value")] long? Value,
    [property: JsonPropertyName("shown")] string Shown,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons,
    [property: JsonPropertyName("percentage")] double? Percentage = null,
    [property: JsonPropertyName("percentageShown")] string? PercentageShown = null)
{
    /// <summary>True when the count is not published.</summary>
    [JsonIgnore] public bool IsSuppressed => Value is null;
}

/// <summary>
/// What a protected table publishes, and nothing more: its published cells (counts after rounding, symbols where
/// suppressed, percentages), the reader's labels and footnote in English and Dutch, the title, source and number it
/// has on the report page, and the disclosure options the symbols sheet explains. A notebook run saves one per
/// protected table it displays (<see cref="Reporting.ProtectedTableStore"/>); <c>workbench publish --format xlsx</c>
/// writes them to the study's workbook (<see cref="StudyWorkbook"/>). The counts behind suppressed cells are not part
/// of it, so the file is as safe to keep as the published table.
/// </summary>
/// <remarks>
/// Made only from a <see cref="ProtectedTable"/> (<see cref="From"/>) or read back from the JSON a run wrote
/// (<see cref="Read"/>); its cells cannot be set from outside the library.
/// </remarks>
public sealed record ProtectedTableRecord
{
    /// <summary>The schema tag of this format.</summary>
    public const string CurrentSchema = "workbench-protected-table/1";

    [JsonConstructor]
    internal ProtectedTableRecord() { }

    /// <summary>The schema tag ("workbench-protected-table/1").</summary>
    [JsonPropertyName("schema"), JsonInclude] public string Schema { get; internal init; } = CurrentSchema;
    /// <summary>The table id on the report page (e.g. "respondents-by-sex-outcome"), or "" when it has none.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    /// <summary>The table number on the report page, or null when unnumbered.</summary>
    [JsonPropertyName("number")] public int? Number { get; init; }
    /// <summary>The title (without "Table 1."), or null for none.</summary>
    [JsonPropertyName("title")] public Bilingual? Title { get; init; }
    /// <summary>The source text (without "Source:"), or null for the National Rapporteur.</summary>
    [JsonPropertyName("source")] public Bilingual? Source { get; init; }
    /// <summary>The unit line ("Number of persons"), or null.</summary>
    [JsonPropertyName("unit")] public Bilingual? Unit { get; init; }
    /// <summary>The dimensions in order: rows, columns, layers.</summary>
    [JsonPropertyName("dimensions"), JsonInclude] public IReadOnlyList<RecordDimension> Dimensions { get; internal init; } = [];
    /// <summary>True when the first dimension's categories are nested steps of one chain, so it has no total (as on the page).</summary>
    [JsonPropertyName("nested"), JsonInclude] public bool Nested { get; internal init; }
    /// <summary>Every cell and margin in row-major order of the table extended by its totals (the total last in each dimension).</summary>
    [JsonPropertyName("cells"), JsonInclude] public IReadOnlyList<RecordCell> Cells { get; internal init; } = [];
    /// <summary>The footnote sentences, English.</summary>
    [JsonPropertyName("footnoteEn"), JsonInclude] public IReadOnlyList<string> FootnoteEn { get; internal init; } = [];
    /// <summary>The footnote sentences, Dutch.</summary>
    [JsonPropertyName("footnoteNl"), JsonInclude] public IReadOnlyList<string> FootnoteNl { get; internal init; } = [];
    /// <summary>The minimum cell count of the protection (the "x" of the symbols sheet stands for 1 to this minus one).</summary>
    [JsonPropertyName("minimumCell"), JsonInclude] public int MinimumCell { get; internal init; } = 10;
    /// <summary>True when primary suppressions print as "&lt;10".</summary>
    [JsonPropertyName("distinguishPrimary"), JsonInclude] public bool DistinguishPrimary { get; internal init; }
    /// <summary>Decimals of the percentages.</summary>
    [JsonPropertyName("decimals"), JsonInclude] public int Decimals { get; internal init; } = 1;
    /// <summary>The reason the table was released without protection, or null when it was protected.</summary>
    [JsonPropertyName("unprotectedReason"), JsonInclude] public string? UnprotectedReason { get; internal init; }

    /// <summary>Number of dimensions.</summary>
    [JsonIgnore] public int Rank => Dimensions.Count;

    /// <summary>The footnote sentences in <paramref name="language"/>.</summary>
    public IReadOnlyList<string> Footnote(Language language) => language.Choose(FootnoteEn, FootnoteNl);

    /// <summary>The cell at <paramref name="index"/> (-1 for a total).</summary>
    public RecordCell this[params int[] index] => Cells[Offset(index)];

    private int Offset(IReadOnlyList<int> index)
    {
        var offset = 0;
        for (var d = 0; d < Rank; d++)
        {
            var n = Dimensions[d].Labels.Count;
            offset = offset * (n + 1) + (index[d] == FrequencyTable.Total ? n : index[d]);
        }
        return offset;
    }

    /// <summary>
    /// The record of <paramref name="table"/>: its published cells, the dimensions' reader headings and labels (or their
    /// names and categories), the footnote in both languages and the options. Title and source are the table's own
    /// reader title and none; set <see cref="Id"/>, <see cref="Number"/>, <see cref="Title"/> and <see cref="Source"/> with
    /// <c>with</c> as the page shows them.
    /// </summary>
    public static ProtectedTableRecord From(ProtectedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new ProtectedTableRecord
        {
            Title = table.TitleIn(Language.En) is { } en ? Bilingual.Of(en, table.TitleIn(Language.Nl) ?? en) : null,
            Dimensions = table.Dimensions.Select(d => new RecordDimension(d.Name, Bilingual.Of(d.HeadingIn(Language.En), d.HeadingIn(Language.Nl)),
                Enumerable.Range(0, d.Count).Select(i => Bilingual.Of(d.LabelIn(i, Language.En), d.LabelIn(i, Language.Nl))).ToArray(),
                Bilingual.Of(Footnotes.MarginLabel(d, Language.En), Footnotes.MarginLabel(d, Language.Nl)))).ToArray(),
            Cells = table.Cells.Select(c => new RecordCell(c.Index.ToArray(), c.Value, c.Shown, DisclosureReasons.Codes(c.Reasons), c.Percentage, c.PercentageShown)).ToArray(),
            FootnoteEn = Footnotes.Sentences(table, Language.En).ToArray(),
            FootnoteNl = Footnotes.Sentences(table, Language.Nl).ToArray(),
            MinimumCell = table.Options?.MinimumCell ?? 10,
            DistinguishPrimary = table.Options?.DistinguishPrimary ?? false,
            Decimals = table.Options?.Decimals ?? 1,
            UnprotectedReason = table.UnprotectedReason,
        };
    }

    /// <summary>This record with the dimension headings, category labels and margin label the page prints, and nested marked.</summary>
    internal ProtectedTableRecord WithLabels(IReadOnlyList<(Bilingual Heading, IReadOnlyList<Bilingual> Labels)> labels, Bilingual total, bool nested) => this with
    {
        Dimensions = Dimensions.Select((d, i) => d with { Heading = labels[i].Heading, Labels = labels[i].Labels.ToArray(), Total = total }).ToArray(),
        Nested = nested,
    };

    /// <summary>JSON options for record files (indented, readable non-ASCII).</summary>
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new BilingualJsonConverter() },
    };

    /// <summary>The record as indented JSON with "\n" line endings and a final newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions).Replace("\r\n", "\n") + "\n";

    /// <summary>Reads a record file a run wrote.</summary>
    /// <exception cref="DataValidationException">Not a readable protected-table record; the error names the file and what is wrong.</exception>
    public static ProtectedTableRecord Read(string path)
    {
        ProtectedTableRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<ProtectedTableRecord>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw Bad(path, $"not a protected-table record ({ex.Message})", (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1);
        }
        if (record is null || record.Schema != CurrentSchema) throw Bad(path, $"schema is '{record?.Schema}', expected '{CurrentSchema}'");
        if (record.Rank is < 1 or > 3) throw Bad(path, $"{record.Rank} dimensions; a protected table has 1 to 3");
        var expected = record.Dimensions.Aggregate(1, (n, d) => n * (d.Labels.Count + 1));
        if (record.Cells.Count != expected) throw Bad(path, $"{record.Cells.Count} cells, expected {expected} for its dimensions and totals");
        for (var k = 0; k < record.Cells.Count; k++)
        {
            var c = record.Cells[k];
            if (c.Index.Count != record.Rank || record.Offset(c.Index) != k) throw Bad(path, $"cell {k + 1} is out of order (index {string.Join(",", c.Index)})");
            if (c.Value is null && (c.Shown.Length == 0 || char.IsAsciiDigit(c.Shown[0]))) throw Bad(path, $"cell {k + 1} has no count but shows '{c.Shown}'; a suppressed cell shows its symbol");
        }
        return record;
    }

    private static DataValidationException Bad(string path, string message, int line = 1, int column = 1) =>
        new(new DataError(path, line, column, message + "; records are written by notebook runs (`workbench verify`)"));
}
