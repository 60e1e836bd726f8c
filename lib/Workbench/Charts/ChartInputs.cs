using Workbench.Data;

namespace Workbench.Charts;

/// <summary>Whether the numbers in a figure are survey or model estimates, registered counts, or both.</summary>
public enum NumberKind
{
    /// <summary>Estimates (from a sample survey or a model) with their uncertainty.</summary>
    Estimates,
    /// <summary>Counts of registered cases.</summary>
    RegisteredCounts,
    /// <summary>Estimates shown beside registered counts.</summary>
    EstimatesAndRegisteredCounts,
}

/// <summary>The published names of <see cref="NumberKind"/> (in the chart manifest and the chart's <c>layout.meta.workbench</c>).</summary>
public static class NumberKinds
{
    /// <summary>"estimates", "registered-counts" or "estimates-and-registered-counts".</summary>
    public static string Name(NumberKind kind) => kind switch
    {
        NumberKind.Estimates => "estimates",
        NumberKind.RegisteredCounts => "registered-counts",
        _ => "estimates-and-registered-counts",
    };
}

/// <summary>The value scale of a trend or composition: proportions (shown as %), counts, or plain numbers.</summary>
public enum ValueScale
{
    /// <summary>Proportions between 0 and 1, shown as percentages.</summary>
    Proportion,
    /// <summary>Counts, shown with thousands separators.</summary>
    Count,
    /// <summary>Other numbers, shown with one decimal.</summary>
    Number,
}

/// <summary>One estimated proportion with its confidence interval, for prevalence bars.</summary>
/// <param name="Category">What was measured (the x-axis category), e.g. "experienced sexual violence".</param>
/// <param name="Group">The group the bar belongs to (the series), e.g. "girls" / "boys".</param>
/// <param name="Estimate">The proportion, 0..1.</param>
/// <param name="Lower">Lower confidence limit, 0..Estimate.</param>
/// <param name="Upper">Upper confidence limit, Estimate..1.</param>
/// <param name="Level">Confidence level (default 0.95).</param>
public sealed record ProportionPoint(Bilingual Category, Bilingual Group, double Estimate, double Lower, double Upper, double Level = 0.95);

/// <summary>An estimated number with its range, beside the registered count, for an estimate-range chart.</summary>
/// <param name="Category">The row label, e.g. a year or a form of exploitation.</param>
/// <param name="Low">Lower end of the range (e.g. the lower confidence limit).</param>
/// <param name="Point">The point estimate.</param>
/// <param name="High">Upper end of the range.</param>
/// <param name="Registered">The registered (observed) count, or null when none is shown. Small counts are refused unless protected.</param>
/// <param name="Level">Confidence level of the range (default 0.95).</param>
public sealed record RangePoint(Bilingual Category, double Low, double Point, double High, double? Registered = null, double Level = 0.95);

/// <summary>One point of a trend.</summary>
/// <param name="Period">The period label as readers see it (e.g. "2021" or "2021/22"); the same in both languages.</param>
/// <param name="Series">The series (line) the point belongs to.</param>
/// <param name="Estimate">The value.</param>
/// <param name="Lower">Lower confidence limit, or null for no band.</param>
/// <param name="Upper">Upper confidence limit, or null for no band.</param>
/// <param name="Level">Confidence level of the band (default 0.95).</param>
public sealed record TrendPoint(string Period, Bilingual Series, double Estimate, double? Lower = null, double? Upper = null, double Level = 0.95);

/// <summary>One part of a 100% composition bar, as a share or as an (estimated) amount; rows are normalised to 100%.</summary>
/// <param name="Category">The bar (row), e.g. "girls".</param>
/// <param name="Part">The segment, e.g. "known to the victim".</param>
/// <param name="Value">The share or amount (non-negative).</param>
public sealed record CompositionPart(Bilingual Category, Bilingual Part, double Value);
