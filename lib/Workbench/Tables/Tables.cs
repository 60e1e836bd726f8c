using Workbench.Charts;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.Statistics;
using Workbench.Text;

namespace Workbench.Tables;

/// <summary>Labels for the dimensions and categories of a table, in both languages (usually from a data dictionary).</summary>
/// <param name="Dimension">The label of a dimension (a column name such as "sex").</param>
/// <param name="Category">The label of a category (dimension name, category code).</param>
public sealed record TableLabels(Func<string, Bilingual> Dimension, Func<string, string, Bilingual> Category)
{
    private static readonly Bilingual Yes = Bilingual.Of("Yes", "Ja"), No = Bilingual.Of("No", "Nee");

    /// <summary>
    /// Labels from <paramref name="dataset"/>'s dictionary: a dimension named like a column takes that column's label,
    /// a category of a category column its code label; "yes"/"no" read Yes/Ja and No/Nee. <paramref name="extra"/>
    /// (default none) names dimensions or categories the dictionary does not know (key: a dimension name, or
    /// "dimension=code"); anything else keeps its name.
    /// </summary>
    public static TableLabels From(Dataset dataset, IReadOnlyDictionary<string, Bilingual>? extra = null)
    {
        extra ??= new Dictionary<string, Bilingual>();
        return new TableLabels(
            d => extra.TryGetValue(d, out var x) ? x : dataset.ColumnNames.Contains(d) ? dataset.Label(d) : Bilingual.Same(d),
            (d, c) =>
            {
                if (extra.TryGetValue(d + "=" + c, out var x)) return x;
                if (c == "yes") return Yes;
                if (c == "no") return No;
                try { return dataset.ColumnNames.Contains(d) ? dataset.CodeLabel(d, c) : Bilingual.Same(c); }
                catch (ArgumentException) { return Bilingual.Same(c); }
            });
    }

    /// <summary>The label with its first letter in upper case, as labels stand at the start of a table row or column ("female" reads "Female").</summary>
    public static Bilingual Capitalised(Bilingual label) => Bilingual.Of(Upper(label.En), Upper(label.Nl));

    private static string Upper(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Labels given in full by <paramref name="labels"/> (key: a dimension name, or "dimension=code"); anything else keeps its name.</summary>
    public static TableLabels Of(IReadOnlyDictionary<string, Bilingual> labels) => new(
        d => labels.TryGetValue(d, out var x) ? x : Bilingual.Same(d),
        (d, c) => labels.TryGetValue(d + "=" + c, out var x) ? x : Bilingual.Same(c));
}

/// <summary>
/// Builds publication tables (<see cref="PublicationTable"/>) next to <see cref="Figures"/>: from interval estimates
/// (survey prevalence, multiple systems estimates) and from protected frequency tables. Numbers are formatted per
/// language (48,2% / 48.2%; 5.000 / 5,000), every label comes from the caller's bilingual labels, and a protected
/// table brings its disclosure footnote. Unprotected counts are refused.
/// </summary>
public static class Tables
{
    /// <summary>
    /// A table of interval estimates: one row per (label, estimate), columns "Estimate" and the confidence interval at
    /// the estimates' level. Proportions print as percentages with one decimal, counts with thousands separators.
    /// <paramref name="rowHeader"/> heads the label column. Rows are tuples, e.g.
    /// <c>Tables.Estimates("prevalence", title, header, source, (Text.Of("Girls", "Meisjes"), girls), (Text.Of("Boys", "Jongens"), boys))</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, or estimates of different kinds or levels in one table.</exception>
    public static PublicationTable Estimates(string id, Bilingual title, Bilingual rowHeader, Bilingual source,
        params (Bilingual Label, IIntervalEstimate Estimate)[] rows)
    {
        const int decimals = 1;
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var list = rows.ToList();
        if (list.Count == 0) throw new ArgumentException($"Table '{id}' has no rows; give at least one estimate.", nameof(rows));
        var kind = list[0].Estimate.Kind;
        var level = list[0].Estimate.Level;
        if (list.Any(r => r.Estimate.Kind != kind || r.Estimate.Level != level))
            throw new ArgumentException($"Table '{id}' mixes estimates of different kinds or confidence levels; make one table per kind and level.", nameof(rows));
        string F(double v, Language l) => kind switch
        {
            EstimateKind.Proportion => NumberText.Percent(v, l, decimals),
            EstimateKind.Percent => NumberText.Percent(v / 100, l, decimals),
            _ => NumberText.Count(v, l),
        };
        string R(IIntervalEstimate e, Language l) => kind == EstimateKind.Count
            ? NumberText.CountRange(e.Lower, e.Upper, l)
            : NumberText.PercentRange(kind == EstimateKind.Percent ? e.Lower / 100 : e.Lower, kind == EstimateKind.Percent ? e.Upper / 100 : e.Upper, l, decimals);
        return new PublicationTable
        {
            Id = id,
            Title = title,
            Columns = [rowHeader, Bilingual.Of("Estimate", "Schatting"),
                Bilingual.Of(NumberText.Level(level, Language.En) + " confidence interval", NumberText.Level(level, Language.Nl) + "-betrouwbaarheidsinterval")],
            Rows = list.Select(r => new TableRow(r.Label,
                [Bilingual.Of(F(r.Estimate.Estimate, Language.En), F(r.Estimate.Estimate, Language.Nl)),
                 Bilingual.Of(R(r.Estimate, Language.En), R(r.Estimate, Language.Nl))])).ToList(),
            Source = source,
            Numbers = "estimates",
        };
    }

