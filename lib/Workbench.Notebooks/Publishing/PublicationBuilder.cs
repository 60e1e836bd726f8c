using System.Globalization;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Workbench.Data;
using Workbench.Export;
using Workbench.Reporting;

namespace Workbench.Notebooks.Publishing;

/// <summary>
/// Builds the <see cref="PublicationDocument"/> of one study in one language from a verified run's executed notebook.
/// </summary>
/// <remarks>
/// Cells follow the conventions of Jupyter Book and Quarto, read from <c>metadata.tags</c>: <c>remove-cell</c> leaves
/// the cell out, <c>remove-input</c> leaves out a markdown cell (its text is its input) and <c>remove-output</c> the
/// outputs of a code cell; a cell tagged <c>lang-nl</c> or <c>lang-en</c> appears only in that language (untagged
/// narrative in both). Code never appears. Of the outputs, only figures (by their id, from the run's chart export)
/// and captioned HTML tables are kept, each in the document's language; text, records and engine messages are not.
/// </remarks>
public static class PublicationBuilder
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private static readonly HtmlParser Html = new();

    /// <summary>The document of <paramref name="study"/> in <paramref name="language"/> ("en" or "nl").</summary>
    /// <exception cref="InvalidOperationException">The run did not verify the study (see <see cref="VerifiedRun.Refusal"/>).</exception>
    /// <exception cref="DataValidationException">The executed notebook cannot be read, or a figure it shows was not exported.</exception>
    public static PublicationDocument Build(VerifiedRun run, string study, string language)
    {
        if (run.Refusal(study) is { } refusal) throw new InvalidOperationException(refusal);
        var verdict = run.Study(study)!;
        var path = run.NotebookPath(verdict);
        JsonNode notebook;
        try
        {
            notebook = JsonNode.Parse(File.ReadAllText(path)) ?? throw new System.Text.Json.JsonException("empty file");
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException)
        {
            throw new DataValidationException(new DataError(path, 1, 1, $"the executed notebook cannot be read ({ex.Message}); rerun `workbench verify`"));
        }
        // Numbers in the narrative are bound to the values the notebook computed ({{ name:N1 }}), as on the report pages.
        var values = Studies.ReportNotebook.Read(notebook, path).Values;
        var readerLanguage = LanguageExtensions.ParseLanguage(language);
        var blocks = new List<DocumentBlock>();
        var tables = 0;
        foreach (var cell in notebook["cells"]?.AsArray() ?? [])
        {
            if (cell is null) continue;
            var tags = (cell["metadata"]?["tags"]?.AsArray() ?? []).Select(t => (string?)t ?? "").ToHashSet(StringComparer.Ordinal);
            if (tags.Contains("remove-cell")) continue;
            if (tags.Any(t => t.StartsWith("lang-", StringComparison.Ordinal)) && !tags.Contains("lang-" + language)) continue;
            switch ((string?)cell["cell_type"])
            {
                case "markdown" when !tags.Contains("remove-input"):
                    blocks.AddRange(Narrative(Studies.StudyReport.Fill(Text(cell["source"]), values, readerLanguage, out _)));
                    break;
                case "code" when !tags.Contains("remove-output"):
                    // What the report page shows, and nothing else: house-style figures and publication tables. A
                    // working display (display(HTML(...)), a DataFrame, a raw ProtectedTable) never reaches a document.
                    foreach (var output in cell["outputs"]?.AsArray() ?? [])
                        if (FigureMime.Html(output?["data"]) is { } figure)
                            blocks.AddRange(Outputs(run, language, figure, path, ref tables));
                        else if (output?["data"]?[PublishedMime.Table] is { } table)
                            blocks.AddRange(Outputs(run, language, Text(table), path, ref tables));
                        else if (output?["data"]?["text/html"] is { } html && Text(html) is var h && h.Contains("<figure class=\"wb-figure\"", StringComparison.Ordinal))
                            blocks.AddRange(Outputs(run, language, h, path, ref tables));
                    break;
            }
        }
        // A table without a source line of its own has the data of the study's figures, or the generator's.
        var source = blocks.OfType<FigureBlock>().FirstOrDefault()?.Source ?? DefaultSource(language);
        for (var i = 0; i < blocks.Count; i++)
            if (blocks[i] is TableBlock { Source: "" } t) blocks[i] = t with { Source = source };
        var title = blocks.OfType<Heading>().FirstOrDefault(h => h.Level == 1)?.Text ?? study;
        var first = blocks.FindIndex(b => b is Heading { Level: 1 });
        if (first >= 0) blocks.RemoveAt(first);
        blocks.Add(new Heading(2, Phrases.Get(Phrase.PublishedFigures, LanguageExtensions.FromTag(language))));
        blocks.Add(Claims(run, study, language));
        return new PublicationDocument(study, language, title, blocks, Provenance(run, study, language));
    }

    private static ClaimsBlock Claims(VerifiedRun run, string study, string language)
    {
        var lang = LanguageExtensions.FromTag(language);
        string[] columns = [Phrases.Get(Phrase.PublishedSentence, lang), Phrases.Get(Phrase.Published, lang), Phrases.Get(Phrase.Reproduced, lang), "Interval", Phrases.Get(Phrase.Verdict, lang)];
        var rows = run.ClaimsOf(study).Select(c => new ClaimRow(c.Id, ClaimText.Sentence(c.Entry!, language), ClaimText.Published(c.Entry!, language),
            ClaimText.Reproduced(c, language), ClaimText.Interval(c, language), ClaimText.Verdict(c.Verdict, language))).ToList();
        return new ClaimsBlock(Phrases.Get(Phrase.PublishedClaimsCaption, lang), columns, rows);
    }

    private static List<string> Provenance(VerifiedRun run, string study, string language)
    {
        var lang = LanguageExtensions.FromTag(language);
        var lines = new List<string>
        {
            Phrases.Format(Phrase.VerifiedOn, lang, run.Verification.Finished.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", lang.Culture())) +
            (run.Commit is { Length: >= 12 } c ? ", commit " + c[..12] + (run.Dirty ? " (" + Phrases.Get(Phrase.WithLocalChanges, lang) + ")" : "") : "") + ".",
        };
        if (run.DataFiles.TryGetValue(study, out var files))
            lines.AddRange(files.Select(f => Phrases.Format(Phrase.DataLine, lang, f.File + " (SHA-256 " + f.Sha256[..Math.Min(16, f.Sha256.Length)] + "...)")));
        lines.Add(Phrases.Get(Phrase.SyntheticNote, lang));
        return lines;
    }

    private static IEnumerable<DocumentBlock> Narrative(string markdown)
    {
        var doc = Markdig.Markdown.Parse(markdown, Markdown);
        foreach (var block in doc) foreach (var b in FromMarkdown(block, listItem: false)) yield return b;
    }

    private static IEnumerable<DocumentBlock> FromMarkdown(Block block, bool listItem)
    {
        switch (block)
        {
            case HeadingBlock h:
                yield return new Heading(h.Level, string.Concat(Runs(h.Inline).Select(r => r.Text)).Trim());
                break;
            case ParagraphBlock p:
                var runs = Runs(p.Inline).ToList();
                if (runs.Count > 0) yield return new Paragraph(runs, listItem);
                break;
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                    foreach (var child in item)
                        foreach (var b in FromMarkdown(child, listItem: true)) yield return b;
                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                    foreach (var b in FromMarkdown(child, listItem)) yield return b;
                break;
            // Code blocks, raw HTML and thematic breaks are not narrative.
        }
    }

    private static IEnumerable<TextRun> Runs(ContainerInline? inline, bool bold = false, bool italic = false)
    {
        if (inline is null) yield break;
        foreach (var item in inline)
        {
            switch (item)
            {
                case LiteralInline l:
                    yield return new TextRun(l.Content.ToString(), bold, italic);
                    break;
                case CodeInline c:
                    yield return new TextRun(c.Content, bold, italic);
                    break;
                case LineBreakInline:
                    yield return new TextRun(" ", bold, italic);
                    break;
                case EmphasisInline e:
                    foreach (var r in Runs(e, bold || e.DelimiterCount >= 2, italic || e.DelimiterCount == 1)) yield return r;
                    break;
                case ContainerInline c:
                    foreach (var r in Runs(c, bold, italic)) yield return r;
                    break;
            }
        }
    }

    private static List<DocumentBlock> Outputs(VerifiedRun run, string language, string html, string notebook, ref int tables)
    {
        var list = new List<DocumentBlock>();
        var document = Html.ParseDocument("<!DOCTYPE html><html><body>" + LanguageHtml.Select(html, language) + "</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("figure, table"))
        {
            if (!InLanguage(element, language) || element.Closest("[class^='dni-'], [class*=' dni-']") is not null) continue;
            if (element.LocalName == "figure")
            {
                if (FigureId(element, language) is not { } figureId)
                {
                    if (!element.ClassList.Contains("wb-figure")) continue;
                    // A house-style figure whose id cannot be read would silently go missing from the document.
                    throw new DataValidationException(new DataError(notebook, 1, 1,
                        $"a figure in the {language} output has no figure id (data-figure-id, or an element id 'wb-ID-{language}'); rerun `workbench verify` with this version"));
                }
                var exported = run.Figure(figureId, language);
                if (exported is null || !exported.Files.TryGetValue("png", out var png))
                    throw new DataValidationException(new DataError(notebook, 1, 1,
                        $"figure '{figureId}' ({language}) was not exported as PNG to {Path.Combine(run.Folder, "charts")}; run `workbench verify --strict` with Chromium installed"));
                list.Add(new FigureBlock(figureId, exported.Caption, exported.AltText, exported.Source, png, exported.Files.GetValueOrDefault("svg")));
            }
            else if (element.QuerySelector("caption") is { } caption && element.QuerySelector(".dni-treeview") is null)
            {
                tables++;
                list.Add(Table(element, caption.TextContent.Trim(), language, tables));
            }
        }
        return list;
    }

    /// <summary>The figure id of a house-style figure: <c>data-figure-id</c>, or the plot element's id <c>wb-ID-LANG</c>.</summary>
    private static string? FigureId(IElement figure, string language)
    {
        if ((figure.GetAttribute("data-figure-id") ?? figure.QuerySelector("[data-figure-id]")?.GetAttribute("data-figure-id")) is { Length: > 0 } given)
            return given;
        var suffix = "-" + language;
        return figure.QuerySelector("[id^='wb-']")?.Id is { } id && id.EndsWith(suffix, StringComparison.Ordinal) && id.Length > 3 + suffix.Length
            ? id[3..^suffix.Length]
            : null;
    }

    private static bool InLanguage(IElement element, string language)
    {
        var lang = element.Closest("[lang]")?.GetAttribute("lang");
        return lang is null || lang.StartsWith(language, StringComparison.OrdinalIgnoreCase);
    }

    private static TableBlock Table(IElement table, string caption, string language, int number)
    {
        static List<TableCell> Row(IElement tr) =>
            tr.Children.Where(c => c.LocalName is "th" or "td").Select(c => new TableCell(c.TextContent.Trim(), c.LocalName == "th")).ToList();
        var header = table.QuerySelectorAll("thead tr").Select(r => (IReadOnlyList<TableCell>)Row(r)).ToList();
        var body = table.QuerySelectorAll("tbody tr").Select(r => (IReadOnlyList<TableCell>)Row(r)).ToList();
        if (header.Count == 0 && body.Count > 0 && body[0].All(c => c.IsHeader))
        {
            header.Add(body[0]);
            body.RemoveAt(0);
        }
        var container = table.ParentElement;
        var footer = table.QuerySelectorAll("tfoot tr").Select(r => r.TextContent.Trim()).Where(t => t.Length > 0);
        var notes = footer.Concat(container?.Children.Where(c => c != table && c.LocalName == "p" && !c.ClassList.Contains("source") && !c.ClassList.Contains("wb-source") && c.TextContent.Trim().Length > 0)
            .Select(c => c.TextContent.Trim()) ?? []).ToList();
        // A publication table's source line is in its figure's caption, outside the protected-table block around the table.
        var source = (table.Closest("figure.wb-table") ?? container)?.QuerySelector(".source, .wb-source")?.TextContent.Trim() ?? "";
        var lang = LanguageExtensions.FromTag(language);
        var numbered = caption.StartsWith(Phrases.Format(Phrase.TableNumber, lang, ""), StringComparison.Ordinal) ? caption
            : $"{Phrases.Format(Phrase.TableNumber, lang, number.ToString(CultureInfo.InvariantCulture))}. {caption}";
        return new TableBlock(numbered, header, body, notes, source);
    }

    private static string DefaultSource(string language) => Phrases.Get(Phrase.SourceGenerator, LanguageExtensions.FromTag(language));

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(x => (string?)x ?? "")),
        _ => (string?)node ?? "",
    };
}
