using System.Text;

namespace Workbench.Export;

/// <summary>
/// One HTML output that carries an English and a Dutch rendering, so a study runs once and its report is written in
/// both languages from the same executed notebook. Each rendering is wrapped in an element with <c>lang="en"</c> or
/// <c>lang="nl"</c> (the Dutch one <c>hidden</c> in a notebook); <see cref="Select"/> keeps one of them for a page.
/// </summary>
public static class LanguageHtml
{
    private const string End = "</div><!--/wb-lang-->\n";

    /// <summary>The opening tag of the rendering in <paramref name="code"/> ("en" or "nl") as <see cref="Both"/> writes it.</summary>
    private static string Start(string code, bool hidden) => $"<div class=\"wb-lang\" lang=\"{code}\"{(hidden ? " hidden" : "")}>\n";

    /// <summary>
    /// <paramref name="en"/> and <paramref name="nl"/> in one output: the rendering in <paramref name="shown"/> ("en" or
    /// "nl", default "en") visible, the other hidden. <paramref name="shared"/> (e.g. the plotly.js script both renderings
    /// use; default none) comes first, outside both.
    /// </summary>
    public static string Both(string en, string nl, string shared = "", string shown = "en")
    {
        var sb = new StringBuilder(shared.Length + en.Length + nl.Length + 128);
        sb.Append(shared);
        var visible = LanguageExtensions.FromTag(shown);
        foreach (var (language, text) in new[] { (Language.En, en), (Language.Nl, nl) })
        {
            sb.Append(Start(language.Code(), hidden: language != visible)).Append(text);
            if (!text.EndsWith('\n')) sb.Append('\n');
            sb.Append(End);
        }
        return sb.ToString();
    }

    /// <summary>
    /// <paramref name="html"/> with only the renderings in <paramref name="code"/> ("en" or "nl"), shown: those of the
    /// other language are removed. HTML without bilingual renderings is returned unchanged.
    /// </summary>
    public static string Select(string html, string code)
    {
        if (!html.Contains(End, StringComparison.Ordinal)) return html;
        var keep = LanguageExtensions.FromTag(code).Code();
        var sb = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var next = NextStart(html, i, out var lang, out var tagLength);
            if (next < 0)
            {
                sb.Append(html, i, html.Length - i);
                break;
            }
            sb.Append(html, i, next - i);
            var end = html.IndexOf(End, next, StringComparison.Ordinal);
            if (end < 0)
            {
                sb.Append(html, next, html.Length - next);
                break;
            }
            // a rendering in the other language is dropped
            if (lang == keep)
                sb.Append(Start(keep, hidden: false)).Append(html, next + tagLength, end - next - tagLength).Append(End);
            i = end + End.Length;
        }
        return sb.ToString();
    }

    private static int NextStart(string html, int from, out string lang, out int tagLength)
    {
        var best = -1;
        lang = "";
        tagLength = 0;
        foreach (var code in LanguageExtensions.All.Select(l => l.Code()))
        {
            foreach (var hidden in new[] { false, true })
            {
                var tag = Start(code, hidden);
                var at = html.IndexOf(tag, from, StringComparison.Ordinal);
                if (at >= 0 && (best < 0 || at < best))
                {
                    best = at;
                    lang = code;
                    tagLength = tag.Length;
                }
            }
        }
        return best;
    }
}
