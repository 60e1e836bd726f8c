using System.Xml.Linq;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Verification;

namespace Workbench.Tests.Notebooks;

/// <summary>Stores fresh outputs once with <c>--update</c>, then checks that verify tolerates and catches changed numbers.</summary>
public sealed class VerifyFixture : IAsyncLifetime
{
    public NotebookWorkspace Workspace { get; } = new();
    public IReadOnlyList<NotebookVerification> First { get; private set; } = [];
    public string Notebook => Workspace["verify-numbers.ipynb"];

    public async Task InitializeAsync()
    {
        var verifier = new NotebookVerifier(new VerifyOptions
        {
            Run = new Workbench.Notebooks.Running.RunOptions { Worker = NotebookWorkspace.Worker, RunRecordPath = null },
            Update = true,
        });
        First = await verifier.VerifyAsync([Notebook]);
    }

    public Task DisposeAsync()
    {
        Workspace.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class VerifyTests(VerifyFixture fixture) : IClassFixture<VerifyFixture>
{
    private static NotebookVerification CompareWith(NotebookVerification fresh, string storedText, Tolerance tolerance)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-verify-{Guid.NewGuid():N}.ipynb");
        try
        {
            File.WriteAllText(path, storedText);
            var stored = NotebookDocument.Load(path);
            var verifier = new NotebookVerifier(new VerifyOptions
            {
                Run = new Workbench.Notebooks.Running.RunOptions { Worker = NotebookWorkspace.Worker }, Tolerance = tolerance,
            });
            return verifier.Compare(fresh.Run with { Document = stored });
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Update_EmptyStoredOutputs_ReportsThenStoresFreshOutputs()
    {
        var first = Assert.Single(fixture.First);
        Assert.False(first.Passed);
        Assert.True(first.Updated);
        Assert.Contains("not stored", first.Cells[0].Differences[0]);
        Assert.Contains("6.875", File.ReadAllText(fixture.Notebook));
    }

    [Fact]
    public void Compare_StoredEqualsFresh_Passes()
    {
        var result = CompareWith(fixture.First[0], File.ReadAllText(fixture.Notebook), new Tolerance());
        Assert.True(result.Passed, string.Join("\n", result.Cells.SelectMany(c => c.Differences)));
        Assert.Equal(2, result.Cells.Count);
    }

    [Fact]
    public void Compare_NumberChangedWithinTolerance_Passes()
    {
        var text = File.ReadAllText(fixture.Notebook).Replace("6.875", "6.87500000000001", StringComparison.Ordinal)
            .Replace("mean 2.2916666666666665", "mean 2.291666666666667", StringComparison.Ordinal);
        var result = CompareWith(fixture.First[0], text, new Tolerance(Rtol: 1e-9));
        Assert.True(result.Passed, string.Join("\n", result.Cells.SelectMany(c => c.Differences)));
    }

    [Fact]
    public void Compare_NumberChangedBeyondTolerance_FailsNamingCellAndValues()
    {
        var text = File.ReadAllText(fixture.Notebook).Replace("6.875", "6.88", StringComparison.Ordinal);
        var result = CompareWith(fixture.First[0], text, new Tolerance(Rtol: 1e-9));
        Assert.False(result.Passed);
        var cell = result.Cells.Single(c => !c.Passed);
        Assert.Equal("veri0000", cell.Id);
        Assert.Contains(cell.Differences, d => d.Contains("stored 6.88, now 6.875", StringComparison.Ordinal));
        Assert.True(result.Cells.Single(c => c.Id == "veri0001").Passed);
    }

    [Fact]
    public void Compare_LooserAtol_AcceptsTheSameChange()
    {
        var text = File.ReadAllText(fixture.Notebook).Replace("6.875", "6.88", StringComparison.Ordinal);
        Assert.True(CompareWith(fixture.First[0], text, new Tolerance(Rtol: 0, Atol: 0.01)).Passed);
    }

    [Fact]
    public void Compare_StreamTextChanged_FailsWithReadableLine()
    {
        var text = File.ReadAllText(fixture.Notebook).Replace("mean 2.2916666666666665", "average 2.2916666666666665", StringComparison.Ordinal);
        var result = CompareWith(fixture.First[0], text, new Tolerance());
        var diff = result.Cells.Single(c => !c.Passed).Differences.Single();
        Assert.Contains("stored \"average 2.2916666666666665\", now \"mean 2.2916666666666665\"", diff);
    }

    [Fact]
    public void Reports_JUnitAndTrx_OneTestCasePerCell()
    {
        var text = File.ReadAllText(fixture.Notebook).Replace("6.875", "6.88", StringComparison.Ordinal);
        var result = CompareWith(fixture.First[0], text, new Tolerance());
        var dir = Path.Combine(Path.GetTempPath(), $"wb-reports-{Guid.NewGuid():N}");
        try
        {
            TestReportWriter.WriteJUnit(Path.Combine(dir, "junit.xml"), [result]);
            TestReportWriter.WriteTrx(Path.Combine(dir, "verify.trx"), [result]);
            var junit = XDocument.Load(Path.Combine(dir, "junit.xml"));
            Assert.Equal(2, junit.Descendants("testcase").Count());
            Assert.Single(junit.Descendants("failure"));
            var trx = XDocument.Load(Path.Combine(dir, "verify.trx"));
            XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
            Assert.Equal(["Failed", "Passed"], trx.Descendants(ns + "UnitTestResult").Select(r => r.Attribute("outcome")!.Value).Order());
        }
        finally { Directory.Delete(dir, true); }
    }
}
