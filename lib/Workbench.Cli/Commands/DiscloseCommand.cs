using System.CommandLine;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.IO;
using Sdc = Workbench.Disclosure.Disclosure;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench disclose &lt;table.csv&gt; [--min 10] [--round 5] [--format table|json|csv|markdown|html]</c>: protects a
/// frequency table (long CSV: one to three category columns and a count column) and prints it with margins, symbols and
/// the footnote.
/// </summary>
public sealed class DiscloseCommand : ICliCommand
{
    /// <summary>The formats <c>--format</c> accepts.</summary>
    public static readonly string[] Formats = ["table", "json", "csv", "markdown", "html"];

    /// <inheritdoc />
    public Command Build()
    {
        var file = new Argument<string>("table.csv")
        {
            Description = "Long-format CSV: one to three category columns and a 'count' column, one row per cell (missing combinations count as 0).",
        };
        var min = new Option<int>("--min") { Description = "Minimum cell count: counts from 1 to min-1 are suppressed (default 10).", DefaultValueFactory = _ => 10 };
        var round = new Option<int>("--round") { Description = "Round published counts half up to a multiple of this; 1 = no rounding (default 5).", DefaultValueFactory = _ => 5 };
        var format = new Option<string>("--format") { Description = "Output format (default table).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var lang = new Option<string>("--lang") { Description = "Language of labels and footnote: en or nl (default en).", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "nl");
        var percentages = new Option<string>("--percentages") { Description = "Add percentages of the row, column or grand total (default none).", DefaultValueFactory = _ => "none" };
        percentages.AcceptOnlyFromAmong("none", "row", "column", "total");
        var width = new Option<int>("--protection-width") { Description = "Required width of the range a reader can derive for a suppressed cell (default 1: no exact recomputation).", DefaultValueFactory = _ => 1 };
        var distinguish = new Option<bool>("--distinguish-primary") { Description = "Publish primary suppressions as '<10' and secondary ones as 'x' (default: both 'x')." };
        var countColumn = new Option<string>("--count-column") { Description = "Name of the count column (default count).", DefaultValueFactory = _ => "count" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (atomically) instead of standard output." };
        var delimiter = new Option<string>("--delimiter") { Description = "Field delimiter of the CSV: one character, or \\t for a tab (default ','; ';' for Excel with Dutch settings).", DefaultValueFactory = _ => "," };
        var command = new Command("disclose",
            "Protect a frequency table for publication: suppress counts below --min (and further cells so they cannot be " +
            "recomputed from the totals), round to --round, and print it with margins, symbols and a footnote. Exit 2 on bad input.")
        {
            file, min, round, format, lang, percentages, width, distinguish, countColumn, output, delimiter,
        };
        command.SetAction(parse => Run(
            new DiscloseRequest(
                parse.GetValue(file)!, parse.GetValue(min), parse.GetValue(round), parse.GetValue(format)!,
                parse.GetValue(lang)!, parse.GetValue(percentages)!, parse.GetValue(width), parse.GetValue(distinguish),
                parse.GetValue(countColumn)!, parse.GetValue(output), parse.GetValue(delimiter)!),
            Console.Out, Console.Error));
        return command;
    }

    /// <summary>Runs the command; returns the exit code. Output and errors go to the given writers.</summary>
    public static int Run(DiscloseRequest request, TextWriter stdout, TextWriter stderr)
    {
        DisclosureOptions options;
        try
        {
            options = new DisclosureOptions(
                MinimumCell: request.Min,
                RoundingBase: request.Round,
                Percentages: Enum.Parse<PercentageBase>(request.Percentages, ignoreCase: true),
                ProtectionWidth: request.ProtectionWidth,
                DistinguishPrimary: request.DistinguishPrimary);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            stderr.WriteLine($"workbench disclose: {ex.Message.Split(Environment.NewLine)[0]}");
            return ExitCodes.Usage;
        }
        var delimiter = request.Delimiter == "\\t" ? "\t" : request.Delimiter;
        if (delimiter is not [var d] || d is '"' or '\r' or '\n' || d > 127)
        {
            stderr.WriteLine($"workbench disclose: --delimiter '{request.Delimiter}' must be one ASCII character other than a quote or line break, e.g. ';' or \\t.");
            return ExitCodes.Usage;
        }
        if (!Formats.Contains(request.Format))
        {
            stderr.WriteLine($"workbench disclose: --format '{request.Format}' is not one of {string.Join(", ", Formats)}.");
            return ExitCodes.Usage;
        }
        try
        {
            var table = FrequencyTableCsv.Read(request.Path, request.CountColumn, delimiter: delimiter[0]);
            var language = request.Language == "nl" ? TableLanguage.Dutch : TableLanguage.English;
            var result = Sdc.Protect(table, options);
            var text = request.Format switch
            {
                "json" => result.ToJson(language),
                "csv" => result.ToCsv(language),
                "markdown" => result.ToMarkdown(language),
                "html" => result.ToHtml(language),
                _ => result.ToText(language),
            };
            if (request.Output is { } path) AtomicFile.WriteAllText(path, text);
            else stdout.Write(text);
            return ExitCodes.Success;
        }
        catch (DataValidationException ex)
        {
            stderr.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"workbench disclose: {ex.Message.Split(Environment.NewLine)[0]}");
            return ExitCodes.Usage;
        }
    }
}

/// <summary>The arguments of <c>workbench disclose</c>.</summary>
/// <param name="Path">The long-format CSV.</param>
/// <param name="Min">Minimum cell count (default 10).</param>
/// <param name="Round">Rounding base (default 5).</param>
/// <param name="Format">table, json, csv, markdown or html (default table).</param>
/// <param name="Language">en or nl (default en).</param>
/// <param name="Percentages">none, row, column or total (default none).</param>
/// <param name="ProtectionWidth">Required feasible-range width (default 1).</param>
/// <param name="DistinguishPrimary">Publish primary suppressions as "&lt;10" (default false).</param>
/// <param name="CountColumn">The count column's name (default "count").</param>
/// <param name="Output">Output file, or null for standard output (default null).</param>
/// <param name="Delimiter">The CSV's field delimiter, "\t" for a tab (default ",").</param>
public sealed record DiscloseRequest(
    string Path,
    int Min = 10,
    int Round = 5,
    string Format = "table",
    string Language = "en",
    string Percentages = "none",
    int ProtectionWidth = 1,
    bool DistinguishPrimary = false,
    string CountColumn = "count",
    string? Output = null,
    string Delimiter = ",");
