using System.Diagnostics;
using System.Globalization;
using System.Text;
using Workbench.Estimation;
using Workbench.IO;
using static Workbench.Bench.BenchHost;

namespace Workbench.Bench;

/// <summary>
/// Multiple systems estimation on five synthetic lists: the minimum-BIC search over all 6,212 hierarchical models up
/// to order 3, and a BCa bootstrap of 1,000 replicates with model selection re-run in each. R's glm over the same model
/// list is timed in the same run when Rscript is installed (R MultipleSystemsEstimation is not installable here).
/// </summary>
public sealed class MseBench : IBenchmarkSuite
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <inheritdoc />
    public string Name => "mse";

    internal static CaptureHistories FiveLists() => SyntheticCaptures.Draw(
        ["A", "B", "C", "D", "E"], 10_000, [-1.4, -1.6, -1.2, -1.9, -1.5],
        [(0b00011, 0.8), (0b01100, 0.6), (0b10001, -0.5), (0b00110, 0.3)], seed: 2026);

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        var h = FiveLists();
        var rows = new List<string[]>();
        var models = HierarchicalModels.Count(5, 3);

        var bic = new MseOptions { Method = Selection.Bic, MaxOrder = 3 };
        MultipleSystems.Estimate(h, bic); // warm-up (JIT)
        MultipleSystems.Estimate(h, bic with { MaxDegreeOfParallelism = 1 });
        var times = new List<(double Wall, double Cpu)>();
        MseResult? point = null;
        for (var i = 0; i < 5; i++) times.Add(Measure(() => point = MultipleSystems.Estimate(h, bic)));
        times.Sort();
        rows.Add(["BIC search, 5 lists, order ≤ 3", $"{models:N0} models", Sec(times[2].Wall), Sec(times[2].Cpu), "< 0.2 s", $"{point!.ModelNotation}, N-hat {point.Estimate:N1}"]);

        var single = new List<(double Wall, double Cpu)>();
        for (var i = 0; i < 3; i++) single.Add(Measure(() => MultipleSystems.Estimate(h, bic with { MaxDegreeOfParallelism = 1 })));
        single.Sort();
        rows.Add(["BIC search, 1 thread", $"{models:N0} models", Sec(single[1].Wall), Sec(single[1].Cpu), "", $"{single[1].Cpu / models * 1e6:N0} µs CPU per model"]);
        var six = SyntheticCaptures.Draw(["A", "B", "C", "D", "E", "F"], 10_000, [-1.4, -1.6, -1.2, -1.9, -1.5, -1.3],
            [(0b000011, 0.8), (0b001100, 0.6), (0b110000, 0.5)], seed: 2026);
        MseResult? sixResult = null;
        var sixTime = Measure(() => sixResult = MultipleSystems.Estimate(six));
        rows.Add(["BIC search, 6 lists, order ≤ 2", $"{HierarchicalModels.Count(6, 2):N0} models", Sec(sixTime.Wall), Sec(sixTime.Cpu), "",
            $"{sixResult!.ModelNotation}, N-hat {sixResult.Estimate:N1}"]);
        if (args.Contains("--quick"))
        {
            foreach (var row in rows) Console.WriteLine(string.Join(" | ", row));
            return 0;
        }

        var boot = new MseOptions { Method = Selection.Stepwise, Ci = IntervalMethod.Bca, Nboot = 1000, Seed = 1 };
        MseResult? bca = null;
        var bootTime = Measure(() => bca = MultipleSystems.Estimate(h, boot));
        rows.Add(["BCa bootstrap, stepwise re-selection", "1,000 replicates + 31 jackknife", Sec(bootTime.Wall), Sec(bootTime.Cpu), "< 10 s",
            $"{bca!.ModelNotation}, {bca.Estimate:N1} ({bca.Lower:N1} to {bca.Upper:N1})"]);

        var bootBic = boot with { Method = Selection.Bic, MaxOrder = 3, Nboot = 1000 };
        MseResult? bb = null;
        var bicBoot = Measure(() => bb = MultipleSystems.Estimate(h, bootBic));
        rows.Add(["BCa bootstrap, BIC re-selection (pruned search over 6,212 models)", "1,000 replicates + 31 jackknife", Sec(bicBoot.Wall), Sec(bicBoot.Cpu), "",
            $"{bb!.ModelNotation}, {bb.Estimate:N1} ({bb.Lower:N1} to {bb.Upper:N1})"]);

        var kosovo = CaptureHistories.FromCounts(["EXH", "ABA", "OSCE", "HRW"], KosovoCounts);
        MseResult? kb = null;
        var kt = Measure(() => kb = MultipleSystems.Estimate(kosovo, new MseOptions { Method = Selection.Bic, Ci = IntervalMethod.Bca, Nboot = 1000 }));
        rows.Add(["Kosovo BCa, BIC re-selection (113 models each)", "1,000 replicates + 15 jackknife", Sec(kt.Wall), Sec(kt.Cpu), "",
            $"{kb!.ModelNotation}, {kb.Estimate:N1} ({kb.Lower:N1} to {kb.Upper:N1})"]);

        // The Dutch design on the committed synthetic registrations: five registries by year (2015-2019).
        var registrations = CaptureHistoryCsv.Read(Path.Combine(FindRepoRoot(), "data-samples", "trafficking-registrations.csv"), new CaptureCsvOptions
        {
            Lists = ["police", "kmar", "inspectorate_szw", "care_shelter", "other_reporters"], Covariates = ["year"],
        }).All;
        var search = new MseOptions { Method = Selection.Search, Ci = IntervalMethod.Parametric, Nboot = 1000, Seed = 1 };
        MseResult? sr = null;
        var st = Measure(() => sr = MultipleSystems.Estimate(registrations, search));
        rows.Add(["Model search by year + parametric bootstrap, per-year intervals", "5 lists x 5 years, 1,000 replicates", Sec(st.Wall), Sec(st.Cpu), "",
            $"{sr!.ModelNotation}, {sr.Estimate:N1} ({sr.Lower:N1} to {sr.Upper:N1}); 2015: {sr.Levels[0].Estimate:N1} ({sr.Levels[0].Lower:N1} to {sr.Levels[0].Upper:N1})"]);
        MseResult? sb = null;
        var sbt = Measure(() => sb = MultipleSystems.Estimate(registrations, search with { Ci = IntervalMethod.Bca }));
        rows.Add(["Model search by year + BCa with search re-selection", $"1,000 replicates + {registrations.CountsByCell.Count(c => c > 0)} jackknife", Sec(sbt.Wall), Sec(sbt.Cpu), "",
            $"{sb!.ModelNotation}, {sb.Estimate:N1} ({sb.Lower:N1} to {sb.Upper:N1}); 2015: {sb.Levels[0].Estimate:N1} ({sb.Levels[0].Lower:N1} to {sb.Levels[0].Upper:N1})"]);

        // Study 02's estimate: the same registrations, minimum BIC up to pairs with the year, BCa with re-selection.
        var study = new MseOptions { Method = Selection.Bic, MaxOrder = 2, Ci = IntervalMethod.Bca, Nboot = 200, Seed = 2020 };
        MseResult? s2 = null;
        var s2t = Measure(() => s2 = MultipleSystems.Estimate(registrations, study));
        rows.Add(["BCa by year, BIC re-selection up to pairs (study 02, all victims)", $"200 replicates + {registrations.CountsByCell.Count(c => c > 0)} jackknife", Sec(s2t.Wall), Sec(s2t.Cpu), "",
            $"{s2!.ModelNotation}, {s2.Estimate:N1} ({s2.Lower:N1} to {s2.Upper:N1}); 2015: {s2.Levels[0].Estimate:N1} ({s2.Levels[0].Lower:N1} to {s2.Levels[0].Upper:N1})"]);

        var peer = await TimeR(h, 3);
        if (peer is { } r)
            rows.Add(["R glm over the same 6,212 models", $"{models:N0} fits", Sec(r.Seconds), Sec(r.Cpu), "", $"R / ours: {r.Seconds / times[2].Wall:N0}x wall, {r.Cpu / times[2].Cpu:N0}x CPU; R picks model #{r.Best} ({(r.SameModel ? "same as ours" : "DIFFERENT")}); {r.Version}"]);
        else
            rows.Add(["R glm over the same 6,212 models", "-", "-", "-", "", "Rscript not found"]);

        var md = new StringBuilder();
        md.Append("# Benchmark: mse\n\n");
        md.Append(Inv, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}. ");
        md.Append("Data: five synthetic lists, 10,000 people (seed 2026), ").Append(h.Observed.ToString("N0", Inv)).Append(" observed. ");
        md.Append("Median of 5 runs for the search, single runs for the bootstraps. The machine is shared with other builds, so times vary.\n");
        md.Append("Peer: base R `glm(family = poisson)` over the same model list (R MultipleSystemsEstimation / SparseMSE are not in Debian ");
        md.Append("and cannot be installed offline; the issue reports 16-21 s for its search).\n\n");
        md.Append(Inv, $"Load average when the run ended: {LoadAverage()}. Wall is elapsed time; CPU is the process's processor time (all threads), ");
        md.Append("which on an idle 2-core machine bounds the wall time from below by CPU / 2.\n\n");
        md.Append("| Task | Size | Wall | CPU | Goal | Result |\n|---|---|---|---|---|---|\n");
        foreach (var row in rows) md.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        Console.Write(md.ToString());
        AtomicFile.WriteAllText(Path.Combine(FindRepoRoot(), "bench", "results", "mse.md"), md.ToString());
        return 0;

        string Sec(double s) => s.ToString("0.000", Inv) + " s";
    }

    private static (double Wall, double Cpu) Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static readonly Dictionary<string, long> KosovoCounts = new()
    {
        ["1000"] = 1131, ["0100"] = 845, ["0010"] = 936, ["0001"] = 306, ["1100"] = 177, ["1010"] = 228,
        ["1001"] = 106, ["0110"] = 217, ["0101"] = 31, ["0011"] = 123, ["1110"] = 181, ["1101"] = 18,
        ["1011"] = 42, ["0111"] = 32, ["1111"] = 27,
    };

    private sealed record RTiming(double Seconds, double Cpu, int Best, bool SameModel, string Version);

    private static async Task<RTiming?> TimeR(CaptureHistories h, int maxOrder)
    {
        var script = Path.Combine(FindRepoRoot(), "bench", "Workbench.Bench", "mse-glm.R");
        var dir = Directory.CreateTempSubdirectory("mse-bench");
        try
        {
            var k = h.Lists.Count;
            var counts = new StringBuilder(string.Join(",", Enumerable.Range(1, k).Select(i => $"x{i}")) + ",y\n");
            for (var p = 1; p < 1 << k; p++)
                counts.Append(string.Join(",", Enumerable.Range(0, k).Select(i => (p >> i) & 1))).Append(',').Append(h.Count(CaptureHistoriesPattern(p, k))).Append('\n');
            File.WriteAllText(Path.Combine(dir.FullName, "counts.csv"), counts.ToString());
            var models = HierarchicalModels.Enumerate(k, maxOrder);
            File.WriteAllLines(Path.Combine(dir.FullName, "models.txt"),
                models.Select(m => string.Join(",", m.Select(t => string.Join(":", Enumerable.Range(0, k).Where(i => (t >> i & 1) == 1).Select(i => i + 1))))));
            var psi = new ProcessStartInfo("Rscript", [script, Path.Combine(dir.FullName, "counts.csv"), Path.Combine(dir.FullName, "models.txt")])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var proc = Process.Start(psi);
            if (proc is null) return null;
            var output = await proc.StandardOutput.ReadToEndAsync();
            await proc.WaitForExitAsync();
            if (proc.ExitCode != 0) return null;
            var lines = output.Split('\n');
            var seconds = double.Parse(lines[0].Split(' ')[1], Inv);
            var best = int.Parse(lines[1].Split(' ')[1], Inv);
            var ours = MultipleSystems.Estimate(h, new MseOptions { Method = Selection.Bic, MaxOrder = maxOrder });
            var rModel = new ModelSpec(models[best - 1]).Notation(k);
            var cpu = double.Parse(lines[3].Split(' ')[1], Inv);
            return new RTiming(seconds, cpu, best, rModel == ours.ModelNotation, lines[2].Split(' ', 2)[1]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string CaptureHistoriesPattern(int mask, int k) =>
        new(Enumerable.Range(0, k).Select(i => (mask >> i & 1) == 1 ? '1' : '0').ToArray());

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
