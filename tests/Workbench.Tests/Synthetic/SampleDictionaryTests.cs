using System.Globalization;
using Workbench.Data;
using Workbench.Synthetic;

namespace Workbench.Tests.Synthetic;

/// <summary>
/// Every generated CSV agrees with its own dictionary (header, types, codes, ranges, required fields, unique keys),
/// so `workbench data check data-samples` can pass.
/// </summary>
public sealed class SampleDictionaryTests
{
    public static TheoryData<string> Names() => [.. SyntheticData.GenerateAll(2020).Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Sample_AgreesWithItsDictionary(string name)
    {
        var path = RepoPaths.Sample(name + ".csv");
        var dictionary = System.Text.Json.JsonSerializer.Deserialize<DataDictionary>(
            File.ReadAllText(DataDictionary.PathFor(path)), DataDictionary.JsonOptions)!;
        Assert.Equal(name, dictionary.Name);
        var header = CsvColumns.ReadHeader(path);
        Assert.Equal(dictionary.Columns.Select(c => c.Name), header);
        var raw = CsvColumns.Read(path, header);
        Assert.True(raw.RowCount > 0);
        var problems = new List<string>();
        foreach (var column in dictionary.Columns)
        {
            var values = raw.Values[column.Name];
            var codes = column.Codes?.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < values.Length && problems.Count < 20; i++)
            {
                var s = values[i];
                if (s is null)
                {
                    if (column.Required) problems.Add($"{column.Name} row {i}: empty but required");
                    continue;
                }
                var ok = column.Type switch
                {
                    ColumnType.Integer => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && InRange(column, n),
                    ColumnType.Decimal => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && InRange(column, d)
                        && (column.Role != ColumnRole.Weight || d > 0),
                    ColumnType.Boolean => s is "0" or "1",
                    ColumnType.Category => codes!.Contains(s),
                    ColumnType.Date => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    _ => true,
                };
                if (!ok) problems.Add($"{column.Name} row {i}: '{s}' is not a valid {column.Type}");
            }
        }
        if (dictionary.PrimaryKey.Count > 0)
        {
            var keys = Enumerable.Range(0, raw.RowCount)
                .Select(i => string.Join("|", dictionary.PrimaryKey.Select(k => raw.Values[k][i])));
            var duplicates = keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
            problems.AddRange(duplicates.Select(d => $"duplicate primary key {d}"));
        }
        Assert.Empty(problems);
    }

    private static bool InRange(ColumnDefinition column, double x) =>
        (column.Min is null || x >= column.Min) && (column.Max is null || x <= column.Max);

    [Fact]
    public void AllSamples_StayUnderFifteenMegabytes()
    {
        var bytes = Directory.GetFiles(RepoPaths.DataSamples, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 15_000_000, $"data-samples holds {bytes:N0} bytes");
    }
}
