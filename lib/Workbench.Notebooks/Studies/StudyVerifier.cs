using System.Globalization;
using Workbench.Claims;
using Workbench.Export;
using Workbench.Data;
using Workbench.IO;
using Workbench.Notebooks.Running;
using Workbench.Notebooks.Verification;

namespace Workbench.Notebooks.Studies;

/// <summary>What exporting the studies' figures did.</summary>
/// <param name="Passed">True when every figure was written (or there was none).</param>
/// <param name="Batch">The export, or null when none ran (no figures, or no browser).</param>
/// <param name="Errors">Why figures were not made, for the caller to print (empty when <paramref name="Passed"/>).</param>
public sealed record StudyExport(bool Passed, FigureBatchResult? Batch, IReadOnlyList<string> Errors);

/// <summary>
/// What <c>workbench verify</c> does for the thematic studies on top of comparing outputs: it collects the claims the
/// notebooks recorded (<see cref="Claims.Claims.Record(string, double, double?, double?, double?)"/>) and the figures
/// they displayed, checks the claims against the published-figures ledger, writes the report (English and Dutch
/// pages) and exports the figures. The caller runs the notebooks with <see cref="Configure"/>d options.
/// </summary>
public sealed class StudyVerifier : IAsyncDisposable
{
    private const string WorkPrefix = "workbench-verify-";
    private readonly string _work;
    // One browser for the run: the notebooks' SVG fallbacks, then the chart export, on the same warm pages; two pages,
    // so that the export (after the notebooks, nothing else running) renders on both cores of a small machine.
    private readonly LazyFigureExporter _browser = new(new ExportOptions { Timeout = TimeSpan.FromSeconds(60), Pages = Math.Clamp(Environment.ProcessorCount, 1, 2) });

    /// <summary>Creates the folder the worker runs record their claims and figures in.</summary>
    public StudyVerifier()
    {
        // A verify killed earlier left its folder; remove those of runs that no longer live.
        TempFolders.RemoveAbandoned(WorkPrefix);
        _work = TempFolders.Create(WorkPrefix);
        Directory.CreateDirectory(FiguresFolder);
    }

    private const ExportFormats ChartFormats = ExportFormats.Svg | ExportFormats.Pdf | ExportFormats.Png | ExportFormats.Html;

    private PendingFigureBatch? _export;

    private string ClaimsFile => Path.Combine(_work, "claims.jsonl");

    private string FiguresFolder => Path.Combine(_work, "figures");

    private string TablesFolder => Path.Combine(_work, "tables");

    /// <summary><paramref name="options"/> with the channel that collects the runs' claims, figures and protected tables for this verifier.</summary>
    public RunOptions Configure(RunOptions options) => options with { Channel = new RunChannel(ClaimsFile, FiguresFolder, TablesFolder), FigureBrowser = _browser };

