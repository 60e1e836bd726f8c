namespace Workbench.Provenance;

/// <summary>
/// Where the library, running inside a notebook, records what a run must collect: the claims it reproduces, the figures
/// it displays (as specs for export, in both languages), the protected tables it displays and its provenance events. A worker of <c>workbench run</c> or
/// <c>workbench verify</c> sets <see cref="Current"/> from the run's options before the notebook's first cell; nothing
/// is read from environment variables, so one run's destinations never leak into another process or run.
/// </summary>
/// <param name="ClaimsFile">The JSON-lines file <c>Claims.Record(...)</c> appends to, or null (default) for none.</param>
/// <param name="FiguresFolder">The folder every displayed figure is saved to as a spec, or null (default) for none.</param>
/// <param name="ProvenanceFile">The JSON-lines file provenance events are appended to, or null (default) for none.</param>
/// <param name="TablesFolder">
/// The folder every displayed protected publication table is saved to as a <see cref="Disclosure.ProtectedTableRecord"/>
/// (for the study's workbook), or null (default) for none.
/// </param>
public sealed record RunContext(string? ClaimsFile = null, string? FiguresFolder = null, string? ProvenanceFile = null, string? TablesFolder = null)
{
    private static RunContext _current = new();

    /// <summary>An empty context: records stay in memory only.</summary>
    public static RunContext None { get; } = new();

    /// <summary>
    /// The context of the run this process serves (default <see cref="None"/>). Set once by the worker before the first
    /// cell; reads and writes are atomic.
    /// </summary>
    public static RunContext Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value ?? throw new ArgumentNullException(nameof(value), "RunContext.Current cannot be null; use RunContext.None."));
    }
}
