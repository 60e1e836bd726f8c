using Workbench.Data;

namespace Workbench.Synthetic;

/// <summary>One generated dataset: the CSV text and its data dictionary.</summary>
/// <param name="Name">The dataset name; the files are <c>Name.csv</c> and <c>Name.dictionary.json</c>.</param>
/// <param name="Csv">The CSV text (UTF-8, "\n" line endings, invariant culture, a header line first).</param>
/// <param name="Dictionary">The dictionary (synthetic = true).</param>
public sealed record SyntheticDataset(string Name, string Csv, DataDictionary Dictionary);
