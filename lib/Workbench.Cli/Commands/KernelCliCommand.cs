using System.CommandLine;
using NetMQ;
using Workbench.Notebooks.Engine;
using Workbench.Notebooks.Jupyter;
using Workbench.Notebooks.Running;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench kernel --connection-file F</c>: the Jupyter kernel front ends start; <c>workbench kernel install</c>:
/// writes its kernelspec where JupyterLab, VS Code and jupyter_client find it.
/// </summary>
public sealed class KernelCliCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var connectionFile = new Option<string?>("--connection-file", "-f")
        {
            Description = "The connection file the Jupyter front end wrote (ports, IP and signing key).",
        };
        var maxFrame = new Option<long>("--max-frame-bytes")
        {
            Description = "The largest ZeroMQ frame the kernel accepts; a peer sending a larger one is disconnected before the frame is read. " +
                          "Default 67108864 (64 MiB).",
            DefaultValueFactory = _ => JupyterKernelOptions.DefaultMaxFrameBytes,
        };
        var packageSource = NotebookCli.PackageSource("the kernel's working folder (the notebook's)");
        var command = new Command("kernel",
            "Run the C# Jupyter kernel (messaging protocol 5.3) on the engine of `workbench run`, for JupyterLab and VS Code. " +
            "Front ends start it through the kernelspec that `workbench kernel install` writes. The kernel stops when the front end " +
            "whose process id is in JPY_PARENT_PID exits. Exit codes: 0 after a shutdown request, 1 the front end exited, " +
            "2 usage or an unreadable connection file.")
        {
            connectionFile, maxFrame, packageSource,
        };
        command.SetAction((parse, ct) => NotebookCli.GuardAsync(async () =>
        {
            var path = parse.GetValue(connectionFile);
            if (string.IsNullOrEmpty(path))
            {
                Console.Error.WriteLine("workbench kernel: give --connection-file FILE (Jupyter front ends do this through the kernelspec; " +
                                        "run `workbench kernel install` to register it).");
                return ExitCodes.Usage;
            }
            var connection = ConnectionInfo.Load(path);
            JupyterKernelOptions options;
            try
            {
                options = new JupyterKernelOptions { MaxFrameBytes = parse.GetValue(maxFrame), ParentProcessId = ParentProcessId() };
            }
            catch (ArgumentOutOfRangeException ex)
            {
                Console.Error.WriteLine($"workbench kernel: {ex.Message.Split(" (Parameter", 2)[0]}");
                return ExitCodes.Usage;
            }
            // A cell that reads standard input gets end-of-file instead of blocking the kernel forever.
            Console.SetIn(TextReader.Null);
            IReadOnlyList<string> sources;
            try
            {
                sources = NotebookCli.PackageSources(parse.GetValue(packageSource))
                    ?? (LocalPackageFeed.Find(Environment.CurrentDirectory) is { } feed ? [feed] : []);
            }
            catch (DirectoryNotFoundException ex)
            {
                Console.Error.WriteLine($"workbench kernel: {ex.Message}");
                return ExitCodes.Usage;
            }
            var engineOptions = new NotebookEngineOptions { PackageSources = sources, DisplayFolder = Environment.CurrentDirectory };
            using var kernel = new JupyterKernel(connection, () => new CSharpNotebookEngine(engineOptions), Console.Error, options);
            KernelExit exit;
            try
            {
                exit = await kernel.RunAsync(ct);
            }
            finally
            {
                NetMQConfig.Cleanup(block: false);
            }
            return exit == KernelExit.ParentExited ? ExitCodes.CheckFailed : ExitCodes.Success;
        }));
        command.Subcommands.Add(Install());
        return command;
    }

    /// <summary>The front end's process id from JPY_PARENT_PID (jupyter_client sets it), or null when absent or not a number.</summary>
    private static int? ParentProcessId() =>
        int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;

    private static Command Install()
    {
        var user = new Option<bool>("--user") { Description = "Install for the current user (~/.local/share/jupyter/kernels on Linux). The default." };
        var prefix = new Option<string?>("--prefix") { Description = "Install under DIR/share/jupyter/kernels (e.g. a virtual environment or a test folder)." };
        var command = new Command("install",
            $"Write the kernelspec '{KernelSpec.Name}' (\"{KernelSpec.DisplayName}\") so that Jupyter front ends offer this kernel. " +
            "It runs this installed executable; install again after moving it. Exit codes: 0 installed, 2 usage.")
        {
            user, prefix,
        };
        command.SetAction(parse => NotebookCli.GuardAsync(() =>
        {
            var prefixValue = parse.GetValue(prefix);
            if (parse.GetValue(user) && prefixValue is not null)
            {
                Console.Error.WriteLine("workbench kernel install: give either --user or --prefix DIR, not both.");
                return Task.FromResult(ExitCodes.Usage);
            }
            var kernels = prefixValue is null ? KernelSpec.UserKernelsFolder() : KernelSpec.PrefixKernelsFolder(prefixValue);
            var folder = KernelSpec.Install(kernels, SelfCommand());
            Console.WriteLine($"Installed kernelspec {KernelSpec.Name} (\"{KernelSpec.DisplayName}\") in {folder}");
            if (prefixValue is not null)
                Console.WriteLine($"Jupyter finds it when {Path.Combine(Path.GetFullPath(prefixValue), "share", "jupyter")} is on JUPYTER_PATH or the prefix is Jupyter's own.");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    /// <summary>How the kernelspec starts this executable: its apphost, or the dotnet host with this dll.</summary>
    internal static IReadOnlyList<string> SelfCommand()
    {
        var process = Environment.ProcessPath;
        if (process is not null && !Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return [process];
        return [WorkerCommand.DotnetHost(), Path.GetFullPath(typeof(KernelCliCommand).Assembly.Location)];
    }
}
