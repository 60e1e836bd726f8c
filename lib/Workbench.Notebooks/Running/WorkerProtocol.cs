using System.Text.Json;
using System.Text.Json.Serialization;
using Workbench.Notebooks.Engine;

namespace Workbench.Notebooks.Running;

/// <summary>
/// What the runner asks a worker to run: sent as one JSON line on the worker's channel. <paramref name="Context"/> is
/// the run's typed channel for this notebook (claims, figures, provenance), which the worker sets as
/// <see cref="Workbench.Provenance.RunContext.Current"/> before the first cell. The engine's package sources come on the
/// worker's command line (<c>--package-source</c>), so that it can start its kernel before this request arrives.
/// </summary>
internal sealed record WorkerRequest(string NotebookPath, string NotebookName, IReadOnlyList<WorkerCell> Cells, bool KeepGoing,
    Workbench.Provenance.RunContext? Context = null);

/// <summary>One code cell to run.</summary>
internal sealed record WorkerCell(int Index, string Label, string Kernel, string Source);

/// <summary>
/// What a worker reports, one JSON line each on its standard output: "ready" (kernel created), "started" and
/// "completed" per cell, "done" at the end. The runner keeps the clock, so a worker that hangs or dies is detected
/// there and the cell it was running is named.
/// </summary>
internal sealed record WorkerMessage(
    string Event,
    int? Index = null,
    bool? Succeeded = null,
    IReadOnlyList<CellOutput>? Outputs = null,
    double? DurationMs = null,
    IReadOnlyList<ResolvedPackage>? Packages = null);

internal static class WorkerJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}
