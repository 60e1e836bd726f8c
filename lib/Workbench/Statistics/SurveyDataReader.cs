using System.Globalization;
using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>Converts CSV columns read by name into <see cref="SurveyData"/>, collecting every invalid value.</summary>
internal static class SurveyDataReader
{
    private const int MaxErrors = 100;

    public static SurveyData Read(RawColumns columns, string outcome, SurveyDesign design)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["outcome"] = outcome };
        if (design.Weight is not null) names["weight"] = design.Weight;
        if (design.Strata is not null) names["strata"] = design.Strata;
        if (design.Cluster is not null) names["cluster"] = design.Cluster;
        var errors = new List<DataError>();
        var y = ParseOutcome(columns, outcome, errors);
        var w = design.Weight is null ? null : ParseWeights(columns, design.Weight, errors);
        if (errors.Count > 0) throw new DataValidationException(errors, errors.Count >= MaxErrors);
        return new SurveyData(y, w,
            design.Strata is null ? null : columns.Values[design.Strata],
            design.Cluster is null ? null : columns.Values[design.Cluster])
        {
            Source = new SurveyDataSource(columns.Path, columns.Lines, columns.FieldIndex, names) { Sheet = columns.Sheet, FirstColumn = columns.FirstColumn },
        };
    }

    /// <summary>Reads a 0/1 column; empty fields and "NA" are missing.</summary>
    internal static double?[] ParseOutcome(RawColumns columns, string column, List<DataError> errors)
    {
        var raw = columns.Values[column];
        var result = new double?[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var s = raw[i];
            if (s is null || s == "NA") continue;
            if (s == "1") result[i] = 1.0;
            else if (s == "0") result[i] = 0.0;
            else if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && (v == 0 || v == 1)) result[i] = v;
            else if (errors.Count < MaxErrors)
                errors.Add(columns.ErrorAt(i, column,
                    $"outcome column '{column}' has '{s}'; expected 0 or 1 (empty or NA for missing). Recode the outcome to 0/1."));
        }
        return result;
    }

    internal static double[] ParseWeights(RawColumns columns, string column, List<DataError> errors)
    {
        var raw = columns.Values[column];
        var result = new double[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var s = raw[i];
            if (s is not null && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0)
            {
                result[i] = v;
                continue;
            }
            if (errors.Count >= MaxErrors) continue;
            var what = s is null ? "is empty" : $"has '{s}'";
            errors.Add(columns.ErrorAt(i, column,
                $"weight column '{column}' {what}; expected a positive finite number. Give every respondent a positive weight or remove the row."));
        }
        return result;
    }
}
