using System.Globalization;
using Workbench.Data;

namespace Workbench.Statistics;

internal sealed partial class SurveyFrame
{
    /// <summary>
    /// Reads the named columns of an .xlsx workbook (its first sheet) or a .parquet file as <see cref="ReadCsv"/> reads a
    /// CSV: numbers (empty or <c>NA</c> = missing), labels, replicate weight columns; errors name the cell
    /// (<c>file:Sheet1!C2</c>) or the row and column of a Parquet file.
    /// </summary>
    private static (SurveyFrame Frame, string[] Replicates) ReadTable(string path, IReadOnlyCollection<string> numeric, IReadOnlyCollection<string> label, string? replicatePrefix)
    {
        var (header, columns, rows) = DictionaryInference.ReadTable(path, null, 1, out var sheet, out var first);
        var headerLine = rows.Count > 0 ? rows[0] - 1 : 1;
        DataError At(int line, int field, string message) => RawColumns.At(path, line, field, message, sheet, first);
        var (replicates, nums, labs) = HeaderColumns(path, headerLine, header, numeric, label, replicatePrefix);
        if (rows.Count == 0)
            throw new DataValidationException(new DataError(path, headerLine + 1, 0, "the table has a header but no data rows; expected one row per respondent."));
        var errors = new List<DataError>();
        var numbers = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var name in nums)
        {
            var field = header.IndexOf(name);
            var values = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var text = columns[field][i];
                if (text is null or "" or "NA") values[i] = double.NaN;
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) values[i] = v;
                else
                {
                    values[i] = double.NaN;
                    if (errors.Count < MaxErrors)
                        errors.Add(At(rows[i], field + 1, $"column '{name}' has '{text}'; expected a finite number (empty or NA for missing). Correct the value or recode the column."));
                }
            }
            numbers[name] = values;
        }
        if (errors.Count > 0) throw new DataValidationException(errors, errors.Count >= MaxErrors);
        var coded = FromColumns(new Dictionary<string, double?[]>(), labs.ToDictionary(l => l, l => columns[header.IndexOf(l)].ToArray(), StringComparer.Ordinal));
        var frame = new SurveyFrame
        {
            Rows = rows.Count,
            Numbers = numbers,
            Labels = coded.Labels,
            Header = header, SourceName = path, Lines = rows.ToArray(),
            FieldIndex = nums.Concat(labs).Distinct(StringComparer.Ordinal).ToDictionary(c => c, c => header.IndexOf(c) + 1, StringComparer.Ordinal),
            Sheet = sheet, FirstColumn = first,
        };
        return (frame, replicates);
    }
}
