using System.Text;

namespace Workbench.Export;

/// <summary>
/// Turns figure ids and titles into file names that stay inside the output folder: only letters, digits, '.', '-'
/// and '_' survive, no leading dots, no reserved device names; and every resolved path is checked to lie in the folder.
/// </summary>
public static class SafeFileName
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>A file-name stem made from <paramref name="text"/> (at most 80 characters; "figure" when nothing is left).</summary>
    public static string From(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_') sb.Append(ch);
            else if (ch == '.' && sb.Length > 0 && sb[^1] != '.') sb.Append('.');
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var name = sb.ToString().Trim('.', '-', '_');
        if (name.Length > 80) name = name[..80].TrimEnd('.', '-', '_');
        if (name.Length == 0) return "figure";
        if (Reserved.Contains(name.Split('.')[0])) name = "figure-" + name;
        return name;
    }

    /// <summary>
    /// The full path of <paramref name="fileName"/> in <paramref name="folder"/>, after checking that it resolves to a
    /// file directly inside the folder and is not a symbolic link.
    /// </summary>
    /// <exception cref="InvalidOperationException">The path would leave the folder.</exception>
    public static string ResolveInside(string folder, string fileName)
    {
        var root = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(root, fileName));
        var parent = Path.GetDirectoryName(full);
        if (!string.Equals(parent, Path.TrimEndingDirectorySeparator(root), StringComparison.Ordinal) || Path.GetFileName(full) != fileName)
            throw new InvalidOperationException($"Refusing to write '{fileName}': it does not resolve to a file directly inside '{root}'.");
        var info = new FileInfo(full);
        if (info.Exists && info.LinkTarget is not null)
            throw new InvalidOperationException($"Refusing to write '{full}': it is a symbolic link (to '{info.LinkTarget}').");
        return full;
    }
}
