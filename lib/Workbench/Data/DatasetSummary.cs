namespace Workbench.Data;

/// <summary>How often one value occurs in a category or boolean column.</summary>
/// <param name="Value">The code (or "0"/"1" for booleans).</param>
/// <param name="Count">The number of rows with that value.</param>
public sealed record ValueCount(string Value, int Count);

/// <summary>A summary of one column: counts for every type, min/mean/max for numbers and dates, counts per code.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The column type.</param>
/// <param name="NonMissing">Rows with a value.</param>
/// <param name="Missing">Rows without a value.</param>
/// <param name="Min">Smallest value (integer and decimal columns with a value; otherwise null).</param>
/// <param name="Mean">Mean value (integer and decimal columns with a value; otherwise null).</param>
/// <param name="Max">Largest value (integer and decimal columns with a value; otherwise null).</param>
/// <param name="FirstDate">Earliest date (date columns with a value; otherwise null).</param>
/// <param name="LastDate">Latest date (date columns with a value; otherwise null).</param>
/// <param name="Counts">Rows per code in dictionary order (categories; every code listed, also those with 0 rows) or per 0/1 (booleans); empty otherwise.</param>
/// <param name="Distinct">Number of distinct values (text and identifier columns; otherwise null).</param>
public sealed record ColumnSummary(
    string Name,
    ColumnType Type,
    int NonMissing,
    int Missing,
    double? Min,
    double? Mean,
    double? Max,
    DateOnly? FirstDate,
    DateOnly? LastDate,
    IReadOnlyList<ValueCount> Counts,
    int? Distinct);

public sealed partial class Dataset
{
    /// <summary>A summary of every column, in dictionary order (for <c>workbench data describe</c> and notebooks).</summary>
    public IReadOnlyList<ColumnSummary> Summarize() => _columns.Select(Summarize).ToList();

    private static ColumnSummary Summarize(ColumnData data)
    {
        var def = data.Definition;
        var present = data.Length - data.NullCount;
        var summary = new ColumnSummary(def.Name, def.Type, present, data.NullCount, null, null, null, null, null, [], null);
        switch (data)
        {
            case PrimitiveData<long> l when present > 0:
                {
                    var values = l.Values;
                    long min = long.MaxValue, max = long.MinValue;
                    double sum = 0;
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (!data.IsPresent(i)) continue;
                        var v = values[i];
                        if (v < min) min = v;
                        if (v > max) max = v;
                        sum += v;
                    }
                    return summary with { Min = min, Mean = sum / present, Max = max };
                }
            case PrimitiveData<double> d when present > 0:
                {
                    var values = d.Values;
                    double min = double.MaxValue, max = double.MinValue, sum = 0;
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (!data.IsPresent(i)) continue;
                        var v = values[i];
                        if (v < min) min = v;
                        if (v > max) max = v;
                        sum += v;
                    }
                    return summary with { Min = min, Mean = sum / present, Max = max };
                }
            case PrimitiveData<DateOnly> t when present > 0:
                {
                    var values = t.Values;
                    DateOnly first = DateOnly.MaxValue, last = DateOnly.MinValue;
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (!data.IsPresent(i)) continue;
                        if (values[i] < first) first = values[i];
                        if (values[i] > last) last = values[i];
                    }
                    return summary with { FirstDate = first, LastDate = last };
                }
            case PrimitiveData<bool> b:
                {
                    var values = b.Values;
                    var ones = 0;
                    for (var i = 0; i < values.Length; i++)
                        if (data.IsPresent(i) && values[i]) ones++;
                    return summary with { Counts = [new ValueCount("0", present - ones), new ValueCount("1", ones)] };
                }
            case CategoryData c:
                {
                    var counts = new int[c.CodeValues.Length];
                    var indices = c.Indices;
                    for (var i = 0; i < indices.Length; i++)
                        if (data.IsPresent(i)) counts[indices[i]]++;
                    return summary with { Counts = c.CodeValues.Select((code, k) => new ValueCount(code, counts[k])).ToList() };
                }
            case StringData s:
                {
                    var distinct = new HashSet<string>(StringComparer.Ordinal);
                    for (var i = 0; i < s.Length; i++)
                        if (s[i] is { } v) distinct.Add(v);
                    return summary with { Distinct = distinct.Count };
                }
            default:
                return summary;
        }
    }
}
