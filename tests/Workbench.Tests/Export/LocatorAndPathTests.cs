using Workbench.Export;

namespace Workbench.Tests.Export;

public sealed class LocatorAndPathTests
{
    [Fact]
    public void Locator_EnvironmentVariableWins()
    {
        var path = ChromiumLocator.Find(v => v == ChromiumLocator.EnvironmentVariable ? "/opt/my/chrome" : null, p => p == "/opt/my/chrome" || p == "/usr/lib/chromium/chromium");
        Assert.Equal("/opt/my/chrome", path);
    }

    [Fact]
    public void Locator_EnvironmentVariableToMissingFile_SaysSo()
    {
        var ex = Assert.Throws<ChromiumNotFoundException>(() => ChromiumLocator.Find(_ => "/nope/chrome", _ => false));
        Assert.Contains("WORKBENCH_CHROMIUM is set to '/nope/chrome'", ex.Message);
    }

    [Fact]
    public void Locator_DebianLocationFirst()
    {
        Assert.Equal("/usr/lib/chromium/chromium", ChromiumLocator.Find(_ => null, p => p is "/usr/lib/chromium/chromium" or "/usr/bin/chromium"));
    }

    [Fact]
    public void Locator_NothingFound_ListsLocationsAndHowToInstall()
    {
        var ex = Assert.Throws<ChromiumNotFoundException>(() => ChromiumLocator.Find(_ => null, _ => false));
        Assert.Contains("/usr/lib/chromium/chromium", ex.Message);
        Assert.Contains("apt-get install -y chromium fonts-liberation", ex.Message);
        Assert.Contains("WORKBENCH_CHROMIUM", ex.Message);
    }

    [Theory]
    [InlineData("../../x", "x")]
    [InlineData("/etc/passwd", "etc-passwd")]
    [InlineData("..", "figure")]
    [InlineData("", "figure")]
    [InlineData("fig 1: Meisjes & jongens", "fig-1-Meisjes-jongens")]
    [InlineData("Één.twee", "Een.twee")]
    [InlineData("CON", "figure-CON")]
    [InlineData("a\\..\\..\\b", "a-.-.-b")]
    public void SafeFileName_KeepsOnlySafeCharacters(string id, string expected) => Assert.Equal(expected, SafeFileName.From(id));

    [Fact]
    public void ResolveInside_PathLeavingFolder_IsRefused()
    {
        var dir = Path.GetTempPath();
        Assert.Throws<InvalidOperationException>(() => SafeFileName.ResolveInside(dir, "../x.svg"));
        Assert.Throws<InvalidOperationException>(() => SafeFileName.ResolveInside(dir, "sub/x.svg"));
        Assert.Throws<InvalidOperationException>(() => SafeFileName.ResolveInside(dir, "/etc/x.svg"));
        Assert.Equal(Path.Combine(Path.GetFullPath(dir), "x.svg"), SafeFileName.ResolveInside(dir, "x.svg"));
    }

    [Fact]
    public void ResolveInside_SymbolicLink_IsRefused()
    {
        var dir = Directory.CreateTempSubdirectory("wb-link-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(dir, "x.svg"), "/tmp/elsewhere.svg");
            var ex = Assert.Throws<InvalidOperationException>(() => SafeFileName.ResolveInside(dir, "x.svg"));
            Assert.Contains("symbolic link", ex.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

public sealed class CanonicalSvgTests
{
    [Fact]
    public void CanonicalSvg_AttributeOrder_DoesNotMatter()
    {
        var a = FigureExporter.CanonicalSvg("<svg xmlns=\"http://www.w3.org/2000/svg\" style=\"\"><rect width=\"1\" class=\"bg\" style=\"fill: red;\"/><text x=\"1\" y=\"2\">a &gt; b</text></svg>");
        var b = FigureExporter.CanonicalSvg("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect class=\"bg\" style=\"fill: red;\" width=\"1\"/><text y=\"2\" x=\"1\">a &gt; b</text></svg>");
        Assert.Equal(a, b);
        Assert.Equal("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect class=\"bg\" style=\"fill: red;\" width=\"1\"/><text x=\"1\" y=\"2\">a &gt; b</text></svg>", a);
    }
}
