using System.Net;
using System.Text;
using Workbench.Disclosure;
using Workbench.Export;
using Workbench.Text;

namespace Workbench.Tables;

/// <summary>One row of a <see cref="PublicationTable"/>: its label and one cell per value column, each in both languages.</summary>
/// <param name="Label">The row label (a category label from the data dictionary, an estimate's domain).</param>
/// <param name="Cells">The cells after the label, as printed (numbers already formatted per language).</param>
/// <param name="IsTotal">True for a total row (set apart in the rendering).</param>
public sealed record TableRow(Bilingual Label, IReadOnlyList<Bilingual> Cells, bool IsTotal = false);

/// <summary>
/// A table as the office publishes it: a numbered caption ("Table 1. ..." / "Tabel 1. ..."), labelled columns and rows
/// in the reader's language, numbers formatted for that language, the unit, a source line and footnotes (disclosure
/// control). Built by <see cref="Tables"/> from estimates or protected tables, never from raw records; shown in a
/// notebook it renders in both languages (MIME type <see cref="Reporting.PublishedMime.Table"/>), so the report shows it
/// in the page's language.
/// </summary>
public sealed record PublicationTable
{
    /// <summary>A stable id (used for the element id), e.g. "sv-prevalence-by-sex".</summary>
    public required string Id { get; init; }
    /// <summary>The table number in its study, or null for an unnumbered table.</summary>
    public int? Number { get; init; }
    /// <summary>The title, without "Table 1.".</summary>
    public required Bilingual Title { get; init; }
    /// <summary>The header of the label column and of each value column.</summary>
    public required IReadOnlyList<Bilingual> Columns { get; init; }
    /// <summary>The rows.</summary>
    public required IReadOnlyList<TableRow> Rows { get; init; }
    /// <summary>The unit of the numbers ("percent of young adults"), or null.</summary>
    public Bilingual? Unit { get; init; }
    /// <summary>The source line ("Source: ...").</summary>
    public required Bilingual Source { get; init; }
    /// <summary>Footnotes under the table (disclosure control, method).</summary>
    public IReadOnlyList<Bilingual> Notes { get; init; } = [];
    /// <summary>What the numbers are: "estimates" or "registered-counts" (recorded for the disclosure audit).</summary>
    public required string Numbers { get; init; }
    /// <summary>
    /// The disclosure footnote of a protected table (null for estimates). A table with one is written in the form the leak
    /// audit reads (<c>div.protected-table</c>, the footnote in <c>p.footnote</c>), so its published counts are audited.
    /// </summary>
    public Bilingual? DisclosureFootnote { get; init; }

    /// <summary>The published content of the protected table this was built from (null for estimates); see <see cref="ProtectedRecord"/>.</summary>
    internal ProtectedTableRecord? Protected { get; init; }

    /// <summary>
    /// The protected table behind this table as the page shows it (id, number, title, labels, source, unit), for the
    /// study's workbook; null for a table of estimates, which is not a protected table.
    /// </summary>
    public ProtectedTableRecord? ProtectedRecord() =>
        Protected is null ? null : Protected with { Id = Id, Number = Number, Title = Title, Source = Source, Unit = Unit };

    /// <summary>This table numbered <paramref name="number"/> ("Table 2").</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is below 1.</exception>
    public PublicationTable WithNumber(int number) =>
        number >= 1 ? this with { Number = number } : throw new ArgumentOutOfRangeException(nameof(number), number, "Table numbers start at 1.");

    /// <summary>This table with the unit line <paramref name="unit"/>.</summary>
    public PublicationTable WithUnit(Bilingual unit) => this with { Unit = unit };

    /// <summary>This table with one more footnote.</summary>
    public PublicationTable WithNote(Bilingual note) => this with { Notes = [.. Notes, note] };

    /// <summary>The caption in <paramref name="language"/>: "Table 1. Title" / "Tabel 1. Title", or the title alone when unnumbered.</summary>
    public string Caption(Language language) =>
        Number is { } n ? $"{Phrases.Format(Phrase.TableNumber, language, n)}. {Title.In(language)}" : Title.In(language);

    /// <summary>The table in one language as an HTML fragment (every text escaped).</summary>
    public string Html(Language language)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var code = language.Code();
        var sb = new StringBuilder();
        sb.Append("<figure class=\"wb-table\" id=\"tbl-").Append(E(SafeFileName.From(Id))).Append('-').Append(code).Append("\">\n");
        if (DisclosureFootnote is not null) sb.Append("<div class=\"protected-table\" lang=\"").Append(code).Append("\">\n");
        sb.Append("<table>\n");
        sb.Append("<caption>").Append(E(Caption(language))).Append("</caption>\n<thead><tr>");
        for (var i = 0; i < Columns.Count; i++)
            sb.Append("<th scope=\"col\"").Append(i > 0 ? " class=\"num\"" : "").Append('>').Append(E(Columns[i].In(language))).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in Rows)
        {
            sb.Append(row.IsTotal ? "<tr class=\"total\">" : "<tr>").Append("<th scope=\"row\">").Append(E(row.Label.In(language))).Append("</th>");
            foreach (var c in row.Cells) sb.Append("<td class=\"num\">").Append(E(c.In(language))).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        if (DisclosureFootnote is not null) sb.Append("<p class=\"footnote\">").Append(E(DisclosureFootnote.In(language))).Append("</p>\n</div>\n");
        sb.Append("<figcaption>\n");
        if (Unit is not null) sb.Append("<p class=\"unit\">").Append(E(Unit.In(language))).Append("</p>\n");
        foreach (var note in Notes) sb.Append("<p class=\"note\">").Append(E(note.In(language))).Append("</p>\n");
        sb.Append("<p class=\"source\">").Append(E(Phrases.Format(Phrase.SourceOf, language, Source.In(language)))).Append("</p>\n");
        sb.Append("</figcaption>\n</figure>\n");
        return sb.ToString();
    }

    /// <summary>The table in English and Dutch (<see cref="LanguageHtml.Both"/>), <paramref name="shown"/> visible (default English): what a notebook displays.</summary>
    public string BothHtml(Language shown = Language.En) => LanguageHtml.Both(Html(Language.En), Html(Language.Nl), shown: shown.Code());

    /// <summary>The table as plain text in <paramref name="language"/> (tab-separated), for a notebook's text view.</summary>
    public string ToText(Language language = Language.En)
    {
        var sb = new StringBuilder(Caption(language)).Append('\n');
        sb.Append(string.Join('\t', Columns.Select(c => c.In(language)))).Append('\n');
        foreach (var r in Rows) sb.Append(r.Label.In(language)).Append('\t').Append(string.Join('\t', r.Cells.Select(c => c.In(language)))).Append('\n');
        foreach (var n in Notes) sb.Append(n.In(language)).Append('\n');
        sb.Append(Phrases.Format(Phrase.SourceOf, language, Source.In(language)));
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToText();
}
