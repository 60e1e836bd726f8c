using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workbench.Data;
using Workbench.Notebooks.Running;

namespace Workbench.Cli.Commands;

/// <summary>Options and helpers shared by <c>workbench run</c> and <c>workbench verify</c>.</summary>
internal static class NotebookCli
{
    public static readonly string[] NotebookExtensions = [".ipynb", ".dib"];
    private static readonly string[] SkippedFolders = ["out", "bin", "obj", ".ipynb_checkpoints", ".git", "node_modules"];

    public static Option<double> CellTimeout() => new("--cell-timeout")
    {
        Description = "Seconds a single cell may run before its worker is stopped and the cell is reported as timed out.",
        DefaultValueFactory = _ => 300,
    };

    public static Option<double> StartTimeout() => new("--start-timeout")
    {
        Description = "Seconds a worker may take to start its kernel, before the first cell; a worker that takes longer is stopped and its notebook reported as timed out (raise it on a loaded machine).",
        DefaultValueFactory = _ => 180,
    };

    public static Option<double?> Timeout() => new("--timeout")
    {
        Description = "Seconds a whole notebook may run (default: no limit).",
    };

    public static Option<int> Jobs() => new("--jobs", "-j")
    {
        Description = "Notebooks run at once, each in its own worker process (default: the number of cores).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public static Option<bool> KeepGoing() => new("--keep-going")
    {
        Description = "Run the remaining cells after a cell fails (default: stop at the first failing cell, as papermill).",
    };

    public static Option<string> RunRecord() => new("--run-record")
    {
        Description = "Where the provenance record of the run is written.",
        DefaultValueFactory = _ => Path.Combine("out", "run.json"),
    };

    /// <summary>
    /// <c>--package-source DIR</c> (repeatable): the local package folders each kernel adds as NuGet sources before the
    /// first cell, shared by <c>run</c>, <c>verify</c> and <c>kernel</c>. <paramref name="defaultFolder"/> says where the
    /// default <c>artifacts/packages</c> is looked for.
    /// </summary>
    public static Option<string[]> PackageSource(string defaultFolder) => new("--package-source")
    {
        Description = "A local package folder added as a NuGet source before the first cell (repeatable). Default: the nearest " +
                      $"artifacts/packages at or above {defaultFolder}, so `#r \"nuget: Workbench, [0.1.0]\"` is the only set-up line.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>
    /// The folders given with <see cref="PackageSource"/> as full paths, or null when none was given (the default:
    /// the nearest <c>artifacts/packages</c>).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">A given folder does not exist (the command exits 2 with the message).</exception>
    public static IReadOnlyList<string>? PackageSources(string[]? given)
    {
        if (given is not { Length: > 0 }) return null;
        var missing = given.FirstOrDefault(d => !Directory.Exists(d));
        if (missing is not null)
            throw new DirectoryNotFoundException($"--package-source '{missing}' is not a folder; give the folder `dotnet pack` writes packages to (artifacts/packages).");
        return given.Select(Path.GetFullPath).ToList();
    }

    /// <summary>How this executable starts a worker: its own apphost, or the dotnet host with its dll.</summary>
    public static WorkerCommand Worker()
    {
        var process = Environment.ProcessPath;
        var dll = typeof(NotebookCli).Assembly.Location;
        if (process is not null && !Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return new WorkerCommand(process, ["worker"]);
        return WorkerCommand.ForCliAssembly(dll);
    }

    /// <summary>Expands files and folders (recursively, skipping out/, bin/, obj/) into notebook paths.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var result = new List<string>();
        var errors = new List<DataError>();
        foreach (var p in paths)
        {
            var full = Path.GetFullPath(p);
            if (Directory.Exists(full))
            {
                result.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Where(f => NotebookExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Where(f => !Path.GetRelativePath(full, f).Split(Path.DirectorySeparatorChar).SkipLast(1).Any(SkippedFolders.Contains))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(full)) result.Add(full);
            else errors.Add(new DataError(full, 0, 0, "no such notebook or folder; give an .ipynb, a .dib or a folder holding them."));
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        if (result.Count == 0)
            throw new DataValidationException([new DataError(string.Join(", ", paths), 0, 0, "no .ipynb or .dib notebooks found there.")]);
        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a progress display: a live Spectre.Console table on a terminal, plain
    /// lines when output is redirected (CI logs).
    /// </summary>
    public static async Task<T> WithProgressAsync<T>(Func<Action<RunProgress>, Task<T>> work)
    {
        var interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
        {
            var gate = new Lock();
            return await work(p =>
            {
                var line = p.Kind switch
                {
                    "started" => $"[{p.Notebook}] started ({p.CellCount} code cells)",
                    "cell-completed" => $"[{p.Notebook}] cell {p.CellNumber}/{p.CellCount} {p.Status?.ToString().ToLowerInvariant()}: {p.Detail}",
                    "completed" => $"[{p.Notebook}] {p.Detail}",
                    _ => null,
                };
                if (line is null) return;
                lock (gate) Console.WriteLine(line);
            });
        }
        var rows = new Dictionary<string, (string Status, string Cell)>(StringComparer.Ordinal);
        T result = default!;
        await AnsiConsole.Live(new Table()).AutoClear(false).StartAsync(async ctx =>
        {
            var gate = new Lock();
            void Render()
            {
                var table = new Table().AddColumn("Notebook").AddColumn("Status").AddColumn("Cell");
                foreach (var (name, row) in rows) table.AddRow(Markup.Escape(name), row.Status, Markup.Escape(row.Cell));
                ctx.UpdateTarget(table);
            }
            result = await work(p =>
            {
                lock (gate)
                {
                    rows[p.Notebook] = p.Kind switch
                    {
                        "queued" => ("[grey]queued[/]", ""),
                        "started" => ("[blue]starting kernel[/]", ""),
                        "cell-started" => ("[blue]running[/]", $"{p.CellNumber}/{p.CellCount} {p.Detail}"),
                        "cell-completed" when p.Status is not CellStatus.Passed => ("[red]" + p.Status + "[/]", $"{p.CellNumber}/{p.CellCount} {p.Detail}"),
                        "cell-completed" => ("[blue]running[/]", $"{p.CellNumber}/{p.CellCount} {p.Detail}"),
                        "completed" => p.Detail == "passed" ? ("[green]passed[/]", "") : ("[red]failed[/]", p.Detail),
                        _ => rows.GetValueOrDefault(p.Notebook),
                    };
                    Render();
                }
            });
        });
        return result;
    }

    /// <summary>
    /// Runs a command action, turning bad input into exit code 2 with the message on stderr. System.CommandLine's
    /// default handler would otherwise print an "Unhandled exception" with a stack trace and exit 1.
    /// </summary>
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (DataValidationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"workbench: {ex.Message}");
            return ExitCodes.Usage;
        }
    }

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
