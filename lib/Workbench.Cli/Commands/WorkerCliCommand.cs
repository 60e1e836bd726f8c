using System.CommandLine;
using Workbench.Notebooks.Running;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench worker</c> (hidden): runs one notebook's cells for <c>workbench run</c>, which starts it in the
/// notebook's folder and talks to it over a private socket (<c>--channel</c>), not standard input and output.
/// </summary>
public sealed class WorkerCliCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var channel = new Option<string?>("--channel") { Description = "The runner's socket." };
        var packageSource = new Option<string[]>(NotebookWorker.PackageSourceOption)
        {
            Description = "A local package folder the engine adds as a NuGet source (repeatable).", AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("worker", "Internal: runs one notebook for `workbench run` (reads the request on the runner's socket).") { Hidden = true };
        command.Options.Add(channel);
        command.Options.Add(packageSource);
        command.SetAction(async (parse, _) =>
        {
            var code = await NotebookWorker.RunAsync(parse.GetValue(channel), parse.GetValue(packageSource) ?? []);
            // Threads a notebook started must not keep the worker alive after its last cell.
            await Console.Error.FlushAsync();
            Environment.Exit(code);
            return code;
        });
        return command;
    }
}
