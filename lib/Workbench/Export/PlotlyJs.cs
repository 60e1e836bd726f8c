using System.Text;
using Plotly.NET;

namespace Workbench.Export;

/// <summary>
/// The plotly.js script that ships inside Plotly.NET.dll (the same one <c>PlotlyJSReference.Full</c> inlines), read
/// once. Inlining it makes HTML and notebook output render with no network access.
/// </summary>
public static class PlotlyJs
{
    private const string ResourceName = "Plotly.NET.plotly-2.28.0.min.js";
    private static readonly Lazy<string> Script = new(Load);

    /// <summary>The plotly.js version bundled with Plotly.NET.</summary>
    public const string Version = "2.28.0";

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => Script.Value;

    private static string Load()
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Plotly.NET.dll has no resource '{ResourceName}'; the Plotly.NET version does not match the one Workbench was built against (6.0.0).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        // The script is placed inside <script> elements; it must not close them early.
        return text.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
