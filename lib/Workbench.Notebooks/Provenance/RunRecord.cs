using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.IO;
using Workbench.Notebooks.Running;

namespace Workbench.Notebooks.Provenance;

/// <summary>
/// Writes <c>out/run.json</c>: the environment of the run and, per notebook, its outcome, parameters, resolved
/// packages, the SHA-256 of every data file it read and each cell's duration.
/// </summary>
public static class RunRecord
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the run record atomically.</summary>
    public static void Write(string path, RunEnvironment environment, IReadOnlyList<NotebookRunResult> results)
    {
        var root = new JsonObject
        {
            ["schema"] = "workbench-run/1",
            ["finished"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["git"] = new JsonObject { ["commit"] = environment.GitCommit, ["dirty"] = environment.GitDirty },
            ["sdk"] = environment.SdkVersion,
            ["runtime"] = environment.Runtime,
            ["os"] = environment.Os,
            ["machine"] = environment.Machine,
            ["engine"] = environment.Engine,
            ["workbench"] = Workbench.WorkbenchInfo.Version,
            ["passed"] = results.Count(r => r.Succeeded),
            ["failed"] = results.Count(r => !r.Succeeded),
            ["notebooks"] = new JsonArray(results.Select(r => (JsonNode?)Notebook(r, Path.GetDirectoryName(Path.GetFullPath(path))!)).ToArray()),
        };
        AtomicFile.WriteAllText(path, root.ToJsonString(Indented) + "\n");
    }

    /// <summary>The short summary stored in an executed notebook's metadata (<c>metadata.workbench</c>).</summary>
    public static JsonObject NotebookSummary(NotebookRunResult result) => new()
    {
        ["status"] = result.Succeeded ? "passed" : "failed",
        ["started"] = result.Started.ToString("O", CultureInfo.InvariantCulture),
        ["duration_seconds"] = Math.Round(result.Duration.TotalSeconds, 3),
        ["parameters"] = Parameters(result),
        ["packages"] = Packages(result),
        ["data_files"] = result.DataFiles.Count,
        ["failure"] = result.Failure,
    };

    /// <remarks>
    /// Paths are relative to the folder of the run record (<c>out/run.json</c> names <c>../notebooks/...</c>), so the
    /// published record names no machine's checkout and stays valid when the checkout moves.
    /// </remarks>
    private static JsonObject Notebook(NotebookRunResult r, string recordFolder) => new()
    {
        ["path"] = Relative(recordFolder, r.Document.Path),
        ["output"] = r.OutputPath is { } output ? Relative(recordFolder, output) : null,
        ["status"] = r.Succeeded ? "passed" : "failed",
        ["failure"] = r.Failure,
        ["started"] = r.Started.ToString("O", CultureInfo.InvariantCulture),
        ["duration_seconds"] = Math.Round(r.Duration.TotalSeconds, 3),
        ["parameters"] = Parameters(r),
        ["packages"] = Packages(r),
        ["data_files"] = new JsonArray(r.DataFiles.Select(d => (JsonNode?)new JsonObject { ["path"] = Relative(recordFolder, d.Path), ["sha256"] = d.Sha256 }).ToArray()),
        ["cells"] = new JsonArray(r.CellResults.Select(c => (JsonNode?)new JsonObject
        {
            ["id"] = c.Id,
            ["index"] = c.Index,
            ["status"] = c.Status.ToString(),
            ["duration_seconds"] = Math.Round(c.Duration.TotalSeconds, 3),
            ["error"] = c.Error,
        }).ToArray()),
    };

    private static string Relative(string folder, string path) => Path.GetRelativePath(folder, Path.GetFullPath(path)).Replace('\\', '/');

    private static JsonObject Parameters(NotebookRunResult r)
    {
        var o = new JsonObject();
        foreach (var (k, v) in r.Parameters) o[k] = v;
        return o;
    }

    private static JsonObject Packages(NotebookRunResult r)
    {
        var o = new JsonObject();
        foreach (var p in r.Packages) o[p.Name] = p.Version;
        return o;
    }
}
