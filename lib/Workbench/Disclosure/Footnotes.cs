namespace Workbench.Disclosure;

/// <summary>The footnote explaining a protected table's symbols, in the reader's language.</summary>
internal static class Footnotes
{
    public static string For(ProtectedTable table, Language language) =>
        string.Join(Environment.NewLine, Sentences(table, language));

    /// <summary>One sentence per symbol or rule that occurs in the table, in a fixed order.</summary>
    public static IReadOnlyList<string> Sentences(ProtectedTable table, Language language)
    {
        var culture = language.Culture();
        var lines = new List<string>();
        void Add(Phrase phrase, params object?[] args) => lines.Add(Phrases.Format(phrase, language, args));
        if (!table.IsProtected)
        {
            Add(Phrase.FootnoteUnprotected, table.UnprotectedReason);
            return lines;
        }
        var o = table.Options!;
        var min = o.MinimumCell.ToString(culture);
        var below = (o.MinimumCell - 1).ToString(culture);
        var any = table.Cells.Any(c => c.IsSuppressed);
        var anySecondary = table.Cells.Any(c => (c.Reasons & DisclosureReason.SecondarySuppression) != 0);
        if (any && !o.DistinguishPrimary)
            Add(Phrase.FootnoteSuppressed, below);
        else if (any)
        {
            if (table.Cells.Any(c => (c.Reasons & DisclosureReason.PrimarySuppression) != 0))
                Add(Phrase.FootnotePrimary, min, below);
            if (anySecondary)
                Add(Phrase.FootnoteSecondary);
        }
        if (o.RoundingBase > 1)
            Add(Phrase.FootnoteRounded, o.RoundingBase.ToString(culture));
        if (table.Cells.Any(c => (c.Reasons & DisclosureReason.PercentageWithheld) != 0))
            Add(Phrase.FootnotePercentageWithheld, min);
        if (o.Percentages != PercentageBase.None)
            Add(Phrase.FootnotePercentages);
        return lines;
    }

    /// <summary>
    /// The label of the margin of <paramref name="dimension"/>: "Total" ("Totaal"), unless a category reads the same
    /// (ignoring case and surrounding spaces), when it becomes "Total, all categories" ("Totaal, alle categorieën"), with
    /// " (margin)" added until no category reads the same, so that the margin is never mistaken for a category. A
    /// category reads as its code and as its label in <paramref name="language"/>.
    /// </summary>
    public static string MarginLabel(TableDimension dimension, Language language)
    {
        bool Taken(string label) => Enumerable.Range(0, dimension.Count).Any(i =>
            string.Equals(dimension.Categories[i].Trim(), label, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(dimension.LabelIn(i, language).Trim(), label, StringComparison.OrdinalIgnoreCase));
        var label = Phrases.Get(Phrase.Total, language);
        if (!Taken(label)) return label;
        label = Phrases.Get(Phrase.TotalAllCategories, language);
        while (Taken(label)) label += " (" + Phrases.Get(Phrase.Margin, language) + ")";
        return label;
    }
}
