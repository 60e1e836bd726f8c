using System.Buffers.Binary;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Workbench.Notebooks.Publishing;

/// <summary>
/// A <see cref="PublicationDocument"/> as a Word document (.docx, Open XML SDK): the document's language on every
/// run, real paragraph styles (Title, Heading 1-3, Caption, Source, Note, List Bullet) so Word's navigation pane and
/// table of contents work, figures as 300 dpi PNG (with the SVG for Word 2016 and later) with alt text (<c>wp:docPr/@descr</c>) and caption, tables as Word
/// tables with a repeating header row, notes and source line, and the claims table.
/// </summary>
/// <remarks>A4 with 2.5 cm margins; the text width (16 cm) bounds the figures, which keep their aspect ratio.</remarks>
public static class DocxWriter
{
    private const long EmuPerInch = 914400;
    private const long MaxWidthEmu = 6 * EmuPerInch;
    private const string Font = "Liberation Sans";

    /// <summary>Writes <paramref name="doc"/> to <paramref name="stream"/>.</summary>
    public static void Write(PublicationDocument doc, Stream stream)
    {
        using var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        package.PackageProperties.Title = doc.Title;
        package.PackageProperties.Language = Culture(doc.Language);
        package.PackageProperties.Creator = "Workbench";
        var main = package.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = Styles(Culture(doc.Language));
        var body = new Body();
        body.Append(Para("Title", doc.Title));
        var figures = 0;
        foreach (var block in doc.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    body.Append(Para("Heading" + Math.Clamp(h.Level - 1, 1, 3).ToString(CultureInfo.InvariantCulture), h.Text));
                    break;
                case Paragraph p:
                    body.Append(Para(p.ListItem ? "ListBullet" : null, p.ListItem ? [new TextRun("\u2022\t"), .. p.Runs] : p.Runs));
                    break;
                case FigureBlock f:
                    figures++;
                    body.Append(Image(main, f, figures));
                    body.Append(Para("Caption", f.Caption));
                    body.Append(Para("Source", f.Source));
                    break;
                case TableBlock t:
                    body.Append(Para("Caption", t.Caption));
                    body.Append(Table(t.Header, t.Body));
                    foreach (var note in t.Notes) body.Append(Para("Note", note));
                    body.Append(Para("Source", t.Source));
                    break;
                case ClaimsBlock c:
                    body.Append(Para("Caption", c.Caption));
                    body.Append(Table([c.Columns.Select(x => new TableCell(x, true)).ToList()],
                        c.Rows.Select(r => (IReadOnlyList<TableCell>)[new(r.Sentence), new(r.Published), new(r.Reproduced), new(r.Interval), new(r.Verdict)]).ToList()));
                    break;
            }
        }
        foreach (var line in doc.Provenance) body.Append(Para("Source", line));
        body.Append(new SectionProperties(
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1418, Bottom = 1418, Left = 1418U, Right = 1418U, Header = 709U, Footer = 709U, Gutter = 0U }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    /// <summary>Writes <paramref name="doc"/> as a .docx file (atomically).</summary>
    public static void Write(PublicationDocument doc, string path) =>
        Workbench.IO.AtomicFile.Write(path, s =>
        {
            // The packaging layer needs a seekable stream.
            using var buffer = new MemoryStream();
            Write(doc, buffer);
            buffer.Position = 0;
            buffer.CopyTo(s);
        });

    private static string Culture(string language) => LanguageExtensions.FromTag(language).Culture().Name;

    private static DocumentFormat.OpenXml.Wordprocessing.Paragraph Para(string? style, string text) => Para(style, [new TextRun(text)]);

    private static DocumentFormat.OpenXml.Wordprocessing.Paragraph Para(string? style, IEnumerable<TextRun> runs)
    {
        var p = new DocumentFormat.OpenXml.Wordprocessing.Paragraph();
        if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        foreach (var r in runs)
        {
            var run = new Run();
            if (r.Bold || r.Italic)
            {
                var props = new RunProperties();
                if (r.Bold) props.Append(new Bold());
                if (r.Italic) props.Append(new Italic());
                run.Append(props);
            }
            var parts = r.Text.Split('\t');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0) run.Append(new TabChar());
                if (parts[i].Length > 0) run.Append(new DocumentFormat.OpenXml.Wordprocessing.Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve });
            }
            p.Append(run);
        }
        return p;
    }

    private static Table Table(IReadOnlyList<IReadOnlyList<TableCell>> header, IReadOnlyList<IReadOnlyList<TableCell>> body)
    {
        var columns = header.Concat(body).Select(r => r.Count).DefaultIfEmpty(1).Max();
        var table = new Table();
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 8U, Color = "444444" },
            new BottomBorder { Val = BorderValues.Single, Size = 8U, Color = "444444" },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U, Color = "DDDDDD" });
        table.Append(new TableProperties(
            new TableStyle { Val = "PublicationTable" },
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            border,
            new TableLook { Val = "04A0" }));
        var grid = new TableGrid();
        for (var i = 0; i < columns; i++) grid.Append(new GridColumn { Width = (9070 / columns).ToString(CultureInfo.InvariantCulture) });
        table.Append(grid);
        foreach (var row in header) table.Append(Row(row, columns, head: true));
        foreach (var row in body) table.Append(Row(row, columns, head: false));
        return table;
    }

    private static TableRow Row(IReadOnlyList<TableCell> cells, int columns, bool head)
    {
        var tr = new TableRow();
        if (head) tr.Append(new TableRowProperties(new TableHeader()));
        for (var i = 0; i < columns; i++)
        {
            var cell = i < cells.Count ? cells[i] : new TableCell("");
            var number = !cell.IsHeader && !head && PublicationHtml.IsNumber(cell.Text);
            var p = Para("TableText", [new TextRun(cell.Text, Bold: head || cell.IsHeader)]);
            if (number) p.ParagraphProperties!.Append(new Justification { Val = JustificationValues.Right });
            tr.Append(new DocumentFormat.OpenXml.Wordprocessing.TableCell(p));
        }
        return tr;
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Paragraph Image(MainDocumentPart main, FigureBlock f, int n)
    {
        var bytes = File.ReadAllBytes(f.Png);
        var (w, h) = PngSize(bytes, f.Png);
        var part = main.AddImagePart(ImagePartType.Png, "rIdImg" + n.ToString(CultureInfo.InvariantCulture));
        using (var s = new MemoryStream(bytes)) part.FeedData(s);
        // Exported at 300 dpi: the PNG's pixels give its printed size.
        long cx = w * EmuPerInch / 300, cy = h * EmuPerInch / 300;
        if (cx > MaxWidthEmu)
        {
            cy = cy * MaxWidthEmu / cx;
            cx = MaxWidthEmu;
        }
        var id = (uint)n;
        var name = "Figure " + n.ToString(CultureInfo.InvariantCulture);
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = name, Description = f.AltText, Title = f.Caption },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = id, Name = SafeName(f.Id) + ".png", Description = f.AltText },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(Blip(main, part, f, n), new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
        return new DocumentFormat.OpenXml.Wordprocessing.Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Figure" }),
            new Run(new Drawing(inline)));
    }

    /// <summary>
    /// The PNG, and where the figure has an SVG, the SVG as well through the <c>asvg:svgBlip</c> extension: Word 2016
    /// and later draw the vector image, other readers (and older Word) the PNG.
    /// </summary>
    private static A.Blip Blip(MainDocumentPart main, ImagePart png, FigureBlock f, int n)
    {
        var blip = new A.Blip { Embed = main.GetIdOfPart(png) };
        if (f.Svg is not { } svg || !File.Exists(svg)) return blip;
        var part = main.AddImagePart(ImagePartType.Svg, "rIdSvg" + n.ToString(CultureInfo.InvariantCulture));
        using (var s = File.OpenRead(svg)) part.FeedData(s);
        blip.Append(new A.BlipExtensionList(new A.BlipExtension(new DocumentFormat.OpenXml.Office2019.Drawing.SVG.SVGBlip { Embed = main.GetIdOfPart(part) })
        {
            Uri = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}",
        }));
        return blip;
    }

    private static string SafeName(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    /// <summary>Width and height from the PNG's IHDR chunk.</summary>
    private static (long Width, long Height) PngSize(byte[] png, string path)
    {
        if (png.Length < 24 || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R')
            throw new Workbench.Data.DataValidationException(new Workbench.Data.DataError(path, 1, 1, "not a PNG file; rerun `workbench verify` to export the figures again"));
        return (BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
    }

    private static Styles Styles(string culture)
    {
        var styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new Color { Val = "222222" },
                new FontSize { Val = "21" }, new FontSizeComplexScript { Val = "21" },
                new Languages { Val = culture, EastAsia = culture, Bidi = culture })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(ParagraphStyle("Normal", "Normal", null, isDefault: true));
        styles.Append(ParagraphStyle("Title", "Title", null, size: 40, colour: "0072B2", bold: true, after: 240, keepNext: true));
        styles.Append(ParagraphStyle("Heading1", "heading 1", 0, size: 30, colour: "0072B2", bold: true, before: 360, after: 120, keepNext: true));
        styles.Append(ParagraphStyle("Heading2", "heading 2", 1, size: 25, colour: "0072B2", bold: true, before: 240, after: 80, keepNext: true));
        styles.Append(ParagraphStyle("Heading3", "heading 3", 2, size: 22, colour: "222222", bold: true, before: 200, after: 60, keepNext: true));
        styles.Append(ParagraphStyle("Caption", "caption", null, size: 20, colour: "222222", bold: true, before: 60, after: 60, keepNext: true));
        styles.Append(ParagraphStyle("Source", "Source", null, size: 17, colour: "555555", after: 200));
        styles.Append(ParagraphStyle("Note", "Table Note", null, size: 17, colour: "555555", after: 40));
        styles.Append(ParagraphStyle("Figure", "Figure", null, after: 60, keepNext: true));
        styles.Append(ParagraphStyle("TableText", "Table Text", null, size: 19, after: 0));
        styles.Append(ParagraphStyle("ListBullet", "List Bullet", null, after: 60, hanging: 360));
        styles.Append(new Style(
            new StyleName { Val = "Publication Table" },
            new BasedOn { Val = "TableNormal" },
            new StyleTableProperties(new TableCellMarginDefault(
                new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "PublicationTable" });
        styles.Append(new Style(new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 }, new SemiHidden(),
            new StyleTableProperties(new TableCellMarginDefault(
                new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "TableNormal", Default = true });
        return styles;
    }

    private static Style ParagraphStyle(string id, string name, int? outline, bool isDefault = false, int? size = null, string? colour = null,
        bool bold = false, int? before = null, int? after = null, bool keepNext = false, int? hanging = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault) style.Default = true;
        style.Append(new StyleName { Val = name });
        if (!isDefault) style.Append(new BasedOn { Val = "Normal" });
        if (!isDefault) style.Append(new NextParagraphStyle { Val = "Normal" });
        style.Append(new PrimaryStyle());
        var pPr = new StyleParagraphProperties();
        // Children in schema order (keepNext, tabs, spacing, ind, outlineLvl): the validator checks it.
        if (keepNext) pPr.Append(new KeepNext());
        var indent = hanging?.ToString(CultureInfo.InvariantCulture);
        if (indent is not null) pPr.Append(new Tabs(new TabStop { Val = TabStopValues.Left, Position = hanging!.Value }));
        if (before is not null || after is not null)
        {
            var spacing = new SpacingBetweenLines();
            if (before is { } b) spacing.Before = b.ToString(CultureInfo.InvariantCulture);
            if (after is { } a) spacing.After = a.ToString(CultureInfo.InvariantCulture);
            pPr.Append(spacing);
        }
        if (indent is not null) pPr.Append(new Indentation { Left = indent, Hanging = indent });
        if (outline is { } o) pPr.Append(new OutlineLevel { Val = o });
        style.Append(pPr);
        var rPr = new StyleRunProperties();
        if (bold) rPr.Append(new Bold());
        if (colour is not null) rPr.Append(new Color { Val = colour });
        if (size is { } sz)
        {
            rPr.Append(new FontSize { Val = sz.ToString(CultureInfo.InvariantCulture) });
            rPr.Append(new FontSizeComplexScript { Val = sz.ToString(CultureInfo.InvariantCulture) });
        }
        if (rPr.HasChildren) style.Append(rPr);
        return style;
    }
}
