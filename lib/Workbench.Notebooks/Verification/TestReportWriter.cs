using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Workbench.IO;

namespace Workbench.Notebooks.Verification;

/// <summary>Writes verify results as JUnit XML or Visual Studio TRX, one test case per code cell, so CI systems list them.</summary>
public static class TestReportWriter
{
    /// <summary>Writes a JUnit XML report (one testsuite per notebook) atomically.</summary>
    public static void WriteJUnit(string path, IReadOnlyList<NotebookVerification> results)
    {
        var suites = new XElement("testsuites",
            new XAttribute("name", "workbench verify"),
            new XAttribute("tests", results.Sum(r => Math.Max(1, r.Cells.Count))),
            new XAttribute("failures", results.Sum(r => FailedCount(r))));
        foreach (var r in results)
        {
            var name = Path.GetFileName(r.Path);
            var suite = new XElement("testsuite",
                new XAttribute("name", name),
                new XAttribute("tests", Math.Max(1, r.Cells.Count)),
                new XAttribute("failures", FailedCount(r)),
                new XAttribute("time", Seconds(r.Run.Duration)));
            foreach (var c in r.Cells)
            {
                var testCase = new XElement("testcase",
                    new XAttribute("classname", name), new XAttribute("name", c.Label), new XAttribute("time", Seconds(c.Duration)));
                if (!c.Passed)
                    testCase.Add(new XElement("failure", new XAttribute("message", c.Differences.FirstOrDefault() ?? "failed"),
                        string.Join("\n", c.Differences)));
                suite.Add(testCase);
            }
            if (r.Cells.Count == 0)
            {
                var whole = new XElement("testcase", new XAttribute("classname", name), new XAttribute("name", "notebook"));
                if (!r.Passed) whole.Add(new XElement("failure", new XAttribute("message", r.Run.Failure ?? "failed")));
                suite.Add(whole);
            }
            suites.Add(suite);
        }
        Save(path, new XDocument(new XDeclaration("1.0", "utf-8", null), suites));
    }

    /// <summary>Writes a Visual Studio TRX report atomically.</summary>
    public static void WriteTrx(string path, IReadOnlyList<NotebookVerification> results)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var listId = Id("workbench-verify-list").ToString();
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var defs = new XElement(ns + "TestDefinitions");
        var entries = new XElement(ns + "TestEntries");
        var outcomes = new XElement(ns + "Results");
        var cases = results.SelectMany(r => r.Cells.Select(c => (Notebook: Path.GetFileName(r.Path), Cell: c))).ToList();
        foreach (var (notebook, cell) in cases)
        {
            var testId = Id($"{notebook}/{cell.Id}").ToString();
            var executionId = Guid.NewGuid().ToString();
            var name = $"{notebook} {cell.Label}";
            defs.Add(new XElement(ns + "UnitTest", new XAttribute("name", name), new XAttribute("id", testId),
                new XElement(ns + "Execution", new XAttribute("id", executionId)),
                new XElement(ns + "TestMethod", new XAttribute("codeBase", notebook), new XAttribute("className", notebook), new XAttribute("name", cell.Label))));
            entries.Add(new XElement(ns + "TestEntry", new XAttribute("testId", testId), new XAttribute("executionId", executionId), new XAttribute("testListId", listId)));
            var result = new XElement(ns + "UnitTestResult",
                new XAttribute("executionId", executionId), new XAttribute("testId", testId), new XAttribute("testName", name),
                new XAttribute("computerName", Environment.MachineName),
                new XAttribute("duration", cell.Duration.ToString("c", CultureInfo.InvariantCulture)),
                new XAttribute("startTime", now), new XAttribute("endTime", now),
                new XAttribute("testType", "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b"),
                new XAttribute("outcome", cell.Passed ? "Passed" : "Failed"), new XAttribute("testListId", listId));
            if (!cell.Passed)
                result.Add(new XElement(ns + "Output", new XElement(ns + "ErrorInfo", new XElement(ns + "Message", string.Join("\n", cell.Differences)))));
            outcomes.Add(result);
        }
        var passed = cases.Count(c => c.Cell.Passed);
        var run = new XElement(ns + "TestRun",
            new XAttribute("id", Guid.NewGuid().ToString()), new XAttribute("name", "workbench verify"),
            new XElement(ns + "Times", new XAttribute("creation", now), new XAttribute("start", now), new XAttribute("finish", now)),
            outcomes, defs,
            new XElement(ns + "TestEntries", entries.Elements()),
            new XElement(ns + "TestLists", new XElement(ns + "TestList", new XAttribute("name", "workbench verify"), new XAttribute("id", listId))),
            new XElement(ns + "ResultSummary", new XAttribute("outcome", passed == cases.Count && results.All(r => r.Passed) ? "Completed" : "Failed"),
                new XElement(ns + "Counters", new XAttribute("total", cases.Count), new XAttribute("executed", cases.Count),
                    new XAttribute("passed", passed), new XAttribute("failed", cases.Count - passed))));
        Save(path, new XDocument(new XDeclaration("1.0", "utf-8", null), run));
    }

    private static int FailedCount(NotebookVerification r) => r.Cells.Count == 0 ? (r.Passed ? 0 : 1) : r.Cells.Count(c => !c.Passed);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static Guid Id(string text) => new(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private static void Save(string path, XDocument document) =>
        AtomicFile.Write(path, stream =>
        {
            var settings = new System.Xml.XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
            using var writer = System.Xml.XmlWriter.Create(stream, settings);
            document.Save(writer);
        });
}
