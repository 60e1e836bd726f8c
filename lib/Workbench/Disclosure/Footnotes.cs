using System.Globalization;

namespace Workbench.Disclosure;

/// <summary>The footnote explaining a protected table's symbols, in English or Dutch.</summary>
internal static class Footnotes
{
    public static string For(ProtectedTable table, TableLanguage language) =>
        string.Join(Environment.NewLine, Sentences(table, language));

    /// <summary>One sentence per symbol or rule that occurs in the table, in a fixed order.</summary>
    public static IReadOnlyList<string> Sentences(ProtectedTable table, TableLanguage language)
    {
        var nl = language == TableLanguage.Dutch;
        var culture = Culture(language);
        var lines = new List<string>();
        if (!table.IsProtected)
        {
            lines.Add(nl
                ? $"U: vrijgegeven zonder statistische geheimhouding. Reden: {table.UnprotectedReason}"
                : $"U: released without disclosure control. Reason: {table.UnprotectedReason}");
            return lines;
        }
        var o = table.Options!;
        var min = o.MinimumCell.ToString(culture);
        var below = (o.MinimumCell - 1).ToString(culture);
        var any = table.Cells.Any(c => c.IsSuppressed);
        var anySecondary = table.Cells.Any(c => (c.Reasons & DisclosureReason.SecondarySuppression) != 0);
        if (any && !o.DistinguishPrimary)
        {
            lines.Add(nl
                ? $"x: niet gepubliceerd ter bescherming van kleine aantallen (1 tot en met {below}), of om te voorkomen dat zulke aantallen uit de totalen zijn af te leiden."
                : $"x: not published, to protect small numbers (1 to {below}) or to prevent such numbers being derived from the totals.");
        }
        else if (any)
        {
            if (table.Cells.Any(c => (c.Reasons & DisclosureReason.PrimarySuppression) != 0))
                lines.Add(nl
                    ? $"<{min}: niet gepubliceerd, minder dan {min} (1 tot en met {below}) (P)."
                    : $"<{min}: not published, fewer than {min} (1 to {below}) (P).");
            if (anySecondary)
                lines.Add(nl
                    ? "x: niet gepubliceerd, zodat kleine aantallen niet uit de totalen zijn af te leiden (S)."
                    : "x: not published, so that small numbers cannot be derived from the totals (S).");
        }
        if (o.RoundingBase > 1)
        {
            var b = o.RoundingBase.ToString(culture);
            lines.Add(nl
                ? $"Aantallen zijn afgerond op een veelvoud van {b} (R); totalen zijn apart afgerond en kunnen afwijken van de som van de delen."
                : $"Counts are rounded to a multiple of {b} (R); totals are rounded separately and may differ from the sum of their parts.");
        }
        if (table.Cells.Any(c => (c.Reasons & DisclosureReason.PercentageWithheld) != 0))
            lines.Add(nl
                ? $"–: percentage niet getoond, omdat het totaal waarop het betrekking heeft kleiner is dan {min} (D)."
                : $"–: percentage not shown, because the total it refers to is below {min} (D).");
        if (o.Percentages != PercentageBase.None)
            lines.Add(nl
                ? "Percentages zijn berekend uit de gepubliceerde (afgeronde) aantallen."
                : "Percentages are computed from the published (rounded) counts.");
        return lines;
    }

    public static CultureInfo Culture(TableLanguage language) =>
        (language == TableLanguage.Dutch ? Language.Nl : Language.En).Culture();

    public static string TotalLabel(TableLanguage language) => language == TableLanguage.Dutch ? "Totaal" : "Total";

    /// <summary>
    /// The label of the margin of <paramref name="dimension"/>: "Total" ("Totaal"), unless a category reads the same
    /// (ignoring case and surrounding spaces), when it becomes "Total, all categories" ("Totaal, alle categorieën"), with
    /// " (margin)" added until no category reads the same, so that the margin is never mistaken for a category.
    /// </summary>
    public static string MarginLabel(TableDimension dimension, TableLanguage language)
    {
        bool Taken(string label) => dimension.Categories.Any(c => string.Equals(c.Trim(), label, StringComparison.OrdinalIgnoreCase));
        var label = TotalLabel(language);
        if (!Taken(label)) return label;
        label = language == TableLanguage.Dutch ? "Totaal, alle categorieën" : "Total, all categories";
        while (Taken(label)) label += language == TableLanguage.Dutch ? " (marge)" : " (margin)";
        return label;
    }

    public static string CountLabel(TableLanguage language) => language == TableLanguage.Dutch ? "Aantal" : "Count";
}
