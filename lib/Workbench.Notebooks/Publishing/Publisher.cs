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

    /// <summary>The formats (default docx, pdf and html).</summary>
    public PublishFormats Formats
    {
        get;
        init => field = value == PublishFormats.None
            ? throw new ArgumentException("PublishOptions.Formats is empty; give docx, pdf and/or html.")
            : value;
    } = PublishFormats.Docx | PublishFormats.Pdf | PublishFormats.Html;

    /// <summary>The languages, "en" and/or "nl" (default both).</summary>
    public IReadOnlyList<string> Languages
    {
        get;
        init => field = value.Count == 0 || value.Any(l => l is not ("en" or "nl"))
            ? throw new ArgumentException($"PublishOptions.Languages must be en and/or nl (got '{string.Join(",", value)}').")
            : value.Distinct().ToList();
    } = ["nl", "en"];

    /// <summary>Parses "docx,pdf,html" (case-insensitive, comma-separated).</summary>
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
                _ => throw new ArgumentException($"--format '{part}' is not a document format; use docx, pdf and/or html, comma-separated."),
            };
        return formats == PublishFormats.None ? throw new ArgumentException("--format is empty; use docx, pdf and/or html.") : formats;
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
    /// <summary>True when the documents were written.</summary>
    public bool Published => Refused.Count == 0;
}

/// <summary>
/// <c>workbench publish</c>: one document per study and language, in Word, PDF and HTML, from the latest verified run.
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

        var docs = studies.SelectMany(s => options.Languages.Select(l => PublicationBuilder.Build(run, s, l))).ToList();
        using var staged = StagedFolder.Begin(options.Out, [run.Folder]);
        var written = new List<string>();
        string Target(PublicationDocument d, string ext)
        {
            var name = FileName(d.Study, d.Language, ext);
            written.Add(Path.Combine(staged.Target, name));
            return SafeFileName.ResolveInside(staged.Path, name);
        }
        var html = docs.ToDictionary(d => d, PublicationHtml.Render);
        foreach (var d in docs)
        {
            if (options.Formats.HasFlag(PublishFormats.Docx)) DocxWriter.Write(d, Target(d, "docx"));
            if (options.Formats.HasFlag(PublishFormats.Html)) AtomicFile.WriteAllText(Target(d, "html"), html[d]);
        }
        if (options.Formats.HasFlag(PublishFormats.Pdf))
        {
            await using var browser = await FigureExporter.StartAsync(new ExportOptions { Pages = 2 }).ConfigureAwait(false);
            var targets = docs.Select(d => (Doc: d, Path: Target(d, "pdf"))).ToList();
            await Task.WhenAll(targets.Select(async t =>
                AtomicFile.WriteAllBytes(t.Path, await browser.PrintDocumentAsync(html[t.Doc]).ConfigureAwait(false)))).ConfigureAwait(false);
        }
        staged.Commit();
        return new PublishResult(written.Order(StringComparer.Ordinal).ToList(), [], clock.Elapsed);
    }
}
