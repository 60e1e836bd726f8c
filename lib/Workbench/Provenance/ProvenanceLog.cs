using System.Security.Cryptography;
using System.Text.Json;

namespace Workbench.Provenance;

/// <summary>One provenance event recorded by the library while a study runs.</summary>
/// <param name="Kind">"data-file" (a file a loader read), "disclosure-opt-out" (unprotected output released with a reason), or another kind.</param>
/// <param name="Subject">What the event is about (a file path, a table or figure id).</param>
/// <param name="Detail">The SHA-256 of a data file, or the reason given for an opt-out.</param>
public sealed record ProvenanceEvent(string Kind, string Subject, string Detail);

/// <summary>
/// Records what a run read and decided, for <c>out/run.json</c>. Events are kept in memory and, when the run's context
/// names a provenance file (<see cref="RunContext.ProvenanceFile"/>, set by the runner's worker per notebook), appended to
/// it as JSON lines, so the runner sees them.
/// </summary>
public static class ProvenanceLog
{
    private static readonly Lock Gate = new();
    private static readonly List<ProvenanceEvent> Events = [];

    /// <summary>Records that a data file was read, with its SHA-256.</summary>
    public static void RecordDataFile(string path, string sha256) =>
        Record(new ProvenanceEvent("data-file", Path.GetFullPath(path), sha256));

    /// <summary>Records that unprotected output was released deliberately, and why.</summary>
    public static void RecordDisclosureOptOut(string subject, string reason) =>
        Record(new ProvenanceEvent("disclosure-opt-out", subject, reason));

    /// <summary>Records an event.</summary>
    public static void Record(ProvenanceEvent e)
    {
        lock (Gate)
        {
            Events.Add(e);
            var file = RunContext.Current.ProvenanceFile;
            if (!string.IsNullOrEmpty(file))
                File.AppendAllText(file, JsonSerializer.Serialize(e) + "\n");
        }
    }

    /// <summary>The events recorded in this process so far.</summary>
    public static IReadOnlyList<ProvenanceEvent> Snapshot()
    {
        lock (Gate) return Events.ToList();
    }

    /// <summary>Reads the events of a JSON-lines provenance file.</summary>
    public static IReadOnlyList<ProvenanceEvent> ReadFile(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<ProvenanceEvent>(l)!).ToList()
            : [];

    /// <summary>The lower-case hex SHA-256 of a file, streamed.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
