using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>
/// Survey data with a validated design (R <c>svydesign</c> or <c>svrepdesign</c>): the columns an analysis uses, the
/// strata, the clusters of every stage, the finite population corrections or the replicate weights. Build it once
/// with <see cref="ReadCsv"/> or <see cref="FromColumns"/> and pass it to <see cref="SurveyEstimators"/>.
/// Immutable.
/// </summary>
public sealed class SurveySample
{
    internal SurveyFrame Frame { get; }
    internal StagedDesign Staged { get; }

    /// <summary>The design the sample was built with.</summary>
    public SurveyDesign Design { get; }

    /// <summary>Number of respondents.</summary>
    public int RowCount => Frame.Rows;

    /// <summary>Degrees of freedom of the whole design (R <c>degf</c>): first-stage clusters minus strata, or the rank of the replicate weights minus 1.</summary>
    public int Df => Staged.Df;

    /// <summary>The analysis weights (after calibration, the calibrated weights); a copy.</summary>
    public double[] Weights() => (double[])Staged.W.Clone();

    internal SurveySample(SurveyFrame frame, StagedDesign staged, SurveyDesign design)
    {
        Frame = frame; Staged = staged; Design = design;
    }

    /// <summary>
    /// Reads the design's columns, the analysis <paramref name="variables"/> (numbers; empty or <c>NA</c> missing) and
    /// the grouping columns <paramref name="labels"/> (empty or <c>NA</c>: in no domain) from a CSV file by header
    /// name, and validates the design. Errors name file, line and column.
    /// </summary>
    /// <param name="path">CSV file with a header line (RFC 4180, comma-delimited, UTF-8).</param>
    /// <param name="design">Weights, strata, clusters per stage, fpc per stage or replicate weights.</param>
    /// <param name="variables">Numeric columns to analyse (default none).</param>
    /// <param name="labels">Grouping columns (default none).</param>
    /// <exception cref="DataValidationException">The file or a column is missing, or a value is invalid.</exception>
    /// <exception cref="ArgumentException">The design is inconsistent (e.g. strata with replicate weights).</exception>
    public static SurveySample ReadCsv(string path, SurveyDesign design, IEnumerable<string>? variables = null, IEnumerable<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        var numeric = new List<string>();
        if (design.Weight is not null) numeric.Add(design.Weight);
        numeric.AddRange(design.Fpc);
        numeric.AddRange(variables ?? []);
        var label = new List<string>();
        if (design.Strata is not null) label.Add(design.Strata);
        if (design.Cluster is not null) label.Add(design.Cluster);
        label.AddRange(design.Subclusters);
        label.AddRange(labels ?? []);
        var (frame, replicates) = SurveyFrame.ReadCsv(path, numeric, label, design.Replicates?.Prefix);
        return new SurveySample(frame, StagedDesign.Build(frame, design, replicates), design);
    }

    /// <summary>
    /// Builds a sample from in-memory columns: numeric columns (weights, fpc, replicate weights, analysis variables;
    /// null = missing) and label columns (strata, clusters, grouping columns; null = missing), one entry per respondent.
    /// </summary>
    public static SurveySample FromColumns(SurveyDesign design, IReadOnlyDictionary<string, double?[]> numbers, IReadOnlyDictionary<string, string?[]>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(numbers);
        var frame = SurveyFrame.FromColumns(numbers, labels ?? new Dictionary<string, string?[]>());
        var replicates = design.Replicates is null ? [] : numbers.Keys.Where(k => k.StartsWith(design.Replicates.Prefix, StringComparison.Ordinal)).ToArray();
        if (design.Replicates is not null && replicates.Length == 0)
            throw new DataValidationException(new DataError(frame.SourceName, 1, 0,
                $"no column name starts with the replicate weight prefix '{design.Replicates.Prefix}'; the columns are: {string.Join(", ", frame.Header)}. Give the common start of the replicate weight columns."));
        return new SurveySample(frame, StagedDesign.Build(frame, design, replicates), design);
    }

    /// <summary>
    /// The sample with its weights calibrated to population <paramref name="margins"/>: post-stratified on one
    /// variable (R <c>postStratify</c>) or raked on several (R <c>rake</c>, at most 10 sweeps until no cell of the
    /// margins' cross table changes by 1). Linearised variances then use the calibration's projection of the scores
    /// (R <c>svyrecvar</c> with <c>postStrata</c>); replicate designs calibrate every replicate (R
    /// <c>postStratify.svyrep.design</c>). The calibration variables must have been read as labels.
    /// </summary>
    /// <param name="margins">Population counts per category (see <see cref="CalibrationMargins.ReadCsv"/>).</param>
    /// <param name="method">Post-stratification or raking (default raking).</param>
    /// <exception cref="DataValidationException">A respondent's category is missing or not in the margins.</exception>
    /// <exception cref="ArgumentException">A margin category has no respondents, margins do not sum to the same total,
    /// post-stratification on several variables, or the sample is already calibrated.</exception>
    public SurveySample Calibrate(CalibrationMargins margins, CalibrationMethod method = CalibrationMethod.Rake)
    {
        ArgumentNullException.ThrowIfNull(margins);
        return Statistics.Calibration.Apply(this, margins, method);
    }

    internal SurveySample WithStaged(StagedDesign staged) => new(Frame, staged, Design);
}
