using System.CommandLine;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.IO;
using Sdc = Workbench.Disclosure.Disclosure;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench disclose &lt;table.csv&gt; [more.csv ...] [--min 10] [--round 5] [--format table|json|csv|markdown|html]</c>:
/// protects a frequency table (long CSV: one to three category columns and a count column) and prints it with margins,
/// symbols and the footnote. Several files are tables published together: they are protected as one linked set
/// (<see cref="Sdc.Protect(IReadOnlyList{FrequencyTable}, DisclosureOptions?)"/>), so that no cell can be recovered by
/// combining them, and printed in the order given, each titled with its file name.
/// </summary>
public sealed class DiscloseCommand : ICliCommand
{
    /// <summary>The formats <c>--format</c> accepts.</summary>
    public static readonly string[] Formats = ["table", "json", "csv", "markdown", "html", "xlsx"];

    /// <inheritdoc />
    public Command Build()
    {
        var file = new Argument<string[]>("table.csv")
        {
            Description = "Long-format CSV: one to three category columns and a 'count' column, one row per cell (missing combinations count as 0). " +
                          "Give several files for tables published together (on one page or in one study): they are protected together, so that shared margins cannot be differenced.",
            Arity = ArgumentArity.OneOrMore,
        };
        var min = new Option<int>("--min") { Description = "Minimum cell count: counts from 1 to min-1 are suppressed (default 10).", DefaultValueFactory = _ => 10 };
        var round = new Option<int>("--round") { Description = "Round published counts half up to a multiple of this; 1 = no rounding (default 5).", DefaultValueFactory = _ => 5 };
        var format = new Option<string>("--format") { Description = "Output format (default table); xlsx writes a workbook (one sheet per table and one explaining the symbols) to --output.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var lang = new Option<string>("--lang") { Description = "Language of labels and footnote: en or nl (default en).", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "nl");
        var percentages = new Option<string>("--percentages") { Description = "Add percentages of the row, column or grand total (default none).", DefaultValueFactory = _ => "none" };
        percentages.AcceptOnlyFromAmong("none", "row", "column", "total");
        var width = new Option<int>("--protection-width") { Description = "Required width of the range a reader can derive for a suppressed cell (default 1: no exact recomputation).", DefaultValueFactory = _ => 1 };
        var distinguish = new Option<bool>("--distinguish-primary") { Description = "Publish primary suppressions as '<10' and secondary ones as 'x' (default: both 'x')." };
        var countColumn = new Option<string>("--count-column") { Description = "Name of the count column (default count).", DefaultValueFactory = _ => "count" };
        var output = new Option<string?>("--output", "-o", "--out") { Description = "Write to this file (atomically) instead of standard output." };
        var delimiter = new Option<string>("--delimiter") { Description = "Field delimiter of the CSV: one character, or \\t for a tab (default ','; ';' for Excel with Dutch settings).", DefaultValueFactory = _ => "," };
        var command = new Command("disclose",
            "Protect a frequency table for publication: suppress counts below --min (and further cells so they cannot be " +
            "recomputed from the totals), round to --round, and print it with margins, symbols and a footnote. Several files are " +
            "protected together as tables published together. Exit 2 on bad input.")
        {
            file, min, round, format, lang, percentages, width, distinguish, countColumn, output, delimiter,
        };
        command.SetAction(parse => Run(
            new DiscloseRequest(
                parse.GetValue(file)![0], parse.GetValue(min), parse.GetValue(round), parse.GetValue(format)!,
                parse.GetValue(lang)!, parse.GetValue(percentages)!, parse.GetValue(width), parse.GetValue(distinguish),
                parse.GetValue(countColumn)!, parse.GetValue(output), parse.GetValue(delimiter)!, parse.GetValue(file)![1..]),
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
        if (request.Format == "xlsx" && request.Output is null)
        {
            stderr.WriteLine("workbench disclose: --format xlsx writes a workbook; give the file with --out tables.xlsx.");
            return ExitCodes.Usage;
        }
        try
        {
            var paths = new[] { request.Path }.Concat(request.Linked ?? []).ToArray();
            var language = LanguageExtensions.ParseLanguage(request.Language);
            if (request.Format == "xlsx")
            {
                var tables = paths.Select(p => FrequencyTableCsv.Read(p, request.CountColumn, title: paths.Length == 1 ? null : Path.GetFileNameWithoutExtension(p), delimiter: delimiter[0])).ToList();
                StudyWorkbook.Write(Sdc.Protect(tables, options), language, request.Output!);
                return ExitCodes.Success;
            }
            string Render(ProtectedTable result) => request.Format switch
            {
                "json" => result.ToJson(language),
                "csv" => result.ToCsv(language),
                "markdown" => result.ToMarkdown(language),
                "html" => result.ToHtml(language),
                _ => result.ToText(language),
            };
            string text;
            if (paths.Length == 1)
            {
                text = Render(Sdc.Protect(FrequencyTableCsv.Read(request.Path, request.CountColumn, delimiter: delimiter[0]), options));
            }
            else
            {
                var tables = paths.Select(p => FrequencyTableCsv.Read(p, request.CountColumn, title: Path.GetFileName(p), delimiter: delimiter[0])).ToList();
                var rendered = Sdc.Protect(tables, options).Select(Render).ToList();
                text = request.Format switch
                {
                    // one JSON document: an array of the tables' documents
                    "json" => "[\n" + string.Join(",\n", rendered.Select(r => r.TrimEnd('\n'))) + "\n]\n",
                    // CSV has no title row: a comment line names each table
                    "csv" => string.Join("\n", rendered.Select((r, i) => "# " + Path.GetFileName(paths[i]) + "\n" + r)),
                    _ => string.Join("\n", rendered),
                };
            }
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
            var message = ex.ParamName is { } param ? ex.Message.Replace($" (Parameter '{param}')", "", StringComparison.Ordinal) : ex.Message;
            stderr.WriteLine($"workbench disclose: {message.Split(Environment.NewLine)[0]}");
            return ExitCodes.Usage;
        }
    }
}

/// <summary>The arguments of <c>workbench disclose</c>.</summary>
/// <param name="Path">The long-format CSV.</param>
/// <param name="Min">Minimum cell count (default 10).</param>
/// <param name="Round">Rounding base (default 5).</param>
/// <param name="Format">table, json, csv, markdown, html or xlsx (default table; xlsx needs <paramref name="Output"/>).</param>
/// <param name="Language">en or nl (default en).</param>
/// <param name="Percentages">none, row, column or total (default none).</param>
/// <param name="ProtectionWidth">Required feasible-range width (default 1).</param>
/// <param name="DistinguishPrimary">Publish primary suppressions as "&lt;10" (default false).</param>
/// <param name="CountColumn">The count column's name (default "count").</param>
/// <param name="Output">Output file, or null for standard output (default null).</param>
/// <param name="Delimiter">The CSV's field delimiter, "\t" for a tab (default ",").</param>
/// <param name="Linked">Further tables published together with <paramref name="Path"/>, protected with it as one set (default none).</param>
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
    string Delimiter = ",",
    IReadOnlyList<string>? Linked = null);
