using System.Collections.Concurrent;

namespace Workbench.Estimation;

/// <summary>
/// Enumerates the hierarchical log-linear models on k lists with interactions up to a given order, i.e. the abstract
/// simplicial complexes on the lists (families of subsets closed under taking subsets) that contain every list and
/// no set larger than the order. Candidate sets are visited by increasing size, so a set is offered only once all its
/// subsets have been decided; each complex is produced exactly once. 5 lists up to order 3: 6,212 models; 6 lists up
/// to order 2: 32,768.
/// </summary>
public static class HierarchicalModels
{
    private static readonly ConcurrentDictionary<(int, int), IReadOnlyList<int[]>> Cache = new();

    /// <summary>Number of hierarchical models on <paramref name="lists"/> lists up to <paramref name="maxOrder"/>.</summary>
    public static int Count(int lists, int maxOrder) => Enumerate(lists, maxOrder).Count;

    /// <summary>The models as interaction-term bit masks (main effects implied), in a fixed order.</summary>
    internal static IReadOnlyList<int[]> Enumerate(int k, int maxOrder) =>
        Cache.GetOrAdd((k, Math.Min(maxOrder, k)), key => Build(key.Item1, key.Item2));

    private static readonly ConcurrentDictionary<(int, int), int[]> SizeOrder = new();

    /// <summary>Indexes into <see cref="Enumerate"/> ordered by number of terms (stable).</summary>
    internal static int[] BySize(int k, int maxOrder) =>
        SizeOrder.GetOrAdd((k, Math.Min(maxOrder, k)), key =>
        {
            var models = Enumerate(key.Item1, key.Item2);
            return Enumerable.Range(0, models.Count).OrderBy(i => models[i].Length).ThenBy(i => i).ToArray();
        });

    private static IReadOnlyList<int[]> Build(int k, int maxOrder)
    {
        var candidates = Enumerable.Range(1, (1 << k) - 1)
            .Where(m => LogLinearFitter.Order(m) >= 2 && LogLinearFitter.Order(m) <= maxOrder)
            .OrderBy(m => m, TermOrder.Instance)
            .ToArray();
        var result = new List<int[]>();
        var included = new HashSet<int>();
        var chosen = new Stack<int>();
        void Recurse(int i)
        {
            if (i == candidates.Length)
            {
                result.Add(chosen.Reverse().ToArray());
                return;
            }
            Recurse(i + 1);
            var t = candidates[i];
            if (LogLinearFitter.Order(t) > 2)
            {
                for (var b = t; b != 0; b &= b - 1)
                    if (!included.Contains(t & ~(b & -b))) return;
            }
            included.Add(t);
            chosen.Push(t);
            Recurse(i + 1);
            chosen.Pop();
            included.Remove(t);
        }
        Recurse(0);
        return result;
    }
}
