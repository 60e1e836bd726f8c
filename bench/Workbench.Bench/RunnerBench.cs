using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using static Workbench.Bench.BenchHost;

namespace Workbench.Bench;

/// <summary>
/// Suite "runner": cold runs (a new process each time) of a 10-cell C# notebook with <c>workbench run</c> and with
/// dotnet-repl 0.3.259 on the same notebook, alternating, in the same session; plus the first-cell latency of
/// <c>workbench run</c> (process start to the first cell's completion line) and, when <c>notebooks/</c> holds
/// notebooks, one <c>workbench run notebooks -j 2</c>.
/// Usage: <c>runner [--repeat N] [--repl PATH] [--cli PATH]</c> (defaults: 5, /tmp/dotnet-repl/dotnet-repl, and the
/// Release build the README's main job runs, lib/Workbench.Cli/bin/Release/net10.0/Workbench.Cli.dll, whose C# compiler
/// assemblies are ReadyToRun; else the Workbench.Cli.dll built with the bench, IL only).
/// Install the peer with <c>dotnet tool install --tool-path /tmp/dotnet-repl dotnet-repl --version 0.3.259</c>.
/// </summary>
public sealed class RunnerBench : IBenchmarkSuite
{
    private const string PeerVersion = "0.3.259";

    /// <inheritdoc />
    public string Name => "runner";

    /// <inheritdoc />
    public async Task<int> RunAsync(string[] args)
    {
        var repeat = 5;
        var repl = "/tmp/dotnet-repl/dotnet-repl";
        var release = Path.Combine(BenchHost.RepositoryRoot(), "lib", "Workbench.Cli", "bin", "Release", "net10.0", "Workbench.Cli.dll");
        var cli = File.Exists(release) ? release : typeof(Workbench.Cli.ExitCodes).Assembly.Location;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--repeat") repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            if (args[i] == "--repl") repl = args[i + 1];
            if (args[i] == "--cli") cli = Path.GetFullPath(args[i + 1]);
        }
        var dir = Path.Combine(Path.GetTempPath(), "wb-runner-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var notebook = Path.Combine(dir, "nb.ipynb");
        File.WriteAllText(notebook, TenCellNotebook());
        var hasPeer = File.Exists(repl);
        if (!hasPeer) Console.Error.WriteLine($"dotnet-repl not found at {repl}; measuring workbench only.");

        var ours = new List<(double Wall, double First)>();
        var peer = new List<double>();
        // One untimed run of each first, so both find the same files in the OS cache.
        await Workbench(cli, notebook, dir);
        if (hasPeer) await Repl(repl, notebook, dir);
        for (var i = 0; i < repeat; i++)
        {
            if (hasPeer && i % 2 == 1) peer.Add(await Repl(repl, notebook, dir));
            ours.Add(await Workbench(cli, notebook, dir));
            if (hasPeer && i % 2 == 0) peer.Add(await Repl(repl, notebook, dir));
            Console.Error.WriteLine($"run {i + 1}/{repeat}: workbench {ours[^1].Wall:0.00} s (first cell {ours[^1].First:0.00} s)" +
                                    (hasPeer ? $", dotnet-repl {peer[^1]:0.00} s" : ""));
        }
        double? all = null;
        var root = RepositoryRoot();
        var notebooksDir = Path.Combine(root, "notebooks");
        if (Directory.Exists(notebooksDir) &&
            Directory.EnumerateFiles(notebooksDir, "*.*", SearchOption.AllDirectories).Any(f => f.EndsWith(".ipynb", StringComparison.Ordinal) || f.EndsWith(".dib", StringComparison.Ordinal)))
        {
            var clock = Stopwatch.StartNew();
            await Process(WorkbenchHost(), [cli, "run", notebooksDir, "-j", "2", "--out", Path.Combine(dir, "all"), "--run-record", Path.Combine(dir, "all.json")], root, null);
            all = clock.Elapsed.TotalSeconds;
        }

        var md = Report(cli, ours, peer, hasPeer, repeat, all);
        Console.WriteLine(md);
        WriteResults(Path.Combine(root, "bench", "results", "runner.md"), md);
        try { Directory.Delete(dir, true); } catch (IOException) { }
        return 0;
    }

