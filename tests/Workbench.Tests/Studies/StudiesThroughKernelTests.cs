using Workbench.Notebooks.Running;
using Workbench.Tests.Kernel;
using Workbench.Tests.Readme;
using Workbench.Tests.Support;

namespace Workbench.Tests.Studies;

/// <summary>Packs the library into artifacts/packages once, for tests that run the studies.</summary>
public sealed class PackedLibraryFixture
{
    public PackedLibraryFixture()
    {
        var pack = RepoPaths.Bash("dotnet pack lib/Workbench/Workbench.csproj -c Release", timeout: TimeSpan.FromMinutes(15));
        if (pack.ExitCode != 0) throw new InvalidOperationException("dotnet pack failed:\n" + pack);
    }
}

/// <summary>
/// Every study notebook run through the Jupyter kernel by <c>jupyter nbconvert --execute</c> gives the outputs
/// <c>workbench run</c> gives, after the shared sanitiser (the editor shows what verification checks).
/// </summary>
[Collection(ReadmeCollection.Name)]
public sealed class StudiesThroughKernelTests(PackedLibraryFixture packed) : IClassFixture<PackedLibraryFixture>
{
    public static TheoryData<string> Studies()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.At("notebooks"), "*.ipynb").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Studies))]
    public async Task Study_ThroughKernel_OutputsEqualWorkbenchRun(string name)
    {
        Assert.NotNull(packed);
        await JupyterTools.RequireModulesAsync("nbclient", "nbconvert", "jupyter_client");
        using var tools = new JupyterTools();
        await tools.InstallKernelSpecAsync();
        var source = RepoPaths.At("notebooks", name);

        var viaKernel = Path.Combine(tools.Root, "kernel");
        var nbconvert = await JupyterTools.RunAsync(JupyterTools.Python,
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=workbench-csharp",
             "--ExecutePreprocessor.timeout=600", "--output-dir", viaKernel, source],
            tools.Environment(), TimeSpan.FromMinutes(12), RepoPaths.At("notebooks"));
        Assert.True(nbconvert.ExitCode == 0, $"nbconvert exit {nbconvert.ExitCode}\n{nbconvert.Stdout}\n{nbconvert.Stderr}");

        var viaRun = Path.Combine(tools.Root, "run");
        var run = await JupyterTools.RunAsync(WorkerCommand.DotnetHost(),
            [JupyterTools.CliDll, "run", source, "--out", viaRun, "--run-record", Path.Combine(tools.Root, "run.json"), "-j", "1"],
            null, TimeSpan.FromMinutes(12), RepoPaths.Root);
        Assert.True(run.ExitCode == 0, $"workbench run exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");

        var kernelCells = NbconvertParityTests.CodeCellOutputs(Path.Combine(viaKernel, name));
        var runCells = NbconvertParityTests.CodeCellOutputs(Path.Combine(viaRun, name));
        Assert.Equal(runCells.Count, kernelCells.Count);
        for (var i = 0; i < runCells.Count; i++)
            Assert.True(runCells[i].SequenceEqual(kernelCells[i]),
                $"{name}: code cell {i + 1} differs\nworkbench run:\n{string.Join("\n", runCells[i])}\nkernel (nbconvert):\n{string.Join("\n", kernelCells[i])}");
    }
}
