using System.Diagnostics;
using System.Globalization;
using System.Text;
using Workbench.Disclosure;

namespace Workbench.Bench;

/// <summary>
/// Time to protect large frequency tables (primary and secondary suppression with the linear-programming audit,
/// rounding): a 50 x 50 and a 20 x 20 x 10 table of seeded synthetic counts. No peer: the issue names none.
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
        sb.AppendLine(CultureInfo.InvariantCulture, $"Each table: seeded synthetic counts (zeros 15%, 1-9 at the stated share, the rest 10-200); `Disclosure.Protect` with the defaults (minimum 10, rounding 5, protection width 1); median of {repeats} runs after one warm-up.");
        sb.AppendLine();
        sb.AppendLine("| table | cells incl. margins | primary | secondary | median ms | min ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, shape, small) in cases)
        {
            var table = Make(shape, small, seed: 20261128);
            var p = Disclosure.Disclosure.Protect(table); // warm-up
            var times = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                var sw = Stopwatch.StartNew();
                p = Disclosure.Disclosure.Protect(table);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            var primary = p.Cells.Count(c => (c.Reasons & DisclosureReason.PrimarySuppression) != 0);
            var secondary = p.Cells.Count(c => (c.Reasons & DisclosureReason.SecondarySuppression) != 0);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {p.Cells.Count} | {primary} | {secondary} | {times[times.Count / 2]:F1} | {times[0]:F1} |");
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

    private static string FindResultsDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        var results = Path.Combine(dir?.FullName ?? Directory.GetCurrentDirectory(), "bench", "results");
        Directory.CreateDirectory(results);
        return results;
    }
}
