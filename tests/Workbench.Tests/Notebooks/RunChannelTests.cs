using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Charts;
using Workbench.Export;
using Workbench.Notebooks.Engine;
using Workbench.Notebooks.Running;
using Workbench.Provenance;
using Workbench.Tests.Charts;
using Workbench.Tests.Processes;
using Workbench.Tests.Support;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// Issue 13: a worker run gets its claims, figures and provenance destinations through its request (the run's typed
/// channel, <see cref="RunContext"/>), never through process-wide environment variables; each notebook of a run has
/// its own figures folder and executed copy; the local package folder is a source without an <c>#i</c> line.
/// </summary>
public sealed partial class RunChannelTests
{
    [Fact]
    public void Library_ReadsNoWorkbenchEnvironmentVariable_ExceptTheBrowserPath()
    {
        var hits = Directory.EnumerateFiles(RepoPaths.At("lib"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => WorkbenchVariable().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .Where(h => !h.Contains("WORKBENCH_CHROMIUM", StringComparison.Ordinal))
            .ToList();
        Assert.True(hits.Count == 0, "set through RunOptions and RunContext instead: " + string.Join(", ", hits));
    }

    [Fact]
    public void ClaimsRecord_RunContextNamesFile_AppendsToThatFile()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("wb-claims-").FullName, "claims.jsonl");
        var previous = RunContext.Current;
        try
        {
            RunContext.Current = new RunContext(ClaimsFile: file);
            Workbench.Claims.Claims.Record("run-context-regression", 12.5, 10, 15, 0.95);
        }
        finally
        {
            RunContext.Current = previous;
        }
        Assert.Contains(Workbench.Claims.Claims.ReadFile(file), c => c.Id == "run-context-regression" && c.Value == 12.5);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public void RunContext_SetToNull_ThrowsNamingTheFix()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => RunContext.Current = null!);
        Assert.Contains("RunContext.None", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_DibAndIpynbOfOneStudy_WriteDistinctExecutedCopies()
    {
        var folder = Directory.CreateTempSubdirectory("wb-twins-").FullName;
        try
        {
            var ipynb = TestNotebooks.Write(folder, "study.ipynb", "1 + 1");
            var dib = Path.Combine(folder, "study.dib");
            File.WriteAllText(dib, "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"name\":\"csharp\"}]}}\n\n#!csharp\n\n1 + 1\n");
            var alone = TestNotebooks.Write(Path.Combine(folder, "other"), "alone.ipynb", "1");
            var runner = new NotebookRunner(new RunOptions { Worker = NotebookWorkspace.Worker, RunRecordPath = null });

            var prepared = runner.Prepare([ipynb, dib]);
            Assert.Equal(["study.ipynb", "study.dib.ipynb"], prepared.Select(p => p.OutputName));
            // A .dib run on its own keeps the usual name.
            Assert.Equal("study.ipynb", runner.Prepare([dib]).Single().OutputName);
            Assert.Equal(Path.Combine("other", "alone.ipynb"), runner.Prepare([ipynb, alone])[1].OutputName);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ReadRunFolder_SameFigureFromTwoNotebooks_KeptOnce()
    {
        var folder = Directory.CreateTempSubdirectory("wb-run-figures-").FullName;
        try
        {
            FigureSpecStore.Save(SampleFigures.Chain(), Path.Combine(folder, "study.ipynb"));
            FigureSpecStore.Save(SampleFigures.Chain(), Path.Combine(folder, "study.dib"));
            FigureSpecStore.Save(SampleFigures.Trend(), Path.Combine(folder, "other.ipynb"));

            var specs = FigureSpecStore.ReadRunFolder(folder);

            Assert.Equal(4, specs.Count);
            Assert.Single(specs, s => s.Id == SampleFigures.Chain().Id && s.Language == "nl");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void EngineOutputs_PackageSourceAdded_ShownRelativeToTheNotebook()
    {
        var root = Path.Combine(Path.GetTempPath(), "wb-checkout");
        var feed = Path.Combine(root, "artifacts", "packages");
        var engine = new CSharpNotebookEngine(new NotebookEngineOptions { PackageSources = [feed], DisplayFolder = Path.Combine(root, "notebooks") });
        var output = new CellOutput(CellOutputKind.DisplayData, Data: new Dictionary<string, string>
        {
            ["text/plain"] = $"Restore sources\n -  {feed}\nInstalled Packages\n - Workbench, 0.1.0",
            ["text/html"] = $"<li><span> {feed}</span></li>",
        });

        var shown = engine.Scrub(output);

        Assert.All(shown.Data!.Values, v => Assert.DoesNotContain(feed, v, StringComparison.Ordinal));
        Assert.Contains("../artifacts/packages", shown.Data!["text/plain"], StringComparison.Ordinal);
    }

    [Fact]
    public void LocalPackageFeed_Find_WalksUpFromTheNotebookFolder()
    {
        var root = Directory.CreateTempSubdirectory("wb-feed-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "artifacts", "packages"));
            Directory.CreateDirectory(Path.Combine(root, "notebooks", "deep"));
            Assert.Equal(Path.Combine(root, "artifacts", "packages"), LocalPackageFeed.Find(Path.Combine(root, "notebooks", "deep")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Run_PackageSourcesOption_OneLineNuGetReferenceLoadsThePackage()
    {
        using var workspace = new NotebookWorkspace();
        var notebook = TestNotebooks.Write(Path.Combine(workspace.Root, "one-line"), "one-line.ipynb",
            $"#r \"nuget: {NotebookWorkspace.PackageId}, [{workspace.PackageVersion}]\"", "new Fixture.Temperature(21.5)");
        var output = Path.Combine(workspace.Root, "out");
        var runner = new NotebookRunner(new RunOptions
        {
            Worker = NotebookWorkspace.Worker, OutputDirectory = output, RunRecordPath = null, PackageSources = [workspace.Feed],
        });

        var result = (await runner.RunAsync([notebook])).Single();

        Assert.True(result.Succeeded, result.Failure);
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "one-line.ipynb")))!["cells"]!.AsArray();
        Assert.Equal("21.5 degrees (fixture formatter)",
            Workbench.Notebooks.Documents.NotebookWriter.MultilineText(cells[1]!["outputs"]![0]!["data"]!["text/plain"]));
        Assert.DoesNotContain(workspace.Feed, cells.ToJsonString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("\"WORKBENCH_[A-Z_]+\"")]
    private static partial Regex WorkbenchVariable();
}
