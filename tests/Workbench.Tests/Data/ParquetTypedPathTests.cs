using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Parquet;
using Parquet.Schema;
using Workbench.Data;
using DataField = Parquet.Schema.DataField;

namespace Workbench.Tests.Data;

/// <summary>
/// Parquet columns whose type is the dictionary type's own are read typed, not through text (issue 18): they must be
/// checked exactly as the CSV loader checks the same values written as text (types, ranges, weights, codes, required,
/// NUL in text, the primary key), with the same messages, at <c>file:row:column</c>.
/// </summary>
public sealed class ParquetTypedPathTests : IDisposable
{
    private static readonly LoadOptions Quiet = new() { RecordProvenance = false };
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-parquet-typed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // people.dictionary.json: id identifier (key), sex category F/M, age integer 0-120, weight decimal weight,
    // score decimal (optional), told boolean, visit date, note text.
    private static readonly string?[] Ids = ["1", "2", "1", null, "5"];
    private static readonly string?[] Sexes = ["F", "X", null, "M", "M"];
    private static readonly long?[] Ages = [34, 121, -1, null, 9_007_199_254_740_993];
    private static readonly double?[] Weights = [1.25, 0.0, double.NegativeInfinity, null, 1e-300];
    private static readonly double?[] Scores = [3.5, double.NaN, 1e300, -0.0, null];
    private static readonly bool?[] Told = [true, null, false, true, false];
    private static readonly DateOnly?[] Visits = [new DateOnly(2019, 5, 1), null, new DateOnly(2020, 2, 29), new DateOnly(1, 1, 1), null];
    private static readonly string?[] Notes = ["first", "a\0b", "", "has, comma", "caf\u00e9 \U0001F600"];

    private string People(string extension)
    {
        var source = Path.Combine(DatasetLoadTests.Valid, "people.dictionary.json");
        File.Copy(source, Path.Combine(_dir, "people.dictionary.json"), overwrite: true);
        return Path.Combine(_dir, "people" + extension);
    }

