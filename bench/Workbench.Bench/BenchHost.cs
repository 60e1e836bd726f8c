using System.Globalization;

namespace Workbench.Bench;

/// <summary>What every suite asks of the machine it runs on: the load average, the repository root, a numeric argument.</summary>
internal static class BenchHost
{
    /// <summary>The 1-, 5- and 15-minute load averages ("1.20 2.42 3.18"), or "unknown" where /proc/loadavg cannot be read.</summary>
    public static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return "unknown"; }
    }

    /// <summary>The folder holding Workbench.sln above the benchmark's binaries (or the current folder), else the current folder.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
            if (dir is not null) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }

    /// <summary>The integer after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
