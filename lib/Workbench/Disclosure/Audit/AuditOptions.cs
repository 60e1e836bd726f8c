namespace Workbench.Disclosure.Audit;

/// <summary>
/// Settings for <see cref="LeakAudit"/>, validated when set: <c>new AuditOptions() with { ProtectionWidth = 5 }</c>.
/// </summary>
/// <param name="MinimumCell">
/// The office's threshold (default 10): a count from 1 to <c>MinimumCell - 1</c> that a reader can read or derive is a
/// finding, whatever options the tables were protected with.
/// </param>
/// <param name="ProtectionWidth">
/// A suppressed cell is exposed when the whole numbers it can take, given everything published together, span less than
/// this width (max - min). The default 1 flags exact recovery; a larger value also flags cells narrowed below it.
/// </param>
public sealed record AuditOptions(int MinimumCell = 10, int ProtectionWidth = 1)
{
    private readonly int _minimumCell = CheckMinimum(MinimumCell);
    private readonly int _protectionWidth = CheckWidth(ProtectionWidth);

    /// <summary>The threshold; at least 1.</summary>
    public int MinimumCell { get => _minimumCell; init => _minimumCell = CheckMinimum(value); }

    /// <summary>The required width of a suppressed cell's feasible range; at least 1.</summary>
    public int ProtectionWidth { get => _protectionWidth; init => _protectionWidth = CheckWidth(value); }

    private static int CheckMinimum(int v) => v >= 1 ? v
        : throw new ArgumentOutOfRangeException(nameof(MinimumCell), v, "The minimum cell count must be at least 1 (10 is the office's rule).");

    private static int CheckWidth(int v) => v >= 1 ? v
        : throw new ArgumentOutOfRangeException(nameof(ProtectionWidth), v, "The protection width must be at least 1 (1 = no exact recomputation).");
}

/// <summary>One leak found in published output.</summary>
/// <param name="Page">The published file, relative to the audited folder (e.g. "report/05-regional-approach.en.html").</param>
/// <param name="Element">The table (by caption), chart (by id) or display the number is in.</param>
/// <param name="Cell">The cell, bar or field (e.g. "den-haag / yes").</param>
/// <param name="Why">What a reader can learn and how.</param>
public sealed record AuditFinding(string Page, string Element, string Cell, string Why)
{
    /// <inheritdoc />
    public override string ToString() => $"{Page} / {Element} / {Cell} / {Why}";
}

/// <summary>The outcome of <see cref="LeakAudit.Run"/>.</summary>
/// <param name="Findings">Every leak found, in page order.</param>
/// <param name="Pages">Number of published files read.</param>
/// <param name="Tables">Number of protected tables read.</param>
/// <param name="Figures">Number of chart data sets read.</param>
/// <param name="SuppressedCells">Number of suppressed cells the attacker tried to recover.</param>
/// <param name="Notes">What the audit could not use (e.g. a group of figures that contradict each other), for the log.</param>
public sealed record AuditReport(
    IReadOnlyList<AuditFinding> Findings, int Pages, int Tables, int Figures, int SuppressedCells, IReadOnlyList<string> Notes)
{
    /// <summary>True when nothing leaks.</summary>
    public bool Clean => Findings.Count == 0;
}
