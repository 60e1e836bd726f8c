using System.Diagnostics;
using Workbench.Export;
using Workbench.IO;

namespace Workbench.Notebooks.Publishing;

/// <summary>The document formats of <c>workbench publish</c>.</summary>
[Flags]
public enum PublishFormats
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Word (.docx, Open XML).</summary>
    Docx = 1,
    /// <summary>PDF printed by headless Chromium: tagged, with bookmarks and embedded fonts.</summary>
    Pdf = 2,
    /// <summary>One self-contained offline HTML file.</summary>
    Html = 4,
    /// <summary>
    /// An Excel workbook (.xlsx) of the study's protected tables, one sheet each plus the symbols sheet
    /// (<see cref="Workbench.Disclosure.StudyWorkbook"/>). Tables of estimates are left out: only protected tables go to a workbook.
    /// </summary>
    Xlsx = 8,
}

/// <summary>What to publish.</summary>
public sealed record PublishOptions
{
    /// <summary>The output folder of the verify run to publish from (default "out").</summary>
    public string From { get; init; } = "out";

    /// <summary>The folder the documents go to (default "out/publish"); its new content is swapped in whole.</summary>
    public string Out { get; init; } = Path.Combine("out", "publish");

    /// <summary>The studies, by name; empty (default) for every study of the run.</summary>
    public IReadOnlyList<string> Studies { get; init; } = [];

    /// <summary>The formats (default docx, pdf, html and xlsx).</summary>
    public PublishFormats Formats
    {
        get;
        init => field = value == PublishFormats.None
            ? throw new ArgumentException("PublishOptions.Formats is empty; give docx, pdf, html and/or xlsx.")
            : value;
    } = PublishFormats.Docx | PublishFormats.Pdf | PublishFormats.Html | PublishFormats.Xlsx;

    /// <summary>The languages, "en" and/or "nl" (default both).</summary>
    public IReadOnlyList<string> Languages
    {
        get;
        init => field = value.Count == 0 || value.Any(l => l is not ("en" or "nl"))
            ? throw new ArgumentException($"PublishOptions.Languages must be en and/or nl (got '{string.Join(",", value)}').")
            : value.Distinct().ToList();
    } = ["nl", "en"];

    /// <summary>Parses "docx,pdf,html,xlsx" (case-insensitive, comma-separated).</summary>
    /// <exception cref="ArgumentException">An unknown or empty list; the message lists the accepted names.</exception>
    public static PublishFormats ParseFormats(string text)
    {
        var formats = PublishFormats.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            formats |= part.ToLowerInvariant() switch
            {
                "docx" => PublishFormats.Docx,
                "pdf" => PublishFormats.Pdf,
                "html" => PublishFormats.Html,
                "xlsx" => PublishFormats.Xlsx,
                _ => throw new ArgumentException($"--format '{part}' is not a document format; use docx, pdf, html and/or xlsx, comma-separated."),
            };
        return formats == PublishFormats.None ? throw new ArgumentException("--format is empty; use docx, pdf, html and/or xlsx.") : formats;
    }

    /// <summary>Parses "nl,en" (comma-separated).</summary>
    /// <exception cref="ArgumentException">A language other than en or nl.</exception>
    public static IReadOnlyList<string> ParseLanguages(string text)
    {
        var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.ToLowerInvariant()).ToList();
        foreach (var l in list)
            if (l is not ("en" or "nl")) throw new ArgumentException($"--lang '{l}' is not a language; use nl and/or en, comma-separated.");
        return list.Count == 0 ? throw new ArgumentException("--lang is empty; use nl and/or en.") : list;
    }
}

/// <summary>What <see cref="Publisher.PublishAsync"/> did.</summary>
/// <param name="Written">The files written (full paths, where they are after the swap), empty when refused.</param>
/// <param name="Refused">Why studies were refused (each line names the study); nothing was written then.</param>
/// <param name="Elapsed">The time taken.</param>
public sealed record PublishResult(IReadOnlyList<string> Written, IReadOnlyList<string> Refused, TimeSpan Elapsed)
{
    /// <summary>What was not written and why, though the publication was (a study with no protected table has no workbook).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when the documents were written.</summary>
    public bool Published => Refused.Count == 0;
}

