using System.CommandLine;
using Workbench.Synthetic;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench data generate --seed 2020 --out data-samples</c>: writes the synthetic data samples.</summary>
public sealed class DataGenerateCommand : ICliCommand
{
    /// <inheritdoc />
    public string? Parent => "data";

    /// <inheritdoc />
    public string ParentDescription => "Validate, describe and generate datasets.";

    /// <inheritdoc />
    public Command Build()
    {
        var seed = new Option<int>("--seed")
        {
            Description = $"Seed of the generator (default {SyntheticData.DefaultSeed}, the seed of the committed samples).",
            DefaultValueFactory = _ => SyntheticData.DefaultSeed,
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder to write the CSV files and their dictionaries to (created if missing; default data-samples).",
            DefaultValueFactory = _ => new DirectoryInfo("data-samples"),
        };
        var command = new Command("generate",
            "Generate the synthetic data samples (CSV + dictionary per dataset, and the published-figures ledger), " +
            "calibrated to the Rapporteur's 2020 factsheet. The same seed always gives byte-identical files.");
        command.Options.Add(seed);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(output)!.FullName;
            IReadOnlyList<string> written;
            try
            {
                written = SyntheticData.WriteAll(folder, parse.GetValue(seed));
            }
            catch (InvalidOperationException ex)
            {
                // A calibration that cannot reach its target for this seed: nothing half-calibrated is written.
                Console.Error.WriteLine($"workbench: generation failed: {ex.Message} Try another seed.");
                return ExitCodes.CheckFailed;
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"workbench: cannot write to {folder}: {ex.Message}");
                return ExitCodes.Usage;
            }
            foreach (var path in written) Console.Out.WriteLine(Path.GetRelativePath(Environment.CurrentDirectory, path));
            Console.Out.WriteLine($"{written.Count} files written to {folder}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
