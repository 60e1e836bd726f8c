using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Workbench.Charts;
using Workbench.Export;
using Workbench.Tests.Charts;
using Workbench.Tests.Processes;

namespace Workbench.Tests.Export;

/// <summary>
/// The export browser is reachable only by the export: no TCP DevTools port, and it ends with the export however the
/// export ends (kill -9 included). One figure that fails leaves the previous output whole.
/// </summary>
public sealed class BrowserIsolationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-browser-").FullName;
    private readonly string _marker = ProcessProbe.NewMarker();

    public void Dispose()
    {
        ProcessProbe.KillLeftovers(_marker);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static string RequireBrowser()
    {
        try { return ChromiumLocator.Find(); }
        catch (ChromiumNotFoundException missing) when (Environment.GetEnvironmentVariable("CI") != "true") { throw new SkipException(missing.Message); }
    }

    [SkippableFact]
    public void ListeningPorts_OwnListener_Found()
    {
        // The probe itself must see a listening socket, or the test below could not fail.
        Skip.IfNot(OperatingSystem.IsLinux(), "reads /proc/net/tcp");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Assert.Contains(port, ProcessProbe.ListeningPorts([Environment.ProcessId]));
        }
        finally { listener.Stop(); }
    }

    [SkippableFact]
    public async Task Exporter_Browser_ListensOnNoTcpPort()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "reads /proc/net/tcp");
        var path = RequireBrowser();
        await using var exporter = await FigureExporter.StartAsync(new ExportOptions { BrowserPath = path });
        await exporter.RenderSvgAsync(FigureSpec.From(SampleFigures.Chain(), Language.En));

        var browser = exporter.Browser.Process!.Id;
        var family = ProcessProbe.Family(browser);
        Assert.True(family.Count >= 2, "expected the browser and its helper processes: " + ProcessProbe.Describe(family));
        var ports = ProcessProbe.ListeningPorts(family);
        Assert.True(ports.Count == 0, $"the browser listens on TCP port(s) {string.Join(", ", ports)}");
        Assert.DoesNotContain("--remote-debugging-port", ProcessProbe.CommandLine(browser), StringComparison.Ordinal);
        Assert.Equal(browser, exporter.ProcessGroup);
    }

    [SkippableFact]
    public async Task Exporter_Disposed_WholeBrowserGroupEnds()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "counts processes through /proc");
        var exporter = await FigureExporter.StartAsync(new ExportOptions { BrowserPath = RequireBrowser() });
        await exporter.RenderSvgAsync(FigureSpec.From(SampleFigures.Chain(), Language.En));
        var family = ProcessProbe.Family(exporter.Browser.Process!.Id);

        await exporter.DisposeAsync();

        Assert.True(await ProcessProbe.WaitUntil(() => family.All(p => !Directory.Exists($"/proc/{p}") || ProcessProbe.CommandLine(p).Length == 0), TimeSpan.FromSeconds(60)),
            "left after dispose: " + ProcessProbe.Describe(family.Where(p => ProcessProbe.CommandLine(p).Length > 0)));
    }

    [SkippableFact]
    public async Task Export_KilledWithSigkill_BrowserEnds()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "counts processes through /proc");
        RequireBrowser();
        var figures = Path.Combine(_dir, "figures");
        for (var i = 0; i < 6; i++)
        {
            FigureSpecStore.Save(SampleFigures.Chain() with { Id = $"fig-chain-{i}" }, figures);
        }
        using var cli = ProcessProbe.StartCli(_dir, _marker, "export", "--figures", figures, "--format", "png,pdf", "--dpi", "600", "--out", Path.Combine(_dir, "out"));

        var started = await ProcessProbe.WaitUntil(() => ProcessProbe.WithMarker(_marker).Any(p => ProcessProbe.CommandLine(p).Contains("chrom", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        Assert.True(started, "the browser never started");
        await Task.Delay(1500);
        Assert.False(cli.HasExited, "the export finished before it could be killed; give it more work");
        ProcessProbe.KillHard(cli);

        var gone = await ProcessProbe.WaitUntil(() => ProcessProbe.WithMarker(_marker).Count == 0, TimeSpan.FromSeconds(60));
        Assert.True(gone, "left after kill -9 of `workbench export`: " + ProcessProbe.Describe(ProcessProbe.WithMarker(_marker)));
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")), "a killed export must not leave a partial output folder");
    }

    [SkippableFact]
    public async Task Verify_KilledWhileExportingCharts_BrowserEndsAndOutUntouched()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "counts processes through /proc");
        RequireBrowser();
        // The notebook "displays" figures by copying saved specs into the folder verify collects them from.
        var specs = Path.Combine(_dir, "specs");
        for (var i = 0; i < 6; i++) FigureSpecStore.Save(SampleFigures.Chain() with { Id = $"fig-chain-{i}" }, specs);
        var copy = "#r \"" + Path.Combine(AppContext.BaseDirectory, "Workbench.dll") + "\"\n" +
                   "foreach (var f in System.IO.Directory.GetFiles(@\"" + specs + "\")) System.IO.File.Copy(f, System.IO.Path.Combine(" +
                   "Workbench.Provenance.RunContext.Current.FiguresFolder!, System.IO.Path.GetFileName(f)), true);";
        var nb = TestNotebooks.Write(Path.Combine(_dir, "nb"), "charts.ipynb", "// parameters\nvar language = \"en\";", copy);
        var ledger = Path.Combine(_dir, "ledger.csv");
        await File.WriteAllTextAsync(ledger, "id,sentence_en,value,low,high,unit,rounding,kind,publication,year,period,study\n");
        var outDir = Path.Combine(_dir, "out");
        using var cli = ProcessProbe.StartCli(_dir, _marker, "verify", nb, "--out", outDir, "--ledger", ledger);

        var started = await ProcessProbe.WaitUntil(() => ProcessProbe.WithMarker(_marker).Any(p => ProcessProbe.CommandLine(p).Contains("chrom", StringComparison.Ordinal)), TimeSpan.FromSeconds(120));
        Assert.True(started, "verify never started the browser");
        await Task.Delay(1500);
        Assert.False(cli.HasExited, "verify finished before it could be killed; give it more figures");
        ProcessProbe.KillHard(cli);

        var gone = await ProcessProbe.WaitUntil(() => ProcessProbe.WithMarker(_marker).Count == 0, TimeSpan.FromSeconds(60));
        Assert.True(gone, "left after kill -9 of `workbench verify`: " + ProcessProbe.Describe(ProcessProbe.WithMarker(_marker)));
        Assert.False(Directory.Exists(outDir), "a killed verify must not leave a partial out/");
    }

    [SkippableFact]
    public async Task Export_OneFigureFails_PreviousFiguresAndManifestKeptWhole()
    {
        RequireBrowser();
        var figures = Path.Combine(_dir, "figures");
        FigureSpecStore.Save(SampleFigures.Chain(), figures);
        FigureSpecStore.Save(SampleFigures.Prevalence(), figures);
        var outDir = Path.Combine(_dir, "out");
        string[] export = ["export", "--figures", figures, "--format", "svg,html", "--lang", "en", "--out", outDir];
        var good = await Workbench.Tests.Notebooks.NotebookWorkspace.RunCliAsync(_dir, export);
        Assert.True(good.ExitCode == 0, good.Stderr);
        var before = Snapshot(outDir);
        Assert.Contains("manifest.json", before.Keys);

        // A figure plotly.js cannot draw (a width that is not a number), sorted after one that renders fine.
        var bad = Path.Combine(figures, "fig-sv-gender.en.json");
        var spec = JsonNode.Parse(await File.ReadAllTextAsync(bad))!;
        spec["plotly"]!["layout"]!["width"] = "wide";
        await File.WriteAllTextAsync(bad, spec.ToJsonString());
        var chain = Path.Combine(figures, "fig-chain.en.json");
        var chainSpec = JsonNode.Parse(await File.ReadAllTextAsync(chain))!;
        chainSpec["title"] = "Figure 3. A new title that must not reach the output";
        await File.WriteAllTextAsync(chain, chainSpec.ToJsonString());

        var failed = await Workbench.Tests.Notebooks.NotebookWorkspace.RunCliAsync(_dir, export);

        Assert.True(failed.ExitCode == 1, $"exit {failed.ExitCode}: {failed.Stderr}");
        Assert.Contains("'fig-sv-gender' (en) failed", failed.Stderr);
        Assert.Contains("nothing in", failed.Stderr);
        Assert.Equal(before, Snapshot(outDir));
        Assert.Empty(Directory.GetFileSystemEntries(_dir, ".out.*"));
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
