using System.Globalization;
using Workbench.Bench;

// Each benchmark suite lives in its own file and implements IBenchmarkSuite; run one with
//   dotnet run -c Release --project bench/Workbench.Bench -- <suite> [args]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var suites = typeof(IBenchmarkSuite).Assembly.GetTypes()
    .Where(t => typeof(IBenchmarkSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();
var suite = args.Length > 0 ? suites.FirstOrDefault(s => s.Name == args[0]) : null;
if (suite is null)
{
    Console.Error.WriteLine("usage: Workbench.Bench <suite> [args]; suites: " + string.Join(", ", suites.Select(s => s.Name)));
    return 2;
}
return await suite.RunAsync(args[1..]);
