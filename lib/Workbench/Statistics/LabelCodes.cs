using System.Runtime.CompilerServices;

namespace Workbench.Statistics;

/// <summary>
/// Integer codes that a reader already computed for a label array (strata, clusters, domains), attached to the
/// array instance so that the estimator need not hash a million strings again. The codes are used only if every
/// element is still the very string instance they were made from, so a caller that edits the array is safe.
/// </summary>
internal static class LabelCodes
{
    private sealed record Entry(string[] Levels, int[] Codes);

    private static readonly ConditionalWeakTable<string?[], Entry> Table = new();

    /// <summary>Registers <paramref name="codes"/> (−1 for null) into <paramref name="levels"/> for <paramref name="labels"/>.</summary>
    public static void Register(string?[] labels, string[] levels, int[] codes) => Table.AddOrUpdate(labels, new Entry(levels, codes));

    /// <summary>The codes of <paramref name="labels"/> in order of first appearance, if registered and unchanged.</summary>
    public static bool TryGet(string?[] labels, out string[] levels, out int[] codes)
    {
        levels = []; codes = [];
        if (!Table.TryGetValue(labels, out var e) || e.Codes.Length != labels.Length) return false;
        for (var i = 0; i < labels.Length; i++)
        {
            var c = e.Codes[i];
            if (c < 0 ? labels[i] is not null : !ReferenceEquals(labels[i], e.Levels[c])) return false;
        }
        (levels, codes) = (e.Levels, e.Codes);
        return true;
    }
}
