using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workbench.IO;
using Workbench.Statistics;
using static Workbench.Bench.BenchHost;

namespace Workbench.Bench;

/// <summary>
/// Suite "survey-estimators" (issue 17): on 1,000,000 synthetic respondents (10 strata, 400 clusters, 50 domains),
/// the total and the mean by domain, the contrast of two groups, a 5-term logistic svyglm, and the proportion by
/// domain with 80 JK1 replicate weights, Workbench against R survey 4.1-1 on the same CSV in the same run. Each side
/// runs in its own process under /usr/bin/time -v; each step's wall and CPU time is measured inside the process.
/// Usage: survey-estimators [--rows N]; internal: survey-estimators --worker FILE.
/// </summary>
public sealed class SurveyEstimatorBench : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "survey-estimators";

    private const int Strata = 10, Clusters = 400, Domains = 50, Replicates = 80;
    private static readonly string[] Steps = ["load", "total", "mean", "contrast", "glm", "jk1"];

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 2 && args[0] == "--worker") return Worker(args[1]);
        var rows = args.Length >= 2 && args[0] == "--rows" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var root = FindRoot();
        var file = Path.Combine(root, "bench", "data", $"survey-estimators-{rows}.csv");
        if (!File.Exists(file)) { Console.WriteLine($"generating {file} ..."); Generate(file, rows); }
        var ours = await Run("dotnet", [typeof(SurveyEstimatorBench).Assembly.Location, Name, "--worker", file]);
        Print("workbench", ours);
        var script = Path.Combine(Path.GetTempPath(), "workbench-survey-estimators-bench.R");
        File.WriteAllText(script, RScript);
        var r = await Run("Rscript", [script, file]);
        Print("R", r);
        var md = Report(rows, ours, r);
        Console.Write(md);
        AtomicFile.WriteAllText(Path.Combine(root, "bench", "results", "survey-estimators.md"), md);
        return 0;
    }

    private static void Print(string who, Result m)
    {
        foreach (var s in Steps) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{who} {s}: {m.Wall[s]:F3} s (cpu {m.Cpu[s]:F3})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{who} peak {m.PeakMb:F0} MB"));
    }

    private static string Report(int rows, Result ours, Result r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("# Survey estimators benchmark (issue 17)\n\n");
        sb.Append(string.Create(inv, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}. Peer: {r.Version}.\n\n"));
        sb.Append(string.Create(inv, $"Data: {rows:N0} synthetic respondents, {Strata} strata, {Clusters} clusters, {Domains} domains, 2 groups, 3 numeric covariates (bench/data, seed 20261201). "));
        sb.Append("Design: `svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight)`. Steps: total and mean of the 0/1 outcome by the 50 domains (`svyby(~y, ~domain, des, svytotal/svymean)`), ");
        sb.Append("the contrast of the two groups' means (`svyby(..., covmat = TRUE)` + `svycontrast`), a logistic regression with 5 coefficients (`svyglm(y ~ x1 + x2 + x3 + group, family = quasibinomial())`), ");
        sb.Append(string.Create(inv, $"and the proportion by domain with {Replicates} JK1 replicate weights (delete one of {Replicates} groups of 5 clusters; `svrepdesign(type = \"JK1\")` + `svyby(~y, ~domain, rep, svymean)`, replicate set-up included). "));
        sb.Append("Each side in its own process, one run each; times measured inside the process per step; peak memory is the maximum resident set size from /usr/bin/time -v.\n\n");
        sb.Append(string.Create(inv, $"Load average (1, 5, 15 min) when the report was written: {LoadAverage()}.\n\n"));
        sb.Append("| step | Workbench wall (s) | R wall (s) | faster by (wall) | Workbench CPU (s) | R CPU (s) | faster by (CPU) | max relative SE difference |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var s in Steps)
            sb.Append(string.Create(inv, $"| {s} | {ours.Wall[s]:F3} | {r.Wall[s]:F3} | {r.Wall[s] / ours.Wall[s]:F1}x | {ours.Cpu[s]:F3} | {r.Cpu[s]:F3} | {r.Cpu[s] / ours.Cpu[s]:F1}x | {Compare(ours.Se, r.Se, s)} |\n"));
        sb.Append(string.Create(inv, $"| peak memory (MB) | {ours.PeakMb:F0} | {r.PeakMb:F0} | {r.PeakMb / ours.PeakMb:F1}x less | | | | |\n"));
        return sb.ToString();
    }

    private static string Compare(Dictionary<string, double> a, Dictionary<string, double> b, string step)
    {
        var keys = a.Keys.Where(k => k.StartsWith(step + ":", StringComparison.Ordinal) && b.ContainsKey(k)).ToList();
        return keys.Count == 0 ? "-" : keys.Max(k => Math.Abs(a[k] - b[k]) / Math.Abs(b[k])).ToString("E1", CultureInfo.InvariantCulture) + $" ({keys.Count})";
    }

    private static int Worker(string file)
    {
        var inv = CultureInfo.InvariantCulture;
        var proc = Process.GetCurrentProcess();
        var sw = new Stopwatch();
        var cpu = TimeSpan.Zero;
        void Start() { proc.Refresh(); cpu = proc.TotalProcessorTime; sw.Restart(); }
        void Stop(string step) { var wall = sw.Elapsed.TotalSeconds; proc.Refresh(); Console.WriteLine(string.Create(inv, $"step {step} {wall:R} {(proc.TotalProcessorTime - cpu).TotalSeconds:R}")); }
        void Se(string step, string key, double? se) => Console.WriteLine(string.Create(inv, $"se {step}:{key} {se ?? double.NaN:R}"));

        Start();
        var design = new SurveyDesign(Weight: "weight", Strata: "stratum", Cluster: "cluster");
        var sample = SurveySample.ReadCsv(file, design, ["y", "x1", "x2", "x3"], ["domain", "group", "grp"]);
        Stop("load");
        var by = new SurveyOptions { By = ["domain"] };
        Start();
        var total = SurveyEstimators.Total(sample, "y", by);
        Stop("total");
        foreach (var t in total) Se("total", t.Label, t.StdError);
        Start();
        var mean = SurveyEstimators.Mean(sample, "y", by);
        Stop("mean");
        foreach (var t in mean) Se("mean", t.Label, t.StdError);
        Start();
        var contrast = SurveyEstimators.Contrast(sample, SurveyStatistic.Mean, "y", "A", "B", new SurveyOptions { By = ["group"] });
        Stop("contrast");
        Se("contrast", "difference", contrast.Difference.StdError);
        Se("contrast", "ratio", contrast.Ratio!.StdError);
        Start();
        var glm = SurveyRegression.Glm(sample, "y ~ x1 + x2 + x3 + group", GlmFamily.Binomial);
        Stop("glm");
        foreach (var t in glm.Terms) Se("glm", t.Term, t.StdError);

        // 80 JK1 replicates: replicate r deletes the clusters of group r and scales the others by 80/79.
        Start();
        var frame = sample.Frame;
        var w = sample.Staged.W;
        var (codes, levels) = frame.Label("grp");
        var group = levels.Select(l => int.Parse(l, inv)).ToArray();
        var numbers = new Dictionary<string, double[]>(frame.Numbers, StringComparer.Ordinal);
        var names = new string[Replicates];
        // Each row's group and scaled weight once (R: d$grp == r and d$weight * 80 / 79, vectorised).
        var rowGroup = new int[frame.Rows];
        var scaled = new double[frame.Rows];
        for (var i = 0; i < rowGroup.Length; i++) { rowGroup[i] = group[codes[i]]; scaled[i] = w[i] * Replicates / (Replicates - 1.0); }
        for (var r = 0; r < Replicates; r++)
        {
            var rep = GC.AllocateUninitializedArray<double>(frame.Rows);
            for (var i = 0; i < rep.Length; i++) rep[i] = rowGroup[i] == r + 1 ? 0 : scaled[i];
            names[r] = $"repw{r + 1}";
            numbers[names[r]] = rep;
        }
        var repFrame = new SurveyFrame
        {
            Rows = frame.Rows, Numbers = numbers, Labels = frame.Labels, Header = frame.Header.Concat(names).ToArray(), SourceName = frame.SourceName,
            Lines = frame.Lines, FieldIndex = frame.FieldIndex,
        };
        var repDesign = new SurveyDesign(Weight: "weight") { Replicates = new ReplicateWeights("repw", ReplicateType.JK1) };
        var repSample = new SurveySample(repFrame, StagedDesign.Build(repFrame, repDesign, names), repDesign);
        var jk = SurveyEstimators.Mean(repSample, "y", by);
        Stop("jk1");
        foreach (var t in jk) Se("jk1", t.Label, t.StdError);
        return 0;
    }

    private const string RScript = """
        suppressPackageStartupMessages(library(survey))
        args <- commandArgs(TRUE)
        cat("version R", paste(R.version$major, R.version$minor, sep = "."), "survey", as.character(packageVersion("survey")), "\n")
        cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
        t0 <- 0; c0 <- 0
        start <- function() { t0 <<- proc.time()[["elapsed"]]; c0 <<- cpu() }
        stop_ <- function(step) cat("step", step, sprintf("%.6f", proc.time()[["elapsed"]] - t0), sprintf("%.6f", cpu() - c0), "\n")
        se <- function(step, key, v) cat("se ", step, ":", key, " ", sprintf("%.17g", v), "\n", sep = "")
        start()
        d <- read.csv(args[1], colClasses = c(stratum = "character", cluster = "character", domain = "character", group = "character"))
        des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = d)
        stop_("load")
        start(); r <- svyby(~y, ~domain, des, svytotal); stop_("total")
        for (i in seq_len(nrow(r))) se("total", r$domain[i], SE(r)[i])
        start(); r <- svyby(~y, ~domain, des, svymean); stop_("mean")
        for (i in seq_len(nrow(r))) se("mean", r$domain[i], SE(r)[i])
        start()
        b <- svyby(~y, ~group, des, svymean, covmat = TRUE)
        cd <- svycontrast(b, quote(A - B)); cr <- svycontrast(b, quote(A / B))
        stop_("contrast")
        se("contrast", "difference", SE(cd)); se("contrast", "ratio", SE(cr))
        start()
        m <- svyglm(y ~ x1 + x2 + x3 + group, des, family = quasibinomial())
        co <- summary(m)$coefficients
        stop_("glm")
        for (j in seq_len(nrow(co))) se("glm", rownames(co)[j], co[j, 2])
        start()
        rw <- sapply(1:80, function(r) ifelse(d$grp == r, 0, d$weight * 80 / 79))
        rd <- svrepdesign(data = d, repweights = rw, weights = ~weight, type = "JK1", scale = 79 / 80, combined.weights = TRUE)
        r <- svyby(~y, ~domain, rd, svymean)
        stop_("jk1")
        for (i in seq_len(nrow(r))) se("jk1", r$domain[i], SE(r)[i])
        """;

    private sealed record Result(Dictionary<string, double> Wall, Dictionary<string, double> Cpu, double PeakMb, Dictionary<string, double> Se, string Version);

    private static async Task<Result> Run(string exe, string[] args)
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
        var inv = CultureInfo.InvariantCulture;
        var wall = new Dictionary<string, double>(); var cpu = new Dictionary<string, double>();
        foreach (Match m in Regex.Matches(stdout, @"^step (\S+) ([-0-9.eE+]+) ([-0-9.eE+]+)", RegexOptions.Multiline))
        {
            wall[m.Groups[1].Value] = double.Parse(m.Groups[2].Value, inv);
            cpu[m.Groups[1].Value] = double.Parse(m.Groups[3].Value, inv);
        }
        var se = Regex.Matches(stdout, @"^se (\S+) (\S+)", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, inv));
        var rss = double.Parse(Regex.Match(stderr, @"Maximum resident set size \(kbytes\): (\d+)").Groups[1].Value, inv);
        var version = Regex.Match(stdout, @"^version (.*)$", RegexOptions.Multiline) is { Success: true } v ? v.Groups[1].Value.Trim() : "Workbench";
        return new Result(wall, cpu, rss / 1024, se, version);
    }

    /// <summary>The seeded file: cluster effects, stratum-dependent weights, 50 domains of unequal size, two groups,
    /// three covariates, and the JK1 replicate group of each cluster (1..80).</summary>
    private static void Generate(string path, int rows)
    {
        var rng = new Random(20261201);
        var effect = Enumerable.Range(0, Clusters).Select(_ => Normal(rng) * 0.4).ToArray();
        var order = Enumerable.Range(0, Clusters).OrderBy(_ => rng.Next()).ToArray();
        var inv = CultureInfo.InvariantCulture;
        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20, leaveOpen: true);
            w.Write("id,stratum,cluster,grp,weight,domain,group,x1,x2,x3,y\n");
            for (var i = 0; i < rows; i++)
            {
                var c = rng.Next(Clusters);
                var h = c / (Clusters / Strata);
                var d = (int)Math.Floor(Domains * Math.Pow(rng.NextDouble(), 1.3));
                var g = rng.NextDouble() < 0.5 ? "A" : "B";
                var weight = Math.Round(Math.Exp(Math.Log(20 + 10 * h) + 0.3 * Normal(rng)), 3);
                var x1 = Math.Round(Normal(rng), 4); var x2 = Math.Round(rng.NextDouble() * 10, 3); var x3 = rng.Next(18, 26);
                var eta = -1.6 + 0.03 * d + effect[c] + 0.3 * x1 - 0.05 * x2 + 0.02 * (x3 - 21) + (g == "A" ? 0.4 : 0);
                var y = rng.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
                w.Write(string.Create(inv, $"{i + 1},S{h:00},C{c:000},{order[c] % 80 + 1},{weight},D{d:00},{g},{x1},{x2},{x3},{y}\n"));
            }
        });
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
