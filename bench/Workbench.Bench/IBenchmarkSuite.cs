namespace Workbench.Bench;

/// <summary>A benchmark suite, chosen by name on the command line.</summary>
public interface IBenchmarkSuite
{
    /// <summary>The name used on the command line, e.g. "csv".</summary>
    string Name { get; }

    /// <summary>Runs the suite, prints a Markdown table of results and writes it to bench/results/&lt;name&gt;.md.</summary>
    Task<int> RunAsync(string[] args);
}
