namespace Workbench.Disclosure;

/// <summary>Why a share is or is not published.</summary>
public enum ShareStatus
{
    /// <summary>The share is published: numerator and denominator are published and the denominator reaches the minimum cell count.</summary>
    Shown,
    /// <summary>The numerator is suppressed, so its share is suppressed too (shown as the table's symbol, never as a share).</summary>
    NumeratorSuppressed,
    /// <summary>The denominator (the total the share is taken of) is suppressed.</summary>
    DenominatorSuppressed,
    /// <summary>The denominator is published but below the minimum cell count (in practice: zero).</summary>
    DenominatorBelowMinimum,
}

/// <summary>One category's share of a total, computed only from published counts.</summary>
/// <param name="Label">The category.</param>
/// <param name="Cell">The published cell the share is of (its symbol and reasons say why a count is missing).</param>
/// <param name="Share">The published count divided by the published total (0 to 1, unrounded), or null when not published.</param>
/// <param name="Status">Whether the share is published and, if not, why.</param>
public sealed record ProtectedShare(string Label, ProtectedCell Cell, double? Share, ShareStatus Status)
{
    /// <summary>True when <see cref="Share"/> is published.</summary>
    public bool IsShown => Status == ShareStatus.Shown;

    /// <summary>The text a chart shows instead of a bar when the share is not published: the table's symbol ("x", "&lt;10") or "–".</summary>
    public string? Symbol => Status switch
    {
        ShareStatus.Shown => null,
        ShareStatus.NumeratorSuppressed => Cell.Shown,
        _ => "–",
    };
}

/// <summary>
/// Shares of the categories along one dimension of a <see cref="ProtectedTable"/> (for composition charts), created only
/// from a protected or deliberately released table. A suppressed count is reported as suppressed, never as a share, so
/// that a chart cannot recover it from the shares and the total.
/// </summary>
public sealed record ProtectedShares
{
    internal ProtectedShares(string name, ProtectedCell denominator, IReadOnlyList<ProtectedShare> shares, ProtectedTable source)
    {
        Name = name;
        Denominator = denominator;
        Shares = shares;
        Source = source;
    }

    /// <summary>The dimension the shares run along.</summary>
    public string Name { get; }

    /// <summary>The published total the shares are taken of.</summary>
    public ProtectedCell Denominator { get; }

    /// <summary>One share per category, in order.</summary>
    public IReadOnlyList<ProtectedShare> Shares { get; }

    /// <summary>The table the shares come from (its footnote explains the symbols).</summary>
    public ProtectedTable Source { get; }

    /// <summary>True unless the source table was released without protection.</summary>
    public bool IsProtected => Source.IsProtected;
}
