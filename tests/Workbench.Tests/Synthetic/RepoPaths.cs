using System.Globalization;
using Workbench.Data;

namespace Workbench.Tests.Synthetic;

/// <summary>Finds the repository (the folder holding Workbench.sln) and reads committed data samples.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string DataSamples => Path.Combine(Root, "data-samples");

    public static string Sample(string name) => Path.Combine(DataSamples, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Workbench.sln not found above {AppContext.BaseDirectory}.");
    }

    public static RawColumns Read(string dataset, params string[] columns) =>
        CsvColumns.Read(Sample(dataset + ".csv"), columns);

    public static double[] Doubles(this RawColumns raw, string column, double missing) =>
        raw.Values[column].Select(s => s is null ? missing : double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    public static string[] Strings(this RawColumns raw, string column) =>
        raw.Values[column].Select(s => s ?? "").ToArray();

    /// <summary>sum(w*y)/sum(w) over the rows where <paramref name="include"/> holds (y missing rows must be excluded).</summary>
    public static double WeightedMean(double[] y, double[] w, Func<int, bool> include)
    {
        double num = 0, den = 0;
        for (var i = 0; i < y.Length; i++)
        {
            if (!include(i)) continue;
            num += w[i] * y[i];
            den += w[i];
        }
        return num / den;
    }
}
