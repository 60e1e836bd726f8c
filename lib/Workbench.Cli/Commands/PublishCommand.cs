using System.CommandLine;
using System.Globalization;
using Workbench.Export;
using Workbench.Notebooks.Publishing;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench publish</c>: Word, PDF and HTML documents and an Excel workbook of protected tables per study and language from a verified run.</summary>
public sealed class PublishCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var study = new Argument<string>("study") { Description = "The study to publish (e.g. 01-sexual-violence-prevalence), or all." };
        var format = new Option<string>("--format") { Description = "Formats, comma-separated: docx, pdf, html, xlsx (the study's protected tables, one sheet each).", DefaultValueFactory = _ => "docx,pdf,html,xlsx" };
        var lang = new Option<string>("--lang") { Description = "Languages, comma-separated: nl, en.", DefaultValueFactory = _ => "nl,en" };
        var from = new Option<string>("--from") { Description = "The output folder of the verify run to publish from.", DefaultValueFactory = _ => "out" };
        var outDir = new Option<string>("--out") { Description = "Output folder (its new content is swapped in whole).", DefaultValueFactory = _ => Path.Combine("out", "publish") };
        var command = new Command("publish",
            "Write one document per study and language (Word, tagged PDF with bookmarks, offline HTML) from the latest verified run: " +
            "narrative, figures with alt text, publication tables, the claims table and provenance; never code or raw output. " +
            "With xlsx, one workbook per study and language holding its protected tables (not its tables of estimates). " +
            "Exit 1 when a study's verification failed (nothing is written), 2 on bad input.")
        {
            study, format, lang, from, outDir,
        };
        command.SetAction((parse, _) => NotebookCli.GuardAsync(async () =>
        {
            var name = parse.GetValue(study)!;
            var options = new PublishOptions
            {
                From = parse.GetValue(from)!,
                Out = parse.GetValue(outDir)!,
                Studies = name == "all" ? [] : [name],
                Formats = PublishOptions.ParseFormats(parse.GetValue(format)!),
                Languages = PublishOptions.ParseLanguages(parse.GetValue(lang)!),
            };
            PublishResult result;
            try
            {
                result = await Publisher.PublishAsync(options);
            }
            catch (ChromiumNotFoundException ex)
            {
                Console.Error.WriteLine("workbench publish: PDF needs Chromium (or leave pdf out of --format): " + ex.Message);
                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is TimeoutException or PuppeteerSharp.PuppeteerException)
            {
                Console.Error.WriteLine($"workbench publish: printing a PDF failed, so nothing was written: {ex.Message}");
                return ExitCodes.CheckFailed;
            }
            if (!result.Published)
            {
                Console.Error.WriteLine($"workbench publish: refused; nothing was written to {options.Out}:");
                foreach (var line in result.Refused) Console.Error.WriteLine("  " + line);
                return ExitCodes.CheckFailed;
            }
            foreach (var file in result.Written) Console.WriteLine(file);
            foreach (var note in result.Notes) Console.Error.WriteLine("note: " + note);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Published {result.Written.Count} file(s) to {options.Out} in {result.Elapsed.TotalSeconds:0.0} s."));
            return ExitCodes.Success;
        }));
        return command;
    }
}
