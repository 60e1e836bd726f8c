using Workbench.Data;

namespace Workbench.Synthetic;

/// <summary>Short constructors for dictionary columns, so each generator reads as a table of its columns.</summary>
internal static class Columns
{
    public const string Licence = "CC0-1.0";

    public static string Source(int seed) =>
        $"Synthetic data calibrated to published figures (Workbench generator, seed {seed}); not real observations.";

    public static ColumnDefinition Id(string name, string en, string nl, string? description = null) =>
        new() { Name = name, Type = ColumnType.Identifier, Label = new(en, nl), Description = description };

    public static ColumnDefinition Int(string name, string en, string nl, double? min, double? max, string? unit = null,
        string? description = null, bool required = true) =>
        new()
        {
            Name = name, Type = ColumnType.Integer, Label = new(en, nl), Min = min, Max = max, Unit = unit,
            Description = description, Required = required,
        };

    public static ColumnDefinition Dec(string name, string en, string nl, double? min, double? max, string? unit = null,
        string? description = null, ColumnRole role = ColumnRole.None, bool required = true) =>
        new()
        {
            Name = name, Type = ColumnType.Decimal, Label = new(en, nl), Min = min, Max = max, Unit = unit,
            Description = description, Role = role, Required = required,
        };

    public static ColumnDefinition Flag(string name, string en, string nl, string description,
        ColumnRole role = ColumnRole.Outcome, bool required = true) =>
        new()
        {
            Name = name, Type = ColumnType.Boolean, Label = new(en, nl), Description = description, Role = role,
            Required = required,
        };

    public static ColumnDefinition Category(string name, string en, string nl, IReadOnlyList<CategoryCode> codes,
        string? description = null, ColumnRole role = ColumnRole.None, bool required = true) =>
        new()
        {
            Name = name, Type = ColumnType.Category, Label = new(en, nl), Codes = codes, Description = description,
            Role = role, Required = required,
        };

    public static CategoryCode Code(string code, string en, string nl) => new(code, new Bilingual(en, nl));

    public static IReadOnlyList<CategoryCode> Sex { get; } =
    [
        Code("F", "female", "vrouw"),
        Code("M", "male", "man"),
    ];
}