    /// <summary>
    /// Writes the protected tables each study displayed (<see cref="Workbench.Reporting.ProtectedTableStore"/>) to
    /// <paramref name="tablesFolder"/><c>/&lt;study&gt;/&lt;id&gt;.json</c>, for <c>workbench publish --format xlsx</c>. A study kept
    /// in both formats (.ipynb and .dib) has its tables from the .ipynb, as its report pages. Returns the files written.
    /// </summary>
    public IReadOnlyList<string> SaveTables(string tablesFolder, IReadOnlyList<NotebookVerification> verified)
    {
        var written = new List<string>();
        var studies = verified.Where(v => v.Run.Succeeded)
            .GroupBy(v => Path.GetFileNameWithoutExtension(v.Path), StringComparer.Ordinal)
            .Select(g => g.OrderBy(v => Path.GetExtension(v.Path) == ".ipynb" ? 0 : 1).First());
        foreach (var v in studies)
        {
            var from = Path.Combine(TablesFolder, SafeFileName.From(Path.GetFileName(v.Path)));
            if (!Directory.Exists(from)) continue;
            var to = Path.Combine(tablesFolder, SafeFileName.From(Path.GetFileNameWithoutExtension(v.Path)));
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from, "*.json").Order(StringComparer.Ordinal))
            {
                var target = Path.Combine(to, Path.GetFileName(file));
                File.Copy(file, target, overwrite: true);
                written.Add(target);
            }
        }
        return written;
    }

    /// <summary>The ledger next to the studies: the nearest <c>data-samples/published-figures.csv</c> above the first notebook.</summary>
    public static string? FindLedger(IReadOnlyList<string> notebooks)
    {
        if (notebooks.Count == 0) return null;
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(notebooks[0]))!); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data-samples", "published-figures.csv");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Checks the recorded claims against the ledger rows of the studies that ran (all rows when
    /// <paramref name="allStudies"/>); claims whose id the ledger does not know are checked too (and fail). A study
    /// whose run did not reach its end (<paramref name="verified"/>: a timeout, a crash) has its missing claims reported as
    /// not checked, with the reason, instead of advising a <c>Claims.Record</c> call.
    /// </summary>
    public IReadOnlyList<ClaimResult> CheckClaims(Ledger ledger, IReadOnlyList<string> notebooks, bool allStudies,
        IReadOnlyList<NotebookVerification>? verified = null)
    {
        var studies = notebooks.Select(n => Path.GetFileNameWithoutExtension(n)).ToHashSet(StringComparer.Ordinal);
        var rows = ledger.Entries.Where(e => allStudies || studies.Contains(e.Study)).ToList();
        var scoped = new Ledger(rows);
        var records = Claims.Claims.ReadFile(ClaimsFile).Where(r => scoped.Find(r.Id) is not null || ledger.Find(r.Id) is null).ToList();
        var unfinished = (verified ?? [])
            .Where(v => v.Run.Failure is not null)
            .GroupBy(v => Path.GetFileNameWithoutExtension(v.Path), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Run.Failure!, StringComparer.Ordinal);
        return ClaimCheck.Check(scoped, records, unfinished);
    }

    /// <summary>
    /// Writes the report into <paramref name="reportFolder"/>: an English and a Dutch page per study, both rendered from
    /// the one executed notebook of the verify run (its displayed figures and tables carry both languages). A study kept
    /// in both formats (.ipynb and .dib) gets one page pair, from the .ipynb. Returns the path of index.html.
    /// </summary>
    public static string WriteReport(string reportFolder, IReadOnlyList<NotebookVerification> verified, IReadOnlyList<ClaimResult> claims) =>
        WriteReport(reportFolder, verified, claims, ReportMode.Publication, null).Index;

    /// <summary>
    /// Writes the report as <see cref="WriteReport(string, IReadOnlyList{NotebookVerification}, IReadOnlyList{ClaimResult})"/>
    /// does, in <paramref name="mode"/>, and checks each study's published text against the ledger rows of
    /// <paramref name="ledger"/> (null: none): both languages present, every number bound (<see cref="ReportChecks"/>).
    /// </summary>
    public static (string Index, IReadOnlyList<ReportProblem> Problems) WriteReport(string reportFolder, IReadOnlyList<NotebookVerification> verified,
        IReadOnlyList<ClaimResult> claims, ReportMode mode, Ledger? ledger)
    {
        var pages = new List<StudyPage>();
        var problems = new List<ReportProblem>();
        var succeeded = verified.Where(v => v.Run.Succeeded && v.Run.OutputPath is not null)
            .GroupBy(v => Path.GetFileNameWithoutExtension(v.Path), StringComparer.Ordinal)
            .Select(g => g.OrderBy(v => Path.GetExtension(v.Path) == ".ipynb" ? 0 : 1).First())
            .ToList();
        var environment = succeeded.Count == 0 ? null : Workbench.Notebooks.Provenance.RunEnvironment.Capture([succeeded[0].Path]);
        var commit = environment?.GitCommit is { } c ? c + (environment.GitDirty == true ? " (modified)" : "") : null;
        foreach (var v in succeeded)
        {
            var study = Path.GetFileNameWithoutExtension(v.Path);
            var studyClaims = claims.Where(c => c.Entry?.Study == study).ToList();
            var provenance = Provenance(v.Run, commit, mode);
            pages.Add(new StudyPage(study, "en", v.Run.OutputPath!, studyClaims, provenance));
            pages.Add(new StudyPage(study, "nl", v.Run.OutputPath!, studyClaims, provenance));
            problems.AddRange(ReportChecks.Check(study, ReportNotebook.Read(v.Run.OutputPath!), ledger?.ForStudy(study) ?? []));
        }
        var data = succeeded.SelectMany(v => v.Run.DataFiles)
            .Select(f => $"{Path.GetFileName(f.Path)} {f.Sha256[..Math.Min(12, f.Sha256.Length)]}").Distinct().Order(StringComparer.Ordinal).ToList();
        var started = succeeded.Count == 0 ? DateTimeOffset.UtcNow : succeeded.Min(v => v.Run.Started);
        var index = StudyReport.Write(reportFolder, pages, claims, mode, new ReportRun(commit, started, data));
        return (index, problems);
    }

    private static IReadOnlyList<string> Provenance(NotebookRunResult run, string? commit, ReportMode mode)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Run {run.Started:yyyy-MM-dd HH:mm} UTC, {run.Duration.TotalSeconds:0.0} s") + "; parameters: " +
                (run.Parameters.Count == 0 ? "defaults" : string.Join(", ", run.Parameters.Select(p => $"{p.Key}={p.Value}"))),
            "Commit " + (commit ?? "unknown"),
        };
        // Reviewers see the packages; a publication names the library only.
        lines.Add(mode == ReportMode.Review
            ? $"Runtime .NET {Environment.Version}; packages: {string.Join(", ", run.Packages.Select(p => $"{p.Name} {p.Version}"))}"
            : string.Join(", ", run.Packages.Where(p => p.Name == "Workbench").Select(p => $"Workbench {p.Version}").DefaultIfEmpty("Workbench")));
        lines.AddRange(run.DataFiles.Select(f => $"{Path.GetFileName(f.Path)} sha256 {f.Sha256}"));
        return lines;
    }

    /// <summary>
    /// Starts the chart export into <paramref name="chartsFolder"/> (named <paramref name="shownAs"/> in messages) before
    /// the notebooks run: with the progress of <see cref="Observe"/>, each study's figures are drawn while the next study
    /// runs, and <see cref="ExportChartsAsync"/> then draws only what is left. Without it the export does all the work.
    /// </summary>
    public void BeginExport(string chartsFolder, string shownAs)
    {
        if (_export is not null) throw new InvalidOperationException("The chart export has already begun.");
        _export = FigureBatch.Begin(Path.GetFullPath(chartsFolder), [FiguresFolder], ChartFormats, 300, TimeSpan.FromSeconds(60), shownAs, _browser);
    }

    /// <summary>
    /// <paramref name="progress"/> (may be null), also handing each finished notebook's figures to the export begun with
    /// <see cref="BeginExport"/>: pass it to the runner.
    /// </summary>
    public Action<RunProgress> Observe(Action<RunProgress>? progress) => p =>
    {
        progress?.Invoke(p);
        if (p.Kind != "completed" || _export is not { } export) return;
        var folder = Path.Combine(FiguresFolder, SafeFileName.From(p.Notebook));
        // A folder that cannot be read now is read again, and its error reported, by ExportChartsAsync.
        try { if (Directory.Exists(folder)) export.Render(FigureSpecStore.ReadFolder(folder)); }
        catch (DataValidationException) { }
        catch (InvalidOperationException) { }
    };

    /// <summary>
    /// Exports every figure the studies displayed (both languages) as SVG, PDF, PNG and HTML into
    /// <paramref name="chartsFolder"/> (named <paramref name="shownAs"/> in messages: where it will be once verify swaps
    /// its output in), finishing the export <see cref="BeginExport"/> began (then its folder is the one given there).
    /// Without a browser it says what could not be made and how to get one; not passed then (nor when a figure failed).
    /// </summary>
    public async Task<StudyExport> ExportChartsAsync(string chartsFolder, string shownAs)
    {
        var specs = FigureSpecStore.ReadRunFolder(FiguresFolder)
            .OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.Language, StringComparer.Ordinal).ToList();
        if (specs.Count == 0) return new StudyExport(true, null, []);
        try
        {
            _export ??= FigureBatch.Begin(Path.GetFullPath(chartsFolder), [FiguresFolder], ChartFormats, 300, TimeSpan.FromSeconds(60), shownAs, _browser);
            var batch = await _export.CompleteAsync(specs);
            return new StudyExport(batch.Failed == 0, batch, batch.Errors);
        }
        catch (ChromiumNotFoundException ex)
        {
            return new StudyExport(false, null,
            [
                $"Static exports not made ({specs.Count} figure files: SVG, PDF and PNG of {string.Join(", ", specs.Select(s => s.FileStem))}):",
                "  " + ex.Message,
            ]);
        }
    }

    /// <summary>Closes the run's browser and removes the temporary folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_export is not null) await _export.DisposeAsync();
        await _browser.DisposeAsync();
        TempFolders.Delete(_work);
    }
}
