using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Workbench.Data;

namespace Workbench.Bench;

/// <summary>
/// Where the validated CSV load spends its time, in one process: the whole load three times (the first includes the
/// JIT), then each phase alone over the whole file on one thread (least CPU time of 5 runs) (read, SHA-256, splitting, each column's parse and
/// validation, appending to the columns, ToDataFrame). Usage: <c>csv --profile [--rows N]</c>.
/// </summary>
internal static class CsvProfile
{
    public static int Run(string csv)
    {
        var options = new LoadOptions { RecordProvenance = false };
        // The fixed cost of a first load (JIT, type loading), apart from the rows: a cold dictionary load, then a cold
        // load of a 100-row file, then the big file.
        var small = Path.Combine(Path.GetDirectoryName(csv)!, "bench-100.csv");
        if (!File.Exists(small)) CsvBench.Generate(small, 100, seed: 2020);
        var (dictWall, dictCpu) = Time(() => DataDictionary.Load(DataDictionary.PathFor(csv)));
        var (smallWall, smallCpu) = Time(() => Dataset.Load(small, options with { MaxDegreeOfParallelism = 1 }).ToDataFrame());
        var (small2Wall, _) = Time(() => Dataset.Load(small, options with { MaxDegreeOfParallelism = 1 }).ToDataFrame());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold: dictionary {dictWall * 1000:F1} ms ({dictCpu * 1000:F0} ms CPU); 100-row load + ToDataFrame {smallWall * 1000:F1} ms ({smallCpu * 1000:F0} ms CPU), again {small2Wall * 1000:F2} ms"));
        for (var i = 0; i < 3; i++)
        {
            foreach (var (name, o) in new[] { ("parallel", options), ("one thread", options with { MaxDegreeOfParallelism = 1 }) })
            {
                var (wall, cpu) = Time(() => Dataset.Load(csv, o));
                var dataset = Dataset.Load(csv, o);
                var (frameWall, _) = Time(() => dataset.ToDataFrame());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"load {i + 1} {name}: {wall:F3} s wall, {cpu:F3} s CPU; ToDataFrame {frameWall * 1000:F1} ms"));
            }
        }

        byte[] bytes = [];
        Phase("read the file (File.ReadAllBytes)", () => bytes = File.ReadAllBytes(csv));
        Phase("SHA-256", () => SHA256.HashData(bytes));
        var dictionary = DataDictionary.Load(DataDictionary.PathFor(csv));
        var headerEnd = bytes.AsSpan().IndexOf((byte)'\n');
        var header = HeaderReader.Split(bytes.AsSpan(0, headerEnd), (byte)',');
        var layout = new CsvLayout(csv, dictionary, header, 1);
        var body = bytes.AsMemory(headerEnd + 1);
        var lines = 0;
        Phase("count lines (CountLines)", () => lines = layout.Splitter.CountLines(body.Span));
        var fieldCount = layout.FieldCount;
        var fields = new CsvField[fieldCount];
        var starts = new int[fieldCount][];
        var ends = new int[fieldCount][];
        for (var f = 0; f < fieldCount; f++) { starts[f] = new int[lines + 1]; ends[f] = new int[lines + 1]; }
        var rows = 0;
        Phase("split records (TrySplit)", () =>
        {
            var data = body.Span;
            var pos = 0;
            rows = 0;
            while (pos < data.Length)
            {
                layout.Splitter.TrySplit(data, pos, true, fields, out _, out var next, out _);
                pos = next;
                rows++;
            }
        });
        {
            var data = body.Span;
            var pos = 0;
            var r = 0;
            while (pos < data.Length)
            {
                layout.Splitter.TrySplit(data, pos, true, fields, out _, out var next, out _);
                for (var f = 0; f < fieldCount; f++) { starts[f][r] = fields[f].Start; ends[f][r] = fields[f].End; }
                pos = next;
                r++;
            }
        }
        var chunk = new ChunkData(layout, rows);
        var validator = new FieldValidator(layout);
        for (var f = 0; f < fieldCount; f++)
        {
            var field = f;
            Phase($"parse + validate '{layout.Fields[f].Definition.Name}' ({layout.Fields[f].Kind})", () =>
            {
                var data = body.Span;
                var s = starts[field];
                var e = ends[field];
                for (var r = 0; r < rows; r++) validator.Parse(data[s[r]..e[r]], field, chunk, r);
            });
        }
        chunk.Rows = rows;
        Phase("append the chunk to the columns", () =>
        {
            for (var f = 0; f < fieldCount; f++) ColumnData.Create(layout.Fields[f].Definition, rows).Append(chunk, f, layout.Fields[f].Slot);
        });
        Phase("ChunkParser.Parse, whole file, one thread", () => new ChunkParser(layout, 101).Parse(body.Span, 2, lines));
        return 0;
    }

    private static void Phase(string name, Action action)
    {
        // The least CPU time of 5 runs: on a shared machine wall time mostly measures the other processes.
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++) best = Math.Min(best, Time(action).Cpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {best * 1000:F1} ms CPU (least of 5)"));
    }

    private static (double Wall, double Cpu) Time(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }
}
