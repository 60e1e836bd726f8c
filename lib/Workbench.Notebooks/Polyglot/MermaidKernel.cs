using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using PuppeteerSharp;
using Workbench.Export;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// The <c>#!mermaid</c> kernel: renders the cell's diagram to <c>image/svg+xml</c> at run time, in the headless Chromium
/// the exporter uses (started on the first Mermaid cell), with mermaid 12.3.0's single-file bundle inlined. The output
/// needs no script to show, and the same notebook gives the same SVG (deterministic ids, seeded per notebook).
/// </summary>
/// <remarks>
/// mermaid's <c>mermaid.render(id, text)</c> with <c>deterministicIds</c>; the bundle is <c>dist/mermaid.min.js</c> of
/// <c>npm pack mermaid@12.3.0</c> (MIT), embedded in this assembly.
/// </remarks>
internal sealed class MermaidKernel : Kernel, IKernelCommandHandler<SubmitCode>
{
    private const string ResourceName = "Workbench.Notebooks.mermaid.min.js";
    private FigureExporter? _exporter;
    private IPage? _page;
    private int _count;

    /// <summary>Creates the kernel; Chromium starts on the first Mermaid cell.</summary>
    public MermaidKernel() : base("mermaid")
    {
        KernelInfo.LanguageName = "Mermaid";
        KernelInfo.DisplayName = "Mermaid (rendered to SVG)";
        RegisterForDisposal(() =>
        {
            _page?.CloseAsync().GetAwaiter().GetResult();
            _exporter?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
    }

    private static string Bundle()
    {
        using var stream = typeof(MermaidKernel).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"Workbench.Notebooks.dll has no resource '{ResourceName}'.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<IPage> PageAsync()
    {
        if (_page is not null) return _page;
        _exporter ??= await FigureExporter.StartAsync();
        var page = await _exporter.Browser.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>" + Bundle() +
                                   "</script></head><body></body></html>");
        await page.EvaluateExpressionAsync("mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', deterministicIds: true, deterministicIDSeed: 'wb', fontFamily: 'Liberation Sans, Arial, sans-serif' })");
        _page = page;
        return page;
    }

    async Task IKernelCommandHandler<SubmitCode>.HandleAsync(SubmitCode command, KernelInvocationContext context)
    {
        var text = command.Code.Trim();
        if (text.Length == 0) return;
        IPage page;
        try { page = await PageAsync(); }
        catch (ChromiumNotFoundException ex)
        {
            context.Fail(command, ex, $"Mermaid diagrams are rendered in headless Chromium, which was not found: {ex.Message} Install it with `apt-get install chromium`.");
            return;
        }
        string svg;
        try
        {
            var id = $"mermaid-{++_count}";
            svg = await page.EvaluateFunctionAsync<string>(
                "async (id, text) => { try { return (await mermaid.render(id, text)).svg; } catch (e) { return 'ERROR:' + (e && e.message ? e.message : String(e)); } }",
                id, text);
        }
        catch (PuppeteerException ex)
        {
            context.Fail(command, ex, $"Mermaid: the browser failed while rendering: {ex.Message}");
            return;
        }
        if (svg.StartsWith("ERROR:", StringComparison.Ordinal))
        {
            var message = "Mermaid: " + svg[6..].Trim();
            context.Fail(command, new MermaidError(message), message);
            return;
        }
        context.Publish(new DisplayedValueProduced(svg, command, [new FormattedValue("image/svg+xml", svg)], null));
    }
}

/// <summary>A diagram mermaid could not parse or render (the message is mermaid's).</summary>
public sealed class MermaidError(string message) : Exception(message), IKernelError
{
    /// <inheritdoc />
    public string ErrorName => "MermaidError";

    /// <inheritdoc />
    public IReadOnlyList<string> Traceback => [Message];
}
