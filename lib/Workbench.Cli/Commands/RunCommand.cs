using System.CommandLine;
using Workbench.Notebooks.Running;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench run</c>: runs notebooks headlessly, each in a fresh worker, and writes the executed copies.</summary>
public sealed class RunCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebooks (.ipynb, .dib) or folders holding them.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for the executed notebooks.", DefaultValueFactory = _ => Path.Combine("out", "notebooks") };
        var inPlace = new Option<bool>("--in-place") { Description = "Write the executed notebook over the source .ipynb (only when it passes)." };
        var param = new Option<string[]>("--param", "-p") { Description = "A parameter value, name=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var paramsFile = new Option<string?>("--params") { Description = "A JSON file of parameter values, e.g. {\"year\": 2024}." };
        var keepGoing = NotebookCli.KeepGoing();
        var cellTimeout = NotebookCli.CellTimeout();
        var startTimeout = NotebookCli.StartTimeout();
        var timeout = NotebookCli.Timeout();
        var jobs = NotebookCli.Jobs();
        var record = NotebookCli.RunRecord();
        var packageSource = NotebookCli.PackageSource("each notebook's folder");
        var command = new Command("run",
            "Run notebooks headlessly on the in-process C# kernel, one worker process per notebook, and write the executed " +
            "copies (nbformat 4.5) to --out. Stops a notebook at its first failing cell (papermill semantics); a failed run writes " +
            "NAME.failed.ipynb and leaves the previous good output in place. Exit codes: 0 all passed, 1 a notebook failed, 2 usage.")
        {
            paths, output, inPlace, param, paramsFile, keepGoing, cellTimeout, startTimeout, timeout, jobs, record, packageSource,
        };
        command.SetAction((parse, ct) => NotebookCli.GuardAsync(async () =>
        {
            var options = new RunOptions
            {
                Worker = NotebookCli.Worker(),
                OutputDirectory = parse.GetValue(output)!,
                InPlace = parse.GetValue(inPlace),
                Parameters = parse.GetValue(param) ?? [],
                ParametersFile = parse.GetValue(paramsFile),
                KeepGoing = parse.GetValue(keepGoing),
                CellTimeout = TimeSpan.FromSeconds(Positive(parse.GetValue(cellTimeout), "--cell-timeout")),
                StartTimeout = TimeSpan.FromSeconds(Positive(parse.GetValue(startTimeout), "--start-timeout")),
                NotebookTimeout = parse.GetValue(timeout) is { } t ? TimeSpan.FromSeconds(Positive(t, "--timeout")) : null,
                Parallelism = Math.Max(1, parse.GetValue(jobs)),
                RunRecordPath = parse.GetValue(record),
                PackageSources = NotebookCli.PackageSources(parse.GetValue(packageSource)),
            };
            var notebooks = NotebookCli.Expand(parse.GetValue(paths)!);
            var runner = new NotebookRunner(options);
            runner.Prepare(notebooks);
            var results = await NotebookCli.WithProgressAsync(progress => new NotebookRunner(options, progress).RunAsync(notebooks, ct));
            foreach (var r in results)
            {
                if (r.Succeeded) Console.WriteLine($"passed  {r.Document.Path} ({NotebookCli.Seconds(r.Duration)}) -> {r.OutputPath}");
                else Console.WriteLine($"FAILED  {r.Failure}" + (r.OutputPath is null ? "" : $" (executed copy: {r.OutputPath})"));
            }
            var passed = results.Count(r => r.Succeeded);
            Console.WriteLine($"{passed} passed, {results.Count - passed} failed");
            return passed == results.Count ? ExitCodes.Success : ExitCodes.CheckFailed;
        }));
        return command;
    }

    internal static double Positive(double value, string option) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentException($"{option} must be a positive number of seconds (got {value}).");
}
