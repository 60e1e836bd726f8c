using System.Security.Cryptography;

namespace Workbench.Notebooks.Running;

/// <summary>
/// Keeps a run from changing its sources: remembers the notebook's bytes and the size and time of every file under the
/// notebook's folder before the run, and afterwards restores the notebook if a cell wrote to it and names every file
/// the run changed or removed but did not create. Output folders (<c>out</c>, <c>bin</c>, <c>obj</c>, ...) and the
/// run's own output folder are not watched.
/// </summary>
internal sealed class SourceGuard
{
    private const int MaxFiles = 20_000;
    private static readonly string[] Unwatched = ["out", "bin", "obj", ".ipynb_checkpoints", ".git", "node_modules"];

    private readonly string _notebook;
    private readonly byte[] _bytes;
    private readonly string _folder;
    private readonly string[] _excluded;
    private readonly Dictionary<string, (long Length, DateTime Written)> _files;

    private SourceGuard(string notebook, byte[] bytes, string folder, string[] excluded, Dictionary<string, (long, DateTime)> files)
    {
        _notebook = notebook;
        _bytes = bytes;
        _folder = folder;
        _excluded = excluded;
        _files = files;
    }

    /// <summary>Takes the snapshot before a run of <paramref name="notebook"/>.</summary>
    /// <param name="notebook">The source notebook.</param>
    /// <param name="excluded">Folders the run writes to (not watched).</param>
    public static SourceGuard Capture(string notebook, IEnumerable<string> excluded)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(notebook))!;
        var skip = excluded.Select(e => Path.TrimEndingDirectorySeparator(Path.GetFullPath(e)) + Path.DirectorySeparatorChar).ToArray();
        var guard = new SourceGuard(notebook, File.ReadAllBytes(notebook), folder, skip, []);
        foreach (var file in guard.Watched()) guard._files[file] = Stamp(file);
        return guard;
    }

    /// <summary>
    /// Compares with the snapshot: restores the notebook when it changed and returns the files (relative to the
    /// notebook's folder) that the run changed or removed, or an empty list.
    /// </summary>
    public IReadOnlyList<string> Check()
    {
        var changed = new List<string>();
        byte[]? now = null;
        try { now = File.ReadAllBytes(_notebook); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        if (now is null || !CryptographicOperations.FixedTimeEquals(now, _bytes))
        {
            Workbench.IO.AtomicFile.WriteAllBytes(_notebook, _bytes);
            changed.Add(Path.GetFileName(_notebook) + " (restored)");
        }
        foreach (var (file, stamp) in _files)
        {
            if (file == Path.GetFullPath(_notebook)) continue;
            if (!File.Exists(file)) changed.Add(Path.GetRelativePath(_folder, file) + " (removed)");
            else if (Stamp(file) != stamp) changed.Add(Path.GetRelativePath(_folder, file));
        }
        return changed;
    }

    private IEnumerable<string> Watched()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var pending = new Stack<string>([_folder]);
        var count = 0;
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<string> files, dirs;
            try
            {
                files = Directory.EnumerateFiles(dir, "*", options).ToList();
                dirs = Directory.EnumerateDirectories(dir, "*", options).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { continue; }
            foreach (var file in files)
            {
                if (++count > MaxFiles) yield break;
                yield return Path.GetFullPath(file);
            }
            foreach (var sub in dirs)
            {
                var full = Path.GetFullPath(sub) + Path.DirectorySeparatorChar;
                if (Unwatched.Contains(Path.GetFileName(sub), StringComparer.Ordinal) || _excluded.Any(e => full.StartsWith(e, StringComparison.Ordinal))) continue;
                pending.Push(sub);
            }
        }
    }

    private static (long, DateTime) Stamp(string file)
    {
        var info = new FileInfo(file);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, default);
    }
}