    private static bool IsReadyToRun(string dll)
    {
        var roslyn = Path.Combine(Path.GetDirectoryName(dll)!, "Microsoft.CodeAnalysis.CSharp.dll");
        if (!File.Exists(roslyn)) return false;
        using var stream = File.OpenRead(roslyn);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static string Report(string cli, List<(double Wall, double First)> ours, List<double> peer, bool hasPeer, int repeat, double? all)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Runner benchmark: cold run of a 10-cell C# notebook");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(inv, $"- Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; load average at start {LoadAverage()}");
        sb.AppendLine(inv, $"- Peer: dotnet-repl {PeerVersion} (`--run nb.ipynb --exit-after-run --output-path out.ipynb </dev/null`)");
        sb.AppendLine(inv, $"- workbench: `{cli}` ({(IsReadyToRun(cli) ? "C# compiler assemblies ReadyToRun" : "IL only, not ReadyToRun")})");
        sb.AppendLine(inv, $"- Each run is a new process; {repeat} timed runs each, alternating, after one untimed run of each.");
        sb.AppendLine();
        sb.AppendLine("| Tool | Median wall (s) | Min (s) | Max (s) | First-cell latency, median (s) |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        var w = ours.Select(o => o.Wall).ToList();
        sb.AppendLine(inv, $"| workbench run | {Median(w):0.00} | {w.Min():0.00} | {w.Max():0.00} | {Median(ours.Select(o => o.First).ToList()):0.00} |");
        if (hasPeer)
        {
            sb.AppendLine(inv, $"| dotnet-repl {PeerVersion} | {Median(peer):0.00} | {peer.Min():0.00} | {peer.Max():0.00} | n/a |");
            sb.AppendLine();
            var ratio = Median(w) / Median(peer);
            sb.AppendLine(inv, $"Ratio workbench / dotnet-repl (median wall): **{ratio:0.00}x** (goal: at most 0.80x): {(ratio <= 0.8 ? "met" : "not met")}.");
        }
        if (all is { } a)
        {
            sb.AppendLine();
            sb.AppendLine(inv, $"All notebooks under `notebooks/` with `-j 2`: {a:0.0} s wall.");
        }
        sb.AppendLine();
        sb.AppendLine("First-cell latency: from starting `workbench run` to the line reporting the first cell done (worker start, kernel creation and compiler warm-up included).");
        return sb.ToString();
    }

    private static async Task<(double Wall, double First)> Workbench(string cli, string notebook, string dir)
    {
        var clock = Stopwatch.StartNew();
        double first = double.NaN;
        await Process(WorkbenchHost(), [cli, "run", notebook, "-j", "1", "--out", Path.Combine(dir, "out"), "--run-record", Path.Combine(dir, "run.json")], dir,
            line => { if (double.IsNaN(first) && line.Contains("cell 1/", StringComparison.Ordinal)) first = clock.Elapsed.TotalSeconds; });
        return (clock.Elapsed.TotalSeconds, first);
    }

    private static async Task<double> Repl(string repl, string notebook, string dir)
    {
        var clock = Stopwatch.StartNew();
        await Process(repl, ["--run", notebook, "--exit-after-run", "--output-path", Path.Combine(dir, "repl-out.ipynb")], dir, null);
        return clock.Elapsed.TotalSeconds;
    }

    private static string WorkbenchHost() => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    private static async Task Process(string file, IEnumerable<string> args, string dir, Action<string>? onLine)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = dir, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(info)!;
        p.StandardInput.Close();
        var err = p.StandardError.ReadToEndAsync();
        string? line;
        var output = new StringBuilder();
        while ((line = await p.StandardOutput.ReadLineAsync()) is not null)
        {
            onLine?.Invoke(line);
            output.AppendLine(line);
        }
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} exited with {p.ExitCode}:\n{output}\n{await err}");
    }

    private static double Median(List<double> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static void WriteResults(string path, string markdown)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, markdown);
        File.Move(temp, path, overwrite: true);
    }

    private static string TenCellNotebook()
    {
        string[] cells =
        [
            "var rng = new Random(42);\nvar sample = Enumerable.Range(0, 1000).Select(_ => rng.NextDouble()).ToArray();",
            "var mean = sample.Average();\nmean",
            "var variance = sample.Select(x => (x - mean) * (x - mean)).Sum() / (sample.Length - 1);\nMath.Sqrt(variance)",
            "record Case(string Region, int Year, int Count);",
            "var cases = new List<Case> { new(\"North\", 2022, 12), new(\"South\", 2022, 7), new(\"North\", 2023, 15), new(\"South\", 2023, 9) };\ncases.Count",
            "cases.GroupBy(c => c.Region).Select(g => new { Region = g.Key, Total = g.Sum(c => c.Count) }).ToList()",
            "Console.WriteLine(string.Join(\", \", cases.Select(c => $\"{c.Region}:{c.Count}\")));",
            "static double Median(IEnumerable<double> xs) { var s = xs.OrderBy(x => x).ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }\nMedian(sample)",
            "display(cases.Where(c => c.Year == 2023).ToList());",
            "var summary = $\"n={sample.Length}, mean={mean:F4}\";\nsummary",
        ];
        var json = new
        {
            cells = cells.Select((c, i) => new Dictionary<string, object?>
            {
                ["cell_type"] = "code", ["execution_count"] = null, ["id"] = $"bench{i:000}", ["metadata"] = new { },
                ["outputs"] = Array.Empty<object>(), ["source"] = c,
            }),
            metadata = new
            {
                kernelspec = new { display_name = ".NET (C#)", language = "C#", name = ".net-csharp" },
                language_info = new { name = "polyglot-notebook" },
                polyglot_notebook = new { kernelInfo = new { defaultKernelName = "csharp", items = new[] { new { name = "csharp", aliases = Array.Empty<string>() } } } },
            },
            nbformat = 4,
            nbformat_minor = 5,
        };
        return JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true });
    }
}
