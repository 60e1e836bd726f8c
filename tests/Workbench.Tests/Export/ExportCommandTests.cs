using System.Diagnostics;
using System.Text.Json.Nodes;
using Workbench.Export;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Export;

/// <summary>Runs <c>workbench export</c> as a process over specs saved the way notebooks save them.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-cli-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [SkippableFact]
    public void Export_SavedSpecs_WritesFilesAndManifest()
    {
        if (ChromiumMissing(out var reason)) throw new SkipException(reason);
        var figures = Path.Combine(_dir, "figures");
        FigureSpecStore.Save(SampleFigures.Chain(), figures);
        FigureSpecStore.Save(SampleFigures.Prevalence(), figures);
        var outDir = Path.Combine(_dir, "out");

        var (code, stdout, stderr) = Run("export", "--figures", figures, "--format", "svg,png", "--dpi", "96", "--lang", "nl", "--out", outDir);

        Assert.True(code == 0, stderr + stdout);
        Assert.Equal(["fig-chain.nl.png", "fig-chain.nl.svg", "fig-sv-gender.nl.png", "fig-sv-gender.nl.svg", "manifest.json"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")))!;
        var first = manifest["figures"]![0]!;
        Assert.Equal("fig-chain", (string?)first["id"]);
        Assert.Equal("nl", (string?)first["language"]);
        Assert.Equal("Figuur 3. Eén op de vier verdachten wordt veroordeeld", (string?)first["title"]);
        Assert.Equal(SampleFigures.Chain().AltText(Workbench.Text.Language.Nl), (string?)first["altText"]);
        Assert.Equal(SampleFigures.Chain().DataSha256, (string?)first["dataSha256"]);
        Assert.StartsWith("Bron: ", (string?)first["source"]);
        Assert.Equal(["fig-chain.nl.svg", "fig-chain.nl.png"], first["files"]!.AsArray().Select(f => (string?)f));
    }

    [Fact]
    public void Export_EmptyFolder_ExitsTwoAndExplains()
    {
        var (code, _, stderr) = Run("export", "--figures", _dir, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        Assert.Contains("workbench export NOTEBOOKS", stderr);
    }

    [Fact]
    public void Export_BadFormatOrSpec_ExitsTwo()
    {
        var (code, _, stderr) = Run("export", "--figures", _dir, "--format", "gif");
        Assert.Equal(2, code);
        Assert.Contains("'gif' is not a format", stderr);
        File.WriteAllText(Path.Combine(_dir, "broken.json"), "{ not json");
        (code, _, stderr) = Run("export", "--figures", _dir);
        Assert.Equal(2, code);
        Assert.Contains("broken.json", stderr);
    }

    private static bool ChromiumMissing(out string reason)
    {
        try
        {
            ChromiumLocator.Find();
            reason = "";
            return false;
        }
        catch (ChromiumNotFoundException ex)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException("CI=true but no Chromium: " + ex.Message);
            reason = ex.Message;
            return true;
        }
    }
}
