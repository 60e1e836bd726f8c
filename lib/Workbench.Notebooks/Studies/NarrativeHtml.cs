using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Workbench.Notebooks.Studies;

/// <summary>A heading of a narrative cell: its level, plain text and the element id it gets on the page.</summary>
public sealed record NarrativeHeading(int Level, string Text, string Id);

/// <summary>
/// Markdown of narrative cells as safe HTML: raw HTML is reduced to a fixed subset of inline tags without attributes
/// (<c>b i em strong sub sup br small abbr mark s u</c>); any other tag, every HTML block and every attribute is shown
/// as text; HTML comments (tag markers) are dropped; links and images keep only http(s), mailto, fragment and relative
/// addresses. Headings get stable ids for the claims table to link to.
/// </summary>
public static partial class NarrativeHtml
{
    // No generic-attributes extension: "{onclick=...}" after a heading must stay text.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseEmphasisExtras().UseListExtras().UseFootnotes().Build();

    [GeneratedRegex(@"^</?(b|i|em|strong|sub|sup|br|small|abbr|mark|s|u)\s*/?>$", RegexOptions.IgnoreCase)]
    private static partial Regex SafeTag();

    [GeneratedRegex(@"^(https?:|mailto:|#|[^:]*$)", RegexOptions.IgnoreCase)]
    private static partial Regex SafeUrl();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotSlug();

    /// <summary>
    /// <paramref name="markdown"/> as HTML; the headings it has are added to <paramref name="headings"/> with ids made
    /// unique against <paramref name="usedIds"/>.
    /// </summary>
    public static string Render(string markdown, List<NarrativeHeading> headings, ISet<string> usedIds)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (link.Url is { } url && !SafeUrl().IsMatch(url.Trim())) link.Url = "#";
        foreach (var link in document.Descendants<AutolinkInline>())
            if (!link.IsEmail && !SafeUrl().IsMatch(link.Url.Trim())) link.Url = "#";
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var text = PlainText(heading.Inline);
            var slug = NotSlug().Replace(text.ToLowerInvariant(), "-").Trim('-');
            var id = slug.Length == 0 ? "section" : slug;
            for (var n = 2; !usedIds.Add(id); n++) id = (slug.Length == 0 ? "section" : slug) + "-" + n;
            heading.GetAttributes().Id = id;
            headings.Add(new NarrativeHeading(heading.Level, text, id));
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlBlockRenderer>(new SafeHtmlBlockRenderer());
        renderer.ObjectRenderers.Replace<HtmlInlineRenderer>(new SafeHtmlInlineRenderer());
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static string PlainText(ContainerInline? inline)
    {
        if (inline is null) return "";
        var sb = new StringBuilder();
        foreach (var x in inline.Descendants<Inline>())
            switch (x)
            {
                case LiteralInline l: sb.Append(l.Content.ToString()); break;
                case CodeInline c: sb.Append(c.Content); break;
            }
        return sb.ToString().Trim();
    }

    private sealed class SafeHtmlInlineRenderer : HtmlObjectRenderer<HtmlInline>
    {
        protected override void Write(HtmlRenderer renderer, HtmlInline obj)
        {
            if (obj.Tag.StartsWith("<!--", StringComparison.Ordinal)) return;
            renderer.Write(SafeTag().IsMatch(obj.Tag) ? obj.Tag.ToLowerInvariant() : WebUtility.HtmlEncode(obj.Tag));
        }
    }

    private sealed class SafeHtmlBlockRenderer : HtmlObjectRenderer<HtmlBlock>
    {
        protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
        {
            if (obj.Type == HtmlBlockType.Comment) return;
            renderer.Write("<p class=\"raw-html\">");
            var lines = obj.Lines.Lines;
            for (var i = 0; i < obj.Lines.Count; i++)
            {
                if (i > 0) renderer.Write("<br>");
                renderer.Write(WebUtility.HtmlEncode(lines[i].Slice.ToString()));
            }
            renderer.Write("</p>\n");
        }
    }
}
