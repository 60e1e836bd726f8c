using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Deedle;
using Microsoft.Data.Analysis;
using Workbench.Data;
using Workbench.IO;
using static Workbench.Bench.BenchHost;

namespace Workbench.Bench;

/// <summary>
/// Loads a generated 1,000,000-row x 8-column CSV with our validated loader (then to a DataFrame), with
/// DataFrame.LoadCsv, with Deedle Frame.ReadCsv and with pandas read_csv, each in its own process so that peak memory
/// (VmHWM / ru_maxrss) is honest. Usage: <c>csv [--rows N] [--runs N]</c>;
/// <c>csv --profile</c> times the load's phases in one process (<see cref="CsvProfile"/>).
/// </summary>
public sealed class CsvBench : IBenchmarkSuite
{
    private const string PythonPath = "/usr/bin/python3";

    /// <inheritdoc />
    public string Name => "csv";

    private sealed record Measurement(string Loader, long Rows, double Seconds, double CpuSeconds, long PeakKb);

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 3 && args[0] == "--worker") return Worker(args[1], args[2]);
        var rows = IntArg(args, "--rows", 1_000_000);
        var runs = IntArg(args, "--runs", 3);
        var root = RepositoryRoot();
        var dataDir = Path.Combine(root, "bench", "data");
        var csv = Path.Combine(dataDir, $"bench-{rows}.csv");
        if (!File.Exists(csv)) Generate(csv, rows, seed: 2020);
        if (args.Contains("--profile")) return CsvProfile.Run(csv);
        var sizeMb = new FileInfo(csv).Length / 1e6;
        Console.WriteLine($"file: {csv} ({sizeMb:F1} MB, {rows:N0} rows x 8 columns)");

        var loadAtStart = LoadAverage();
        var loaders = new[] { "workbench", "workbench-1thread", "loadcsv", "deedle", "pandas" };
        // Rounds interleave the loaders, so each sees the same machine load (other processes share the cores).
        var all = loaders.ToDictionary(l => l, _ => new List<Measurement>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var loader in loaders)
            {
                var m = await Measure(loader, csv);
                Console.WriteLine($"  round {run + 1} {loader}: {m.Seconds:F3} s (CPU {m.CpuSeconds:F3} s), {m.PeakKb / 1024.0:F0} MB");
                all[loader].Add(m);
            }
        }
        var results = loaders.Select(loader =>
        {
            var ms = all[loader];
            return ms.OrderBy(m => m.Seconds).ElementAt(ms.Count / 2) with
            {
                CpuSeconds = ms.Select(m => m.CpuSeconds).Order().ElementAt(ms.Count / 2),
                PeakKb = (long)ms.Average(m => m.PeakKb),
            };
        }).ToList();
        var markdown = Report(results, csv, sizeMb, rows, runs, loadAtStart);
        Console.WriteLine(markdown);
        var resultsDir = Path.Combine(root, "bench", "results");
        AtomicFile.WriteAllText(Path.Combine(resultsDir, "csv.md"), markdown);
        return 0;
    }

    private static async Task<Measurement> Measure(string loader, string csv)
    {
        ProcessStartInfo start;
        if (loader == "pandas")
        {
            start = new ProcessStartInfo(PythonPath);
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(PandasScript);
            start.ArgumentList.Add(csv);
        }
        else
        {
            start = new ProcessStartInfo(Environment.ProcessPath!);
            var entry = typeof(CsvBench).Assembly.Location;
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(entry);
            foreach (var a in new[] { "csv", "--worker", loader, csv }) start.ArgumentList.Add(a);
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

    // Times read_csv only (import excluded); ru_maxrss is the process peak in KB on Linux.
    private const string PandasScript = """
        import json, resource, sys, time
        import pandas as pd
        t = time.perf_counter()
        c = time.process_time()
        df = pd.read_csv(sys.argv[1])
        s = time.perf_counter() - t
        c = time.process_time() - c
        print(json.dumps({"rows": len(df), "seconds": s, "cpuSeconds": c, "peakKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
        """;

    private static int Worker(string loader, string csv)
    {
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long rows;
        switch (loader)
        {
            case "workbench":
                rows = Dataset.Load(csv, new LoadOptions { RecordProvenance = false }).ToDataFrame().Rows.Count;
                break;
            case "workbench-1thread":
                rows = Dataset.Load(csv, new LoadOptions { RecordProvenance = false, MaxDegreeOfParallelism = 1 }).ToDataFrame().Rows.Count;
                break;
            case "loadcsv":
                rows = DataFrame.LoadCsv(csv, dataTypes:
                    [typeof(long), typeof(long), typeof(long), typeof(double), typeof(double), typeof(double), typeof(string), typeof(string)]).Rows.Count;
                break;
            case "deedle":
                rows = Frame.ReadCsv(csv, hasHeaders: true, inferTypes: true, culture: "").RowCount;
                break;
            default:
                Console.Error.WriteLine($"unknown loader '{loader}'");
                return 2;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new { rows, seconds, cpuSeconds, peakKb = PeakKb() }));
        return 0;
    }

    private static long PeakKb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return 0;
    }

    /// <summary>Writes the benchmark CSV (seeded) and its dictionary.</summary>
    internal static void Generate(string csv, int rows, int seed)
    {
        var random = new Random(seed);
        var regions = Enumerable.Range(1, 12).Select(i => $"R{i:00}").ToArray();
        AtomicFile.Write(csv, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.NewLine = "\n";
            writer.WriteLine("id,age,visits,income,score,ratio,region,sex");
            var line = new StringBuilder();
            for (var i = 1; i <= rows; i++)
            {
                line.Clear();
                line.Append(i).Append(',')
                    .Append(random.Next(0, 100)).Append(',')
                    .Append(random.Next(0, 50)).Append(',')
                    .Append((random.NextDouble() * 90000 + 1000).ToString("F2", CultureInfo.InvariantCulture)).Append(',')
                    .Append((random.NextDouble() * 10 - 5).ToString("F5", CultureInfo.InvariantCulture)).Append(',')
                    .Append(random.NextDouble().ToString("F6", CultureInfo.InvariantCulture)).Append(',')
                    .Append(regions[random.Next(regions.Length)]).Append(',')
                    .Append(random.Next(2) == 0 ? 'F' : 'M');
                writer.WriteLine(line);
            }
        });
        var dictionary = new DataDictionary
        {
            Name = Path.GetFileNameWithoutExtension(csv),
            Title = new Bilingual("Synthetic benchmark table", "Synthetische benchmarktabel"),
            Source = $"Synthetic, generated by bench/Workbench.Bench/CsvBench.cs (seed {seed})",
            Synthetic = true,
            Licence = "CC0-1.0",
            UnitOfObservation = "synthetic row",
            PrimaryKey = ["id"],
            Columns =
            [
                new ColumnDefinition { Name = "id", Type = ColumnType.Integer, Label = new("Row", "Rij") },
                new ColumnDefinition { Name = "age", Type = ColumnType.Integer, Min = 0, Max = 120, Unit = "years", Label = new("Age", "Leeftijd") },
                new ColumnDefinition { Name = "visits", Type = ColumnType.Integer, Min = 0, Label = new("Visits", "Bezoeken") },
                new ColumnDefinition { Name = "income", Type = ColumnType.Decimal, Min = 0, Unit = "euro", Label = new("Income", "Inkomen") },
                new ColumnDefinition { Name = "score", Type = ColumnType.Decimal, Label = new("Score", "Score") },
                new ColumnDefinition { Name = "ratio", Type = ColumnType.Decimal, Min = 0, Max = 1, Label = new("Ratio", "Verhouding") },
                new ColumnDefinition
                {
                    Name = "region", Type = ColumnType.Category, Label = new("Region", "Regio"),
                    Codes = regions.Select(r => new CategoryCode(r, new Bilingual($"Region {r}", $"Regio {r}"))).ToList(),
                },
                new ColumnDefinition
                {
                    Name = "sex", Type = ColumnType.Category, Label = new("Sex", "Geslacht"),
                    Codes = [new CategoryCode("F", new("female", "vrouw")), new CategoryCode("M", new("male", "man"))],
                },
            ],
        };
        AtomicFile.WriteAllText(DataDictionary.PathFor(csv), dictionary.ToJson());
    }

    private static string Report(List<Measurement> results, string csv, double sizeMb, int rows, int runs, string loadAtStart)
    {
        var pandas = results.Single(r => r.Loader == "pandas");
        var loadCsv = results.Single(r => r.Loader == "loadcsv");
        string Rate(Measurement m) => (m.Rows / m.Seconds / 1e6).ToString("F2", CultureInfo.InvariantCulture);
        string Ratio(double x) => x.ToString("F2", CultureInfo.InvariantCulture) + "x";
        var names = new Dictionary<string, string>
        {
            ["workbench"] = "Workbench `Dataset.Load(...).ToDataFrame()` (validated, parallel)",
            ["workbench-1thread"] = "Workbench, one thread (`MaxDegreeOfParallelism = 1`)",
            ["loadcsv"] = "Microsoft.Data.Analysis 0.23.1 `DataFrame.LoadCsv` (dataTypes given)",
            ["deedle"] = "Deedle 8.1.0 `Frame.ReadCsv` (type inference)",
            ["pandas"] = $"pandas {PandasVersion()} `read_csv` (/usr/bin/python3)",
        };
        var sb = new StringBuilder();
        sb.Append("# CSV loading benchmark\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- File: {Path.GetFileName(csv)}, {rows:N0} rows x 8 columns (3 integers, 3 decimals, 2 short categories), {sizeMb:F1} MB, generated with seed 2020\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Each loader runs in its own process, in {runs} rounds that interleave the loaders; the table shows the median time, the median CPU time (user + system of the process during the load) and the mean peak resident memory (VmHWM, or ru_maxrss for pandas), whole process. Time covers the load call only (process start-up and `import pandas` excluded; .NET JIT included).\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Load average at the start of the run: {loadAtStart} (other processes share the {Environment.ProcessorCount} cores; wall times depend on them, CPU time much less)\n");
        sb.Append("- Command: `dotnet run -c Release --project bench/Workbench.Bench -- csv`\n\n");
        sb.Append("| Loader | Time (s) | Rows/s (M) | CPU time (s) | Peak memory (MB) | Speed vs pandas | Speed vs LoadCsv | Memory vs pandas |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var m in results)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| {names[m.Loader]} | {m.Seconds:F3} | {Rate(m)} | {m.CpuSeconds:F3} | {m.PeakKb / 1024.0:F0} | {Ratio(pandas.Seconds / m.Seconds)} | {Ratio(loadCsv.Seconds / m.Seconds)} | {Ratio((double)m.PeakKb / pandas.PeakKb)} |\n");
        }
        var ours = results.Single(r => r.Loader == "workbench");
        sb.Append("\nGoals (issue 2): rows/s >= 1.0x pandas, >= 8x DataFrame.LoadCsv; peak memory <= 1.5x pandas.\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Speed vs pandas: {Ratio(pandas.Seconds / ours.Seconds)} ({(ours.Seconds <= pandas.Seconds ? "met" : "missed")})\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Speed vs LoadCsv: {Ratio(loadCsv.Seconds / ours.Seconds)} ({(loadCsv.Seconds / ours.Seconds >= 8 ? "met" : "missed")})\n");
        sb.Append(CultureInfo.InvariantCulture, $"- Memory vs pandas: {Ratio((double)ours.PeakKb / pandas.PeakKb)} ({(ours.PeakKb <= 1.5 * pandas.PeakKb ? "met" : "missed")})\n");
        return sb.ToString();
    }

    private static string PandasVersion()
    {
        try
        {
            var start = new ProcessStartInfo(PythonPath, ["-c", "import pandas; print(pandas.__version__)"]) { RedirectStandardOutput = true };
            using var p = Process.Start(start)!;
            var v = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return v;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "(not installed)";
        }
    }
}