    /// <summary>
    /// A protected frequency table (one or two dimensions) as a publication table: categories labelled by
    /// <paramref name="labels"/>, counts as published (rounded, suppressed cells with their symbol), the table's
    /// disclosure footnote. With <paramref name="nested"/> (default false) the categories of the first dimension are
    /// nested steps of one chain (suspects, brought to court, convicted): no total is printed, because it would count
    /// people more than once.
    /// </summary>
    /// <exception cref="ArgumentException">The table is not protected (nor deliberately released), or has more than two dimensions.</exception>
    public static PublicationTable Protected(string id, Bilingual title, ProtectedTable table, TableLabels labels, Bilingual source, bool nested = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(table);
        if (!table.IsProtected && table.UnprotectedReason is null)
            throw new ArgumentException($"Table '{id}': the counts are not protected; pass Disclosure.Protect(...) (or Disclosure.ReleaseUnprotected with a reason).", nameof(table));
        if (table.Rank is < 1 or > 2)
            throw new ArgumentException($"Table '{id}' has {table.Rank} dimensions; a publication table shows one or two (split the others into separate tables).", nameof(table));
        var d0 = table.Dimensions[0];
        Bilingual Count(ProtectedCell c) => c.Value is { } v
            ? Bilingual.Of(NumberText.Count(v, Language.En), NumberText.Count(v, Language.Nl))
            : Bilingual.Same(c.Shown);
        var total = Phrases.Of(Phrase.Total);
        var rows = new List<TableRow>();
        List<Bilingual> columns;
        if (table.Rank == 1)
        {
            columns = [labels.Dimension(d0.Name), Bilingual.Of("Number", "Aantal")];
            for (var i = 0; i < d0.Count; i++) rows.Add(new TableRow(TableLabels.Capitalised(labels.Category(d0.Name, d0.Categories[i])), [Count(table[i])]));
            if (!nested) rows.Add(new TableRow(total, [Count(table[FrequencyTable.Total])], IsTotal: true));
        }
        else
        {
            var d1 = table.Dimensions[1];
            var head = labels.Dimension(d0.Name);
            var across = labels.Dimension(d1.Name);
            columns = [Bilingual.Of(head.En + " \\ " + across.En, head.Nl + " \\ " + across.Nl),
                .. d1.Categories.Select(c => TableLabels.Capitalised(labels.Category(d1.Name, c))), total];
            IEnumerable<int> RowsOf() => nested ? Enumerable.Range(0, d0.Count) : Enumerable.Range(0, d0.Count).Append(FrequencyTable.Total);
            foreach (var i in RowsOf())
            {
                var cells = Enumerable.Range(0, d1.Count).Append(FrequencyTable.Total).Select(j => Count(table[i, j])).ToList();
                rows.Add(new TableRow(i == FrequencyTable.Total ? total : TableLabels.Capitalised(labels.Category(d0.Name, d0.Categories[i])), cells, IsTotal: i == FrequencyTable.Total));
            }
        }
        var footnote = Bilingual.Of(string.Join(" ", Footnotes.Sentences(table, Language.En)), string.Join(" ", Footnotes.Sentences(table, Language.Nl)));
        // What the page prints, for the study's workbook: the same headings, category labels and margin label.
        var printed = table.Dimensions.Select(d => (labels.Dimension(d.Name),
            (IReadOnlyList<Bilingual>)d.Categories.Select(c => TableLabels.Capitalised(labels.Category(d.Name, c))).ToArray())).ToArray();
        return new PublicationTable
        {
            Id = id,
            Title = title,
            Columns = columns,
            Rows = rows,
            Unit = Bilingual.Of("Number of persons", "Aantal personen"),
            Source = source,
            // A nested chain has no total row, which the leak audit's table reader expects; its counts stay unaudited as a table.
            DisclosureFootnote = nested ? null : footnote,
            Notes = nested && footnote.En.Length > 0 ? [footnote] : [],
            Numbers = "registered-counts",
            Protected = ProtectedTableRecord.From(table).WithLabels(printed, total, nested),
        };
    }
}
