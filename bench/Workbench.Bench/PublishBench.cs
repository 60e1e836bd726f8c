using System.Diagnostics;
using System.Globalization;
using System.Text;
using static Workbench.Bench.BenchHost;

namespace Workbench.Bench;

/// <summary>
/// Time of <c>workbench publish all</c> (issue 15): every study in Dutch and English as DOCX, PDF and HTML from the
/// output folder of <c>workbench verify notebooks</c>, as the user runs it (one CLI process, start-up included), and
/// the formats on their own. Goal: under 20 s for all studies, both languages, three formats. No peer: the issue names none.
/// </summary>
public sealed class PublishBench : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "publish";

    /// <inheritdoc />
    public Task<int> RunAsync(string[] args)
    {
        // args: [verify output folder (default out)] [repeats (default 3)]
        var from = Path.GetFullPath(args.Length > 0 ? args[0] : "out");
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        if (!File.Exists(Path.Combine(from, "verification.json")))
        {
            Console.Error.WriteLine($"publish bench: {from}/verification.json not found; run `workbench verify notebooks --out {from}` first.");
            return Task.FromResult(2);
        }
        var cli = typeof(Workbench.Cli.ExitCodes).Assembly.Location;
        var sb = new StringBuilder();
        sb.AppendLine("# Publish benchmark");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; .NET {Environment.Version}; Release build; peer: none (the issue names none); load average at start: {LoadAverage()}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"`workbench publish all --from {Path.GetFileName(from)} --lang nl,en --format ...` as one process (start-up, Chromium start for PDF, staging and swap included; CPU: user + system of the process and its children); median and minimum of {repeats} runs after one warm-up run.");
        sb.AppendLine();
        sb.AppendLine("| formats | documents | median s | min s | CPU s (median) |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        var dir = Path.Combine(Path.GetTempPath(), "wb-publish-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            foreach (var formats in new[] { "docx,pdf,html", "docx", "pdf", "html" })
            {
                var times = new List<(double Wall, double Cpu)>();
                var documents = 0;
                for (var r = 0; r <= repeats; r++)
                {
                    var outDir = Path.Combine(dir, formats.Replace(',', '-') + "-" + r.ToString(CultureInfo.InvariantCulture));
                    var psi = new ProcessStartInfo("dotnet", [cli, "publish", "all", "--from", from, "--out", outDir, "--format", formats, "--lang", "nl,en"])
                    {
                        RedirectStandardOutput = true,
                        RedirectStandardError = true,
                    };
                    var cpu = ChildrenCpuSeconds();
                    var sw = Stopwatch.StartNew();
                    using var p = Process.Start(psi)!;
                    var stdout = p.StandardOutput.ReadToEndAsync();
                    var stderr = p.StandardError.ReadToEndAsync();
                    p.WaitForExit();
                    var wall = sw.Elapsed.TotalSeconds;
                    if (p.ExitCode != 0)
                    {
                        Console.Error.WriteLine($"publish bench: {formats} failed (exit {p.ExitCode}):\n{stdout.Result}{stderr.Result}");
                        return Task.FromResult(1);
                    }
                    documents = Directory.GetFiles(outDir).Length;
                    if (r > 0) times.Add((wall, ChildrenCpuSeconds() - cpu));
                    Console.Error.WriteLine($"publish bench: {formats} run {r}: {wall:F2} s{(r == 0 ? " (warm-up)" : "")}");
                }
                var walls = times.Select(t => t.Wall).Order().ToList();
                var cpus = times.Select(t => t.Cpu).Order().ToList();
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {formats} | {documents} | {walls[walls.Count / 2]:F2} | {walls[0]:F2} | {cpus[cpus.Count / 2]:F2} |"));
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        var text = sb.ToString();
        Console.Write(text);
        File.WriteAllText(Path.Combine(FindResultsDir(), "publish.md"), text);
        return Task.FromResult(0);
    }

    /// <summary>User + system CPU of the waited-for descendants (the CLI, its Chromium and renderers), from getrusage(RUSAGE_CHILDREN).</summary>
    private static double ChildrenCpuSeconds()
    {
        var usage = new long[18];
        return getrusage(-1, usage) == 0 ? usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6 : double.NaN;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, long[] usage);

    private static string FindResultsDir()
    {
        var results = Path.Combine(RepositoryRoot(), "bench", "results");
        Directory.CreateDirectory(results);
        return results;
    }
}
