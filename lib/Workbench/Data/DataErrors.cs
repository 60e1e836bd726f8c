namespace Workbench.Data;

/// <summary>One problem found in an input file, reported as <c>file:line:column: message</c>.</summary>
/// <param name="File">The file the problem is in.</param>
/// <param name="Line">1-based line number in the file (0 when the problem concerns the whole file).</param>
/// <param name="Column">1-based column (field) number (0 when the problem concerns the whole line or file).</param>
/// <param name="Message">What is wrong, naming the column, the value and what was expected, and the fix.</param>
public sealed record DataError(string File, int Line, int Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
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

    private static string Format(IReadOnlyList<DataError> errors, bool truncated)
    {
        var lines = errors.Select(e => e.ToString()).ToList();
        var head = errors.Count == 1 ? "1 problem found:" : $"{errors.Count} problems found{(truncated ? " (more not shown)" : "")}:";
        return head + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }
}
