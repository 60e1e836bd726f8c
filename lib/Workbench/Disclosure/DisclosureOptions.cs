namespace Workbench.Disclosure;

/// <summary>Which total a percentage is taken of.</summary>
public enum PercentageBase
{
    /// <summary>No percentages (the default).</summary>
    None,
    /// <summary>Share of the row total (for a one-dimensional table: of the grand total).</summary>
    Row,
    /// <summary>Share of the column total (the sum over the rows).</summary>
    Column,
    /// <summary>Share of the grand total.</summary>
    Total,
}

/// <summary>
/// Settings for <see cref="Disclosure.Protect(FrequencyTable, DisclosureOptions?)"/>, validated when set. Change one with <c>with</c>:
/// <c>new DisclosureOptions() with { RoundingBase = 1 }</c>.
/// </summary>
/// <param name="MinimumCell">Cells and margins with a count from 1 to <c>MinimumCell - 1</c> are suppressed (default 10). Zeros are published.</param>
/// <param name="RoundingBase">Published counts are rounded half up to a multiple of this (default 5; 1 publishes exact counts).</param>
/// <param name="Percentages">Which percentages to add to each cell (default <see cref="PercentageBase.None"/>).</param>
/// <param name="ProtectionWidth">
/// A suppressed cell counts as protected only when the whole numbers it can take, given everything published, span at
/// least this width (max - min). The default 1 means it cannot be recomputed exactly; a larger value (e.g. the minimum
/// cell count) is the stronger rule that the published figures never narrow a suppressed cell that much.
/// </param>
/// <param name="DistinguishPrimary">
/// When true, primary suppressions are published as "&lt;10" and secondary ones as "x", and the JSON shows codes P and S.
/// The default false publishes every suppressed cell as "x", because marking a cell as primary tells the reader it lies
/// between 1 and <see cref="MinimumCell"/> - 1. Either way the protection accounts for what the reader can infer.
/// </param>
/// <param name="Decimals">Decimals shown in percentages (default 1).</param>
public sealed record DisclosureOptions(
    int MinimumCell = 10,
    int RoundingBase = 5,
    PercentageBase Percentages = PercentageBase.None,
    int ProtectionWidth = 1,
    bool DistinguishPrimary = false,
    int Decimals = 1)
{
    private readonly int _minimumCell = CheckMinimum(MinimumCell);
    private readonly int _roundingBase = CheckRounding(RoundingBase);
    private readonly int _protectionWidth = CheckWidth(ProtectionWidth);
    private readonly int _decimals = CheckDecimals(Decimals);

    /// <summary>The minimum cell count; at least 1 (1 suppresses nothing).</summary>
    public int MinimumCell { get => _minimumCell; init => _minimumCell = CheckMinimum(value); }

    /// <summary>The rounding base; at least 1.</summary>
    public int RoundingBase { get => _roundingBase; init => _roundingBase = CheckRounding(value); }

    /// <summary>The required width of a suppressed cell's feasible range; at least 1.</summary>
    public int ProtectionWidth { get => _protectionWidth; init => _protectionWidth = CheckWidth(value); }

    /// <summary>Decimals in percentages, 0 to 4.</summary>
    public int Decimals { get => _decimals; init => _decimals = CheckDecimals(value); }

    private static int CheckMinimum(int v) => v >= 1 ? v
        : throw new ArgumentOutOfRangeException(nameof(MinimumCell), v, "The minimum cell count must be at least 1 (10 is the office's rule).");

    private static int CheckRounding(int v) => v >= 1 ? v
        : throw new ArgumentOutOfRangeException(nameof(RoundingBase), v, "The rounding base must be at least 1 (1 means no rounding; 5 is the office's rule).");

    private static int CheckWidth(int v) => v >= 1 ? v
        : throw new ArgumentOutOfRangeException(nameof(ProtectionWidth), v, "The protection width must be at least 1 (1 = no exact recomputation).");

    private static int CheckDecimals(int v) => v is >= 0 and <= 4 ? v
        : throw new ArgumentOutOfRangeException(nameof(Decimals), v, "Percentages are shown with 0 to 4 decimals.");
}
