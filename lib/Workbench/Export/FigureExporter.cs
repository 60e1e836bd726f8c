using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PuppeteerSharp;
using PuppeteerSharp.Media;
using Workbench.Charts;
using Workbench.IO;
using Workbench.Processes;

namespace Workbench.Export;

/// <summary>The file formats of an export.</summary>
[Flags]
public enum ExportFormats
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>SVG: vector, text stays text.</summary>
    Svg = 1,
    /// <summary>PDF: vector, fonts embedded, one page the size of the chart.</summary>
    Pdf = 2,
    /// <summary>PNG at a requested resolution.</summary>
    Png = 4,
    /// <summary>Self-contained HTML with plotly.js inlined.</summary>
    Html = 8,
    /// <summary>All formats.</summary>
    All = Svg | Pdf | Png | Html,
}

/// <summary>Options of a <see cref="FigureExporter"/>.</summary>
public sealed record ExportOptions
{
    /// <summary>The browser executable, or null (default) to find one with <see cref="ChromiumLocator"/>.</summary>
    public string? BrowserPath { get; init; }

    /// <summary>The longest one chart may take to render (default 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many charts render at once, each in its own browser tab (default 1; parallel calls queue).</summary>
    public int Pages { get; init; } = 1;
}

/// <summary>
/// Renders figures to SVG, PDF, PNG and HTML through one headless Chromium, started once and reused for every chart
/// (about 70 ms per SVG once warm, against seconds for a browser per chart). Safe to call in parallel; dispose it to
/// close the browser and delete its temporary profile.
/// </summary>
/// <remarks>
/// The browser is driven over a pipe (<c>--remote-debugging-pipe</c>), never a TCP DevTools port: a port on localhost
/// would let any local user open pages (and local files) in it. It runs in a process group of its own that is killed
/// on dispose and, through <see cref="Workbench.Processes.ChildProcess"/>'s guardian, when this process is killed.
/// </remarks>
public sealed partial class FigureExporter : IAsyncDisposable
{
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--font-render-hinting=none",
    ];

    private const string PageScript = """
        window.__wbSeed = function (seed) {
          var a = seed | 0;
          Math.random = function () {
            a = (a + 0x6D2B79F5) | 0;
            var t = Math.imul(a ^ (a >>> 15), 1 | a);
            t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
            return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
          };
        };
        window.__wbDraw = async function (json) {
          var fig = JSON.parse(json);
          var gd = document.getElementById('wb-plot');
          Plotly.purge(gd);
          gd.style.width = fig.layout.width + 'px';
          gd.style.height = fig.layout.height + 'px';
          document.getElementById('wb-page').textContent =
            '@page { size: ' + fig.layout.width + 'px ' + fig.layout.height + 'px; margin: 0 }';
          window.__wbSeed(20240101);
          await Plotly.newPlot(gd, fig.data, fig.layout, fig.config);
          return gd;
        };
        window.__wbImage = async function (json, format, scale) {
          // toImage draws its own off-screen copy of the figure, so the visible tab is not drawn first.
          var fig = JSON.parse(json);
          window.__wbSeed(20240102);
          var url = await Plotly.toImage({ data: fig.data, layout: fig.layout, config: fig.config },
            { format: format, width: fig.layout.width, height: fig.layout.height, scale: scale });
          var comma = url.indexOf(',');
          return format === 'svg' ? decodeURIComponent(url.substring(comma + 1)) : url.substring(comma + 1);
        };
        """;

    private readonly IBrowser _browser;
    private readonly string _profile;
    private readonly int _processGroup;
    private readonly ExportOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<IPage> _idle = [];
    private int _disposed;

    private FigureExporter(IBrowser browser, string profile, int processGroup, ExportOptions options)
    {
        _browser = browser;
        _profile = profile;
        _processGroup = processGroup;
        _options = options;
        _slots = new SemaphoreSlim(options.Pages, options.Pages);
    }

    /// <summary>The browser executable in use.</summary>
    public string BrowserPath { get; private init; } = "";

    /// <summary>The temporary browser profile, deleted on dispose.</summary>
    internal string ProfileDirectory => _profile;

    /// <summary>The browser, for tests that load exported HTML in it.</summary>
    internal IBrowser Browser => _browser;

    /// <summary>How many charts render at once (<see cref="ExportOptions.Pages"/>).</summary>
    public int Pages => _options.Pages;

    /// <summary>The browser's process group (its process id), or 0 when it is not isolated.</summary>
    internal int ProcessGroup => _processGroup;

    /// <summary>Starts headless Chromium (found with <see cref="ChromiumLocator"/> unless <see cref="ExportOptions.BrowserPath"/> is set).</summary>
    /// <exception cref="ChromiumNotFoundException">No browser found.</exception>
    public static async Task<FigureExporter> StartAsync(ExportOptions? options = null)
    {
        options ??= new ExportOptions();
        if (options.Pages < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Pages, "ExportOptions.Pages must be at least 1.");
        var path = options.BrowserPath ?? ChromiumLocator.Find();
        if (!File.Exists(path)) throw new ChromiumNotFoundException($"The browser '{path}' does not exist.");
        TempFolders.RemoveAbandoned(ProfilePrefix);
        var profile = TempFolders.Create(ProfilePrefix);
        try
        {
            var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                Headless = true,
                ExecutablePath = Isolated(path, profile),
                UserDataDir = Path.Combine(profile, "profile"),
                Args = Flags,
                Pipe = true,
                Timeout = (int)Math.Min(int.MaxValue, Math.Max(30_000, options.Timeout.TotalMilliseconds)),
            }).ConfigureAwait(false);
            var group = ChildProcess.Isolates && browser.Process is { } process ? process.Id : 0;
            ChildProcess.Guard(group);
            return new FigureExporter(browser, profile, group, options) { BrowserPath = path };
        }
        catch
        {
            TryDelete(profile);
            throw;
        }
    }

    private const string ProfilePrefix = "workbench-chromium-";

    /// <summary>
    /// A launcher script that starts the browser in a session and process group of its own (<c>setsid</c> replaces
    /// the script's process, so the browser keeps the process id the launcher saw). The plain path where that is not
    /// available.
    /// </summary>
    private static string Isolated(string browser, string folder)
    {
        if (!ChildProcess.Isolates || OperatingSystem.IsWindows()) return browser;
        var script = Path.Combine(folder, "chromium.sh");
        AtomicFile.WriteAllText(script, "#!/bin/sh\nexec /usr/bin/setsid '" + browser.Replace("'", "'\\''", StringComparison.Ordinal) + "' \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>The figure as SVG text (vector; labels stay text). Deterministic for the same spec.</summary>
    public async Task<string> RenderSvgAsync(FigureSpec spec)
    {
        var svg = await WithPage(Label(spec), page => page.EvaluateFunctionAsync<string>("(j, f, s) => window.__wbImage(j, f, s)", spec.Plotly.ToJsonString(), "svg", 1)).ConfigureAwait(false);
        return Described(CanonicalSvg(svg), spec.Title, spec.AltText);
    }

    /// <summary>
    /// A plain plotly.js figure (<c>{"data", "layout", "config"}</c>, such as a Plotly.NET chart's
    /// <c>application/vnd.plotly.v1+json</c> output) as SVG text, drawn as <see cref="RenderSvgAsync(FigureSpec)"/> draws a
    /// Workbench figure; the size is the layout's width and height, else plotly.js's default 700 x 450 pixels.
    /// </summary>
    /// <param name="figure">The plotly.js figure; not changed.</param>
    /// <param name="title">The SVG's <c>&lt;title&gt;</c> (say what the chart shows).</param>
    /// <param name="description">The SVG's <c>&lt;desc&gt;</c> (its alt text; empty for none).</param>
    public async Task<string> RenderSvgAsync(JsonObject figure, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var sized = figure.DeepClone().AsObject();
        if (sized["layout"] is not JsonObject layout) sized["layout"] = layout = new JsonObject();
        if (layout["width"] is not JsonValue) layout["width"] = 700;
        if (layout["height"] is not JsonValue) layout["height"] = 450;
        var json = sized.ToJsonString();
        var svg = await WithPage($"plotly figure '{title}'", page => page.EvaluateFunctionAsync<string>("(j, f, s) => window.__wbImage(j, f, s)", json, "svg", 1)).ConfigureAwait(false);
        return Described(CanonicalSvg(svg), title, description);
    }

    /// <summary>
    /// <paramref name="svg"/> with the figure's caption as its <c>&lt;title&gt;</c> and its alt text as <c>&lt;desc&gt;</c>,
    /// the first children of the root element (SVG 1.1, 5.4), with <c>role="img"</c>, so the file is described where
    /// it is opened or embedded.
    /// </summary>
    internal static string Described(string svg, string title, string description)
    {
        var end = svg.IndexOf('>', StringComparison.Ordinal);
        if (!svg.StartsWith("<svg", StringComparison.Ordinal) || end < 0) return svg;
        var selfClosing = svg[end - 1] == '/';
        var open = selfClosing ? svg[..(end - 1)].TrimEnd() + ">" : svg[..(end + 1)];
        if (!open.Contains(" role=", StringComparison.Ordinal)) open = open[..^1] + " role=\"img\">";
        var text = "<title>" + System.Security.SecurityElement.Escape(title) + "</title><desc>" + System.Security.SecurityElement.Escape(description) + "</desc>";
        return open + text + (selfClosing ? "</svg>" : svg[(end + 1)..]);
    }

    /// <summary>
    /// plotly.js writes some attributes in a different order depending on what the tab drew before (and leaves an empty
    /// style on the root); sorting each element's attributes by name and dropping that empty style makes equal input
    /// give byte-identical SVG. Chromium's serialiser escapes &lt;, &gt; and quotes inside attribute values, so a tag
    /// ends at the first '&gt;' outside quotes.
    /// </summary>
    internal static string CanonicalSvg(string svg)
    {
        svg = EmptyRootStyle().Replace(svg, "$1", 1);
        return StartTag().Replace(svg, m =>
        {
            var attrs = Attribute().Matches(m.Groups["attrs"].Value).Select(a => a.Value.Trim())
                .OrderBy(a => a[..a.IndexOf('=', StringComparison.Ordinal)], StringComparer.Ordinal);
            var sb = new System.Text.StringBuilder("<").Append(m.Groups["name"].Value);
            foreach (var a in attrs) sb.Append(' ').Append(a);
            return sb.Append(m.Groups["close"].Value).Append('>').ToString();
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(<svg[^>]*?) style=\"\"")]
    private static partial System.Text.RegularExpressions.Regex EmptyRootStyle();

    [System.Text.RegularExpressions.GeneratedRegex("<(?<name>[A-Za-z][\\w:.-]*)(?<attrs>(?:\\s+[\\w:.-]+=\"[^\"]*\")*)\\s*(?<close>/?)>")]
    private static partial System.Text.RegularExpressions.Regex StartTag();

    [System.Text.RegularExpressions.GeneratedRegex("\\s+[\\w:.-]+=\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex Attribute();

    /// <summary>The figure as PNG at <paramref name="dpi"/> dots per inch (default 300; the chart is sized in CSS pixels at 96 per inch).</summary>
    public async Task<byte[]> RenderPngAsync(FigureSpec spec, int dpi = 300)
    {
        if (dpi is < 48 or > 1200) throw new ArgumentOutOfRangeException(nameof(dpi), dpi, "PNG resolution must be 48-1200 dpi.");
        var base64 = await WithPage(Label(spec), page =>
            page.EvaluateFunctionAsync<string>("(j, f, s) => window.__wbImage(j, f, s)", spec.Plotly.ToJsonString(), "png", dpi / 96.0)).ConfigureAwait(false);
        return PngDensity.WithDpi(Convert.FromBase64String(base64), dpi);
    }

    /// <summary>The figure as a one-page vector PDF the size of the chart, fonts embedded.</summary>
    public Task<byte[]> RenderPdfAsync(FigureSpec spec) =>
        WithPage(Label(spec), async page =>
        {
            // The PDF's Title metadata is the tab's title: the figure's caption, not "about:blank".
            await page.EvaluateFunctionAsync("async (j, t) => { await window.__wbDraw(j); document.title = t; }", spec.Plotly.ToJsonString(), spec.Title).ConfigureAwait(false);
            return await page.PdfDataAsync(new PdfOptions
            {
                Tagged = true,
                Width = spec.Width + "px",
                Height = spec.Height + "px",
                PrintBackground = true,
                PreferCSSPageSize = true,
                MarginOptions = new MarginOptions { Top = "0", Bottom = "0", Left = "0", Right = "0" },
            }).ConfigureAwait(false);
        });

    /// <summary>
    /// Writes the figure in <paramref name="formats"/> into <paramref name="outputFolder"/> as
    /// <c>&lt;id&gt;.&lt;lang&gt;.&lt;ext&gt;</c> (id sanitised; nothing is written outside the folder), each file atomically.
    /// </summary>
    /// <returns>The full paths written, in the order svg, pdf, png, html.</returns>
    public async Task<IReadOnlyList<string>> ExportAsync(FigureSpec spec, string outputFolder, ExportFormats formats, int dpi = 300)
    {
        var written = new List<string>();
        string Target(string ext) => SafeFileName.ResolveInside(outputFolder, spec.FileStem + "." + ext);
        if (formats.HasFlag(ExportFormats.Svg))
        {
            var path = Target("svg");
            AtomicFile.WriteAllText(path, await RenderSvgAsync(spec).ConfigureAwait(false));
            written.Add(path);
        }
        if (formats.HasFlag(ExportFormats.Pdf))
        {
            var path = Target("pdf");
            AtomicFile.WriteAllBytes(path, await RenderPdfAsync(spec).ConfigureAwait(false));
            written.Add(path);
        }
        if (formats.HasFlag(ExportFormats.Png))
        {
            var path = Target("png");
            AtomicFile.WriteAllBytes(path, await RenderPngAsync(spec, dpi).ConfigureAwait(false));
            written.Add(path);
        }
        if (formats.HasFlag(ExportFormats.Html))
        {
            var path = Target("html");
            AtomicFile.WriteAllText(path, FigureHtml.Document(spec));
            written.Add(path);
        }
        return written;
    }

    /// <summary>Writes <paramref name="figure"/> in <paramref name="language"/>; see <see cref="ExportAsync(FigureSpec, string, ExportFormats, int)"/>.</summary>
    public Task<IReadOnlyList<string>> ExportAsync(Figure figure, Language language, string outputFolder, ExportFormats formats, int dpi = 300) =>
        ExportAsync(FigureSpec.From(figure, language), outputFolder, formats, dpi);

    private static string Label(FigureSpec spec) => $"figure '{spec.Id}' ({spec.Language})";

    private async Task<T> WithPage<T>(string label, Func<IPage, Task<T>> work)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _slots.WaitAsync().ConfigureAwait(false);
        IPage? page = null;
        var healthy = false;
        try
        {
            if (!_idle.TryTake(out page)) page = await NewPageAsync().ConfigureAwait(false);
            // Run on the pool: the pipe transport may complete a call before returning, and the timeout must still hold.
            var current = page;
            var task = Task.Run(() => work(current));
            T result;
            try
            {
                result = await task.WaitAsync(_options.Timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Rendering {label} took longer than {_options.Timeout.TotalSeconds:0} s (ExportOptions.Timeout).");
            }
            healthy = true;
            return result;
        }
        finally
        {
            if (page is not null)
            {
                if (healthy) _idle.Add(page);
                else _ = ClosePageQuietly(page);
            }
            _slots.Release();
        }
    }

    private async Task<IPage> NewPageAsync()
    {
        var page = await _browser.NewPageAsync().ConfigureAwait(false);
        await page.SetRequestInterceptionAsync(true).ConfigureAwait(false);
        page.Request += async (_, e) =>
        {
            // Figures never load anything: refuse every request except inline data.
            if (e.Request.Url.StartsWith("data:", StringComparison.Ordinal)) await e.Request.ContinueAsync().ConfigureAwait(false);
            else await e.Request.AbortAsync().ConfigureAwait(false);
        };
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>html,body{margin:0;padding:0;background:#fff;overflow:hidden}</style>" +
                   "<style id=\"wb-page\"></style><script>" + PlotlyJs.Source + "</script><script>" + PageScript + "</script></head>" +
                   "<body><div id=\"wb-plot\"></div></body></html>";
        var setup = TimeSpan.FromSeconds(Math.Max(60, _options.Timeout.TotalSeconds));
        await page.SetContentAsync(html).WaitAsync(setup).ConfigureAwait(false);
        return page;
    }

    private static async Task ClosePageQuietly(IPage page)
    {
        try { await page.CloseAsync().ConfigureAwait(false); }
        catch (PuppeteerException) { }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Closes the browser and deletes its temporary profile.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await _browser.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            await _browser.DisposeAsync().ConfigureAwait(false);
            // Whatever the browser left running (renderers, a crash handler) goes with its group.
            ChildProcess.KillGroup(_processGroup);
            _slots.Dispose();
            TryDelete(_profile);
        }
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
