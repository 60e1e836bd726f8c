using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.Data.Analysis;

namespace Workbench.Notebooks.Polyglot;

/// <summary>The column types a DataFrame may cross kernels with, and their names in the types sidecar, DuckDB, R and pandas.</summary>
internal enum FrameType
{
    /// <summary>32-bit integers (R integer, pandas Int32).</summary>
    Int32,
    /// <summary>64-bit integers (R double when beyond 32 bits, pandas Int64).</summary>
    Int64,
    /// <summary>Doubles (R numeric, pandas float64).</summary>
    Double,
    /// <summary>Booleans (R logical, pandas boolean).</summary>
    Boolean,
    /// <summary>Strings (R character, pandas object).</summary>
    String,
    /// <summary>Dates and times (R POSIXct UTC or Date, pandas datetime64).</summary>
    DateTime,
}

/// <summary>Moves DataFrames into DuckDB tables and to and from CSV files with a types sidecar.</summary>
internal static class FrameTables
{
    /// <summary>The sidecar type of a column; columns of other types (Single, Decimal, ...) are widened to Double.</summary>
    public static FrameType TypeOf(DataFrameColumn column) => column.DataType switch
    {
        var t when t == typeof(int) || t == typeof(short) || t == typeof(byte) || t == typeof(sbyte) || t == typeof(ushort) => FrameType.Int32,
        var t when t == typeof(long) || t == typeof(uint) => FrameType.Int64,
        var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(ulong) => FrameType.Double,
        var t when t == typeof(bool) => FrameType.Boolean,
        var t when t == typeof(string) => FrameType.String,
        var t when t == typeof(DateTime) => FrameType.DateTime,
        var t => throw new NotSupportedException($"column '{column.Name}' holds {t.Name}, which no other kernel has a type for."),
    };

    /// <summary>The DuckDB SQL type of a sidecar type.</summary>
    public static string SqlType(FrameType type) => type switch
    {
        FrameType.Int32 => "INTEGER",
        FrameType.Int64 => "BIGINT",
        FrameType.Double => "DOUBLE",
        FrameType.Boolean => "BOOLEAN",
        FrameType.String => "VARCHAR",
        _ => "TIMESTAMP",
    };

