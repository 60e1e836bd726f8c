using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace Workbench.Export;

/// <summary>Options of a document printed to PDF by <see cref="FigureExporter.PrintDocumentAsync"/>.</summary>
public sealed record DocumentPdfOptions
{
    /// <summary>The page format (default A4); the document's <c>@page</c> rule may refine the margins.</summary>
    public PaperFormat Format { get; init; } = PaperFormat.A4;

    /// <summary>Whether to write a tagged (accessible) PDF with its structure tree (default true).</summary>
    public bool Tagged { get; init; } = true;

    /// <summary>Whether to write the outline (bookmarks) from the document's headings (default true).</summary>
    public bool Outline { get; init; } = true;
}

public sealed partial class FigureExporter
{
    /// <summary>
    /// Prints a self-contained HTML document to PDF in a fresh tab of the same browser: tagged (structure tree, alt
    /// text of images), with bookmarks from its <c>h1</c>-<c>h6</c> headings, the document's <c>&lt;title&gt;</c> as the
    /// PDF Title and the fonts embedded. The tab loads nothing but inline <c>data:</c> resources.
    /// </summary>
    /// <remarks>Chromium's <c>Page.printToPDF</c> with <c>generateTaggedPDF</c> and <c>generateDocumentOutline</c>.</remarks>
    /// <param name="html">The complete HTML document.</param>
    /// <param name="options">Page and tagging options (default: A4, tagged, with outline).</param>
    public async Task<byte[]> PrintDocumentAsync(string html, DocumentPdfOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options ??= new DocumentPdfOptions();
        await _slots.WaitAsync().ConfigureAwait(false);
        IPage? page = null;
        try
        {
            page = await _browser.NewPageAsync().ConfigureAwait(false);
            await page.SetRequestInterceptionAsync(true).ConfigureAwait(false);
            page.Request += async (_, e) =>
            {
                if (e.Request.Url.StartsWith("data:", StringComparison.Ordinal)) await e.Request.ContinueAsync().ConfigureAwait(false);
                else await e.Request.AbortAsync().ConfigureAwait(false);
            };
            var current = page;
            var work = Task.Run(async () =>
            {
                await current.SetContentAsync(html).ConfigureAwait(false);
                return await current.PdfDataAsync(new PdfOptions
                {
                    Format = options.Format,
                    PrintBackground = true,
                    PreferCSSPageSize = true,
                    Tagged = options.Tagged,
                    Outline = options.Outline,
                }).ConfigureAwait(false);
            });
            try
            {
                return await work.WaitAsync(TimeSpan.FromSeconds(Math.Max(60, _options.Timeout.TotalSeconds))).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Printing a document to PDF took longer than {Math.Max(60, _options.Timeout.TotalSeconds):0} s.");
            }
        }
        finally
        {
            if (page is not null) await ClosePageQuietly(page).ConfigureAwait(false);
            _slots.Release();
        }
    }
}
