using System.CommandLine;
using System.Globalization;
using Workbench.Notebooks.Running;
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
        var timeout = NotebookCli.Timeout();
        var jobs = NotebookCli.Jobs();
        var record = NotebookCli.RunRecord();
        var command = new Command("verify",
            "Rerun notebooks and compare each cell's fresh outputs with those stored in the committed notebook: text after " +
            "sanitising GUIDs, timestamps, durations and temporary paths; numbers within --rtol/--atol; Plotly charts by trace " +
            "data and layout. Exit codes: 0 all match, 1 a difference or failure, 2 usage.")
        {
            paths, rtol, atol, update, junit, trx, cellTimeout, timeout, jobs, record,
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
                    NotebookTimeout = parse.GetValue(timeout) is { } t ? TimeSpan.FromSeconds(RunCommand.Positive(t, "--timeout")) : null,
                    Parallelism = Math.Max(1, parse.GetValue(jobs)),
                    RunRecordPath = parse.GetValue(record),
                },
                Tolerance = new Tolerance(r, a),
                Update = parse.GetValue(update),
            };
            var notebooks = NotebookCli.Expand(given);
            new NotebookRunner(options.Run).Prepare(notebooks);
            var results = await NotebookCli.WithProgressAsync(progress => new NotebookVerifier(options, progress).VerifyAsync(notebooks, ct));
            Print(results);
            if (parse.GetValue(junit) is { } j) TestReportWriter.WriteJUnit(j, results);
            if (parse.GetValue(trx) is { } x) TestReportWriter.WriteTrx(x, results);
            var passed = results.Count(v => v.Passed);
            Console.WriteLine($"{passed} passed, {results.Count - passed} failed");
            return passed == results.Count ? ExitCodes.Success : ExitCodes.CheckFailed;
        }));
        return command;
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
