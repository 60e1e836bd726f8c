using System.Diagnostics;
using System.Globalization;
using System.Text;
using Workbench.Disclosure;
using static Workbench.Bench.BenchHost;

namespace Workbench.Bench;

/// <summary>
/// Time to protect large frequency tables (primary and secondary suppression with the linear-programming audit,
/// rounding): a 50 x 50 and a 20 x 20 x 10 table of seeded synthetic counts, and the three 2-D margins of a
/// 20 x 20 x 10 table protected together as a linked set. No peer: the issue names none.
/// </summary>
public sealed class DisclosureBench : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "disclosure";

    /// <inheritdoc />
    public Task<int> RunAsync(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var cases = new (string Name, int[] Shape, double SmallShare)[]
        {
            ("10 x 10, 20% small", [10, 10], 0.2),
            ("50 x 50, 10% small", [50, 50], 0.1),
            ("50 x 50, 30% small", [50, 50], 0.3),
            ("20 x 20 x 10, 10% small", [20, 20, 10], 0.1),
            ("20 x 20 x 10, 30% small", [20, 20, 10], 0.3),
        };
        var sb = new StringBuilder();
        sb.AppendLine("# Disclosure control benchmark");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; .NET {Environment.Version}; Release build; peer: none (the issue names none).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Each table: seeded synthetic counts (zeros 15%, 1-9 at the stated share, the rest 10-200; the linked sets: margins of a sparse population); `Disclosure.Protect` with the defaults (minimum 10, rounding 5, protection width 1); median of {repeats} runs after one warm-up.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Load average at the start (1 min): {LoadAverage()}. CPU ms is this process's processor time for the median run, which other work on the machine inflates less than the wall time.");
        sb.AppendLine();
        sb.AppendLine("| table | cells incl. margins | primary | secondary | median ms | min ms | CPU ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, shape, small) in cases)
        {
            var table = Make(shape, small, seed: 20261128);
            var p = Disclosure.Disclosure.Protect(table); // warm-up
            var times = new List<(double Wall, double Cpu)>();
            for (var r = 0; r < repeats; r++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                p = Disclosure.Disclosure.Protect(table);
                times.Add((sw.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds));
            }
            times.Sort();
            var primary = p.Cells.Count(c => (c.Reasons & DisclosureReason.PrimarySuppression) != 0);
            var secondary = p.Cells.Count(c => (c.Reasons & DisclosureReason.SecondarySuppression) != 0);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {p.Cells.Count} | {primary} | {secondary} | {times[times.Count / 2].Wall:F1} | {times[0].Wall:F1} | {times[times.Count / 2].Cpu:F0} |");
        }
        foreach (var share in new[] { 0.25, 0.5 })
        {
            // three tables published together: a x b, a x c and b x c of one sparse population (a share of the
            // 20 x 20 x 10 combinations hold 1-3 persons, the rest none), sharing every 1-D margin
            var cube = MakeSparse([20, 20, 10], share, seed: 20261128);
            var tables = new[] { Margin(cube, 0, 1), Margin(cube, 0, 2), Margin(cube, 1, 2) };
            var set = Disclosure.Disclosure.Protect(tables); // warm-up
            var times = new List<(double Wall, double Cpu)>();
            for (var r = 0; r < repeats; r++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                set = Disclosure.Disclosure.Protect(tables);
                times.Add((sw.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds));
            }
            times.Sort();
            var cells = set.Sum(p => p.Cells.Count);
            var primary = set.Sum(p => p.Cells.Count(c => (c.Reasons & DisclosureReason.PrimarySuppression) != 0));
            var secondary = set.Sum(p => p.Cells.Count(c => (c.Reasons & DisclosureReason.SecondarySuppression) != 0));
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| linked: 20 x 20, 20 x 10, 20 x 10 (margins of 20 x 20 x 10, {share:P0} occupied) | {cells} | {primary} | {secondary} | {times[times.Count / 2].Wall:F1} | {times[0].Wall:F1} | {times[times.Count / 2].Cpu:F0} |");
        }
        var text = sb.ToString();
        Console.Write(text);
        var dir = FindResultsDir();
        File.WriteAllText(Path.Combine(dir, "disclosure.md"), text);
        return Task.FromResult(0);
    }

    private static FrequencyTable Make(int[] shape, double smallShare, int seed)
    {
        var rng = new Random(seed);
        var dims = shape.Select((n, d) => new TableDimension(((char)('a' + d)).ToString(),
            Enumerable.Range(1, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray())).ToList();
        var size = shape.Aggregate(1, (a, b) => a * b);
        var counts = new long[size];
        for (var i = 0; i < size; i++)
        {
            var u = rng.NextDouble();
            counts[i] = u < 0.15 ? 0 : u < 0.15 + smallShare ? rng.Next(1, 10) : rng.Next(10, 201);
        }
        return FrequencyTable.FromCounts(dims, counts);
    }

    private static FrequencyTable MakeSparse(int[] shape, double occupied, int seed)
    {
        var rng = new Random(seed);
        var dims = shape.Select((n, d) => new TableDimension(((char)('a' + d)).ToString(),
            Enumerable.Range(1, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray())).ToList();
        var counts = new long[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < counts.Length; i++) counts[i] = rng.NextDouble() < occupied ? rng.Next(1, 4) : 0;
        return FrequencyTable.FromCounts(dims, counts);
    }

    /// <summary>The 2-D margin over dimensions <paramref name="d1"/> and <paramref name="d2"/> of a 3-D table.</summary>
    private static FrequencyTable Margin(FrequencyTable cube, int d1, int d2)
    {
        var dims = new[] { cube.Dimensions[d1], cube.Dimensions[d2] };
        var counts = new long[dims[0].Count * dims[1].Count];
        for (var i = 0; i < dims[0].Count; i++)
            for (var j = 0; j < dims[1].Count; j++)
            {
                var index = new[] { FrequencyTable.Total, FrequencyTable.Total, FrequencyTable.Total };
                index[d1] = i;
                index[d2] = j;
                counts[i * dims[1].Count + j] = cube[index];
            }
        return FrequencyTable.FromCounts(dims, counts);
    }

    private static string FindResultsDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        var results = Path.Combine(dir?.FullName ?? Directory.GetCurrentDirectory(), "bench", "results");
        Directory.CreateDirectory(results);
        return results;
    }
}
