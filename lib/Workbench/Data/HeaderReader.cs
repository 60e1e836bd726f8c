namespace Workbench.Data;

/// <summary>Reads the header record and compares it with the dictionary's columns.</summary>
internal static class HeaderReader
{
    /// <summary>Splits the header record into its field texts with the one <see cref="CsvSplitter"/>; a trailing '\r' is dropped.</summary>
    public static List<string> Split(ReadOnlySpan<byte> record, byte delimiter) => new CsvSplitter((char)delimiter).SplitText(record);

    /// <summary>
    /// Problems with the header: duplicated columns, columns missing from the file, columns the dictionary does not
    /// know, and renamed columns (an unknown name where the dictionary expects a column the header lacks).
    /// Columns are matched by name, so their order may differ from the dictionary's.
    /// </summary>
    public static List<DataError> Check(string path, DataDictionary dictionary, IReadOnlyList<string> header)
    {
        var errors = new List<DataError>();
        var expected = dictionary.Columns.Select(c => c.Name).ToList();
        if (OtherDelimiter(dictionary, header) is { } other) return [other.ToError(path, dictionary)];
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
                    $"column '{FieldValidator.Show(name)}' appears twice in the header (fields {firstAt[name] + 1} and {i + 1}); remove or rename one."));
                continue;
            }
            if (known.Contains(name)) continue;
            var trimmed = name.Trim();
            if (trimmed != name && known.Contains(trimmed) && !present.Contains(trimmed))
            {
                renamedTargets.Add(trimmed);
                errors.Add(new DataError(path, 1, i + 1,
                    $"header field {i + 1} is '{FieldValidator.Show(name)}' with spaces around it; the dictionary expects '{trimmed}'. Remove the spaces."));
            }
            else if (i < expected.Count && !present.Contains(expected[i]) && !renamedTargets.Contains(expected[i]))
            {
                renamedTargets.Add(expected[i]);
                errors.Add(new DataError(path, 1, i + 1,
                    $"header field {i + 1} is '{FieldValidator.Show(name)}' but the dictionary expects '{expected[i]}' there (renamed?); " +
                    $"use the same name in the file and in {dictionaryFile}."));
            }
            else
            {
                errors.Add(new DataError(path, 1, i + 1,
                    $"column '{FieldValidator.Show(name)}' is not in the dictionary {dictionaryFile}; describe it there or remove it from the file."));
            }
        }
        foreach (var name in expected)
        {
            if (present.Contains(name) || renamedTargets.Contains(name)) continue;
            errors.Add(new DataError(path, 1, 0,
                $"column '{name}' is missing from the header; the dictionary {dictionaryFile} expects: {Expected(dictionary)}."));
        }
        return errors;
    }

    /// <summary>The dictionary's header line, shortened after 20 columns so that messages stay one line.</summary>
    public static string Expected(DataDictionary dictionary)
    {
        var names = dictionary.Columns.Select(c => c.Name).ToList();
        var shown = string.Join(dictionary.File.Delimiter, names.Take(20));
        return names.Count <= 20 ? shown : $"{shown}{dictionary.File.Delimiter}... ({names.Count} columns)";
    }

    /// <summary>
    /// When the header matches the dictionary better split at another common delimiter (';' from Excel with Dutch
    /// settings, tab, '|' or ','), that delimiter; otherwise null.
    /// </summary>
    internal static DelimiterGuess? OtherDelimiter(DataDictionary dictionary, IReadOnlyList<string> header)
    {
        var declared = dictionary.File.Delimiter[0];
        var known = new HashSet<string>(dictionary.Columns.Select(c => c.Name), StringComparer.Ordinal);
        return DelimiterGuess.Find(header, declared, known.Contains, known.Count);
    }
}

/// <summary>A delimiter that splits a header into more of the expected names than the declared one does.</summary>
/// <param name="Declared">The delimiter the file was read with.</param>
/// <param name="Found">The delimiter the header seems to use.</param>
/// <param name="Names">The header split at <paramref name="Found"/>.</param>
internal sealed record DelimiterGuess(char Declared, char Found, IReadOnlyList<string> Names)
{
    private static readonly char[] Candidates = [';', ',', '\t', '|'];

    /// <summary>How a delimiter is written in messages.</summary>
    public static string Describe(char d) => d == '\t' ? "tab" : $"'{d}'";

    /// <summary>
    /// Finds a delimiter under which more header fields are expected names than under <paramref name="declared"/>
    /// (at least two, or all of a one-column layout). <paramref name="isExpected"/> says whether a name is wanted.
    /// </summary>
    public static DelimiterGuess? Find(IReadOnlyList<string> header, char declared, Func<string, bool> isExpected, int expectedCount)
    {
        var matched = header.Count(isExpected);
        if (matched >= Math.Min(expectedCount, 2) && header.Count > 1) return null;
        var raw = string.Join(declared, header);
        DelimiterGuess? best = null;
        var bestHits = matched;
        foreach (var d in Candidates)
        {
            if (d == declared) continue;
            var parts = raw.Split(d).Select(p => p.Trim('"')).ToList();
            var hits = parts.Count(isExpected);
            if (parts.Count > 1 && (hits > bestHits || hits == bestHits && best is null && header.Count == 1 && expectedCount > 1))
            {
                best = new DelimiterGuess(declared, d, parts);
                bestHits = hits;
            }
        }
        return best;
    }

    /// <summary>The error for a dataset whose dictionary declares another delimiter.</summary>
    public DataError ToError(string path, DataDictionary dictionary)
    {
        var json = Found == '\t' ? "\\t" : Found.ToString();
        var culture = Found == ';' && DataDictionary.ResolveCulture(dictionary.File.Culture).NumberFormat.NumberDecimalSeparator == "."
            ? $", \"culture\": \"nl-NL\" }} if it also writes decimal commas (else {{ \"delimiter\": \"{json}\" }})"
            : " }";
        return new DataError(path, 1, 1,
            $"the header is not separated by {Describe(Declared)} as the dictionary says; the file seems to use {Describe(Found)}{Excel}. " +
            $"Declare it in the dictionary: \"file\": {{ \"delimiter\": \"{json}\"{culture}, or save the file with {Describe(Declared)}.");
    }

    /// <summary>The error for a file read without a dictionary (the delimiter is an argument).</summary>
    public DataError ToError(string path, string fix) =>
        new(path, 1, 1,
            $"the header is not separated by {Describe(Declared)}; the file seems to use {Describe(Found)}{Excel} " +
            $"(its header then reads {string.Join(", ", Names.Take(10).Select(FieldValidator.Show))}). {fix}");

    private string Excel => Found == ';' ? " (the default of Excel with Dutch settings)" : "";
}
