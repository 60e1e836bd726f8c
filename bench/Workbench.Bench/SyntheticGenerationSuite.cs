using System.Diagnostics;
using System.Globalization;
using System.Text;
using Workbench.Synthetic;

namespace Workbench.Bench;

/// <summary>
/// Times the synthetic data generator (<c>workbench data generate</c>): each dataset of the samples, seed 2020, in
/// memory (no disk). Goal: everything in under 5 seconds. Run:
/// <c>dotnet run -c Release --project bench/Workbench.Bench -- synthetic [repetitions]</c>.
/// </summary>
public sealed class SyntheticGenerationSuite : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "synthetic";

    /// <inheritdoc />
    public Task<int> RunAsync(string[] args)
    {
        var repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var parts = new (string Name, Func<int, SyntheticDataset> Generate)[]
        {
            (SurveySexualViolence.Name, SurveySexualViolence.Generate),
            (TraffickingRegistrations.Name, s => TraffickingRegistrations.Generate(s)),
            (TraffickingPopulationTruth.Name, s => TraffickingPopulationTruth.Generate(s)),
            (ProsecutionCases.Name, ProsecutionCases.Generate),
            (YouthCareLinkage.SupervisionName, YouthCareLinkage.GenerateSupervision),
            (YouthCareLinkage.ClosedCareName, YouthCareLinkage.GenerateClosedCare),
            (MunicipalPolicy.Name, MunicipalPolicy.Generate),
            (PublishedFigures.Name, PublishedFigures.Generate),
        };
        var table = new StringBuilder();
        table.Append("# Synthetic data generator\n\n");
        table.Append(CultureInfo.InvariantCulture,
            $"Date {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine {Environment.ProcessorCount} cores, {Environment.OSVersion.VersionString}, .NET {Environment.Version}; peer: none (goal: all datasets < 5 s); median of {repetitions} runs after one warm-up.\n\n");
        table.Append("| dataset | rows | bytes | median ms |\n|---|---:|---:|---:|\n");
        var totalMs = 0.0;
        foreach (var (name, generate) in parts)
        {
            var first = generate(SyntheticData.DefaultSeed);
            var times = new List<double>();
            for (var r = 0; r < repetitions; r++)
            {
                var sw = Stopwatch.StartNew();
                generate(SyntheticData.DefaultSeed);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            var median = times[times.Count / 2];
            totalMs += median;
            var rows = first.Csv.Count(c => c == '\n') - 1;
            table.Append(CultureInfo.InvariantCulture, $"| {name} | {rows:N0} | {Encoding.UTF8.GetByteCount(first.Csv):N0} | {median:F1} |\n");
        }
        table.Append(CultureInfo.InvariantCulture, $"| **all** | | | **{totalMs:F1}** |\n");
        var text = table.ToString();
        Console.Write(text);
        var dir = RepoRoot() is { } root ? Path.Combine(root, "bench", "results") : "results";
        Directory.CreateDirectory(dir);
        Workbench.IO.AtomicFile.WriteAllText(Path.Combine(dir, Name + ".md"), text);
        return Task.FromResult(totalMs < 5000 ? 0 : 1);
    }

    private static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) return dir.FullName;
        return null;
    }
}
