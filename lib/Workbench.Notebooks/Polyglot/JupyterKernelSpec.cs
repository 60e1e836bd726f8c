using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// An installed Jupyter kernelspec (<c>kernels/NAME/kernel.json</c>): the argv that starts the kernel, its environment
/// and display name.
/// </summary>
/// <param name="Name">The kernelspec's folder name ("ir", "python3").</param>
/// <param name="DisplayName">The language as messages name it ("R", "Python").</param>
/// <param name="Argv">The command, with <c>{connection_file}</c> where the connection file's path goes.</param>
/// <param name="Environment">Extra environment variables from the kernelspec.</param>
/// <param name="InstallHint">What to install when the kernel is missing or broken.</param>
internal sealed record JupyterKernelSpec(string Name, string DisplayName, IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Environment, string InstallHint)
{
    /// <summary>The folders searched for kernelspecs, in Jupyter's order: JUPYTER_PATH, the user's, then the system's.</summary>
    public static IReadOnlyList<string> SearchPath()
    {
        var folders = new List<string>();
        var jupyterPath = System.Environment.GetEnvironmentVariable("JUPYTER_PATH");
        if (!string.IsNullOrEmpty(jupyterPath)) folders.AddRange(jupyterPath.Split(Path.PathSeparator).Select(p => Path.Combine(p, "kernels")));
        var dataHome = System.Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        folders.Add(Path.Combine(string.IsNullOrEmpty(dataHome) ? Path.Combine(home, ".local", "share", "jupyter") : dataHome, "kernels"));
        folders.Add("/usr/local/share/jupyter/kernels");
        folders.Add("/usr/share/jupyter/kernels");
        return folders;
    }

    /// <summary>
    /// Finds kernelspec <paramref name="name"/>; when it is missing, throws with <paramref name="installHint"/> (the
    /// Debian package to install) and the folders searched.
    /// </summary>
    public static JupyterKernelSpec Find(string name, string displayName, string installHint, IReadOnlyList<string>? searchPath = null)
    {
        var folders = searchPath ?? SearchPath();
        foreach (var folder in folders)
        {
            var file = Path.Combine(folder, name, "kernel.json");
            if (!File.Exists(file)) continue;
            var root = JsonNode.Parse(File.ReadAllText(file)) as JsonObject
                       ?? throw new InvalidOperationException($"{file} is not a JSON object; reinstall the kernel: {installHint}");
            var argv = (root["argv"] as JsonArray)?.Select(a => a?.GetValue<string>() ?? "").ToList() ?? [];
            if (argv.Count == 0) throw new InvalidOperationException($"{file} has no argv; reinstall the kernel: {installHint}");
            var env = (root["env"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal)
                      ?? new Dictionary<string, string>(StringComparer.Ordinal);
            return new JupyterKernelSpec(name, displayName, argv, env, installHint);
        }
        throw new KernelMissingException(
            $"The {displayName} kernel is not installed: no Jupyter kernelspec '{name}' in {string.Join(", ", folders)}. Install it with `{installHint}`.");
    }

    /// <summary>IRkernel as Debian installs it.</summary>
    public static JupyterKernelSpec R(IReadOnlyList<string>? searchPath = null) =>
        Find("ir", "R", "apt-get install r-cran-irkernel", searchPath);

    /// <summary>ipykernel as Debian installs it.</summary>
    public static JupyterKernelSpec Python(IReadOnlyList<string>? searchPath = null) =>
        Find("python3", "Python", "apt-get install python3-ipykernel python3-pandas", searchPath);
}

/// <summary>A cell needs a Jupyter kernel that is not installed; the message names the package to install.</summary>
public sealed class KernelMissingException(string message) : Exception(message);
