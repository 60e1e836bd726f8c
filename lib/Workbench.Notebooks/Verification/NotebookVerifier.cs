using Workbench.Data;
using Workbench.IO;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Running;

namespace Workbench.Notebooks.Verification;

/// <summary>Options of <see cref="NotebookVerifier"/>.</summary>
public sealed record VerifyOptions
{
    /// <summary>How the notebooks are run (writing of executed copies is turned off by the verifier). Required.</summary>
    public required RunOptions Run { get; init; }

    /// <summary>Tolerance for numbers in text and charts. Default rtol 1e-9, atol 0.</summary>
    public Tolerance Tolerance { get; init; } = new();

    /// <summary>Store the fresh outputs in the source notebooks when they ran without error. Default false.</summary>
    public bool Update { get; init; }
}

/// <summary>The verdict on one code cell.</summary>
/// <param name="Index">Zero-based position in the notebook.</param>
/// <param name="Id">The cell id.</param>
/// <param name="Label">"cell N (id ...)".</param>
/// <param name="Passed">True when it ran and its outputs match the stored ones.</param>
/// <param name="Differences">Readable differences, or the run error.</param>
/// <param name="Duration">How long the cell ran.</param>
public sealed record CellVerification(int Index, string Id, string Label, bool Passed, IReadOnlyList<string> Differences, TimeSpan Duration);

/// <summary>The verdict on one notebook.</summary>
/// <param name="Path">The notebook.</param>
/// <param name="Passed">True when it ran and every cell matched.</param>
/// <param name="Cells">One per code cell.</param>
/// <param name="Run">The fresh run.</param>
/// <param name="Updated">True when <see cref="VerifyOptions.Update"/> stored the fresh outputs.</param>
public sealed record NotebookVerification(string Path, bool Passed, IReadOnlyList<CellVerification> Cells, NotebookRunResult Run, bool Updated);

/// <summary>
/// Runs notebooks and compares the fresh outputs with those stored in the committed notebook, cell by cell.
/// Returns results rather than printing, so other checks (claims against a ledger, reports) can build on it.
/// </summary>
public sealed class NotebookVerifier
{
    private readonly VerifyOptions _options;
    private readonly Action<RunProgress>? _progress;

    /// <summary>Creates a verifier.</summary>
    public NotebookVerifier(VerifyOptions options, Action<RunProgress>? progress = null)
    {
        _options = options;
        _progress = progress;
    }

    /// <summary>Runs and compares every notebook.</summary>
    public async Task<IReadOnlyList<NotebookVerification>> VerifyAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        // With --update, a .dib (which keeps no outputs) is run and checked but not rewritten.
        // The executed copies go to the run's output folder (the report is built from them); the sources are untouched.
        var runner = new NotebookRunner(_options.Run with { InPlace = false }, _progress);
        var runs = await runner.RunAsync(paths, cancellationToken);
        return runs.Select(Compare).ToList();
    }

    /// <summary>Compares one fresh run with the notebook it ran (and stores the fresh outputs if asked).</summary>
    public NotebookVerification Compare(NotebookRunResult run)
    {
        var stored = run.Document.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        var cells = new List<CellVerification>();
        foreach (var result in run.CellResults)
        {
            var fresh = run.Cells[result.Index];
            if (fresh.Tags.Contains(Parameters.ParameterCell.InjectedTag)) continue;
            var differences = new List<string>();
            if (result.Status != CellStatus.Passed)
            {
                differences.Add(result.Status == CellStatus.NotRun ? "not run: an earlier cell failed" : $"{result.Status}: {result.Error}");
            }
            else
            {
                var original = stored.FirstOrDefault(c => c.Id == fresh.Id);
                // A .dib stores no outputs: its cells are verified by running without error (and by the claims they record).
                if (run.Document.Format == NotebookFormat.Dib) { }
                else if (original is null) differences.Add("no stored cell with this id");
                else differences.AddRange(OutputComparer.Compare(original.Outputs, fresh.Outputs, _options.Tolerance));
            }
            cells.Add(new CellVerification(result.Index, result.Id, result.Label, differences.Count == 0, differences, result.Duration));
        }
        var updated = false;
        if (_options.Update && run.Succeeded && run.Document.Format == NotebookFormat.Ipynb)
        {
            AtomicFile.WriteAllText(run.Document.Path, WithoutCheckoutPath(NotebookWriter.ToJson(run.Document, run.Cells), run.Document.Path));
            updated = true;
        }
        return new NotebookVerification(run.Document.Path, run.Succeeded && cells.All(c => c.Passed), cells, run, updated);
    }

    /// <summary>
    /// Stored outputs must not hold the machine's checkout path (the local feed's "Restore sources" display prints it):
    /// it is replaced by the same <c>&lt;repo&gt;</c> placeholder the sanitiser compares with, so a committed notebook
    /// names no developer's folder and still matches a fresh run on any machine.
    /// </summary>
    private static string WithoutCheckoutPath(string json, string notebookPath)
    {
        for (var dir = new DirectoryInfo(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(notebookPath))!); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Workbench.sln")) && !System.IO.Path.Exists(System.IO.Path.Combine(dir.FullName, ".git"))) continue;
            var root = dir.FullName.TrimEnd('/', '\\');
            return root.Length > 1 ? json.Replace(root + "/", "<repo>/", StringComparison.Ordinal) : json;
        }
        return json;
    }
}
