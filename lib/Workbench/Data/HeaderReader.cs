using System.Text;

namespace Workbench.Data;

/// <summary>Reads the header record and compares it with the dictionary's columns.</summary>
internal static class HeaderReader
{
    /// <summary>Splits one record (RFC 4180 quoting) into its field texts; a trailing '\r' is dropped.</summary>
    public static List<string> Split(ReadOnlySpan<byte> record, byte delimiter)
    {
        if (record.Length > 0 && record[^1] == (byte)'\r') record = record[..^1];
        var fields = new List<string>();
        var field = new List<byte>();
        var inQuotes = false;
        for (var i = 0; i < record.Length; i++)
        {
            var b = record[i];
            if (inQuotes)
            {
                if (b == (byte)'"')
                {
                    if (i + 1 < record.Length && record[i + 1] == (byte)'"') { field.Add(b); i++; }
                    else inQuotes = false;
                }
                else field.Add(b);
            }
            else if (b == (byte)'"' && field.Count == 0) inQuotes = true;
            else if (b == delimiter)
            {
                fields.Add(Encoding.UTF8.GetString(field.ToArray()));
                field.Clear();
            }
            else field.Add(b);
        }
        fields.Add(Encoding.UTF8.GetString(field.ToArray()));
        return fields;
    }

    /// <summary>
    /// Problems with the header: duplicated columns, columns missing from the file, columns the dictionary does not
    /// know, and renamed columns (an unknown name where the dictionary expects a column the header lacks).
    /// Columns are matched by name, so their order may differ from the dictionary's.
    /// </summary>
    public static List<DataError> Check(string path, DataDictionary dictionary, IReadOnlyList<string> header)
    {
        var errors = new List<DataError>();
        var expected = dictionary.Columns.Select(c => c.Name).ToList();
        if (header.Count == 1 && expected.Count > 1)
        {
            var other = new[] { ',', ';', '\t', '|' }.FirstOrDefault(d => header[0].Split(d).Length > 1);
            if (other != default)
            {
                var shown = other == '\t' ? "tab" : $"'{other}'";
                return [new DataError(path, 1, 1,
                    $"the header is not separated by '{dictionary.File.Delimiter}' as the dictionary says; the file seems to use {shown}. " +
                    $"Save the file with '{dictionary.File.Delimiter}' or set \"file\": {{ \"delimiter\": ... }} in the dictionary to match.")];
            }
        }
        var known = new HashSet<string>(expected, StringComparer.Ordinal);
        var present = new HashSet<string>(header, StringComparer.Ordinal);
        var dictionaryFile = Path.GetFileName(DataDictionary.PathFor(path));
        var firstAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var renamedTargets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (!firstAt.TryAdd(name, i))
            {
                errors.Add(new DataError(path, 1, i + 1,
                    $"column '{name}' appears twice in the header (fields {firstAt[name] + 1} and {i + 1}); remove or rename one."));
                continue;
            }
            if (known.Contains(name)) continue;
            var trimmed = name.Trim();
            if (trimmed != name && known.Contains(trimmed) && !present.Contains(trimmed))
            {
                renamedTargets.Add(trimmed);
                errors.Add(new DataError(path, 1, i + 1,
                    $"header field {i + 1} is '{name}' with spaces around it; the dictionary expects '{trimmed}'. Remove the spaces."));
            }
            else if (i < expected.Count && !present.Contains(expected[i]) && !renamedTargets.Contains(expected[i]))
            {
                renamedTargets.Add(expected[i]);
                errors.Add(new DataError(path, 1, i + 1,
                    $"header field {i + 1} is '{name}' but the dictionary expects '{expected[i]}' there (renamed?); " +
                    $"use the same name in the file and in {dictionaryFile}."));
            }
            else
            {
                errors.Add(new DataError(path, 1, i + 1,
                    $"column '{name}' is not in the dictionary {dictionaryFile}; describe it there or remove it from the file."));
            }
        }
        foreach (var name in expected)
        {
            if (present.Contains(name) || renamedTargets.Contains(name)) continue;
            errors.Add(new DataError(path, 1, 0,
                $"column '{name}' is missing from the header; the dictionary {dictionaryFile} expects: {string.Join(dictionary.File.Delimiter, expected)}."));
        }
        return errors;
    }
}
