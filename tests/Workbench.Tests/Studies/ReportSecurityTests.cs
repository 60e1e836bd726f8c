using Workbench.Notebooks.Studies;

namespace Workbench.Tests.Studies;

/// <summary>Narrative HTML and outputs that reach a report page cannot run script (issue 14, report security).</summary>
public sealed class ReportSecurityTests
{
    private static string Narrative(string markdown) => NarrativeHtml.Render(markdown, [], new HashSet<string>());

    [Fact]
    public void Narrative_ScriptImgOnerrorAndJavascriptLink_ShownAsTextOrDisarmed()
    {
        var html = Narrative("Text <script>alert(1)</script> and <img src=x onerror=\"alert(2)\"> <b>bold</b> <b onclick=\"alert(3)\">x</b> " +
                             "[link](javascript:alert(4)) <https://example.org>\n\n<div onmouseover=\"alert(5)\">block</div>\n\n# Heading {onclick=alert(6)}");
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<div", html);
        Assert.DoesNotContain("onclick=\"", html);
        Assert.DoesNotContain("href=\"javascript:", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<b>bold</b>", html);
        Assert.Contains("href=\"#\"", html);
        Assert.Contains("href=\"https://example.org\"", html);
    }

    [Fact]
    public void Narrative_TagMarkerComment_Dropped()
    {
        Assert.DoesNotContain("tags", Narrative("<!-- tags: lang-nl -->\n\nTekst."));
    }

    [Theory]
    [InlineData("<figure class=\"wb-figure\"><img src=x onerror=\"alert(1)\"></figure>", "event handler")]
    [InlineData("<figure class=\"wb-figure\"><script>alert(1)</script></figure>", "script")]
    [InlineData("<figure class=\"wb-figure\"><a href=\" javascript:alert(1)\">x</a></figure>", "script address")]
    [InlineData("<figure class=\"wb-figure\"><iframe srcdoc=\"x\"></iframe></figure>", "iframe")]
    [InlineData("<figure class=\"wb-figure\"><script>(function(){var fig={\"data\":[]};var el=document.getElementById(\"x\");alert(1);})();</script></figure>", "script")]
    public void Clean_OutputThatCouldRunScript_IsLeftOff(string html, string why)
    {
        Assert.Null(PageScripts.Clean(html, out var problem));
        Assert.Contains(why, problem);
    }

    [Fact]
    public void Clean_AltTextMentioningOnerror_IsText()
    {
        const string html = "<figure class=\"wb-figure\"><div role=\"img\" aria-label=\"a label &lt;img onerror=x&gt; onerror=&quot;y&quot;\"></div></figure>";
        Assert.Equal(html, PageScripts.Clean(html, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Policy_Scripts_AllowedByHashWithoutUnsafeInline()
    {
        var policy = PageScripts.Policy(["console.log(1)"]);
        Assert.Contains("script-src 'sha256-", policy);
        Assert.DoesNotContain("unsafe-inline' 'sha", policy);
        Assert.DoesNotContain("script-src 'unsafe", policy);
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'none'", PageScripts.Policy([]));
    }
}
