namespace Workbench.Data;

/// <summary>One problem found in an input file, reported as <c>file:line:column: message</c> (a workbook: <c>file:sheet!cell: message</c>).</summary>
/// <param name="File">The file the problem is in.</param>
/// <param name="Line">1-based line number in the file (0 when the problem concerns the whole file).</param>
/// <param name="Column">1-based column (field) number (0 when the problem concerns the whole line or file).</param>
/// <param name="Message">What is wrong, naming the column, the value and what was expected, and the fix.</param>
public sealed record DataError(string File, int Line, int Column, string Message)
{
    /// <summary>
    /// Where the problem is when the file has cells rather than lines: <c>Sheet1!B3</c> in a workbook (then
    /// <see cref="Line"/> is the sheet's row and <see cref="Column"/> the field); null for text files, where
    /// <c>line:column</c> says it.
    /// </summary>
    public string? Location { get; init; }

    /// <inheritdoc />
    public override string ToString() => Location is { } at ? $"{File}:{at}: {Message}" : $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>
/// Thrown when an input cannot be used. Carries every problem found (up to a limit), so the user can fix them
/// all at once. No partial result is ever returned alongside it.
/// </summary>
public sealed class DataValidationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public DataValidationException(IReadOnlyList<DataError> errors, bool truncated = false)
        : base(Format(errors, truncated))
    {
        Errors = errors;
        Truncated = truncated;
    }

    /// <summary>Creates the exception for a single problem.</summary>
    public DataValidationException(DataError error) : this([error]) { }

    /// <summary>The problems found, in file order.</summary>
    public IReadOnlyList<DataError> Errors { get; }

    /// <summary>True when more problems existed than were collected.</summary>
    public bool Truncated { get; }

    /// <summary>
    /// Reads every <c>*.json</c> file of <paramref name="folder"/> with <paramref name="read"/>, in file-name order; the
    /// problems of all bad files are reported together (the record folders a run writes: figure specs, protected tables).
    /// </summary>
    /// <exception cref="DataValidationException">One or more files could not be read; every bad file is named.</exception>
    public static List<T> ReadJsonFolder<T>(string folder, Func<string, T> read)
    {
        var records = new List<T>();
        var errors = new List<DataError>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try { records.Add(read(file)); }
            catch (DataValidationException ex) { errors.AddRange(ex.Errors); }
        }
        return errors.Count > 0 ? throw new DataValidationException(errors) : records;
    }

    private static string Format(IReadOnlyList<DataError> errors, bool truncated)
    {
        var lines = errors.Select(e => e.ToString()).ToList();
        var head = errors.Count == 1 ? "1 problem found:" : $"{errors.Count} problems found{(truncated ? " (more not shown)" : "")}:";
        return head + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }
}