    /// <summary>Creates (or replaces) table <paramref name="name"/> in <paramref name="connection"/> holding <paramref name="frame"/>.</summary>
    public static void Replace(DuckDBConnection connection, string name, DataFrame frame)
    {
        var columns = frame.Columns.ToList();
        var types = columns.Select(TypeOf).ToList();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE OR REPLACE TABLE {Quote(name)} ({string.Join(", ", columns.Select((c, i) => $"{Quote(c.Name)} {SqlType(types[i])}"))})";
            create.ExecuteNonQuery();
        }
        using var appender = connection.CreateAppender(name);
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            var row = appender.CreateRow();
            for (var c = 0; c < columns.Count; c++)
            {
                var v = columns[c][r];
                if (v is null) { row.AppendNullValue(); continue; }
                switch (types[c])
                {
                    case FrameType.Int32: row.AppendValue(Convert.ToInt32(v, CultureInfo.InvariantCulture)); break;
                    case FrameType.Int64: row.AppendValue(Convert.ToInt64(v, CultureInfo.InvariantCulture)); break;
                    case FrameType.Double: row.AppendValue(Convert.ToDouble(v, CultureInfo.InvariantCulture)); break;
                    case FrameType.Boolean: row.AppendValue((bool)v); break;
                    case FrameType.String: row.AppendValue((string)v); break;
                    default: row.AppendValue((DateTime)v); break;
                }
            }
            row.EndRow();
        }
    }

    /// <summary>A double-quoted SQL identifier.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Writes <paramref name="frame"/> as CSV (RFC 4180, invariant culture, empty field for a missing value, ISO 8601 times)
    /// to <paramref name="csvPath"/>, and its column types to <paramref name="csvPath"/><c>.types.json</c>. Double and
    /// Int64 columns go instead, exact and fast, to <c>CSV.N.bin</c> as little-endian doubles (a missing value as R's NA),
    /// which R reads with <c>readBin</c> and Python with <c>numpy.fromfile</c>.
    /// </summary>
    public static void WriteCsv(DataFrame frame, string csvPath)
    {
        var columns = frame.Columns.ToList();
        var types = columns.Select(TypeOf).ToList();
        var binary = types.Select(t => t is FrameType.Double or FrameType.Int64).ToList();
        var text = Enumerable.Range(0, columns.Count).Where(i => !binary[i]).ToList();
        using (var writer = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            if (text.Count > 0)
            {
                writer.WriteLine(string.Join(",", text.Select(i => CsvField(columns[i].Name))));
                var fields = new string[text.Count];
                for (long r = 0; r < frame.Rows.Count; r++)
                {
                    for (var k = 0; k < text.Count; k++) fields[k] = Field(columns[text[k]][r], types[text[k]]);
                    writer.WriteLine(string.Join(",", fields));
                }
            }
        }
        for (var i = 0; i < columns.Count; i++)
            if (binary[i]) WriteBinary(columns[i], $"{csvPath}.{i}.bin");
        File.WriteAllText(csvPath + ".types.json", JsonSerializer.Serialize(columns.Select((c, i) => new Dictionary<string, object>
            { ["name"] = c.Name, ["type"] = types[i].ToString().ToLowerInvariant(), ["binary"] = binary[i], ["rows"] = frame.Rows.Count })));
    }

    private static readonly double RNa = BitConverter.Int64BitsToDouble(0x7FF00000000007A2);

    private static void WriteBinary(DataFrameColumn column, string path)
    {
        var values = new double[column.Length];
        for (long r = 0; r < column.Length; r++)
            values[r] = column[r] is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : RNa;
        File.WriteAllBytes(path, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    /// <summary>One column of a types sidecar: its name and type, and whether its values are in a binary file beside the CSV.</summary>
    public sealed record SidecarColumn(string Name, FrameType Type, bool Binary, long Rows);

    /// <summary>Reads a types sidecar written by <see cref="WriteCsv"/> or by the R and Python helpers.</summary>
    public static List<SidecarColumn> ReadTypes(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray()
            .Select(e => new SidecarColumn(e.GetProperty("name").GetString() ?? "",
                Enum.Parse<FrameType>(e.GetProperty("type").GetString() ?? "string", ignoreCase: true),
                e.TryGetProperty("binary", out var b) && b.ValueKind == JsonValueKind.True,
                e.TryGetProperty("rows", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt64() : -1))
            .ToList();
    }

    /// <summary>
    /// Reads a CSV with its types sidecar through DuckDB (typed columns, no guessing) into an owned DataFrame. Columns the
    /// sidecar marks binary are read from <c>CSV.N.bin</c> (N the zero-based column index): little-endian doubles, R's
    /// NA (NaN with payload 1954) as a missing value. R writes its numeric columns so, exactly and 20 times faster than
    /// formatting 17 digits.
    /// </summary>
    public static async Task<DataFrame> ReadCsvAsync(DuckSqlKernel sql, string csvPath, CancellationToken cancellationToken = default)
    {
        var types = ReadTypes(csvPath + ".types.json");
        var text = types.Where(t => !t.Binary).ToList();
        DataFrame? frame = null;
        if (text.Count > 0)
        {
            var columns = string.Join(", ", text.Select(t => $"{SqlString(t.Name)}: {SqlString(SqlType(t.Type))}"));
            frame = await sql.QueryAsync(
                $"SELECT * FROM read_csv({SqlString(csvPath)}, header = true, delim = ',', quote = '\"', escape = '\"', nullstr = '', allow_quoted_nulls = false, " +
                $"timestampformat = '%Y-%m-%dT%H:%M:%S.%fZ', columns = {{{columns}}})", cancellationToken)
                ?? throw new InvalidOperationException($"{csvPath} gave no rows.");
        }
        if (text.Count == types.Count) return frame!;
        var ordered = new List<DataFrameColumn>(types.Count);
        for (var i = 0; i < types.Count; i++)
        {
            var t = types[i];
            ordered.Add(t.Binary ? ReadBinary($"{csvPath}.{i}.bin", t) : frame!.Columns[t.Name]);
        }
        return new DataFrame(ordered);
    }

    private const long RNaPayload = 1954;

    private static DataFrameColumn ReadBinary(string path, SidecarColumn column)
    {
        var bytes = File.ReadAllBytes(path);
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes);
        if (column.Rows >= 0 && values.Length != column.Rows)
            throw new InvalidOperationException($"{path} holds {values.Length} values; the sidecar says {column.Rows} rows.");
        static bool IsNa(double v) => double.IsNaN(v) && (BitConverter.DoubleToInt64Bits(v) & 0xFFFFFFFF) == RNaPayload;
        if (column.Type == FrameType.Int64)
        {
            var target = new Int64DataFrameColumn(column.Name, values.Length);
            for (var i = 0; i < values.Length; i++) target[i] = IsNa(values[i]) || double.IsNaN(values[i]) ? null : checked((long)values[i]);
            return target;
        }
        var doubles = new DoubleDataFrameColumn(column.Name, values.Length);
        for (var i = 0; i < values.Length; i++) doubles[i] = IsNa(values[i]) ? null : values[i];
        return doubles;
    }

    private static string SqlString(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Field(object? value, FrameType type) => value switch
    {
        null => "",
        string s => s.Length == 0 ? "\"\"" : CsvField(s),
        bool b => b ? "true" : "false",
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        float x => ((double)x).ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => type == FrameType.Double ? Convert.ToDouble(f, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture) : f.ToString(null, CultureInfo.InvariantCulture),
        var v => CsvField(v.ToString() ?? ""),
    };

    private static string CsvField(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 || s.Length == 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}

/// <summary>A DataFrame as JSON: an object of column arrays ({"a":[1,2],"b":["x","y"]}).</summary>
internal static class FrameJson
{
    /// <summary>The column-oriented JSON of <paramref name="frame"/>.</summary>
    public static string Serialize(DataFrame frame)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var column in frame.Columns)
            {
                json.WriteStartArray(column.Name);
                for (long r = 0; r < column.Length; r++) JsonSerializer.Serialize(json, column[r]);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
