namespace Workbench.Export;

/// <summary>No Chrome or Chromium executable was found; the message lists where it looked and how to install one.</summary>
public sealed class ChromiumNotFoundException(string message) : Exception(message);

/// <summary>
/// Finds a headless-capable Chrome or Chromium: first the environment variable <c>WORKBENCH_CHROMIUM</c>, then the
/// usual install locations (Debian's chromium package puts its real binary in /usr/lib/chromium/).
/// </summary>
public static class ChromiumLocator
{
    /// <summary>The environment variable that names the browser executable.</summary>
    public const string EnvironmentVariable = "WORKBENCH_CHROMIUM";

    /// <summary>The install locations tried, in order, after the environment variable.</summary>
    public static IReadOnlyList<string> UsualLocations { get; } = BuildUsualLocations();

    /// <summary>The browser executable to use.</summary>
    /// <exception cref="ChromiumNotFoundException">None found; the message says what was tried and how to install one.</exception>
    public static string Find() => Find(Environment.GetEnvironmentVariable, File.Exists);

    /// <summary>The browser executable, with the environment and file system given (for tests).</summary>
    internal static string Find(Func<string, string?> environment, Func<string, bool> exists)
    {
        var fromEnv = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            if (exists(fromEnv)) return fromEnv;
            throw new ChromiumNotFoundException(
                $"{EnvironmentVariable} is set to '{fromEnv}', but no file exists there. Point it at a Chrome or Chromium executable " +
                "(on Debian: /usr/lib/chromium/chromium), or unset it to search the usual locations.");
        }
        foreach (var path in UsualLocations)
            if (exists(path)) return path;
        throw new ChromiumNotFoundException(
            "No Chrome or Chromium found for exporting figures. Looked at: " + EnvironmentVariable + " (not set), " +
            string.Join(", ", UsualLocations) + ". Install one (Debian/Ubuntu: sudo apt-get install -y chromium fonts-liberation) " +
            "or set " + EnvironmentVariable + " to the path of a Chrome or Chromium executable.");
    }

    private static List<string> BuildUsualLocations()
    {
        var list = new List<string>
        {
            "/usr/lib/chromium/chromium",
            "/usr/lib/chromium-browser/chromium-browser",
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable",
            "/opt/google/chrome/chrome",
            "/snap/bin/chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
        };
        foreach (var root in new[] { Environment.SpecialFolder.ProgramFiles, Environment.SpecialFolder.ProgramFilesX86, Environment.SpecialFolder.LocalApplicationData })
        {
            var dir = Environment.GetFolderPath(root);
            if (!string.IsNullOrEmpty(dir)) list.Add(Path.Combine(dir, "Google", "Chrome", "Application", "chrome.exe"));
        }
        return list;
    }
}
