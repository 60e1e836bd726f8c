using System.CommandLine;
using System.Globalization;
using Workbench.Cli;
using Workbench.Data;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
// Data values reach the terminal in tables and messages: escape the control characters they may carry.
TerminalSafeWriter.InstallOnConsole();

var root = new RootCommand(
    "workbench: validate the data samples, rerun and verify the studies, estimate, protect and export figures " +
    "for the Dutch National Rapporteur's research. Exit codes: 0 success, 1 a check found a problem, 2 usage or unreadable input.");
// A worker (one per notebook, started by `workbench run`) needs only its own command: building the others first
// would delay the start of its kernel.
List<ICliCommand> modules = args is ["worker", ..]
    ? [new Workbench.Cli.Commands.WorkerCliCommand()]
    : typeof(ICliCommand).Assembly.GetTypes()
        .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
        .ToList();
foreach (var module in modules.Where(m => m.Parent is null)) root.Subcommands.Add(module.Build());
foreach (var module in modules.Where(m => m.Parent is not null))
{
    var parent = root.Subcommands.FirstOrDefault(c => c.Name == module.Parent);
    if (parent is null)
    {
        parent = new Command(module.Parent!, module.ParentDescription);
        root.Subcommands.Add(parent);
    }
    parent.Subcommands.Add(module.Build());
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"workbench: {error.Message}");
    Console.Error.WriteLine("Run with --help for usage.");
    return ExitCodes.Usage;
}
try
{
    // The default handler would print a stack trace and exit 1; bad input must exit 2 with its message.
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (DataValidationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ExitCodes.Usage;
}
catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or ArgumentException)
{
    Console.Error.WriteLine($"workbench: {ex.Message}");
    return ExitCodes.Usage;
}
