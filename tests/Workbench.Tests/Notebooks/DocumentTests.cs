using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Engine;

namespace Workbench.Tests.Notebooks;

public sealed class DocumentTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Notebooks", name);

    [Fact]
    public void Load_Dib_SplitsCellsByKernel()
    {
        var doc = NotebookDocument.Load(Fixture("params.dib"));
        Assert.Equal(NotebookFormat.Dib, doc.Format);
        Assert.Equal([CellKind.Markdown, CellKind.Code, CellKind.Code], doc.Cells.Select(c => c.Kind));
        Assert.Contains("parameters", doc.Cells[1].Tags);
        Assert.Equal(doc.Cells.Count, doc.Cells.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Load_FirstLineFsharpMagic_SetsKernel()
    {
        var doc = NotebookDocument.Load(Fixture("fsharp-cell.ipynb"));
        Assert.Equal(["csharp", "fsharp", "csharp"], doc.Cells.Select(c => c.Kernel));
    }

    [Fact]
    public void Load_MissingIds_GetsUniqueStableIds()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-noids-{Guid.NewGuid():N}.ipynb");
        try
        {
            File.WriteAllText(path, """{"cells":[{"cell_type":"code","metadata":{},"source":"1","outputs":[],"execution_count":null},{"cell_type":"code","metadata":{},"source":"2","outputs":[],"execution_count":null}],"metadata":{},"nbformat":4,"nbformat_minor":2}""");
            var a = NotebookDocument.Load(path);
            var b = NotebookDocument.Load(path);
            Assert.Equal(a.Cells.Select(c => c.Id), b.Cells.Select(c => c.Id));
            Assert.NotEqual(a.Cells[0].Id, a.Cells[1].Id);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_NotJson_ThrowsNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-bad-{Guid.NewGuid():N}.ipynb");
        try
        {
            File.WriteAllText(path, "{ not json");
            var ex = Assert.Throws<DataValidationException>(() => NotebookDocument.Load(path));
            Assert.Contains(path, ex.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Writer_Outputs_AreNbformatWithLineArrays()
    {
        var outputs = NotebookWriter.ToNbformat(
        [
            new CellOutput(CellOutputKind.Stream, StreamName: "stdout", Text: "a\r\nb\n"),
            new CellOutput(CellOutputKind.ExecuteResult, Data: new Dictionary<string, string> { ["text/plain"] = "42" }),
            new CellOutput(CellOutputKind.Error, ErrorName: "E", ErrorValue: "bad", Traceback: ["t1"]),
        ], executionCount: 7);
        Assert.Equal("""["a\n","b\n"]""", outputs[0]!["text"]!.ToJsonString());
        Assert.Equal(7, outputs[1]!["execution_count"]!.GetValue<int>());
        Assert.Equal("error", outputs[2]!["output_type"]!.GetValue<string>());
    }

    [Fact]
    public void Writer_RoundTrip_KeepsSourceAndMetadata()
    {
        var doc = NotebookDocument.Load(Fixture("all-pass.ipynb"));
        var json = JsonNode.Parse(NotebookWriter.ToJson(doc, doc.Cells))!;
        var original = JsonNode.Parse(File.ReadAllText(Fixture("all-pass.ipynb")))!;
        Assert.Equal(original["metadata"]!.ToJsonString(), json["metadata"]!.ToJsonString());
        for (var i = 0; i < doc.Cells.Count; i++)
            Assert.Equal(original["cells"]![i]!["source"]!.ToJsonString(), json["cells"]![i]!["source"]!.ToJsonString());
    }
}
