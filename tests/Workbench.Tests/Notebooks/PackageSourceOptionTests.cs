using System.Text.Json.Nodes;
using Workbench.Notebooks.Documents;
using Workbench.Tests.Processes;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// Issue 13: <c>workbench run</c> and <c>workbench verify</c> take <c>--package-source DIR</c> as the kernel does: the
/// folder is a NuGet source of every worker, so a notebook outside the checkout loads a local package with one
/// <c>#r</c> line; a folder that does not exist is a usage error (exit 2) naming it.
/// </summary>
public sealed class PackageSourceOptionTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("verify")]
    [InlineData("kernel")]
    public async Task PackageSource_MissingFolder_ExitsTwoNamingIt(string command)
    {
        var folder = Directory.CreateTempSubdirectory("wb-source-missing-").FullName;
        try
        {
            var notebook = TestNotebooks.Write(folder, "one.ipynb", "1 + 1");
            var missing = Path.Combine(folder, "no-such-feed");
            string[] args = command == "kernel"
                ? ["kernel", "--connection-file", Path.Combine(folder, "connection.json"), "--package-source", missing]
                : [command, notebook, "--package-source", missing, "--out", Path.Combine(folder, "out"), "--run-record", Path.Combine(folder, "run.json")];
            if (command == "kernel") File.WriteAllText(args[2], """{"transport":"tcp","ip":"127.0.0.1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-sha256"}""");

            var (exit, _, stderr) = await NotebookWorkspace.RunCliAsync(folder, args);

            Assert.Equal(2, exit);
            Assert.Contains($"--package-source '{missing}' is not a folder", stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(folder, "out", "one.ipynb")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAndVerify_PackageSourceGiven_OneLineReferenceLoadsThePackage()
    {
        using var workspace = new NotebookWorkspace();
        // Outside any checkout: no artifacts/packages above the notebook, so only the option names the feed.
        var notebook = TestNotebooks.Write(Path.Combine(workspace.Root, "elsewhere"), "one-line.ipynb",
            $"#r \"nuget: {NotebookWorkspace.PackageId}, [{workspace.PackageVersion}]\"", "new Fixture.Temperature(21.5)");
        var work = Path.Combine(workspace.Root, "work");
        Directory.CreateDirectory(work);
        string[] Common(string command, params string[] more) =>
            [command, notebook, "--out", Path.Combine(work, command), "--run-record", Path.Combine(work, command + ".json"), .. more];

        var run = await NotebookWorkspace.RunCliAsync(work, Common("run", "--in-place", "--package-source", workspace.Feed));
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var cells = JsonNode.Parse(File.ReadAllText(notebook))!["cells"]!.AsArray();
        Assert.Equal("21.5 degrees (fixture formatter)", NotebookWriter.MultilineText(cells[1]!["outputs"]![0]!["data"]!["text/plain"]));

        var verify = await NotebookWorkspace.RunCliAsync(work, Common("verify", "--package-source", workspace.Feed));
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        // Without the option the package is not found: the source is what made the run pass.
        var without = await NotebookWorkspace.RunCliAsync(work, Common("verify"));
        Assert.Equal(1, without.ExitCode);
    }
}
