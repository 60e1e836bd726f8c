using System.CommandLine;
using Workbench.Data;
using Workbench.Export;
using Workbench.IO;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench export --figures DIR</c>: renders the figure specs notebook runs saved (a run whose <c>RunOptions.Channel</c> named DIR)
/// to SVG, PDF, PNG and self-contained HTML through one headless Chromium, and writes <c>manifest.json</c>.
/// </summary>
public sealed class ExportCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var notebooksArg = new Argument<string[]>("notebooks")
        {
            Description = "Notebooks or folders to run; every figure they display is exported (instead of --figures).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var figures = new Option<string?>("--figures")
        {
            Description = "Folder of figure specs (*.json, also in its subfolders) that a notebook run saved (RunOptions.Channel.FiguresFolder).",
        };
        var format = new Option<string>("--format") { Description = "Formats, comma-separated: svg, pdf, png, html.", DefaultValueFactory = _ => "svg,pdf,png,html" };
        var dpi = new Option<int>("--dpi") { Description = "PNG resolution in dots per inch (48-1200).", DefaultValueFactory = _ => 300 };
        var lang = new Option<string>("--lang") { Description = "Language: en, nl or both.", DefaultValueFactory = _ => "both" };
        lang.AcceptOnlyFromAmong("en", "nl", "both");
        var outDir = new Option<string>("--out") { Description = "Output folder (created if missing).", DefaultValueFactory = _ => Path.Combine("out", "figures") };
        var timeout = new Option<int>("--timeout") { Description = "Seconds one chart may take to render.", DefaultValueFactory = _ => 30 };
        var command = new Command("export",
            "Export the figures notebooks displayed (saved as specs by the run) as SVG, PDF, PNG and offline HTML, " +
            "with manifest.json (figure id, title, alt text, source, language, files, SHA-256 of the data). " +
            "Needs Chrome or Chromium (WORKBENCH_CHROMIUM or /usr/lib/chromium/chromium). Exit 1 if a figure failed to render, 2 on bad input.")
        {
            notebooksArg, figures, format, dpi, lang, outDir, timeout,
        };
        command.SetAction(async (parse, _) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                return await RunAsync(parse, notebooksArg, figures, format, dpi, lang, outDir, timeout);
            }
            catch (DataValidationException ex)
            {
                error.WriteLine(ex.Message);
                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is ArgumentException or DirectoryNotFoundException or FileNotFoundException or UnauthorizedAccessException)
            {
                error.WriteLine("workbench export: " + ex.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Argument<string[]> notebooksArg, Option<string?> figures, Option<string> format, Option<int> dpi, Option<string> lang,
        Option<string> outDir, Option<int> timeout)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var formats = FigureBatch.ParseFormats(parse.GetValue(format)!);
        var resolution = parse.GetValue(dpi);
        if (resolution is < 48 or > 1200) throw new ArgumentException($"--dpi {resolution} is outside 48-1200.");
        var seconds = parse.GetValue(timeout);
        if (seconds < 1) throw new ArgumentException($"--timeout {seconds} must be at least 1 second.");
        var languages = parse.GetValue(lang) == "both" ? new[] { "en", "nl" } : [parse.GetValue(lang)!];
        var notebooks = parse.GetValue(notebooksArg) ?? [];
        if (notebooks.Length > 0 == parse.GetValue(figures) is not null)
            throw new ArgumentException("give either notebooks (or folders) to run, or --figures DIR with saved figure specs, not both or neither.");
        // The output folder is replaced whole at the end: refuse one that holds the inputs before running anything.
        StagedFolder.Validate(parse.GetValue(outDir)!, [.. notebooks, .. parse.GetValue(figures) is { } given ? [given] : Array.Empty<string>()]);
        using var capture = notebooks.Length > 0 ? new FigureCapture() : null;
        if (capture is not null && !await capture.RunAsync(notebooks, output)) return ExitCodes.CheckFailed;
        var folder = capture?.Folder ?? parse.GetValue(figures)!;
        var specs = FigureSpecStore.ReadRunFolder(folder).Where(s => languages.Contains(s.Language))
            .OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.Language, StringComparer.Ordinal).ToList();
        if (specs.Count == 0)
        {
            error.WriteLine($"workbench export: no figure specs in '{folder}' for language {string.Join(" or ", languages)}. " +
                            "Give the notebooks instead (`workbench export NOTEBOOKS`), so the run saves the figures they display.");
            return ExitCodes.Usage;
        }
        var clash = specs.GroupBy(s => s.FileStem, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            error.WriteLine($"workbench export: figures {string.Join(", ", clash.Select(s => $"'{s.Id}'"))} would all be written as '{clash.Key}.*'; give them distinct ids.");
            return ExitCodes.Usage;
        }
        var target = Path.GetFullPath(parse.GetValue(outDir)!);
        try
        {
            var summary = await ExportSpecsAsync(specs, target, [folder, .. notebooks], formats, resolution, TimeSpan.FromSeconds(seconds), output, error);
            return summary.Failed > 0 ? ExitCodes.CheckFailed : ExitCodes.Success;
        }
        catch (ChromiumNotFoundException ex)
        {
            error.WriteLine("workbench export: " + ex.Message);
            return ExitCodes.Usage;
        }
    }

    /// <summary>Runs <see cref="FigureBatch.ExportAsync"/> and prints what it wrote and what failed.</summary>
    internal static async Task<FigureBatchResult> ExportSpecsAsync(IReadOnlyList<FigureSpec> specs, string target, IReadOnlyList<string> inputs,
        ExportFormats formats, int resolution, TimeSpan timeout, TextWriter output, TextWriter error, string? shownAs = null)
    {
        var result = await FigureBatch.ExportAsync(specs, target, inputs, formats, resolution, timeout, shownAs);
        foreach (var line in result.Lines) output.WriteLine(line);
        foreach (var line in result.Errors) error.WriteLine(line);
        return result;
    }
}