/// <summary>
/// <c>workbench publish</c>: one document per study and language, in Word, PDF and HTML, and one workbook of the study's
/// protected tables per language (Excel), from the latest verified run.
/// A study whose verification failed is refused (and then nothing is written); the documents are made in a staging
/// folder and swapped in together, so the output folder never holds a partial publication.
/// </summary>
public static class Publisher
{
    /// <summary>The file name of a study's document, e.g. "01-sexual-violence-prevalence.nl.docx".</summary>
    public static string FileName(string study, string language, string extension) => SafeFileName.From(study) + "." + language + "." + extension;

    /// <summary>Publishes <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An unknown study name, or an output folder that holds the run.</exception>
    /// <exception cref="ChromiumNotFoundException">PDF was asked for and no browser was found.</exception>
    public static async Task<PublishResult> PublishAsync(PublishOptions options)
    {
        var clock = Stopwatch.StartNew();
        var run = VerifiedRun.Load(options.From);
        var known = run.Verification.Studies.Select(s => s.Study).ToList();
        var studies = options.Studies.Count == 0 ? known : options.Studies.Distinct().ToList();
        foreach (var s in studies.Where(s => !known.Contains(s)))
            throw new ArgumentException($"'{s}' is not a study of the verify run in {options.From}; the studies are: {string.Join(", ", known)} (or all).");
        var refused = studies.Select(run.Refusal).OfType<string>().ToList();
        if (refused.Count > 0) return new PublishResult([], refused, clock.Elapsed);

        const PublishFormats documents = PublishFormats.Docx | PublishFormats.Pdf | PublishFormats.Html;
        var docs = (options.Formats & documents) == 0 ? []
            : studies.SelectMany(s => options.Languages.Select(l => PublicationBuilder.Build(run, s, l))).ToList();
        var notes = new List<string>();
        // The workbooks hold the protected tables the run saved as the report pages show them; read before anything is written.
        var workbooks = !options.Formats.HasFlag(PublishFormats.Xlsx) ? []
            : studies.Select(s => (Study: s, Tables: run.TablesOf(s))).ToList();
        foreach (var w in workbooks.Where(w => w.Tables.Count == 0))
            notes.Add($"{w.Study}: no workbook, the run saved no protected table for it (tables of estimates are not written to a workbook; " +
                "a run made before workbooks existed saved none: rerun `workbench verify`).");
        using var staged = StagedFolder.Begin(options.Out, [run.Folder]);
        var written = new List<string>();
        string Target(PublicationDocument d, string ext) => TargetOf(d.Study, d.Language, ext);
        string TargetOf(string study, string language, string ext)
        {
            var name = FileName(study, language, ext);
            written.Add(Path.Combine(staged.Target, name));
            return SafeFileName.ResolveInside(staged.Path, name);
        }
        var html = docs.ToDictionary(d => d, PublicationHtml.Render);
        foreach (var d in docs)
        {
            if (options.Formats.HasFlag(PublishFormats.Docx)) DocxWriter.Write(d, Target(d, "docx"));
            if (options.Formats.HasFlag(PublishFormats.Html)) AtomicFile.WriteAllText(Target(d, "html"), html[d]);
        }
        foreach (var (study, tables) in workbooks.Where(w => w.Tables.Count > 0))
            foreach (var language in options.Languages)
                Workbench.Disclosure.StudyWorkbook.Write(tables, LanguageExtensions.FromTag(language), TargetOf(study, language, "xlsx"));
        if (options.Formats.HasFlag(PublishFormats.Pdf))
        {
            await using var browser = await FigureExporter.StartAsync(new ExportOptions { Pages = 2 }).ConfigureAwait(false);
            var targets = docs.Select(d => (Doc: d, Path: Target(d, "pdf"))).ToList();
            await Task.WhenAll(targets.Select(async t =>
                AtomicFile.WriteAllBytes(t.Path, await browser.PrintDocumentAsync(html[t.Doc]).ConfigureAwait(false)))).ConfigureAwait(false);
        }
        staged.Commit();
        return new PublishResult(written.Order(StringComparer.Ordinal).ToList(), [], clock.Elapsed) { Notes = notes };
    }
}
