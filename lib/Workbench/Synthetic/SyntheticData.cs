using Workbench.IO;

namespace Workbench.Synthetic;

/// <summary>
/// Entry point of the synthetic data generator: every dataset of <c>data-samples/</c>, generated from one seed.
/// The same seed always gives byte-identical files (own PRNG, invariant formats, "\n" line endings).
/// </summary>
public static class SyntheticData
{
    /// <summary>The seed of the committed data samples.</summary>
    public const int DefaultSeed = 2020;

    /// <summary>Generates every dataset (CSV text and dictionary) for <paramref name="seed"/>, in a fixed order.</summary>
    public static IReadOnlyList<SyntheticDataset> GenerateAll(int seed = DefaultSeed) =>
    [
        SurveySexualViolence.Generate(seed),
        TraffickingRegistrations.Generate(seed),
        TraffickingPopulationTruth.Generate(seed),
        ProsecutionCases.Generate(seed),
        YouthCareLinkage.GenerateSupervision(seed),
        YouthCareLinkage.GenerateClosedCare(seed),
        MunicipalPolicy.Generate(seed),
        PublishedFigures.Generate(seed),
        PopulationMargins.Generate(seed),
    ];

    /// <summary>
    /// Writes every dataset to <paramref name="folder"/> as <c>name.csv</c> and <c>name.dictionary.json</c>, each
    /// file atomically. Everything is generated before the first file is written, so a failed calibration leaves
    /// the folder untouched. Returns the paths written, in order.
    /// </summary>
    /// <exception cref="InvalidOperationException">A calibration could not reach its target for this seed.</exception>
    public static IReadOnlyList<string> WriteAll(string folder, int seed = DefaultSeed)
    {
        var written = new List<string>();
        var datasets = GenerateAll(seed);
        foreach (var dataset in datasets)
        {
            var csv = Path.Combine(folder, dataset.Name + ".csv");
            var json = Path.Combine(folder, dataset.Name + ".dictionary.json");
            AtomicFile.WriteAllText(csv, dataset.Csv);
            AtomicFile.WriteAllText(json, dataset.Dictionary.ToJson());
            written.Add(csv);
            written.Add(json);
        }
        return written;
    }
}
