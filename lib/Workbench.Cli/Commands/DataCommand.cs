using System.CommandLine;
using Workbench.Data;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench data</c>: validate datasets against their dictionaries (<c>check</c>) and describe them
/// (<c>describe</c>). Other commands (e.g. <c>generate</c>) attach themselves with <c>Parent =&gt; "data"</c>.
/// </summary>
public sealed class DataCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var data = new Command("data", "Datasets and their data dictionaries: validate, describe, generate.");

        var checkPath = new Argument<string>("path") { Description = "A CSV, .xlsx or .parquet file, or a folder whose data files (recursively) are all checked." };
        var maxErrors = new Option<int>("--max-errors") { Description = "Problems collected per file before it stops (default 100).", DefaultValueFactory = _ => 100 };
        var check = new Command("check",
            "Validate CSV files against their data dictionaries (name.dictionary.json beside each CSV). Prints every problem " +
            "as file:line:column: message and a summary. Exit codes: 0 all valid, 1 a problem was found, 2 the path does not exist.");
        var sheet = new Option<string?>("--sheet") { Description = "The sheet of an .xlsx workbook: its name or 1-based number (default the first)." };
        var headerRow = new Option<int>("--header-row")
        {
            Description = "The row of an .xlsx sheet that holds the column names (default 1); rows above it are skipped.",
            DefaultValueFactory = _ => 1,
        };
        headerRow.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1_048_576) r.AddError("--header-row must be a sheet row from 1 to 1048576.");
        });
        check.Arguments.Add(checkPath);
        check.Options.Add(maxErrors);
        check.Options.Add(sheet);
        check.Options.Add(headerRow);
        check.SetAction(parse => DataCli.Check(parse.GetValue(checkPath)!, parse.GetValue(maxErrors), Console.Out, Console.Error, parse.GetValue(sheet), parse.GetValue(headerRow)));
        data.Subcommands.Add(check);

        var describePath = new Argument<string>("csv") { Description = "The CSV, .xlsx or .parquet file to describe." };
        var describe = new Command("describe",
            "Print a dataset's dictionary (titles, source, synthetic flag, licence, unit, key, columns with labels and units) " +
            "and per-column summaries with the row count. Exit codes: 0 success, 1 the file is invalid, 2 the file does not exist.");
        describe.Arguments.Add(describePath);
        describe.Options.Add(sheet);
        describe.Options.Add(headerRow);
        describe.SetAction(parse => DataCli.Describe(parse.GetValue(describePath)!, Console.Out, Console.Error, parse.GetValue(sheet), parse.GetValue(headerRow)));
        data.Subcommands.Add(describe);
        return data;
    }
}
