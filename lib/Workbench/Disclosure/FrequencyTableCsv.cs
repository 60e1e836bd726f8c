using System.Globalization;
using Workbench.Data;

namespace Workbench.Disclosure;

/// <summary>
/// Reads a frequency table from a long CSV: one to three category columns and a count column, one row per cell.
/// </summary>
/// <remarks>
/// Example (<c>region,sex,count</c> header): <c>North,girl,12</c>. Every column other than the count column is a dimension,
/// in header order (rows, columns, layers). Categories appear in the order they first occur in the file; combinations
/// that have no row count as 0. Counts are whole numbers of zero or more written with digits only (no sign, decimal point
/// or thousands separator); the grand total may be at most <see cref="FrequencyTable.MaxTotal"/> (2^53). Each problem is
/// reported as file:line:column with the value, what was expected and the fix.
/// </remarks>
public static class FrequencyTableCsv
{
    /// <summary>Reads <paramref name="path"/> as a long-format frequency table.</summary>
    /// <param name="path">The CSV file (UTF-8, header on the first line).</param>
    /// <param name="countColumn">The name of the count column (default "count").</param>
    /// <param name="title">Optional table title (default none).</param>
    /// <param name="delimiter">The field delimiter (default ','; ';' for a file saved by Excel with Dutch settings).</param>
    /// <exception cref="DataValidationException">The file is missing or malformed; every problem found is listed.</exception>
    public static FrequencyTable Read(string path, string countColumn = "count", string? title = null, char delimiter = ',')
    {
        if (!File.Exists(path))
            throw new DataValidationException(new DataError(path, 0, 0, "file not found. Check the path."));
        var header = CsvColumns.ReadHeader(path, delimiter);
        if (header.Count == 0)
            throw new DataValidationException(new DataError(path, 1, 0, "the file is empty; expected a header such as 'region,sex,count'."));
        if (!header.Contains(countColumn) && DelimiterGuess.Find(header, delimiter, h => h == countColumn, 1) is { } guess)
            throw new DataValidationException(guess.ToError(path,
                $"Declare it with --delimiter '{(guess.Found == '\t' ? "\\t" : guess.Found.ToString())}' (FrequencyTableCsv.Read(path, delimiter: ...)), or save the file with {DelimiterGuess.Describe(delimiter)}."));
        if (!header.Contains(countColumn))
            throw new DataValidationException(new DataError(path, 1, 0,
                $"column '{FieldValidator.Show(countColumn)}' not found in the header ({CsvColumns.Shown(header)}); expected one to three category columns and a '{FieldValidator.Show(countColumn)}' column. Add the count column or name it with --count-column."));
        var dupHeader = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dupHeader is not null)
            throw new DataValidationException(new DataError(path, 1, header.ToList().LastIndexOf(dupHeader.Key) + 1,
                $"column '{FieldValidator.Show(dupHeader.Key)}' appears twice in the header; give each column a distinct name."));
        var dims = header.Where(h => h != countColumn).ToList();
        if (dims.Count is < 1 or > 3)
            throw new DataValidationException(new DataError(path, 1, dims.Count == 0 ? 0 : header.ToList().IndexOf(dims[3]) + 1,
                $"the table has {dims.Count} category column(s) ({CsvColumns.Shown(dims)}); expected one to three besides '{countColumn}'. " +
                (dims.Count == 0 ? "Add a category column." : "Aggregate over the extra columns first.")));
        var raw = CsvColumns.Read(path, header, delimiter);
        var errors = new List<DataError>();
        var counts = new long[raw.RowCount];
        var rawCounts = raw.Values[countColumn];
        long total = 0;
        var totalReported = false;
        for (var r = 0; r < raw.RowCount; r++)
        {
            var s = rawCounts[r];
            var shown = s is null ? "" : FieldValidator.Show(s);
            if (s is null)
                errors.Add(raw.ErrorAt(r, countColumn, $"column '{countColumn}' is empty; expected a whole number of 0 or more. Fill in the count (0 if there are none) or remove the row."));
            else if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= FrequencyTable.MaxTotal)
            {
                counts[r] = v;
                total += v;
                if (total > FrequencyTable.MaxTotal && !totalReported)
                {
                    totalReported = true;
                    errors.Add(raw.ErrorAt(r, countColumn,
                        $"the counts up to this row add up to more than {FrequencyTable.MaxTotal.ToString("N0", CultureInfo.InvariantCulture)} (2^53), " +
                        "the largest total the disclosure check computes exactly; the totals would be wrong. Check the counts (counts of persons or cases are far smaller)."));
                }
            }
            else if (s.Length > 0 && s.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
                errors.Add(raw.ErrorAt(r, countColumn,
                    $"column '{countColumn}' has '{shown}'; the count is too large (at most {FrequencyTable.MaxTotal.ToString("N0", CultureInfo.InvariantCulture)}, 2^53). Check the count."));
            else if (s.TrimStart().StartsWith('-'))
                errors.Add(raw.ErrorAt(r, countColumn, $"column '{countColumn}' has '{shown}'; counts cannot be negative. Correct the count."));
            else if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                errors.Add(raw.ErrorAt(r, countColumn, $"column '{countColumn}' has '{shown}'; expected a whole number (a count of persons or cases), not a fraction. Protect estimates differently, or give the unweighted count."));
            else
                errors.Add(raw.ErrorAt(r, countColumn, $"column '{countColumn}' has '{shown}'; expected a whole number of 0 or more, without separators."));
            foreach (var d in dims)
                if (raw.Values[d][r] is null)
                    errors.Add(raw.ErrorAt(r, d, $"column '{d}' is empty; expected a category label. Recode missing values to a category such as 'unknown'."));
            if (errors.Count >= 100) throw new DataValidationException(errors, truncated: true);
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        if (raw.RowCount == 0)
            throw new DataValidationException(new DataError(path, 1, 0, "the file has a header but no rows; expected one row per cell."));
        var categories = dims.Select(d => raw.Values[d].Distinct(StringComparer.Ordinal).Select(v => v!).ToList()).ToList();
        var dimensions = dims.Select((d, i) => new TableDimension(d, categories[i])).ToList();
        var lookup = categories.Select(c => c.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i, StringComparer.Ordinal)).ToList();
        var size = dimensions.Aggregate(1L, (a, d) => a * d.Count);
        if (size > 10_000_000)
            throw new DataValidationException(new DataError(path, 0, 0, $"the table would have {size} cells; expected at most 10,000,000. Check that the category columns are categories, not identifiers."));
        var interior = new long[size];
        var firstLine = new int[size];
        for (var r = 0; r < raw.RowCount; r++)
        {
            var off = 0;
            for (var d = 0; d < dims.Count; d++) off = off * dimensions[d].Count + lookup[d][raw.Values[dims[d]][r]!];
            if (firstLine[off] != 0)
            {
                var cell = string.Join(", ", dims.Select(d => $"{FieldValidator.Show(d)} = {FieldValidator.Show(raw.Values[d][r]!)}"));
                errors.Add(new DataError(path, raw.Lines[r], 1,
                    $"duplicate cell ({cell}); it was already given on line {firstLine[off]}. Give each combination of categories once (sum the counts first)."));
                if (errors.Count >= 100) throw new DataValidationException(errors, truncated: true);
                continue;
            }
            firstLine[off] = raw.Lines[r];
            interior[off] = counts[r];
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        return FrequencyTable.Build(dimensions, interior.Length, i => interior[i], title);
    }
}
