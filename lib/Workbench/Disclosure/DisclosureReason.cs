namespace Workbench.Disclosure;

/// <summary>
/// Why a published cell differs from its count. A cell may carry several reasons (e.g. <see cref="Rounded"/> and
/// <see cref="PercentageWithheld"/>). The one-letter codes are given by <see cref="DisclosureReasons.Code"/>.
/// </summary>
[Flags]
public enum DisclosureReason
{
    /// <summary>Published as counted.</summary>
    None = 0,
    /// <summary>P: suppressed because the count is below the minimum cell count.</summary>
    PrimarySuppression = 1,
    /// <summary>S: suppressed so that a primary suppressed cell cannot be recomputed from the totals.</summary>
    SecondarySuppression = 2,
    /// <summary>R: the count is rounded to the rounding base.</summary>
    Rounded = 4,
    /// <summary>D: the percentage is withheld because its denominator is below the minimum cell count or suppressed.</summary>
    PercentageWithheld = 8,
    /// <summary>U: released without disclosure control, with a recorded reason.</summary>
    Unprotected = 16,
}

/// <summary>Codes and tests for <see cref="DisclosureReason"/>.</summary>
public static class DisclosureReasons
{
    /// <summary>The reasons in code order.</summary>
    public static IReadOnlyList<DisclosureReason> All { get; } =
    [
        DisclosureReason.PrimarySuppression, DisclosureReason.SecondarySuppression, DisclosureReason.Rounded,
        DisclosureReason.PercentageWithheld, DisclosureReason.Unprotected,
    ];

    /// <summary>The one-letter code of a single reason: P, S, R, D or U.</summary>
    public static string Code(DisclosureReason reason) => reason switch
    {
        DisclosureReason.PrimarySuppression => "P",
        DisclosureReason.SecondarySuppression => "S",
        DisclosureReason.Rounded => "R",
        DisclosureReason.PercentageWithheld => "D",
        DisclosureReason.Unprotected => "U",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Give a single reason."),
    };

    /// <summary>The codes of every reason in <paramref name="reasons"/>, in code order (P, S, R, D, U).</summary>
    public static IReadOnlyList<string> Codes(DisclosureReason reasons) =>
        All.Where(r => (reasons & r) != 0).Select(Code).ToArray();

    /// <summary>True when the reasons include primary or secondary suppression.</summary>
    public static bool IsSuppressed(DisclosureReason reasons) =>
        (reasons & (DisclosureReason.PrimarySuppression | DisclosureReason.SecondarySuppression)) != 0;
}
