using System.Text.Json;

namespace Workbench.Tests.Polyglot;

/// <summary>The runtime settings that keep a polyglot worker under its memory goal (bench/README.md, polyglot section).</summary>
public sealed class WorkerMemoryTests
{
    [Fact]
    public void CliRuntimeConfig_GcConserveMemory_CompactsFragments()
    {
        // Without it the polyglot fixture's worker kept 80-125 MB of free heap fragments and peaked at 620-650 MB.
        var config = Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(config));
        var value = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.ConserveMemory");
        Assert.Equal(7, value.GetInt32());
    }
}
