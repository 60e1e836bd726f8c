using System.CommandLine;
using Workbench.Data;
using Workbench.IO;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench data infer &lt;file&gt; [--out name.dictionary.json]</c>: drafts the data dictionary of a CSV, .xlsx or
/// .parquet file (<see cref="DictionaryInference"/>), with its labels left as TODO for the researcher.
/// </summary>
public sealed class DataInferCommand : ICliCommand
{
    /// <inheritdoc />
    public string? Parent => "data";

    /// <inheritdoc />
    public string ParentDescription => "Validate, describe and generate datasets.";

    /// <inheritdoc />
    public Command Build()
    {
        var file = new Argument<string>("file") { Description = "The CSV (UTF-8), .xlsx or .parquet file to draft a dictionary for." };
        var output = new Option<string?>("--out") { Description = "Write the draft to this file (refused if it exists); default: print it." };
        var sheet = new Option<string?>("--sheet") { Description = "The sheet of an .xlsx workbook: its name or 1-based number (default the first)." };
        var headerRow = new Option<int>("--header-row") { Description = "The row of an .xlsx sheet that holds the column names (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("infer",
            "Draft the data dictionary of a file that has none: delimiter, encoding and culture (';' with decimal commas is nl-NL), " +
            "column types (integer, decimal, boolean, category with its codes, date, identifier, text), min/max, required and a " +
            "candidate primary key. Labels, title, source, licence and unit are left as TODO, so 'data check' refuses the draft " +
            "until they are written. Each unsure guess is explained on standard error. Exit codes: 0 drafted, 2 unreadable input.")
        {
            file, output, sheet, headerRow,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(output), parse.GetValue(sheet), parse.GetValue(headerRow), Console.Out, Console.Error));
        return command;
    }

    /// <summary>Drafts the dictionary; returns the exit code.</summary>
    public static int Run(string path, string? output, string? sheet, int headerRow, TextWriter stdout, TextWriter stderr)
    {
        if (headerRow is < 1 or > 1_048_576)
        {
            stderr.WriteLine("workbench data infer: --header-row must be a sheet row from 1 to 1048576.");
            return ExitCodes.Usage;
        }
        if (output is not null && File.Exists(output))
        {
            stderr.WriteLine($"workbench data infer: {output} exists; a draft never replaces a dictionary. Give another --out or remove the file.");
            return ExitCodes.Usage;
        }
        InferredDictionary draft;
        try
        {
            draft = DictionaryInference.Infer(path, sheet, headerRow);
        }
        catch (DataValidationException ex)
        {
            stderr.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        foreach (var note in draft.Notes) stderr.WriteLine("unsure: " + note);
        stderr.WriteLine($"drafted {draft.Dictionary.Columns.Count} columns; fill in every TODO (labels, title, source, licence, unit), then run 'workbench data check'.");
        if (output is null) stdout.Write(draft.Dictionary.ToJson());
        else AtomicFile.WriteAllText(output, draft.Dictionary.ToJson());
        return ExitCodes.Success;
    }
}
