using Workbench.Estimation;
using Workbench.Statistics;

namespace Workbench.Claims;

public static partial class Claims
{
    /// <summary>Records a survey proportion in percent (estimate and interval times 100), for ledger rows in percent.</summary>
    public static ClaimRecord RecordPercent(string id, SurveyEstimate estimate) =>
        Record(id, estimate.Estimate * 100, estimate.Lower * 100, estimate.Upper * 100, estimate.Level);

    /// <summary>Records a proportion with its interval in percent, for ledger rows in percent.</summary>
    public static ClaimRecord RecordPercent(string id, ProportionEstimate estimate) =>
        Record(id, estimate.Estimate * 100, estimate.Lower * 100, estimate.Upper * 100, estimate.Level);

    /// <summary>Records a survey proportion as a proportion (for "one in n" ledger rows).</summary>
    public static ClaimRecord RecordProportion(string id, SurveyEstimate estimate) =>
        Record(id, estimate.Estimate, estimate.Lower, estimate.Upper, estimate.Level);

    /// <summary>Records a multiple systems estimate N-hat with its interval (persons).</summary>
    public static ClaimRecord Record(string id, MseResult result) =>
        Record(id, result.Estimate, result.Lower, result.Upper, result.Level);
}
