using System.CommandLine;
using Workbench.Export;
using Workbench.Notebooks.Publishing;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench factsheet</c>: the Rapporteur's factsheet as HTML and PDF from the verified claims.</summary>
public sealed class FactsheetCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var lang = new Option<string>("--lang") { Description = "Language: nl or en.", DefaultValueFactory = _ => "nl" };
        lang.AcceptOnlyFromAmong("nl", "en");
        var from = new Option<string>("--from") { Description = "The output folder of the verify run.", DefaultValueFactory = _ => "out" };
        var outDir = new Option<string>("--out") { Description = "Output folder (its new content is swapped in whole).", DefaultValueFactory = _ => Path.Combine("out", "factsheet") };
        var noPdf = new Option<bool>("--no-pdf") { Description = "Write only the HTML (no Chromium needed)." };
        var command = new Command("factsheet",
            "Write the factsheet (HTML and PDF) from the verified claims: each number is the ledger's printed figure of a reproduced claim, " +
            "linked to its study and reproduced interval. Exit 1 (nothing written) when a claim failed verification, naming it; 2 on bad input.")
        {
            lang, from, outDir, noPdf,
        };
        command.SetAction((parse, _) => NotebookCli.GuardAsync(async () =>
        {
            FactsheetResult result;
            try
            {
                result = await Factsheet.WriteAsync(parse.GetValue(from)!, parse.GetValue(outDir)!, parse.GetValue(lang)!, pdf: !parse.GetValue(noPdf));
            }
            catch (ChromiumNotFoundException ex)
            {
                Console.Error.WriteLine("workbench factsheet: the PDF needs Chromium (or give --no-pdf): " + ex.Message);
                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is TimeoutException or PuppeteerSharp.PuppeteerException)
            {
                Console.Error.WriteLine($"workbench factsheet: printing a PDF failed, so nothing was written: {ex.Message}");
                return ExitCodes.CheckFailed;
            }
            if (result.Refused.Count > 0)
            {
                Console.Error.WriteLine("workbench factsheet: refused; these claims failed verification, so their numbers are not printed (nothing was written):");
                foreach (var line in result.Refused) Console.Error.WriteLine("  " + line);
                return ExitCodes.CheckFailed;
            }
            foreach (var file in result.Written) Console.WriteLine(file);
            return ExitCodes.Success;
        }));
        return command;
    }
}
