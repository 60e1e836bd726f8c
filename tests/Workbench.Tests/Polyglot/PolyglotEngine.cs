using Workbench.Notebooks.Engine;
using Workbench.Notebooks.Polyglot;

namespace Workbench.Tests.Polyglot;

/// <summary>Helpers for the polyglot tests: an engine, the text of outputs, and the kernel guard.</summary>
internal static class PolyglotEngine
{
    public static async Task<CSharpNotebookEngine> StartAsync()
    {
        var engine = new CSharpNotebookEngine();
        await engine.StartAsync();
        return engine;
    }

    /// <summary>Runs a cell and asserts it succeeded, showing its error otherwise.</summary>
    public static async Task<CellExecution> RunAsync(this CSharpNotebookEngine engine, string kernel, string code)
    {
        var result = await engine.SubmitAsync(kernel, code);
        Assert.True(result.Succeeded, $"{kernel} cell failed: {Error(result)}\n{code}");
        return result;
    }

    public static string Error(CellExecution result) =>
        result.Outputs.LastOrDefault(o => o.Kind == CellOutputKind.Error) is { } e ? $"{e.ErrorName}: {e.ErrorValue}\n{string.Join("\n", e.Traceback ?? [])}" : "(no error)";

    public static string Text(CellExecution result) => string.Concat(result.Outputs.Select(o =>
        o.Kind == CellOutputKind.Stream ? o.Text : o.Data is { } d && d.TryGetValue("text/plain", out var t) ? t + "\n" : ""));

    /// <summary>
    /// Skips when the Jupyter kernel <paramref name="language"/> needs is not installed, except under CI=true, where a
    /// missing kernel fails the test (CI installs r-cran-irkernel and python3-ipykernel).
    /// </summary>
    public static void RequireKernel(string language)
    {
        try
        {
            _ = language == "r" ? JupyterKernelSpec.R() : JupyterKernelSpec.Python();
        }
        catch (KernelMissingException missing) when (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new SkipException(missing.Message);
        }
    }
}
