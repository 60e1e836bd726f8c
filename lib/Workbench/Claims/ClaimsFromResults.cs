using Workbench.Statistics;

namespace Workbench.Claims;

public static partial class Claims
{
    /// <summary>
    /// Records an interval estimate (survey prevalence, proportion, survival, multiple systems estimate) with its
    /// bounds and level, each times <paramref name="scale"/> (default 1), e.g. <c>1.0 / years</c> for a yearly average.
    /// </summary>
    /// <param name="id">The ledger id.</param>
    /// <param name="estimate">The estimate.</param>
    /// <param name="scale">Factor applied to the estimate and its bounds (default 1).</param>
    public static ClaimRecord Record(string id, IIntervalEstimate estimate, double scale = 1)
    {
        var e = scale == 1 ? estimate : estimate.Scaled(scale);
        return Record(id, e.Estimate, e.Lower, e.Upper, e.Level);
    }

    /// <summary>Records a proportion in percent (estimate and interval times 100, <see cref="IntervalEstimates.Percent"/>), for ledger rows in percent.</summary>
    public static ClaimRecord RecordPercent(string id, IIntervalEstimate estimate) => Record(id, estimate.Percent());

    /// <summary>Records a proportion as a proportion (for "one in n" ledger rows).</summary>
    public static ClaimRecord RecordProportion(string id, IIntervalEstimate estimate) => Record(id, estimate);
}
