using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.IO;

namespace Workbench.Notebooks.Jupyter;

/// <summary>
/// The Jupyter kernelspec of the workbench kernel (<c>workbench-csharp</c>, "C# (Workbench)"): the folder with
/// kernel.json and a logo that JupyterLab, VS Code and jupyter_client look up by name.
/// </summary>
public static class KernelSpec
{
    /// <summary>The kernel name front ends and <c>--ExecutePreprocessor.kernel_name</c> use.</summary>
    public const string Name = "workbench-csharp";

    /// <summary>The name shown in kernel pickers.</summary>
    public const string DisplayName = "C# (Workbench)";

    /// <summary>The language Jupyter records in notebook metadata.</summary>
    public const string Language = "C#";

    /// <summary>The per-user kernels folder: $JUPYTER_DATA_DIR/kernels, else the platform's Jupyter data folder (~/.local/share/jupyter/kernels on Linux).</summary>
    public static string UserKernelsFolder()
    {
        var dataDir = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (!string.IsNullOrEmpty(dataDir)) return Path.Combine(dataDir, "kernels");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter", "kernels");
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter", "kernels");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter", "kernels");
    }

    /// <summary>The kernels folder under an installation prefix: PREFIX/share/jupyter/kernels (as <c>jupyter kernelspec install --prefix</c>).</summary>
    public static string PrefixKernelsFolder(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");

    /// <summary>The kernel.json content for a kernel started by <paramref name="command"/> (program and leading arguments).</summary>
    public static JsonObject KernelJson(IReadOnlyList<string> command) => new()
    {
        ["argv"] = new JsonArray(command.Concat(["kernel", "--connection-file", "{connection_file}"])
            .Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
        ["display_name"] = DisplayName,
        ["language"] = Language,
        // Interrupts come as interrupt_request on the control channel, never as SIGINT to the process.
        ["interrupt_mode"] = "message",
        ["metadata"] = new JsonObject { ["debugger"] = false },
    };

    /// <summary>
    /// Writes the kernelspec folder (<c>KERNELS/workbench-csharp</c> with kernel.json and logo-svg.svg), each file
    /// atomically, and returns the folder.
    /// </summary>
    /// <param name="kernelsFolder">The kernels folder (see <see cref="UserKernelsFolder"/> and <see cref="PrefixKernelsFolder"/>).</param>
    /// <param name="command">The program that runs this CLI and its leading arguments, e.g. ["/opt/workbench/workbench"] or ["dotnet", "/opt/workbench/Workbench.Cli.dll"].</param>
    public static string Install(string kernelsFolder, IReadOnlyList<string> command)
    {
        if (command.Count == 0) throw new ArgumentException("The kernel command is empty.", nameof(command));
        var folder = Path.Combine(Path.GetFullPath(kernelsFolder), Name);
        Directory.CreateDirectory(folder);
        var json = KernelJson(command).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        AtomicFile.WriteAllText(Path.Combine(folder, "kernel.json"), json + "\n");
        AtomicFile.WriteAllText(Path.Combine(folder, "logo-svg.svg"), Logo);
        return folder;
    }

    private const string Logo = """
        <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
          <rect width="64" height="64" rx="10" fill="#1f4e79"/>
          <text x="32" y="42" font-family="Liberation Sans, Arial, sans-serif" font-size="28" font-weight="bold" fill="#ffffff" text-anchor="middle">C#</text>
        </svg>

        """;
}
