using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Engine;
using Workbench.Notebooks.Jupyter;

namespace Workbench.Tests.Kernel;

public sealed class ConvertAndSpecTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wb-convert-" + Guid.NewGuid().ToString("N")[..8]);

    public ConvertAndSpecTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string Copy(string name)
    {
        var target = Path.Combine(_root, name);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Notebooks", name), target);
        return target;
    }

    private static JsonObject Read(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    [Fact]
    public void Convert_DibToIpynb_SetsKernelspecAndKeepsParametersTag()
    {
        var dib = Copy("params.dib");
        var result = NotebookConverter.Convert(dib);
        Assert.Equal(Path.ChangeExtension(dib, ".ipynb"), result.OutputPath);
        var nb = Read(result.OutputPath);
        Assert.Equal("workbench-csharp", nb["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("C# (Workbench)", nb["metadata"]!["kernelspec"]!["display_name"]!.GetValue<string>());
        var cells = nb["cells"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.Equal(["markdown", "code", "code"], cells.Select(c => c["cell_type"]!.GetValue<string>()));
        Assert.Contains("parameters", cells[1]["metadata"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.All(cells, c => Assert.False(string.IsNullOrEmpty(c["id"]?.GetValue<string>())));
        // The runner reads the converted notebook the same way: the parameters cell is still found.
        var back = NotebookDocument.Load(result.OutputPath);
        Assert.Contains(back.Cells, c => c.Tags.Contains("parameters") && c.Source.Contains("int count = 3;", StringComparison.Ordinal));
    }

    [Fact]
    public void Convert_IpynbToDib_KeepsKernelsAndMarksParameters()
    {
        var ipynb = Copy("all-pass.ipynb");
        var result = NotebookConverter.Convert(ipynb, NotebookFormat.Dib, Path.Combine(_root, "out", "all-pass.dib"));
        var text = File.ReadAllText(result.OutputPath);
        Assert.Contains("#!html\n\n<b>bold</b>", text);
        Assert.Contains("#!markdown\n\n# All cells pass", text);
        var dib = NotebookDocument.Load(result.OutputPath);
        var original = NotebookDocument.Load(ipynb);
        Assert.Equal(original.Cells.Select(c => (c.Kind, c.Kernel)), dib.Cells.Select(c => (c.Kind, c.Kernel)));
        Assert.True(Workbench.Notebooks.Parameters.ParameterCell.HasDibMarker(dib.Cells[1].Source));
        Assert.Equal(original.Cells[2].Source, dib.Cells[2].Source);
    }

    [Fact]
    public void Convert_DibWithHtmlCell_IpynbCellStartsWithDirective()
    {
        var dib = Path.Combine(_root, "html.dib");
        File.WriteAllText(dib, "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\"}}\n\n#!html\n\n<i>x</i>\n\n#!csharp\n\n1+1\n");
        var nb = Read(NotebookConverter.Convert(dib).OutputPath);
        var sources = nb["cells"]!.AsArray().Select(c => NotebookWriter.MultilineText(c!["source"])).ToList();
        Assert.Equal(["#!html\n<i>x</i>", "1+1"], sources);
    }

    [Fact]
    public void Convert_IpynbToIpynbSamePath_RefusesAndLeavesSource()
    {
        var ipynb = Copy("verify-numbers.ipynb");
        var before = File.ReadAllBytes(ipynb);
        var ex = Assert.Throws<DataValidationException>(() => NotebookConverter.Convert(ipynb, NotebookFormat.Ipynb));
        Assert.Contains("overwrite the source", ex.Errors[0].Message);
        Assert.Equal(before, File.ReadAllBytes(ipynb));
    }

    [Fact]
    public void Convert_UnknownExtension_ErrorNamesFile()
    {
        var path = Path.Combine(_root, "notes.txt");
        File.WriteAllText(path, "x");
        var ex = Assert.Throws<DataValidationException>(() => NotebookConverter.Convert(path));
        Assert.Equal(path, ex.Errors[0].File);
    }

    [Fact]
    public void KernelSpec_Install_WritesKernelJsonWithMessageInterrupts()
    {
        var folder = KernelSpec.Install(KernelSpec.PrefixKernelsFolder(_root), ["/opt/workbench/workbench"]);
        Assert.Equal(Path.Combine(_root, "share", "jupyter", "kernels", "workbench-csharp"), folder);
        var spec = Read(Path.Combine(folder, "kernel.json"));
        Assert.Equal(["/opt/workbench/workbench", "kernel", "--connection-file", "{connection_file}"],
            spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("C# (Workbench)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("C#", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(folder, "logo-svg.svg")));
    }

    [Theory]
    [InlineData("1+1", CodeCompleteness.Complete)]
    [InlineData("", CodeCompleteness.Complete)]
    [InlineData("var x = 1;\nx", CodeCompleteness.Complete)]
    [InlineData("for (var i = 0; i < 3; i++)\n{", CodeCompleteness.Incomplete)]
    [InlineData("var s = \"\"\"\nraw", CodeCompleteness.Incomplete)]
    [InlineData("#!html\n<b>x</b>", CodeCompleteness.Complete)]
    [InlineData("#r \"nuget: Plotly.NET, 6.0.0\"", CodeCompleteness.Complete)]
    [InlineData("int n = \"text\";", CodeCompleteness.Complete)]
    [InlineData("var x = ;", CodeCompleteness.Invalid)]
    [InlineData("var x = ;\nvar y = 1;", CodeCompleteness.Invalid)]
    [InlineData("var x = ;\nif (x)\n{", CodeCompleteness.Invalid)]
    [InlineData("Console.WriteLine(\"abc\"", CodeCompleteness.Incomplete)]
    [InlineData("var total = 1 +", CodeCompleteness.Incomplete)]
    public void IsComplete_Code_MatchesRoslynSubmissionRules(string code, CodeCompleteness expected) =>
        Assert.Equal(expected, CSharpCompleteness.Check(code));
}
