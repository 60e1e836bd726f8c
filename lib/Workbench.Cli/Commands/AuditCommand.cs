using System.CommandLine;
using Workbench.Data;
using Workbench.Disclosure.Audit;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench audit &lt;folder&gt;</c>: the independent leak audit of published output (report pages, chart files,
/// manifest). Exit 0 when nothing leaks, 1 when a leak is found, 2 when the folder cannot be read.
/// </summary>
public sealed class AuditCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var folder = new Argument<string>("folder") { Description = "An output folder, e.g. the --out of workbench verify (notebooks/ inside it is not published and is skipped)." };
        var min = new Option<int>("--min") { Description = "Counts from 1 to min-1 must not be readable or derivable (default 10).", DefaultValueFactory = _ => 10 };
        var width = new Option<int>("--protection-width") { Description = "A suppressed cell is exposed when its derivable range is narrower than this (default 1: exact recovery).", DefaultValueFactory = _ => 1 };
        var command = new Command("audit",
            "Read what an output folder publishes (tables, chart data in HTML/SVG/JSON, alt text, raw displays) and try to recover " +
            "every suppressed cell by linear programming over all of it together. Prints page / element / cell / why per finding. " +
            "Exit codes: 0 clean, 1 a leak found, 2 unreadable input.")
        {
            folder, min, width,
        };
        command.SetAction(parse => Run(parse.GetValue(folder)!, parse.GetValue(min), parse.GetValue(width), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Runs the audit; returns the exit code. Findings go to <paramref name="stdout"/>, errors to <paramref name="stderr"/>.</summary>
    public static int Run(string folder, int minimumCell, int protectionWidth, TextWriter stdout, TextWriter stderr)
    {
        AuditReport report;
        try
        {
            report = LeakAudit.Run(folder, new AuditOptions(minimumCell, protectionWidth));
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or DataValidationException or ArgumentOutOfRangeException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"audit: {ex.Message}");
            return ExitCodes.Usage;
        }
        foreach (var f in report.Findings) stdout.WriteLine($"LEAK  {f}");
        foreach (var n in report.Notes) stdout.WriteLine($"note  {n}");
        stdout.WriteLine($"audit: {report.Pages} file(s), {report.Tables} table(s), {report.Figures} chart(s), {report.SuppressedCells} suppressed cell(s); " +
            (report.Clean ? "no leak found" : $"{report.Findings.Count} leak(s) found"));
        return report.Clean ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
