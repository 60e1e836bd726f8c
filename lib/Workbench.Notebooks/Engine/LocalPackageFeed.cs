namespace Workbench.Notebooks.Engine;

/// <summary>
/// The local package folder notebooks load the Workbench library from: <c>artifacts/packages</c> of the checkout,
/// which <c>dotnet pack Workbench.sln</c> fills. The runner, its workers and the Jupyter kernel add it as a NuGet source
/// themselves, so a study loads the library with one line (<c>#r "nuget: Workbench, [0.1.0]"</c>).
/// </summary>
public static class LocalPackageFeed
{
    /// <summary>The feed's path below the checkout: <c>artifacts/packages</c>.</summary>
    public static readonly string RelativePath = Path.Combine("artifacts", "packages");

    /// <summary>
    /// The nearest <c>artifacts/packages</c> folder at or above <paramref name="folder"/> (a notebook's folder, or the
    /// kernel's working folder, which front ends set to the notebook's), or null when there is none.
    /// </summary>
    public static string? Find(string folder)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
