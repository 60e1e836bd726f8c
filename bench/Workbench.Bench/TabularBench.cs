using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using Workbench.Data;
using Workbench.IO;
using static Workbench.Bench.BenchHost;

namespace Workbench.Bench;

/// <summary>
/// Loads the CSV benchmark's 1,000,000 x 8 table (<see cref="CsvBench"/>) from .xlsx and from .parquet with
/// <see cref="Dataset.Load"/> (validated against the same dictionary) and with peers in the same run: pandas
/// <c>read_excel</c> (openpyxl) for the workbook, DuckDB <c>read_parquet</c> for Parquet (Debian's python3 has no
/// pyarrow, so pandas cannot read Parquet here), and the CSV itself with both. Each load runs in its own process so
/// peak memory is honest. Usage: <c>tabular [--rows N] [--runs N]</c>; <c>tabular --profile</c> loads the Parquet file three times in one process.
/// </summary>
public sealed class TabularBench : IBenchmarkSuite
{
    private const string PythonPath = "/usr/bin/python3";

    /// <inheritdoc />
    public string Name => "tabular";

    private sealed record Measurement(string Loader, long Rows, double Seconds, double CpuSeconds, long PeakKb);

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 3 && args[0] == "--worker") return Worker(args[1], args[2]);
        var rows = IntArg(args, "--rows", 1_000_000);
        var runs = IntArg(args, "--runs", 3);
        var root = RepositoryRoot();
        var csv = Path.Combine(root, "bench", "data", $"bench-{rows}.csv");
        if (!File.Exists(csv)) CsvBench.Generate(csv, rows, seed: 2020);
        var xlsx = Path.ChangeExtension(csv, ".xlsx");
        var parquet = Path.ChangeExtension(csv, ".parquet");
        var ds = Dataset.Load(csv, new LoadOptions { RecordProvenance = false });
        if (!File.Exists(xlsx)) WriteXlsx(xlsx, ds);
        if (!File.Exists(parquet)) WriteParquet(parquet, ds);
        Console.WriteLine($"files: {new FileInfo(csv).Length / 1e6:F1} MB csv, {new FileInfo(xlsx).Length / 1e6:F1} MB xlsx, {new FileInfo(parquet).Length / 1e6:F1} MB parquet");
        if (args.Contains("--profile"))
        {
            // The same Parquet load three times in one process: the first includes the JIT.
            for (var i = 0; i < 3; i++)
            {
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes();
                var pause = GC.GetTotalPauseDuration();
                var watch = Stopwatch.StartNew();
                Dataset.Load(parquet, new LoadOptions { RecordProvenance = false });
                process.Refresh();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"parquet load {i + 1}: {watch.Elapsed.TotalSeconds:F3} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F3} s CPU, {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F0} MB allocated, GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms"));
            }
            // Parquet.Net's decoding alone (every column of every row group read typed, nothing validated).
            for (var i = 0; i < 2; i++)
            {
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes();
                var watch = Stopwatch.StartNew();
                await using (var reader = await Parquet.ParquetReader.CreateAsync(parquet))
                {
                    var fields = reader.Schema.GetDataFields();
                    for (var g = 0; g < reader.RowGroupCount; g++)
                    {
                        using var group = reader.OpenRowGroupReader(g);
                        var n = (int)group.RowCount;
                        foreach (var field in fields)
                        {
                            var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
                            if (type == typeof(string)) await group.ReadAsync(field, new string?[n].AsMemory());
                            else if (type == typeof(long) && field.IsNullable) await group.ReadAsync<long>(field, new long?[n].AsMemory());
                            else if (type == typeof(long)) await group.ReadAsync<long>(field, new long[n].AsMemory());
                            else if (type == typeof(double) && field.IsNullable) await group.ReadAsync<double>(field, new double?[n].AsMemory());
                            else if (type == typeof(double)) await group.ReadAsync<double>(field, new double[n].AsMemory());
                        }
                    }
                }
                process.Refresh();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Parquet.Net decoding only {i + 1}: {watch.Elapsed.TotalSeconds:F3} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F3} s CPU, {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:F0} MB allocated"));
            }
            return 0;
        }

        var load = string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        (string Loader, string File)[] loaders =
        [
            ("workbench", csv), ("pandas-csv", csv),
            ("workbench", parquet), ("workbench-2cols", parquet), ("duckdb-parquet", parquet),
            ("workbench", xlsx), ("workbench-2cols", xlsx), ("pandas-xlsx", xlsx),
        ];
        var all = loaders.ToDictionary(l => l, _ => new List<Measurement>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var l in loaders)
            {
                // pandas read_excel takes minutes for a million rows: once is enough for its ratio.
                if (l.Loader == "pandas-xlsx" && run > 0) continue;
                var m = await Measure(l.Loader, l.File);
                Console.WriteLine($"  round {run + 1} {l.Loader} {Path.GetExtension(l.File)}: {m.Seconds:F3} s (CPU {m.CpuSeconds:F3} s), {m.PeakKb / 1024.0:F0} MB, {m.Rows:N0} rows");
                all[l].Add(m);
            }
        }
        var median = all.ToDictionary(kv => kv.Key, kv =>
        {
            var ms = kv.Value.OrderBy(m => m.Seconds).ToList();
            return ms[ms.Count / 2] with { PeakKb = (long)ms.Average(m => m.PeakKb) };
        });
        var sb = new StringBuilder();
        sb.Append("# Workbook and Parquet loading benchmark\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; load average at start {load}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Data: the CSV benchmark's table, {rows:N0} rows x 8 columns (3 integers, 3 decimals, 2 categories), seed 2020: csv {new FileInfo(csv).Length / 1e6:F1} MB; " +
            $"xlsx {new FileInfo(xlsx).Length / 1e6:F1} MB (one sheet, numbers as numbers, categories as shared strings); parquet {new FileInfo(parquet).Length / 1e6:F1} MB (Parquet.Net defaults, typed columns)\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Each load in its own process; median of {runs} rounds (pandas read_excel: 1 round); peak memory is the process's VmHWM / ru_maxrss. Workbench loads validate every value against the dictionary; `2 columns` keeps only id and region (LoadOptions.Columns; all are still validated)\n");
        sb.Append("- Command: `dotnet run -c Release --project bench/Workbench.Bench -- tabular`\n\n");
        sb.Append("| Format | Loader | Time (s) | CPU (s) | Peak memory (MB) | Speed vs peer |\n|---|---|---:|---:|---:|---:|\n");
        void Row(string format, string label, (string, string) key, (string, string) peer)
        {
            var m = median[key];
            var p = median[peer];
            sb.Append(CultureInfo.InvariantCulture, $"| {format} | {label} | {m.Seconds:F3} | {m.CpuSeconds:F3} | {m.PeakKb / 1024.0:F0} | {p.Seconds / m.Seconds:F2}x |\n");
        }
        Row("csv", "Workbench `Dataset.Load`", ("workbench", csv), ("pandas-csv", csv));
        Row("csv", "pandas `read_csv`", ("pandas-csv", csv), ("pandas-csv", csv));
        Row("parquet", "Workbench `Dataset.Load`", ("workbench", parquet), ("duckdb-parquet", parquet));
        Row("parquet", "Workbench, 2 columns kept", ("workbench-2cols", parquet), ("duckdb-parquet", parquet));
        Row("parquet", "DuckDB 1.5 `read_parquet` (DuckDB.NET, all rows read)", ("duckdb-parquet", parquet), ("duckdb-parquet", parquet));
        Row("xlsx", "Workbench `Dataset.Load`", ("workbench", xlsx), ("pandas-xlsx", xlsx));
        Row("xlsx", "Workbench, 2 columns kept", ("workbench-2cols", xlsx), ("pandas-xlsx", xlsx));
        Row("xlsx", "pandas `read_excel` (openpyxl)", ("pandas-xlsx", xlsx), ("pandas-xlsx", xlsx));
        var markdown = sb.ToString();
        Console.WriteLine(markdown);
        AtomicFile.WriteAllText(Path.Combine(root, "bench", "results", "tabular.md"), markdown);
        return 0;
    }

    private static async Task<Measurement> Measure(string loader, string file)
    {
        ProcessStartInfo start;
        if (loader.StartsWith("pandas", StringComparison.Ordinal))
        {
            start = new ProcessStartInfo(PythonPath);
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(loader == "pandas-xlsx" ? PandasScript.Replace("READ", "pd.read_excel(sys.argv[1], engine='openpyxl')", StringComparison.Ordinal)
                : PandasScript.Replace("READ", "pd.read_csv(sys.argv[1])", StringComparison.Ordinal));
            start.ArgumentList.Add(file);
        }
        else
        {
            start = new ProcessStartInfo(Environment.ProcessPath!);
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(TabularBench).Assembly.Location);
            foreach (var a in new[] { "tabular", "--worker", loader, file }) start.ArgumentList.Add(a);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{loader} failed ({process.ExitCode}): {stderr}");
        var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        return new Measurement(loader, json.GetProperty("rows").GetInt64(), json.GetProperty("seconds").GetDouble(),
            json.GetProperty("cpuSeconds").GetDouble(), json.GetProperty("peakKb").GetInt64());
    }

    private const string PandasScript = """
        import json, resource, sys, time
        import pandas as pd
        t = time.perf_counter()
        c = time.process_time()
        df = READ
        s = time.perf_counter() - t
        c = time.process_time() - c
        print(json.dumps({"rows": len(df), "seconds": s, "cpuSeconds": c, "peakKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
        """;

    private static int Worker(string loader, string file)
    {
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long rows;
        switch (loader)
        {
            case "workbench":
                rows = Dataset.Load(file, new LoadOptions { RecordProvenance = false }).RowCount;
                break;
            case "workbench-2cols":
                rows = Dataset.Load(file, new LoadOptions { RecordProvenance = false, Columns = ["id", "region"] }).RowCount;
                break;
            case "duckdb-parquet":
                {
                    using var connection = new DuckDBConnection("DataSource=:memory:");
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT * FROM read_parquet('{file.Replace("'", "''", StringComparison.Ordinal)}')";
                    using var reader = command.ExecuteReader();
                    rows = 0;
                    var values = new object[reader.FieldCount];
                    while (reader.Read()) { reader.GetValues(values); rows++; }
                    break;
                }
            default:
                Console.Error.WriteLine($"unknown loader '{loader}'");
                return 2;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        long peak = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        Console.WriteLine(JsonSerializer.Serialize(new { rows, seconds, cpuSeconds, peakKb = peak }));
        return 0;
    }

    /// <summary>Writes the table as a one-sheet workbook, streaming the sheet XML (numbers as numbers, text as shared strings), as Excel does.</summary>
    private static void WriteXlsx(string path, Dataset ds)
    {
        var names = ds.ColumnNames;
        var shared = new List<string>(names);
        var index = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            void Entry(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                w.Write(text);
            }
            Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            using (var w = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open(), new UTF8Encoding(false), 1 << 16))
            {
                w.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
                string Col(int c) => ((char)('A' + c)).ToString();
                w.Write("<row r=\"1\">");
                for (var c = 0; c < names.Count; c++) w.Write($"<c r=\"{Col(c)}1\" t=\"s\"><v>{c}</v></c>");
                w.Write("</row>");
                var columns = names.Select(n => (n, ds.Column(n).Type)).ToArray();
                for (var r = 0; r < ds.RowCount; r++)
                {
                    var rowNumber = (r + 2).ToString(CultureInfo.InvariantCulture);
                    w.Write($"<row r=\"{rowNumber}\">");
                    for (var c = 0; c < columns.Length; c++)
                    {
                        var (n, type) = columns[c];
                        if (type == ColumnType.Integer) w.Write($"<c r=\"{Col(c)}{rowNumber}\"><v>{ds.Integers(n)[r]!.Value.ToString(CultureInfo.InvariantCulture)}</v></c>");
                        else if (type == ColumnType.Decimal) w.Write($"<c r=\"{Col(c)}{rowNumber}\"><v>{ds.Decimals(n)[r]!.Value.ToString("R", CultureInfo.InvariantCulture)}</v></c>");
                        else
                        {
                            var s = ds.Strings(n)[r]!;
                            if (!index.TryGetValue(s, out var i)) { i = shared.Count; shared.Add(s); index[s] = i; }
                            w.Write($"<c r=\"{Col(c)}{rowNumber}\" t=\"s\"><v>{i}</v></c>");
                        }
                    }
                    w.Write("</row>");
                }
                w.Write("</sheetData></worksheet>");
            }
            Entry("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                string.Concat(shared.Select(s => $"<si><t>{SecurityElement.Escape(s)}</t></si>")) + "</sst>");
        });
    }

    /// <summary>Writes the table as Parquet with typed columns in row groups of 250,000 rows.</summary>
    private static void WriteParquet(string path, Dataset ds)
    {
        var names = ds.ColumnNames;
        var fields = names.Select(n => ds.Column(n).Type switch
        {
            ColumnType.Integer => (DataField)new DataField<long>(n),
            ColumnType.Decimal => new DataField<double>(n),
            _ => new DataField<string>(n),
        }).ToArray();
        Task.Run(async () =>
        {
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            const int group = 250_000;
            for (var from = 0; from < ds.RowCount; from += group)
            {
                var count = Math.Min(group, ds.RowCount - from);
                using var rowGroup = writer.CreateRowGroup();
                for (var f = 0; f < fields.Length; f++)
                {
                    var n = names[f];
                    switch (ds.Column(n).Type)
                    {
                        case ColumnType.Integer: await rowGroup.WriteAsync<long>(fields[f], ds.Integers(n).Values.Slice(from, count).ToArray().AsMemory()); break;
                        case ColumnType.Decimal: await rowGroup.WriteAsync<double>(fields[f], ds.Decimals(n).Values.Slice(from, count).ToArray().AsMemory()); break;
                        default: await rowGroup.WriteAsync(fields[f], Enumerable.Range(from, count).Select(i => ds.Strings(n)[i]).ToArray()); break;
                    }
                }
            }
        }).GetAwaiter().GetResult();
    }
}
