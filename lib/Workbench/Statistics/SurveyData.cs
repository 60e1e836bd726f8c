using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>
/// In-memory input to the survey estimators: one entry per respondent in every array. This is the small abstraction
/// the maths works on; data tables and CSV files are converted to it (see <see cref="FromColumns"/>).
/// </summary>
/// <param name="Outcome">The 0/1 outcome; null where it is missing (those respondents are excluded and counted).</param>
/// <param name="Weights">Sampling weights, each finite and positive (default null: every weight 1).</param>
/// <param name="Strata">Stratum labels (default null: one stratum).</param>
/// <param name="Clusters">Cluster (PSU) labels (default null: every respondent is its own cluster).</param>
public sealed record SurveyData(
    double?[] Outcome,
    double[]? Weights = null,
    string?[]? Strata = null,
    string?[]? Clusters = null)
{
    /// <summary>Where each row came from, so that errors can name file, line and column; null for in-memory data.</summary>
    public SurveyDataSource? Source { get; init; }

    /// <summary>Number of respondents.</summary>
    public int RowCount => Outcome.Length;

    /// <summary>Builds the input from a boolean outcome (true = 1, false = 0, null = missing).</summary>
    public static SurveyData FromBooleans(bool?[] outcome, double[]? weights = null, string?[]? strata = null, string?[]? clusters = null) =>
        new(outcome.Select(b => b is null ? (double?)null : b.Value ? 1.0 : 0.0).ToArray(), weights, strata, clusters);

    /// <summary>
    /// Builds the input from columns read by name from a CSV file, validating every value: weights must be finite and
    /// positive, the outcome 0 or 1 (an empty field or <c>NA</c> is missing), strata and clusters non-empty.
    /// </summary>
    /// <param name="columns">Columns read with <see cref="CsvColumns.Read"/>; must include those named here.</param>
    /// <param name="outcome">Name of the 0/1 outcome column.</param>
    /// <param name="design">Names of the weight, strata and cluster columns (each optional).</param>
    /// <exception cref="DataValidationException">A value is invalid; every problem names file, line and column.</exception>
    public static SurveyData FromColumns(RawColumns columns, string outcome, SurveyDesign design) =>
        SurveyDataReader.Read(columns, outcome, design);

    /// <summary>
    /// Reads the outcome, the design's columns and the optional domain column <paramref name="by"/> from a CSV file
    /// by header name (no data dictionary needed), validating as <see cref="FromColumns"/>. Faster and leaner than
    /// <see cref="CsvColumns.Read"/> for large files: labels are interned and numbers parsed from the bytes.
    /// </summary>
    /// <param name="path">CSV file with a header line (RFC 4180, comma-delimited, UTF-8).</param>
    /// <param name="outcome">Name of the 0/1 outcome column; empty or <c>NA</c> is missing.</param>
    /// <param name="design">Names of the weight, strata and cluster columns (each optional).</param>
    /// <param name="by">Name of the domain column (default null: none).</param>
    /// <returns>The data and the domain label of each row (null when <paramref name="by"/> is null); a row whose
    /// domain field is empty or <c>NA</c> (R <c>write.csv</c>'s missing value) has label null: in no domain.</returns>
    /// <exception cref="DataValidationException">The file is missing or empty, a column is absent, or values are invalid.</exception>
    public static (SurveyData Data, string?[]? By) ReadCsv(string path, string outcome, SurveyDesign design, string? by = null) =>
        SurveyCsv.Read(path, outcome, design, by);
}

/// <summary>Where the rows of a <see cref="SurveyData"/> came from (for error messages).</summary>
/// <param name="Path">The file.</param>
/// <param name="Lines">1-based line of each row.</param>
/// <param name="FieldIndex">1-based field number of each column used, keyed by column name.</param>
/// <param name="ColumnNames">Column name per role: "outcome", "weight", "strata", "cluster", "by".</param>
public sealed record SurveyDataSource(
    string Path,
    int[] Lines,
    IReadOnlyDictionary<string, int> FieldIndex,
    IReadOnlyDictionary<string, string> ColumnNames)
{
    /// <summary>The sheet of a workbook the rows came from (errors then say <c>Sheet1!C2</c>), or null.</summary>
    public string? Sheet { get; init; }

    /// <summary>The sheet column of the workbook table's first header cell (default 1).</summary>
    public int FirstColumn { get; init; } = 1;

    internal DataError ErrorAt(int row, string role, string message)
    {
        var column = ColumnNames.TryGetValue(role, out var name) && FieldIndex.TryGetValue(name, out var f) ? f : 0;
        return Sheet is null || column == 0 ? new DataError(Path, Lines[row], column, message) : RawColumns.At(Path, Lines[row], column, message, Sheet, FirstColumn);
    }
}
