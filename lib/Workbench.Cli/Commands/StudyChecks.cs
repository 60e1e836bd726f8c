using System.Globalization;
using Workbench.Claims;
using Workbench.Export;
using Workbench.IO;
using Workbench.Notebooks.Reporting;
using Workbench.Notebooks.Running;
using Workbench.Notebooks.Verification;

namespace Workbench.Cli.Commands;

/// <summary>
/// What <c>workbench verify</c> does for the thematic studies on top of comparing outputs: it collects the claims the
/// notebooks recorded (<see cref="Claims.Claims.Record(string, double, double?, double?, double?)"/>), checks them
/// against the published-figures ledger, writes the report (English and Dutch pages) and exports the figures.
/// </summary>
internal sealed class StudyChecks : IDisposable
{
    private const string WorkPrefix = "workbench-verify-";
    private readonly string _work;
    private readonly string? _previousClaims = Environment.GetEnvironmentVariable(Claims.Claims.EnvironmentVariable);
    private readonly string? _previousFigures = Environment.GetEnvironmentVariable(FigureSpecStore.EnvironmentVariable);

    /// <summary>Starts collecting: worker processes inherit the variables naming the claims file and the figures folder.</summary>
    public StudyChecks()
    {
        // A verify killed earlier left its folder; remove those of runs that no longer live.
        TempFolders.RemoveAbandoned(WorkPrefix);
        _work = TempFolders.Create(WorkPrefix);
        Directory.CreateDirectory(FiguresFolder);
        Environment.SetEnvironmentVariable(Claims.Claims.EnvironmentVariable, ClaimsFile);
        Environment.SetEnvironmentVariable(FigureSpecStore.EnvironmentVariable, FiguresFolder);
    }

    private string ClaimsFile => Path.Combine(_work, "claims.jsonl");

    private string FiguresFolder => Path.Combine(_work, "figures");

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
    /// <paramref name="allStudies"/>), prints the table and returns the results.
    /// </summary>
    public IReadOnlyList<ClaimResult> CheckClaims(Ledger ledger, IReadOnlyList<string> notebooks, bool allStudies, TextWriter output)
    {
        var studies = notebooks.Select(n => Path.GetFileNameWithoutExtension(n)).ToHashSet(StringComparer.Ordinal);
        var rows = ledger.Entries.Where(e => allStudies || studies.Contains(e.Study)).ToList();
        var scoped = new Ledger(rows);
        var records = Claims.Claims.ReadFile(ClaimsFile).Where(r => scoped.Find(r.Id) is not null || ledger.Find(r.Id) is null).ToList();
        var results = ClaimCheck.Check(scoped, records);
        output.WriteLine();
        output.Write(ClaimCheck.ToTable(results));
        foreach (var r in results.Where(r => !r.Passed)) output.WriteLine($"  {r.Id}: {r.Message}");
        return results;
    }

    /// <summary>Writes the report: English pages from the verify run, Dutch pages from a second run with language=nl.</summary>
    public async Task<string> WriteReportAsync(string reportFolder, IReadOnlyList<NotebookVerification> verified, IReadOnlyList<ClaimResult> claims,
        RunOptions runOptions, CancellationToken ct)
    {
        var pages = new List<StudyPage>();
        var dutchOptions = runOptions with
        {
            OutputDirectory = Path.Combine(runOptions.OutputDirectory, "nl"),
            Parameters = [.. runOptions.Parameters, "language=nl"],
            RunRecordPath = null,
            InPlace = false,
        };
        // A study kept in both formats (.ipynb and .dib) gets one page, from the .ipynb.
        var succeeded = verified.Where(v => v.Run.Succeeded && v.Run.OutputPath is not null)
            .GroupBy(v => Path.GetFileNameWithoutExtension(v.Path), StringComparer.Ordinal)
            .Select(g => g.OrderBy(v => Path.GetExtension(v.Path) == ".ipynb" ? 0 : 1).First())
            .ToList();
        var dutch = succeeded.Count == 0 ? [] : await new NotebookRunner(dutchOptions).RunAsync(succeeded.Select(v => v.Path).ToList(), ct);
        foreach (var v in succeeded)
        {
            var study = Path.GetFileNameWithoutExtension(v.Path);
            var studyClaims = claims.Where(c => c.Entry?.Study == study).ToList();
            var provenance = Provenance(v.Run);
            pages.Add(new StudyPage(study, "en", v.Run.OutputPath!, studyClaims, provenance));
            var nl = dutch.FirstOrDefault(d => d.Document.Path == v.Run.Document.Path && d.Succeeded && d.OutputPath is not null);
            if (nl is not null) pages.Add(new StudyPage(study, "nl", nl.OutputPath!, studyClaims, Provenance(nl)));
        }
        return StudyReport.Write(reportFolder, pages, claims);
    }

    private static IReadOnlyList<string> Provenance(NotebookRunResult run)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Run {run.Started:yyyy-MM-dd HH:mm} UTC, {run.Duration.TotalSeconds:0.0} s") + "; parameters: " +
                (run.Parameters.Count == 0 ? "defaults" : string.Join(", ", run.Parameters.Select(p => $"{p.Key}={p.Value}"))),
            $"Runtime .NET {Environment.Version}; packages: {string.Join(", ", run.Packages.Select(p => $"{p.Name} {p.Version}"))}",
        };
        lines.AddRange(run.DataFiles.Select(f => $"{Path.GetFileName(f.Path)} sha256 {f.Sha256}"));
        return lines;
    }

    /// <summary>
    /// Exports every figure the studies displayed (both languages) as SVG, PDF, PNG and HTML into
    /// <paramref name="chartsFolder"/> (named <paramref name="shownAs"/> in messages: where it will be once verify swaps its output in).
    /// Without a browser it lists what could not be made and how to get one; returns
    /// false then (and when a figure failed).
    /// </summary>
    public async Task<bool> ExportChartsAsync(string chartsFolder, string shownAs, TextWriter output, TextWriter error)
    {
        var specs = FigureSpecStore.ReadFolder(FiguresFolder)
            .OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.Language, StringComparer.Ordinal).ToList();
        if (specs.Count == 0) return true;
        try
        {
            var summary = await ExportCommand.ExportSpecsAsync(specs, Path.GetFullPath(chartsFolder), [FiguresFolder],
                ExportFormats.Svg | ExportFormats.Pdf | ExportFormats.Png | ExportFormats.Html, 300, TimeSpan.FromSeconds(60), output, error, shownAs);
            return summary.Failed == 0;
        }
        catch (ChromiumNotFoundException ex)
        {
            error.WriteLine($"Static exports not made ({specs.Count} figure files: SVG, PDF and PNG of {string.Join(", ", specs.Select(s => s.FileStem))}):");
            error.WriteLine("  " + ex.Message);
            return false;
        }
    }

    /// <summary>Restores the environment and removes the temporary folder.</summary>
    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Claims.Claims.EnvironmentVariable, _previousClaims);
        Environment.SetEnvironmentVariable(FigureSpecStore.EnvironmentVariable, _previousFigures);
        TempFolders.Delete(_work);
    }
}
