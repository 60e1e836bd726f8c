namespace Workbench.Data;

/// <summary>Options for <see cref="Dataset.Load"/> and <see cref="Dataset.Validate"/>; change them with <c>with</c>.</summary>
public sealed record LoadOptions
{
    /// <summary>The options used when none are given.</summary>
    public static LoadOptions Default { get; } = new();

    /// <summary>How many problems are collected before reading stops (default 100).</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>The dictionary to use (default null: <c>name.dictionary.json</c> beside the CSV).</summary>
    public string? DictionaryPath { get; init; }

    /// <summary>How many chunks are parsed at once (default null: the number of processors; 1 parses on the calling thread).</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// The longest record accepted, in bytes (default 16 MiB). A longer one almost always means a double quote that
    /// is not closed; the limit keeps such a file from being read whole into memory.
    /// </summary>
    public int MaxRecordBytes { get; init; } = 16 << 20;

    /// <summary>
    /// The columns to keep in the table (default null: all). Every column is still validated; the primary key columns
    /// are always kept. Memory grows with the columns kept, not with the file.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// The worksheet of an <c>.xlsx</c> workbook to read: its name, or else its 1-based position (default null: the
    /// first sheet). Ignored for other formats.
    /// </summary>
    public string? Sheet { get; init; }

    /// <summary>The 1-based row of a workbook sheet that holds the column names (default 1); rows above it (a title) are skipped.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The row is below 1 or above 1,048,576 (the last row of a sheet).</exception>
    public int HeaderRow
    {
        get => _headerRow;
        init => _headerRow = value is >= 1 and <= 1_048_576 ? value
            : throw new ArgumentOutOfRangeException(nameof(HeaderRow), value, "the header row is a sheet row from 1 to 1,048,576.");
    }

    private readonly int _headerRow = 1;

    /// <summary>Whether loading records the file and its SHA-256 in the provenance log (default true).</summary>
    public bool RecordProvenance { get; init; } = true;
}