    private static void WriteParquet(string path)
    {
        Task.Run(async () =>
        {
            var fields = new DataField[]
            {
                new DataField<string>("id"), new DataField<string>("sex"), new DataField<long?>("age"), new DataField<double?>("weight"),
                new DataField<double?>("score"), new DataField<bool?>("told"), new DataField<DateOnly?>("visit"), new DataField<string>("note"),
            };
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], Ids);
            await group.WriteAsync(fields[1], Sexes);
            await group.WriteAsync<long>(fields[2], Ages.AsMemory());
            await group.WriteAsync<double>(fields[3], Weights.AsMemory());
            await group.WriteAsync<double>(fields[4], Scores.AsMemory());
            await group.WriteAsync<bool>(fields[5], Told.AsMemory());
            await group.WriteAsync<DateOnly>(fields[6], Visits.AsMemory());
            await group.WriteAsync(fields[7], Notes);
        }).GetAwaiter().GetResult();
    }

    /// <summary>The same rows as CSV, each value as its invariant text (what the text path gave the validator).</summary>
    private static void WriteCsv(string path)
    {
        static string Quote(string? s) => s is null ? "" : s.Contains(',') ? $"\"{s}\"" : s;
        var text = new StringBuilder("id,sex,age,weight,score,told,visit,note\n");
        for (var i = 0; i < Ids.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Ids[i]},{Sexes[i]},{Ages[i]},{Weights[i]?.ToString("R", CultureInfo.InvariantCulture)},")
                .Append(CultureInfo.InvariantCulture, $"{Scores[i]?.ToString("R", CultureInfo.InvariantCulture)},{(Told[i] is { } t ? (t ? "1" : "0") : "")},")
                .Append(CultureInfo.InvariantCulture, $"{Visits[i]?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)},{Quote(Notes[i])}\n");
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    [Fact]
    public void Validate_BadValuesInTypedParquetColumns_SameProblemsAsTheCsvAtRowAndColumn()
    {
        var parquet = People(".parquet");
        WriteParquet(parquet);
        var csv = Path.Combine(_dir, "people.csv");
        WriteCsv(csv);

        var fromParquet = Dataset.Validate(parquet, Quiet);
        var fromCsv = Dataset.Validate(csv, Quiet);

        // A CSV row's line is its Parquet row + 1 (the header line); the messages are the same, the duplicate key's
        // "first on line" counting rows the same way.
        static string Rows(string message) => Regex.Replace(message, @"first on line (\d+)",
            m => $"first on line {int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1}");
        Assert.NotEmpty(fromCsv.Errors);
        Assert.Equal(fromCsv.Errors.Select(e => (e.Line - 1, e.Column, Rows(e.Message))), fromParquet.Errors.Select(e => (e.Line, e.Column, e.Message)));
        Assert.Equal(fromCsv.RowCount, fromParquet.RowCount);
        var shown = fromParquet.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(shown, e => e.Contains("people.parquet:2:2: column 'sex' has unknown code 'X'", StringComparison.Ordinal));
        Assert.Contains(shown, e => e.Contains("people.parquet:2:3: column 'age' has 121; expected a value between 0 and 120 years.", StringComparison.Ordinal));
        Assert.Contains(shown, e => e.Contains("people.parquet:2:4: column 'weight' has 0; a design weight must be greater than 0.", StringComparison.Ordinal));
        Assert.Contains(shown, e => e.Contains("people.parquet:2:5: column 'score' has 'NaN'; NaN and Infinity are not allowed.", StringComparison.Ordinal));
        Assert.Contains(shown, e => e.Contains("people.parquet:2:8: column 'note' has a NUL character", StringComparison.Ordinal));
        Assert.Contains(shown, e => e.Contains("people.parquet:3:1: duplicate primary key id=1 (first on line 1)", StringComparison.Ordinal));
        Assert.Contains(shown, e => e.Contains("people.parquet:3:2: column 'sex' is empty; a value is required", StringComparison.Ordinal));
        Assert.Contains(shown, e => e.Contains("people.parquet:3:4: column 'weight' has '-Infinity'; NaN and Infinity are not allowed.", StringComparison.Ordinal));
        Assert.Contains(shown, e => e.Contains("people.parquet:4:3: column 'age' is empty; a value is required", StringComparison.Ordinal));
        Assert.Contains(shown, e => e.Contains("people.parquet:5:3: column 'age' has 9007199254740993; expected a value between 0 and 120 years.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_ValidTypedParquet_EqualsTheCsvValuesIncludingMissingNegativeZeroAndText()
    {
        var parquet = People(".parquet");
        var rows = new[] { 0, 3, 4 };
        await Task.Run(async () =>
        {
            var fields = new DataField[]
            {
                new DataField<string>("id"), new DataField<string>("sex"), new DataField<int>("age"), new DataField<double>("weight"),
                new DataField<double?>("score"), new DataField<bool?>("told"), new DataField<DateOnly?>("visit"), new DataField<string>("note"),
            };
            await using var stream = File.Create(parquet);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], new string?[] { "1", "4", "5" });
            await group.WriteAsync(fields[1], rows.Select(i => Sexes[i] ?? "F").ToArray());
            await group.WriteAsync<int>(fields[2], new[] { 34, 0, 120 }.AsMemory());
            await group.WriteAsync<double>(fields[3], new[] { 1.25, 2.5, 1e-300 }.AsMemory());
            await group.WriteAsync<double>(fields[4], rows.Select(i => Scores[i]).ToArray().AsMemory());
            await group.WriteAsync<bool>(fields[5], rows.Select(i => Told[i]).ToArray().AsMemory());
            await group.WriteAsync<DateOnly>(fields[6], rows.Select(i => Visits[i]).ToArray().AsMemory());
            await group.WriteAsync(fields[7], rows.Select(i => Notes[i]).ToArray());
        });

        var ds = Dataset.Load(parquet, Quiet);

        Assert.Equal(new long?[] { 34, 0, 120 }, ds.Integers("age"));
        Assert.Equal(new double?[] { 1.25, 2.5, 1e-300 }, ds.Decimals("weight"));
        Assert.True(double.IsNegative(ds.Decimals("score")[1]!.Value));
        Assert.Null(ds.Decimals("score")[2]);
        Assert.Equal(new bool?[] { true, true, false }, ds.Booleans("told"));
        Assert.Equal(new DateOnly?[] { new(2019, 5, 1), new(1, 1, 1), null }, ds.Dates("visit"));
        Assert.Equal(new[] { "first", "has, comma", "caf\u00e9 \U0001F600" }, ds.Strings("note"));
        Assert.Equal(new[] { "F", "M", "M" }, ds.Strings("sex"));
    }

    [Fact]
    public async Task Validate_ParquetTypeOtherThanTheDictionarys_ChecksItsTextAsTheCsvLoaderDoes()
    {
        var parquet = People(".parquet");
        await Task.Run(async () =>
        {
            var fields = new DataField[]
            {
                new DataField<string>("id"), new DataField<string>("sex"), new DataField<double>("age"), new DataField<float>("weight"),
                new DataField<long>("score"), new DataField<long>("told"), new DataField<string>("visit"), new DataField<long>("note"),
            };
            await using var stream = File.Create(parquet);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], new string?[] { "1" });
            await group.WriteAsync(fields[1], new string?[] { "F" });
            await group.WriteAsync<double>(fields[2], new[] { 34.5 }.AsMemory());
            await group.WriteAsync<float>(fields[3], new[] { 0.1f }.AsMemory());
            await group.WriteAsync<long>(fields[4], new[] { 7L }.AsMemory());
            await group.WriteAsync<long>(fields[5], new[] { 2L }.AsMemory());
            await group.WriteAsync(fields[6], new string?[] { "31-12-2019" });
            await group.WriteAsync<long>(fields[7], new[] { 42L }.AsMemory());
        });

        var result = Dataset.Validate(parquet, Quiet);

        var shown = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(3, shown.Count);
        Assert.Contains("people.parquet:1:3: column 'age' has '34.5'; expected a whole number (integer), not a fraction.", shown[0], StringComparison.Ordinal);
        Assert.Contains("people.parquet:1:6: column 'told' has '2'; expected 0 or 1", shown[1], StringComparison.Ordinal);
        Assert.Contains("people.parquet:1:7: column 'visit' has '31-12-2019'; expected a date as yyyy-MM-dd", shown[2], StringComparison.Ordinal);
        Assert.Equal(1, result.RowCount);
    }
}
