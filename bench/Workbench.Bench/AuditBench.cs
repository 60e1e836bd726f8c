using System.Diagnostics;
using System.Globalization;
using System.Text;
using Workbench.Disclosure;
using Workbench.Disclosure.Audit;
using static Workbench.Bench.BenchHost;

namespace Workbench.Bench;

/// <summary>
/// Time of the independent leak audit (issue 14): on the output folder of <c>workbench verify notebooks</c> (the five
/// studies, both languages, report and charts) and on a 20 x 20 x 10 protected table published as one page. Goal: the
/// five studies under 2 s in total. No peer: the issue names none.
/// </summary>
public sealed class AuditBench : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "audit";

    /// <inheritdoc />
    public Task<int> RunAsync(string[] args)
    {
        // args: [verify output folder (default out)] [repeats (default 5)] [repeats of the 20 x 20 x 10 cases (default 3)]
        var studies = args.Length > 0 ? args[0] : "out";
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var largeRepeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var sb = new StringBuilder();
        sb.AppendLine("# Leak audit benchmark");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; .NET {Environment.Version}; Release build; peer: none (the issue names none); load average at start: {LoadAverage()}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"`LeakAudit.Run` on a folder (reading every page, chart file and SVG, building and solving the attacker's LP); median of {repeats} runs (five studies) after one warm-up, or {largeRepeats} run(s) of the 20 x 20 x 10 cases (protected once with `Disclosure.Protect`, minimum 10, outside the timing; the JIT is warm from the studies).");
        sb.AppendLine();
        sb.AppendLine("| published output | files | tables | charts | suppressed cells | findings | median ms | min ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        if (Directory.Exists(Path.Combine(studies, "report")))
            sb.AppendLine(Row("five studies (`verify notebooks --out " + studies + "`)", studies, repeats));
        else
            Console.Error.WriteLine($"audit bench: {studies}/report not found; run `workbench verify notebooks --out {studies}` first to time the five studies.");
        var dir = Path.Combine(Path.GetTempPath(), "wb-audit-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            foreach (var (name, rounding) in new[] { ("20 x 20 x 10, 10% small, rounding 5", 5), ("20 x 20 x 10, 10% small, no rounding", 1) })
            {
                Directory.CreateDirectory(Path.Combine(dir, "report"));
                var sw = Stopwatch.StartNew();
                var table = Disclosure.Disclosure.Protect(Make([20, 20, 10], 0.1, seed: 20261128), new DisclosureOptions(RoundingBase: rounding));
                Console.Error.WriteLine($"audit bench: protected {name} in {sw.Elapsed.TotalSeconds:F1} s (not part of the timing)");
                File.WriteAllText(Path.Combine(dir, "report", "table.en.html"), "<!DOCTYPE html><html><body>" + table.ToHtml() + "</body></html>");
                sb.AppendLine(Row(name, dir, largeRepeats, warmUp: false));
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        var text = sb.ToString();
        Console.Write(text);
        File.WriteAllText(Path.Combine(FindResultsDir(), "audit.md"), text);
        return Task.FromResult(0);
    }

    private static string Row(string name, string folder, int repeats, bool warmUp = true)
    {
        var report = warmUp ? LeakAudit.Run(folder) : null;
        var times = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            report = LeakAudit.Run(folder);
            times.Add(sw.Elapsed.TotalMilliseconds);
            Console.Error.WriteLine($"audit bench: {name}: {sw.Elapsed.TotalSeconds:F2} s");
        }
        times.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {report!.Pages} | {report.Tables} | {report.Figures} | {report.SuppressedCells} | {report.Findings.Count} | {times[times.Count / 2]:F1} | {times[0]:F1} |");
    }

    private static FrequencyTable Make(int[] shape, double smallShare, int seed)
    {
        var rng = new Random(seed);
        var dims = shape.Select((n, d) => new TableDimension(((char)('a' + d)).ToString(),
            Enumerable.Range(1, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray())).ToList();
        var counts = new long[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < counts.Length; i++)
        {
            var u = rng.NextDouble();
            counts[i] = u < 0.15 ? 0 : u < 0.15 + smallShare ? rng.Next(1, 10) : rng.Next(10, 201);
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
