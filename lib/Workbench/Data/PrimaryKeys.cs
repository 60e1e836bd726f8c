using System.Globalization;
using System.Text;

namespace Workbench.Data;

/// <summary>Checks that the primary key of a dataset is present and unique in every row.</summary>
internal static class PrimaryKeys
{
    public static List<DataError> Check(CsvLayout layout, ColumnData?[] columns, int rows, Func<int, int> lineOf, int maxErrors)
    {
        var errors = new List<DataError>();
        var key = layout.Dictionary.PrimaryKey;
        if (key.Count == 0 || maxErrors <= 0) return errors;
        var fields = key.Select(k => Array.FindIndex(layout.Fields, f => f.Definition.Name == k)).ToArray();
        if (fields.Length == 1 && rows > 0 && columns[fields[0]] is PrimitiveData<long> ids && ids.NullCount == 0 && StrictlyIncreasing(ids.Values))
            return errors; // the usual case of sequential ids: unique without hashing

        var first = new Dictionary<string, int>(rows, StringComparer.Ordinal);
        var text = new StringBuilder();
        for (var row = 0; row < rows && errors.Count < maxErrors; row++)
        {
            text.Clear();
            var complete = true;
            for (var k = 0; k < fields.Length; k++)
            {
                var column = columns[fields[k]]!;
                if (!column.IsPresent(row))
                {
                    complete = false;
                    // A missing required value was reported by the row check already.
                    if (!column.Definition.Required)
                        errors.Add(new DataError(layout.Path, lineOf(row), fields[k] + 1,
                            $"primary key column '{column.Definition.Name}' is empty; every row needs a key value."));
                    break;
                }
                if (k > 0) text.Append(", ");
                text.Append(column.Definition.Name).Append('=').Append(Format(column, row));
            }
            if (!complete) continue;
            var value = text.ToString();
            if (!first.TryAdd(value, row))
                errors.Add(new DataError(layout.Path, lineOf(row), fields[0] + 1,
                    $"duplicate primary key {value} (first on line {lineOf(first[value])}); each row must have a unique key. Remove the duplicate row or correct the key."));
        }
        return errors;
    }

    private static bool StrictlyIncreasing(ReadOnlySpan<long> values)
    {
        for (var i = 1; i < values.Length; i++)
            if (values[i] <= values[i - 1]) return false;
        return true;
    }

    private static string Format(ColumnData column, int row) => column switch
    {
        PrimitiveData<long> l => l.Values[row].ToString(CultureInfo.InvariantCulture),
        PrimitiveData<double> d => d.Values[row].ToString("R", CultureInfo.InvariantCulture),
        PrimitiveData<bool> b => b.Values[row] ? "1" : "0",
        PrimitiveData<DateOnly> t => t.Values[row].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CategoryData c => c[row]!,
        StringData s => s[row]!,
        _ => "",
    };
}
