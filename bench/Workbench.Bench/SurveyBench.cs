using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workbench.IO;
using Workbench.Statistics;
using static Workbench.Bench.BenchHost;

namespace Workbench.Bench;

/// <summary>
/// Suite "survey": prevalence by 50 domains on 1,000,000 synthetic respondents (10 strata, 400 clusters), Workbench
/// against R survey (svydesign + svyby(svymean)) on the same CSV in the same run. Each side runs in its own process
/// under /usr/bin/time -v (Debian package "time") so that peak memory (maximum resident set size) is comparable.
/// Usage: survey [--rows N] [--runs K]; internal: survey --worker FILE.
/// </summary>
public sealed class SurveyBench : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "survey";

    private const int Strata = 10, Clusters = 400, Domains = 50;

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 2 && args[0] == "--worker") return Worker(args[1]);
        var rows = Arg(args, "--rows", 1_000_000);
        var runs = Arg(args, "--runs", 3);
        var root = FindRoot();
        var file = Path.Combine(root, "bench", "data", $"survey-{rows}.csv");
        if (!File.Exists(file))
        {
            Console.WriteLine($"generating {file} ...");
            Generate(file, rows);
        }
        var ours = new List<Measure>();
        for (var i = 0; i < runs; i++)
        {
            var m = await Measure.Run("dotnet", [typeof(SurveyBench).Assembly.Location, "survey", "--worker", file]);
            Console.WriteLine($"workbench run {i + 1}: load {m.Load:F3} s (cpu {m.CpuLoad:F3}), estimate {m.Estimate:F3} s (cpu {m.CpuEstimate:F3}), peak {m.PeakMb:F0} MB");
            ours.Add(m);
        }
        Measure? r = null;
        string rVersion = "not installed";
        if (Which("Rscript") is not null)
        {
            var script = Path.Combine(Path.GetTempPath(), "workbench-survey-bench.R");
            File.WriteAllText(script, RScript);
            r = await Measure.Run("Rscript", [script, file]);
            rVersion = r.Version ?? "R";
            Console.WriteLine($"R: load {r.Load:F3} s (cpu {r.CpuLoad:F3}), estimate {r.Estimate:F3} s (cpu {r.CpuEstimate:F3}), peak {r.PeakMb:F0} MB");
            Console.WriteLine($"max |SE difference| Workbench vs R: {CompareSe(ours[0].Se, r.Se):E2}");
        }
        var md = Report(rows, ours, r, rVersion);
        Console.Write(md);
        AtomicFile.WriteAllText(Path.Combine(root, "bench", "results", "survey.md"), md);
        return 0;
    }

    private static string Report(int rows, List<Measure> ours, Measure? r, string rVersion)
    {
        static double Median(IEnumerable<double> v) { var s = v.OrderBy(x => x).ToArray(); return s[s.Length / 2]; }
        var load = Median(ours.Select(m => m.Load));
        var est = Median(ours.Select(m => m.Estimate));
        var both = Median(ours.Select(m => m.Load + m.Estimate));
        var peak = ours.Max(m => m.PeakMb);
        var cLoad = Median(ours.Select(m => m.CpuLoad));
        var cEst = Median(ours.Select(m => m.CpuEstimate));
        var cBoth = Median(ours.Select(m => m.CpuLoad + m.CpuEstimate));
        string Ratio(double ourValue, double? theirs) => theirs is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{theirs.Value / ourValue:F1}x");
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append("# Survey prevalence benchmark\n\n");
        sb.Append(string.Create(inv, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}. Peer: {rVersion}.\n\n"));
        sb.Append(string.Create(inv, $"Data: {rows:N0} synthetic respondents, {Strata} strata, {Clusters} clusters, {Domains} domains (bench/data, generated with seed 20261128). "));
        sb.Append("Task: weighted prevalence of a 0/1 outcome overall and for every domain with linearised SE (clusters with replacement). ");
        sb.Append("Workbench: `SurveyData.ReadCsv` + `Prevalence.EstimateBy` (logit interval, df, deff, Kish n included). ");
        sb.Append("R: `read.csv` + `svydesign(ids=~cluster, strata=~stratum, weights=~weight)` + `svyby(~y, ~domain, design, svymean)`. ");
        sb.Append(string.Create(inv, $"Each side in its own process; Workbench median of {ours.Count} runs, R one run; peak memory is the maximum resident set size from /usr/bin/time -v.\n\n"));
        sb.Append(string.Create(inv, $"Load average (1, 5, 15 min) when the report was written: {LoadAverage()} (the machine is shared; wall-clock times vary with it, CPU times much less).\n\n"));
        sb.Append("| step | Workbench | R survey 4.1-1 | Workbench faster by |\n|---|---:|---:|---:|\n");
        sb.Append(string.Create(inv, $"| wall clock, load CSV (s) | {load:F3} | {(r is null ? "-" : r.Load.ToString("F3", inv))} | {Ratio(load, r?.Load)} |\n"));
        sb.Append(string.Create(inv, $"| wall clock, estimate all + {Domains} domains (s) | {est:F3} | {(r is null ? "-" : r.Estimate.ToString("F3", inv))} | {Ratio(est, r?.Estimate)} |\n"));
        sb.Append(string.Create(inv, $"| wall clock, load + estimate (s) | {both:F3} | {(r is null ? "-" : (r.Load + r.Estimate).ToString("F3", inv))} | {Ratio(both, r is null ? null : r.Load + r.Estimate)} |\n"));
        sb.Append(string.Create(inv, $"| CPU time, load CSV (s) | {cLoad:F3} | {(r is null ? "-" : r.CpuLoad.ToString("F3", inv))} | {Ratio(cLoad, r?.CpuLoad)} |\n"));
        sb.Append(string.Create(inv, $"| CPU time, estimate (s) | {cEst:F3} | {(r is null ? "-" : r.CpuEstimate.ToString("F3", inv))} | {Ratio(cEst, r?.CpuEstimate)} |\n"));
        sb.Append(string.Create(inv, $"| CPU time, load + estimate (s) | {cBoth:F3} | {(r is null ? "-" : (r.CpuLoad + r.CpuEstimate).ToString("F3", inv))} | {Ratio(cBoth, r is null ? null : r.CpuLoad + r.CpuEstimate)} |\n"));
        sb.Append(string.Create(inv, $"| peak memory (MB) | {peak:F0} | {(r is null ? "-" : r.PeakMb.ToString("F0", inv))} | {(r is null ? "-" : (r.PeakMb / peak).ToString("F1", inv) + "x less")} |\n"));
        if (r is not null) sb.Append(string.Create(inv, $"\nLargest difference between the two standard errors over all domains: {CompareSe(ours[0].Se, r.Se):E2}.\n"));
        return sb.ToString();
    }

    private static double CompareSe(Dictionary<string, double> a, Dictionary<string, double> b) =>
        a.Keys.Intersect(b.Keys).Select(k => Math.Abs(a[k] - b[k])).DefaultIfEmpty(double.NaN).Max();

    /// <summary>Loads the CSV and estimates once, printing timings and the standard errors for the comparison.</summary>
    private static int Worker(string file)
    {
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var design = new SurveyDesign(Weight: "weight", Strata: "stratum", Cluster: "cluster");
        var (data, domains) = SurveyData.ReadCsv(file, "y", design, by: "domain");
        var load = sw.Elapsed.TotalSeconds;
        proc.Refresh();
        var cpu1 = proc.TotalProcessorTime;
        sw.Restart();
        var results = Prevalence.EstimateBy(data, domains, design);
        var estimate = sw.Elapsed.TotalSeconds;
        proc.Refresh();
        var cpu2 = proc.TotalProcessorTime;
        if (Environment.GetEnvironmentVariable("WORKBENCH_BENCH_WARM") == "1")
        {
            sw.Restart();
            Prevalence.EstimateBy(data, domains, design);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-estimate {sw.Elapsed.TotalSeconds:R}"));
            proc.Refresh();
            var c3 = proc.TotalProcessorTime;
            sw.Restart();
            SurveyData.ReadCsv(file, "y", design, by: "domain");
            proc.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-load {sw.Elapsed.TotalSeconds:R} cpu {(proc.TotalProcessorTime - c3).TotalSeconds:R}"));
        }
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"load {load:R}"));
        Console.WriteLine(string.Create(inv, $"estimate {estimate:R}"));
        Console.WriteLine(string.Create(inv, $"cpuload {(cpu1 - cpu0).TotalSeconds:R}"));
        Console.WriteLine(string.Create(inv, $"cpuestimate {(cpu2 - cpu1).TotalSeconds:R}"));
        foreach (var r in results) Console.WriteLine(string.Create(inv, $"se {r.Domain} {r.StdError:R}"));
        return 0;
    }

    private const string RScript = """
        suppressPackageStartupMessages(library(survey))
        args <- commandArgs(TRUE)
        cat("version R", paste(R.version$major, R.version$minor, sep = "."), "survey", as.character(packageVersion("survey")), "\n")
        cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
        t0 <- proc.time()[["elapsed"]]; c0 <- cpu()
        d <- read.csv(args[1], colClasses = c(stratum = "character", cluster = "character", domain = "character"))
        t1 <- proc.time()[["elapsed"]]; c1 <- cpu()
        des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = d)
        all <- svymean(~y, des)
        r <- svyby(~y, ~domain, des, svymean)
        t2 <- proc.time()[["elapsed"]]; c2 <- cpu()
        cat("load", t1 - t0, "\n")
        cat("estimate", t2 - t1, "\n")
        cat("cpuload", c1 - c0, "\n")
        cat("cpuestimate", c2 - c1, "\n")
        cat("se all", sprintf("%.17g", SE(all)), "\n")
        for (i in seq_len(nrow(r))) cat("se", r$domain[i], sprintf("%.17g", SE(r)[i]), "\n")
        """;

    private sealed record Measure(double Load, double Estimate, double CpuLoad, double CpuEstimate, double PeakMb, Dictionary<string, double> Se, string? Version)
    {
        public static async Task<Measure> Run(string exe, string[] args)
        {
            var psi = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-v");
            psi.ArgumentList.Add(exe);
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var outTask = p.StandardOutput.ReadToEndAsync();
            var errTask = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            var stdout = await outTask; var stderr = await errTask;
            if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} failed ({p.ExitCode}):\n{stdout}\n{stderr}");
            double Field(string name) => double.Parse(Regex.Match(stdout, $@"^{name} ([-0-9.eE+]+)", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
            var rss = double.Parse(Regex.Match(stderr, @"Maximum resident set size \(kbytes\): (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            var se = Regex.Matches(stdout, @"^se (\S+) ([-0-9.eE+]+)", RegexOptions.Multiline)
                .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            var version = Regex.Match(stdout, @"^version (.*)$", RegexOptions.Multiline) is { Success: true } v ? v.Groups[1].Value.Trim() : null;
            return new Measure(Field("load"), Field("estimate"), Field("cpuload"), Field("cpuestimate"), rss / 1024, se, version);
        }
    }

    /// <summary>Writes the seeded synthetic file: cluster effects, stratum-dependent weights, 50 domains of unequal size.</summary>
    private static void Generate(string path, int rows)
    {
        var rng = new Random(20261128);
        var effect = Enumerable.Range(0, Clusters).Select(_ => Normal(rng) * 0.4).ToArray();
        var domainLogit = Enumerable.Range(0, Domains).Select(d => -1.6 + 0.03 * d).ToArray();
        var inv = CultureInfo.InvariantCulture;
        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20, leaveOpen: true);
            w.Write("id,stratum,cluster,weight,domain,y\n");
            for (var i = 0; i < rows; i++)
            {
                var c = rng.Next(Clusters);
                var h = c / (Clusters / Strata);
                var d = (int)Math.Floor(Domains * Math.Pow(rng.NextDouble(), 1.3));
                var weight = Math.Round(Math.Exp(Math.Log(20 + 10 * h) + 0.3 * Normal(rng)), 3);
                var p = 1 / (1 + Math.Exp(-(domainLogit[d] + effect[c])));
                var y = rng.NextDouble() < p ? 1 : 0;
                w.Write(string.Create(inv, $"{i + 1},S{h:00},C{c:000},{weight},D{d:00},{y}\n"));
            }
        });
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? Which(string exe) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
