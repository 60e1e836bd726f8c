using Workbench.Export;

namespace Workbench.Tests.Export;

/// <summary>One output carries both languages; a report page keeps its own (issue 13: a study runs once).</summary>
public sealed class LanguageHtmlTests
{
    [Fact]
    public void Both_DefaultShown_EnglishVisibleDutchHidden()
    {
        var html = LanguageHtml.Both("<p>girls</p>", "<p>meisjes</p>", shared: "<script>lib</script>\n");
        Assert.StartsWith("<script>lib</script>\n<div class=\"wb-lang\" lang=\"en\">\n<p>girls</p>", html);
        Assert.Contains("<div class=\"wb-lang\" lang=\"nl\" hidden>\n<p>meisjes</p>", html);
    }

    [Fact]
    public void Both_ShownDutch_EnglishHidden()
    {
        var html = LanguageHtml.Both("<p>girls</p>", "<p>meisjes</p>", shown: "nl");
        Assert.Contains("<div class=\"wb-lang\" lang=\"en\" hidden>", html);
        Assert.Contains("<div class=\"wb-lang\" lang=\"nl\">", html);
    }

    [Theory]
    [InlineData("en", "girls", "meisjes")]
    [InlineData("nl", "meisjes", "girls")]
    public void Select_BilingualOutput_KeepsOnlyThatLanguageVisibleAndSharedPart(string code, string kept, string dropped)
    {
        var html = "<p>before</p>\n" + LanguageHtml.Both("<p>girls</p>", "<p>meisjes</p>", shared: "<script>lib</script>\n") +
                   LanguageHtml.Both("<td>boys</td>", "<td>jongens</td>");
        var page = LanguageHtml.Select(html, code);
        Assert.Contains(kept, page);
        Assert.DoesNotContain(dropped, page);
        Assert.DoesNotContain(" hidden>", page);
        Assert.Contains("<script>lib</script>", page);
        Assert.StartsWith("<p>before</p>\n", page);
        Assert.Contains(code == "nl" ? "jongens" : "boys", page);
    }

    [Fact]
    public void Select_HtmlWithoutLanguages_Unchanged()
    {
        const string Html = "<div lang=\"nl\">tabel</div>";
        Assert.Same(Html, LanguageHtml.Select(Html, "en"));
    }
}
