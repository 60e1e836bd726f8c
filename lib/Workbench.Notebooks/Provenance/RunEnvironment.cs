using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Workbench.Notebooks.Provenance;

/// <summary>Where and with what a run happened: commit, tools, runtime, OS.</summary>
/// <param name="GitCommit">The commit of the repository holding the notebooks, or null outside git.</param>
/// <param name="GitDirty">True when the working tree had uncommitted changes; null outside git.</param>
/// <param name="SdkVersion">`dotnet --version` in the notebooks' folder, or null when it could not be run.</param>
/// <param name="Runtime">The .NET runtime of the runner.</param>
/// <param name="Os">The operating system description.</param>
/// <param name="Machine">Processor architecture and core count.</param>
/// <param name="Engine">The kernel packages' version.</param>
public sealed record RunEnvironment(string? GitCommit, bool? GitDirty, string? SdkVersion, string Runtime, string Os, string Machine, string Engine)
{
    /// <summary>Captures the environment for notebooks under the given paths (git is asked in the first one's folder).</summary>
    public static RunEnvironment Capture(IReadOnlyList<string> notebookPaths)
    {
        var folder = notebookPaths.Count > 0 ? Path.GetDirectoryName(Path.GetFullPath(notebookPaths[0]))! : Directory.GetCurrentDirectory();
        var commit = Run("git", folder, "rev-parse", "HEAD")?.Trim();
        bool? dirty = commit is null ? null : (Run("git", folder, "status", "--porcelain")?.Trim().Length ?? 0) > 0;
        var sdk = Run("dotnet", folder, "--version")?.Trim();
        var engine = typeof(Microsoft.DotNet.Interactive.Kernel).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
        return new RunEnvironment(commit, dirty, string.IsNullOrEmpty(sdk) ? null : sdk, RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription, $"{RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} cores",
            $"Microsoft.DotNet.Interactive {engine}");
    }

    private static string? Run(string file, string folder, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file)
            {
                WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["DOTNET_NOLOGO"] = "1";
            using var p = Process.Start(info);
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            if (!p.WaitForExit(15000)) { p.Kill(true); return null; }
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
