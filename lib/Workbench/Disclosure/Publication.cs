using System.Globalization;

namespace Workbench.Disclosure;

/// <summary>Turns suppression decisions into published cells: symbols, rounding, percentages and reason codes.</summary>
internal static class Publication
{
    /// <summary>Rounds half up to the nearest multiple of <paramref name="roundingBase"/> (12 → 10, 13 → 15 for base 5; 15 → 20 for base 10).</summary>
    public static long RoundHalfUp(long value, int roundingBase) =>
        roundingBase <= 1 ? value : (value + roundingBase / 2) / roundingBase * roundingBase;

    /// <summary>The text shown for a suppressed cell.</summary>
    public static string SuppressedSymbol(DisclosureReason reasons, DisclosureOptions options) =>
        options.DistinguishPrimary && (reasons & DisclosureReason.PrimarySuppression) != 0
            ? "<" + options.MinimumCell.ToString(CultureInfo.InvariantCulture)
            : "x";

    /// <summary>The reason codes as published: without <see cref="DisclosureOptions.DistinguishPrimary"/>, P and S both read "x".</summary>
    public static IReadOnlyList<string> PublishedCodes(ProtectedCell cell, DisclosureOptions? options)
    {
        var codes = DisclosureReasons.Codes(cell.Reasons).ToList();
        if (options is { DistinguishPrimary: false } && cell.IsSuppressed)
        {
            codes.RemoveAll(c => c is "P" or "S");
            codes.Insert(0, "x");
        }
        return codes;
    }

    public static ProtectedTable Build(FrequencyTable table, DisclosureOptions options, DisclosureReason[] suppression, LinkedSet? linked = null)
    {
        var n = table.ExtendedLength;
        var published = new long?[n];
        var reasons = new DisclosureReason[n];
        for (var k = 0; k < n; k++)
        {
            reasons[k] = suppression[k];
            if (suppression[k] != DisclosureReason.None) continue;
            published[k] = RoundHalfUp(table.AtOffset(k), options.RoundingBase);
            if (options.RoundingBase > 1) reasons[k] |= DisclosureReason.Rounded;
        }
        var cells = new ProtectedCell[n];
        for (var k = 0; k < n; k++)
        {
            var index = table.IndexOf(k);
            double? pct = null;
            string? pctShown = null;
            if (options.Percentages != PercentageBase.None)
            {
                var den = table.Offset(DenominatorIndex(index, options.Percentages));
                if (published[k] is null)
                {
                    pctShown = SuppressedSymbol(reasons[k], options);
                }
                else if (published[den] is not { } d || d == 0 || table.AtOffset(den) < options.MinimumCell)
                {
                    reasons[k] |= DisclosureReason.PercentageWithheld;
                    pctShown = "–";
                }
                else
                {
                    pct = Percent(published[k]!.Value, d, options.Decimals);
                    pctShown = pct.Value.ToString("F" + options.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                }
            }
            var shown = published[k] is { } v ? v.ToString(CultureInfo.InvariantCulture) : SuppressedSymbol(reasons[k], options);
            cells[k] = new ProtectedCell(index, Labels(table, index), published[k], shown, reasons[k], pct, pctShown);
        }
        return new ProtectedTable(table, options, cells, unprotectedReason: null, linked);
    }

    /// <summary>
    /// 100 · numerator / denominator rounded half away from zero to <paramref name="decimals"/>, in decimal arithmetic so
    /// that a tie is a tie (in binary, 100 · 201 / 20000 = 1.005 is stored just below and would round down to 1.00).
    /// </summary>
    internal static double Percent(long numerator, long denominator, int decimals) =>
        (double)Math.Round(100m * numerator / denominator, decimals, MidpointRounding.AwayFromZero);

    public static ProtectedTable BuildUnprotected(FrequencyTable table, string reason)
    {
        var cells = new ProtectedCell[table.ExtendedLength];
        for (var k = 0; k < cells.Length; k++)
        {
            var index = table.IndexOf(k);
            var v = table.AtOffset(k);
            cells[k] = new ProtectedCell(index, Labels(table, index), v, v.ToString(CultureInfo.InvariantCulture),
                DisclosureReason.Unprotected, null, null);
        }
        return new ProtectedTable(table, options: null, cells, reason);
    }

    private static int[] DenominatorIndex(int[] index, PercentageBase percentageBase)
    {
        var den = (int[])index.Clone();
        switch (percentageBase)
        {
            case PercentageBase.Row:
                den[index.Length >= 2 ? 1 : 0] = FrequencyTable.Total;
                break;
            case PercentageBase.Column:
                den[0] = FrequencyTable.Total;
                break;
            default:
                Array.Fill(den, FrequencyTable.Total);
                break;
        }
        return den;
    }

    private static string[] Labels(FrequencyTable table, int[] index) =>
        index.Select((i, d) => i == FrequencyTable.Total ? Footnotes.MarginLabel(table.Dimensions[d], Language.En) : table.Dimensions[d].Categories[i]).ToArray();
}
