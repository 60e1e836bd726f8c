using Workbench.Claims;
using Workbench.IO;
using System.CommandLine;
using System.Globalization;
using Workbench.Notebooks.Running;
using Workbench.Notebooks.Studies;
using Workbench.Notebooks.Verification;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench verify</c>: reruns notebooks and compares the fresh outputs with the committed ones.</summary>
public sealed class VerifyCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebooks or folders (default: notebooks).", Arity = ArgumentArity.ZeroOrMore };
        var rtol = new Option<double>("--rtol") { Description = "Relative tolerance for numbers in outputs.", DefaultValueFactory = _ => 1e-9 };
        var atol = new Option<double>("--atol") { Description = "Absolute tolerance for numbers in outputs.", DefaultValueFactory = _ => 0 };
        var update = new Option<bool>("--update") { Description = "Store the fresh outputs in the notebooks that ran without error." };
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report (one test case per cell) to this file." };
        var trx = new Option<string?>("--trx") { Description = "Write a TRX report (one test case per cell) to this file." };
        var cellTimeout = NotebookCli.CellTimeout();
        var startTimeout = NotebookCli.StartTimeout();
        var timeout = NotebookCli.Timeout();
        var jobs = NotebookCli.Jobs();
        var record = NotebookCli.RunRecord();
        var packageSource = NotebookCli.PackageSource("each notebook's folder");
        var outRoot = new Option<string>("--out") { Description = "Output folder: executed notebooks in OUT/notebooks, the report in OUT/report, charts in OUT/charts, the protected tables in OUT/tables, the run record in OUT/run.json.", DefaultValueFactory = _ => "out" };
        var ledgerOption = new Option<string?>("--ledger") { Description = "The published-figures ledger to check recorded claims against (default: the nearest data-samples/published-figures.csv above the notebooks; none found = no claims check)." };
        var noReport = new Option<bool>("--no-report") { Description = "Check claims but write no report and export no charts." };
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 1) when the static chart exports could not be made, e.g. without Chromium, or when a published narrative cell, heading, figure or table has no Dutch or no English version." };
        var reportMode = new Option<string>("--report") { Description = "The report pages: 'publication' (narrative, figures, tables and claims only) or 'review' (the same with each cell's code and raw output folded in).", DefaultValueFactory = _ => "publication" };
        reportMode.AcceptOnlyFromAmong("publication", "review");
        var noAudit = new Option<bool>("--no-audit") { Description = "Do not run the leak audit of the published report and charts (by default a leak that workbench audit OUT finds fails the run, exit 1)." };
        var command = new Command("verify",
            "Rerun notebooks and compare each cell's fresh outputs with those stored in the committed notebook: text after " +
            "sanitising GUIDs, timestamps, durations and temporary paths; numbers within --rtol/--atol; Plotly charts by trace " +
            "data and layout. Exit codes: 0 all match, 1 a difference or failure, 2 usage.")
        {
            paths, rtol, atol, update, junit, trx, cellTimeout, startTimeout, timeout, jobs, record, outRoot, ledgerOption, noReport, strict, noAudit, reportMode, packageSource,
        };
        command.SetAction((parse, ct) => NotebookCli.GuardAsync(async () =>
        {
            var given = parse.GetValue(paths) is { Length: > 0 } p ? p : ["notebooks"];
            var r = parse.GetValue(rtol);
            var a = parse.GetValue(atol);
            if (!(r >= 0) || !(a >= 0) || !double.IsFinite(r) || !double.IsFinite(a))
                throw new ArgumentException($"--rtol and --atol must be finite and non-negative (got {r}, {a}).");
            var options = new VerifyOptions
            {
                Run = new RunOptions
                {
                    Worker = NotebookCli.Worker(),
                    CellTimeout = TimeSpan.FromSeconds(RunCommand.Positive(parse.GetValue(cellTimeout), "--cell-timeout")),
                    StartTimeout = TimeSpan.FromSeconds(RunCommand.Positive(parse.GetValue(startTimeout), "--start-timeout")),
                    NotebookTimeout = parse.GetValue(timeout) is { } t ? TimeSpan.FromSeconds(RunCommand.Positive(t, "--timeout")) : null,
                    Parallelism = Math.Max(1, parse.GetValue(jobs)),
                    RunRecordPath = parse.GetResult(record) is { Implicit: false } ? parse.GetValue(record) : Path.Combine(parse.GetValue(outRoot)!, "run.json"),
                    OutputDirectory = Path.Combine(parse.GetValue(outRoot)!, "notebooks"),
                    PackageSources = NotebookCli.PackageSources(parse.GetValue(packageSource)),
                },
                Tolerance = new Tolerance(r, a),
                Update = parse.GetValue(update),
            };
            var notebooks = NotebookCli.Expand(given);
            new NotebookRunner(options.Run).Prepare(notebooks);
            // Everything under --out is made in a staging folder and swapped in at the end: a verify killed at any moment
            // leaves the previous complete result or the new one.
            var root = parse.GetValue(outRoot)!;
            using var staged = StagedFolder.Begin(root, notebooks);
            var recordGiven = parse.GetResult(record) is { Implicit: false };
            options = options with
            {
                Run = options.Run with
                {
                    OutputDirectory = Path.Combine(staged.Path, "notebooks"),
                    RunRecordPath = recordGiven ? options.Run.RunRecordPath : Path.Combine(staged.Path, "run.json"),
                },
            };
            var ledgerPath = parse.GetValue(ledgerOption) ?? StudyVerifier.FindLedger(notebooks);
            if (parse.GetValue(ledgerOption) is { } explicitLedger && !File.Exists(explicitLedger))
                throw new FileNotFoundException($"--ledger {explicitLedger}: file not found.");
            var ledger = ledgerPath is null ? null : Ledger.Load(ledgerPath);
            await using var studies = new StudyVerifier();
            options = options with { Run = studies.Configure(options.Run) };
            var report = ledger is not null && !parse.GetValue(noReport);
            // Each study's charts are drawn while the next study runs.
            if (report) studies.BeginExport(Path.Combine(staged.Path, "charts"), Path.Combine(staged.Target, "charts"));
            var results = await NotebookCli.WithProgressAsync(progress => new NotebookVerifier(options, studies.Observe(progress)).VerifyAsync(notebooks, ct));
            Print(results);
            var claimsPassed = true;
            var textPassed = true;
            var exportsPassed = true;
            var auditPassed = true;
            if (ledger is not null)
            {
                var allStudies = given.Any(Directory.Exists);
                var claims = studies.CheckClaims(ledger, notebooks, allStudies, results);
                Console.WriteLine();
                Console.Write(ClaimCheck.ToTable(claims));
                foreach (var c in claims.Where(c => !c.Passed)) Console.WriteLine($"  {c.Id}: {c.Message}");
                claimsPassed = claims.All(c => c.Passed);
                // What publish and factsheet read: which studies and claims this run verified.
                Workbench.Notebooks.Publishing.VerificationRecord.From(staged.Path, results, claims)
                    .Write(Path.Combine(staged.Path, Workbench.Notebooks.Publishing.VerificationRecord.FileName));
                // ... and the protected tables the studies displayed, for their workbooks.
                studies.SaveTables(Path.Combine(staged.Path, "tables"), results);
                if (report)
                {
                    var mode = parse.GetValue(reportMode) == "review" ? ReportMode.Review : ReportMode.Publication;
                    // The last charts are drawn while the report is written.
                    var exporting = studies.ExportChartsAsync(Path.Combine(staged.Path, "charts"), Path.Combine(staged.Target, "charts"));
                    var (index, problems) = StudyVerifier.WriteReport(Path.Combine(staged.Path, "report"), results, claims, mode, ledger);
                    Console.WriteLine($"report: {Published(staged, index)}");
                    foreach (var problem in problems)
                        Console.WriteLine($"  {(problem.Kind == ReportProblemKind.Language && !parse.GetValue(strict) ? "warning" : "TEXT")}  {problem}");
                    // A missing translation fails with --strict; an unbound number or unsafe content always fails.
                    textPassed = problems.All(p => p.Kind == ReportProblemKind.Language && !parse.GetValue(strict));
                    var export = await exporting;
                    foreach (var line in export.Batch?.Lines ?? []) Console.WriteLine(line);
                    foreach (var line in export.Errors) Console.Error.WriteLine(line);
                    exportsPassed = export.Passed;
                    if (!exportsPassed && !parse.GetValue(strict))
                        Console.Error.WriteLine("(not a failure without --strict: the claims are checked and the report is written)");
                    // The staged folder is what this run publishes (the target still holds the previous output until the commit).
                    if (parse.GetValue(noAudit)) Console.WriteLine("audit: skipped (--no-audit); the published output was not checked for leaks");
                    else auditPassed = AuditCommand.Run(staged.Path, 10, 1, Console.Out, Console.Error) == ExitCodes.Success;
                }
            }
            if (options.Run.RunRecordPath is { } recordPath && File.Exists(recordPath))
                AtomicFile.WriteAllText(recordPath, File.ReadAllText(recordPath).Replace(JsonPath(staged.Path), JsonPath(staged.Target), StringComparison.Ordinal));
            staged.Commit();
            if (parse.GetValue(junit) is { } j) TestReportWriter.WriteJUnit(j, results);
            if (parse.GetValue(trx) is { } x) TestReportWriter.WriteTrx(x, results);
            var passed = results.Count(v => v.Passed);
            Console.WriteLine($"{passed} passed, {results.Count - passed} failed");
            return passed == results.Count && claimsPassed && textPassed && auditPassed && (exportsPassed || !parse.GetValue(strict)) ? ExitCodes.Success : ExitCodes.CheckFailed;
        }));
        return command;
    }

    /// <summary>Where a file made in the staging folder is once the folder is swapped in.</summary>
    private static string Published(StagedFolder staged, string path) =>
        path.StartsWith(staged.Path, StringComparison.Ordinal) ? staged.Target + path[staged.Path.Length..] : path;

    /// <summary>A folder path as the run record's JSON spells it (followed by a separator, so a prefix matches only whole names).</summary>
    private static string JsonPath(string folder)
    {
        var quoted = System.Text.Json.JsonSerializer.Serialize(folder + Path.DirectorySeparatorChar);
        return quoted[1..^1];
    }

    private static void Print(IReadOnlyList<NotebookVerification> results)
    {
        foreach (var v in results)
        {
            var ok = v.Cells.Count(c => c.Passed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(v.Passed ? "matches" : "DIFFERS")}  {v.Path}: {ok}/{v.Cells.Count} cells match{(v.Updated ? "; fresh outputs stored" : "")}"));
            if (!v.Passed && v.Run.Failure is { } failure && v.Cells.All(c => c.Passed)) Console.WriteLine($"    {failure}");
            foreach (var c in v.Cells.Where(c => !c.Passed))
            {
                Console.WriteLine($"  {c.Label}:");
                foreach (var d in c.Differences) Console.WriteLine($"    {d}");
            }
        }
    }
}
