namespace Workbench.Tests.Support;

/// <summary>
/// A program a test needs from Debian. Missing on a developer's machine, the test is skipped with the package to install;
/// missing on CI (CI=true), the test fails, because <c>.ci/run</c> must install it.
/// </summary>
public static class RequiredTool
{
    public static void Require(string path, string debianPackage)
    {
        if (File.Exists(path)) return;
        var message = $"needs {path} (Debian {debianPackage})";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("CI=true but the test " + message + "; add the package to .ci/run.");
        throw new SkipException(message);
    }
}
