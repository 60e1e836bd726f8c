namespace Workbench.Notebooks.Publishing;

/// <summary>A stretch of text with its emphasis.</summary>
/// <param name="Text">The text.</param>
/// <param name="Bold">Strong emphasis (markdown <c>**</c>).</param>
/// <param name="Italic">Emphasis (markdown <c>*</c>).</param>
public sealed record TextRun(string Text, bool Bold = false, bool Italic = false);

/// <summary>One block of a publication, in reading order.</summary>
public abstract record DocumentBlock;

/// <summary>A heading; level 1 is the document title.</summary>
/// <param name="Level">1-6.</param>
/// <param name="Text">The heading text.</param>
public sealed record Heading(int Level, string Text) : DocumentBlock;

/// <summary>A paragraph of narrative, or one item of a bulleted list.</summary>
/// <param name="Runs">The text.</param>
/// <param name="ListItem">True for a bulleted list item.</param>
public sealed record Paragraph(IReadOnlyList<TextRun> Runs, bool ListItem = false) : DocumentBlock
{
    /// <summary>The plain text.</summary>
    public string Text => string.Concat(Runs.Select(r => r.Text));
}

/// <summary>A figure: the exported chart with its caption, alt text and source line.</summary>
/// <param name="Id">The figure id.</param>
/// <param name="Caption">"Figure 1. ..." / "Figuur 1. ...".</param>
/// <param name="AltText">The alt text (every image carries it).</param>
/// <param name="Source">The source line as printed.</param>
/// <param name="Png">The 300 dpi PNG (full path).</param>
/// <param name="Svg">The SVG (full path), or null.</param>
public sealed record FigureBlock(string Id, string Caption, string AltText, string Source, string Png, string? Svg) : DocumentBlock;

/// <summary>A publication table.</summary>
/// <param name="Caption">"Table 1. ..." / "Tabel 1. ...".</param>
/// <param name="Header">Header rows (column labels).</param>
/// <param name="Body">Body rows; a row's first cell may be a row header.</param>
/// <param name="Notes">Notes under the table, such as the disclosure footnote.</param>
/// <param name="Source">The source line.</param>
public sealed record TableBlock(string Caption, IReadOnlyList<IReadOnlyList<TableCell>> Header, IReadOnlyList<IReadOnlyList<TableCell>> Body,
    IReadOnlyList<string> Notes, string Source) : DocumentBlock;

/// <summary>A table cell.</summary>
/// <param name="Text">The cell text.</param>
/// <param name="IsHeader">A column or row header.</param>
public sealed record TableCell(string Text, bool IsHeader = false);

/// <summary>The published figures of the study with what the verify run reproduced.</summary>
/// <param name="Caption">The table's heading text.</param>
/// <param name="Columns">Column labels in the document's language.</param>
/// <param name="Rows">One row per claim.</param>
public sealed record ClaimsBlock(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<ClaimRow> Rows) : DocumentBlock;

/// <summary>One claim in the claims table, formatted for the document's language.</summary>
/// <param name="Id">The ledger id.</param>
/// <param name="Sentence">The published sentence in the document's language.</param>
/// <param name="Published">The figure as printed.</param>
/// <param name="Reproduced">The reproduced value.</param>
/// <param name="Interval">The reproduced interval, or empty.</param>
/// <param name="Verdict">The verdict word.</param>
public sealed record ClaimRow(string Id, string Sentence, string Published, string Reproduced, string Interval, string Verdict);

/// <summary>
/// One study in one language as a publication: the title, the narrative in that language, figures, publication
/// tables, the claims table and provenance. Code, engine output and raw records are not part of it; the writers
/// (<see cref="DocxWriter"/>, <see cref="PublicationHtml"/>) only lay it out.
/// </summary>
/// <param name="Study">The study name, e.g. "01-sexual-violence-prevalence".</param>
/// <param name="Language">"en" or "nl".</param>
/// <param name="Title">The document title (the study's first heading).</param>
/// <param name="Blocks">The content after the title, in reading order.</param>
/// <param name="Provenance">Lines on where the document comes from (commit, verify date, data files).</param>
public sealed record PublicationDocument(string Study, string Language, string Title, IReadOnlyList<DocumentBlock> Blocks,
    IReadOnlyList<string> Provenance);
