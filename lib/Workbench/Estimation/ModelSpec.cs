using System.Numerics;
using System.Text;

namespace Workbench.Estimation;

/// <summary>
/// A hierarchical log-linear model: the interaction terms among lists (bit masks with at least two bits, closed under
/// taking subsets) and the lists that interact with the covariate factor. Main effects, the intercept and the
/// covariate main effect are always in the model.
/// </summary>
internal sealed class ModelSpec
{
    public ModelSpec(IEnumerable<int> terms, int covariateLists = 0)
        : this(terms, covariateLists == 0 ? [] : [covariateLists], []) { }

    /// <summary>A model with list-by-covariate interactions per covariate factor and covariate-by-covariate pairs.</summary>
    public ModelSpec(IEnumerable<int> terms, int[] factorLists, int[] factorPairs)
    {
        Terms = Close(terms);
        FactorLists = factorLists;
        FactorPairs = factorPairs;
    }

    /// <summary>Interaction terms (popcount 2 or more), sorted by order then mask, closed under subsets.</summary>
    public int[] Terms { get; }

    /// <summary>Per covariate factor, the bit mask of lists interacting with it (missing entries: none).</summary>
    public int[] FactorLists { get; }

    /// <summary>Covariate-by-covariate interactions, each encoded as a * 16 + b for factors a &lt; b, sorted.</summary>
    public int[] FactorPairs { get; }

    /// <summary>Bit mask of lists with a list-by-covariate interaction (the first, or only, covariate factor).</summary>
    public int CovariateLists => ListsOf(0);

    /// <summary>Lists interacting with factor <paramref name="factor"/>.</summary>
    public int ListsOf(int factor) => factor < FactorLists.Length ? FactorLists[factor] : 0;

    /// <summary>Wraps terms already closed and sorted (from <see cref="HierarchicalModels"/>) without copying.</summary>
    private ModelSpec(int[] closedSortedTerms)
    {
        Terms = closedSortedTerms;
        FactorLists = [];
        FactorPairs = [];
    }

    public static ModelSpec FromClosed(int[] closedSortedTerms) => new(closedSortedTerms);

    public static ModelSpec MainEffects { get; } = new([]);

    public ModelSpec With(int term) => new(Terms.Append(term), FactorLists, FactorPairs);

    public ModelSpec Without(int term) => new(Terms.Where(t => t != term), FactorLists, FactorPairs);

    public ModelSpec WithCovariate(int list) => WithFactorList(0, list, true);

    /// <summary>Adds (or removes) the interaction of list <paramref name="list"/> with factor <paramref name="factor"/>.</summary>
    public ModelSpec WithFactorList(int factor, int list, bool add)
    {
        var lists = new int[Math.Max(FactorLists.Length, factor + 1)];
        FactorLists.CopyTo(lists, 0);
        lists[factor] = add ? lists[factor] | (1 << list) : lists[factor] & ~(1 << list);
        return new(Terms, lists, FactorPairs);
    }

    /// <summary>Adds (or removes) the interaction of factors <paramref name="a"/> &lt; <paramref name="b"/>.</summary>
    public ModelSpec WithFactorPair(int a, int b, bool add)
    {
        var code = a * 16 + b;
        var pairs = add ? FactorPairs.Append(code).Distinct().Order().ToArray() : FactorPairs.Where(p => p != code).ToArray();
        return new(Terms, FactorLists, pairs);
    }

    public bool Contains(int term) => Array.BinarySearch(Terms, term, TermOrder.Instance) >= 0;

    private static int[] Close(IEnumerable<int> terms)
    {
        var set = new HashSet<int>();
        var stack = new Stack<int>(terms);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (BitOperations.PopCount((uint)t) < 2 || !set.Add(t)) continue;
            for (var b = t; b != 0; b &= b - 1) stack.Push(t & ~(b & -b));
        }
        var arr = set.ToArray();
        Array.Sort(arr, TermOrder.Instance);
        return arr;
    }

    /// <summary>The maximal terms (generators), lists not in any interaction as singletons.</summary>
    public List<int> Generators(int k)
    {
        var gens = Terms.Where(t => !Terms.Any(u => u != t && (u & t) == t)).ToList();
        for (var i = 0; i < k; i++) if (!gens.Any(g => (g & (1 << i)) != 0)) gens.Add(1 << i);
        return gens;
    }

    /// <summary>Bracket notation, e.g. [123,14,34]; covariate interactions as 1:year (1:x without a name), covariate
    /// pairs as year:sex.</summary>
    public string Notation(int k, string? covariate = null) => Notation(k, covariate is null ? null : [covariate]);

    /// <summary>Bracket notation with one name per covariate factor.</summary>
    public string Notation(int k, IReadOnlyList<string>? factors)
    {
        var parts = Generators(k).Select(g => Digits(g)).ToList();
        parts.Sort(StringComparer.Ordinal);
        for (var f = 0; f < FactorLists.Length; f++)
            for (var i = 0; i < k; i++)
                if ((FactorLists[f] & (1 << i)) != 0) parts.Add($"{i + 1}:{(factors is not null && f < factors.Count ? factors[f] : "x")}");
        foreach (var p in FactorPairs) parts.Add($"{FactorName(factors, p / 16)}:{FactorName(factors, p % 16)}");
        return "[" + string.Join(",", parts) + "]";
    }

    private static string FactorName(IReadOnlyList<string>? factors, int f) => factors is not null && f < factors.Count ? factors[f] : $"x{f + 1}";

    /// <summary>Generators as arrays of names, one name per covariate factor (covariate interactions end with its name).</summary>
    public List<IReadOnlyList<string>> NamedByFactor(IReadOnlyList<string> lists, IReadOnlyList<string> factors)
    {
        var gens = Generators(lists.Count).OrderBy(g => Digits(g), StringComparer.Ordinal).ToList();
        var result = gens.Select(g => (IReadOnlyList<string>)Members(g).Select(i => lists[i]).ToArray()).ToList();
        for (var f = 0; f < FactorLists.Length; f++)
            for (var i = 0; i < lists.Count; i++)
                if ((FactorLists[f] & (1 << i)) != 0) result.Add([lists[i], factors[f]]);
        foreach (var p in FactorPairs) result.Add([factors[p / 16], factors[p % 16]]);
        return result;
    }

    public static string Digits(int mask)
    {
        var sb = new StringBuilder();
        foreach (var i in Members(mask)) sb.Append((char)('1' + i));
        return sb.ToString();
    }

    public static IEnumerable<int> Members(int mask)
    {
        for (var i = 0; mask >> i != 0; i++) if ((mask & (1 << i)) != 0) yield return i;
    }

    public string Key => string.Join(",", Terms) + ";" + string.Join(",", FactorLists) + ";" + string.Join(",", FactorPairs);

    /// <summary>
    /// Parses <c>[12,13,3]</c> (digits name lists by position) or names joined by ':' and separated by commas
    /// (<c>police:kmar,ngo</c>); a term holding a covariate name is a list-by-covariate interaction.
    /// </summary>
    public static ModelSpec Parse(string text, IReadOnlyList<string> lists, IReadOnlyList<string> covariates)
    {
        var body = text.Trim();
        if (body.StartsWith('[') && body.EndsWith(']')) body = body[1..^1];
        var terms = new List<int>();
        var cov = 0;
        foreach (var raw in body.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] members;
            if (!raw.Contains(':') && raw.All(char.IsAsciiDigit) && !lists.Contains(raw))
                members = raw.Select(ch => ch.ToString()).ToArray();
            else
                members = raw.Split(':', StringSplitOptions.TrimEntries);
            var mask = 0;
            var hasCovariate = false;
            foreach (var m in members)
            {
                int index;
                if (m.Length == 1 && char.IsAsciiDigit(m[0]) && !lists.Contains(m)) index = m[0] - '1';
                else index = IndexOf(lists, m);
                if (index >= 0 && index < lists.Count) { mask |= 1 << index; continue; }
                if (covariates.Contains(m) || m == "x" && covariates.Count > 0 || m == string.Join("|", covariates) && covariates.Count > 0) { hasCovariate = true; continue; }
                throw new MseModelException($"model '{text}': '{m}' is not a list; use digits 1-{lists.Count} or the list names {string.Join(", ", lists)}" +
                    (covariates.Count > 0 ? $" (or the covariate {string.Join("|", covariates)})." : "."));
            }
            if (hasCovariate)
            {
                if (BitOperations.PopCount((uint)mask) != 1)
                    throw new MseModelException($"model '{text}': term '{raw}' must pair exactly one list with the covariate.");
                cov |= mask;
            }
            else terms.Add(mask);
        }
        return new ModelSpec(terms, cov);
    }

    private static int IndexOf(IReadOnlyList<string> lists, string name)
    {
        for (var i = 0; i < lists.Count; i++) if (lists[i] == name) return i;
        return -1;
    }
}

/// <summary>Orders terms by order (number of lists), then by mask.</summary>
internal sealed class TermOrder : IComparer<int>
{
    public static readonly TermOrder Instance = new();

    public int Compare(int x, int y)
    {
        var c = BitOperations.PopCount((uint)x).CompareTo(BitOperations.PopCount((uint)y));
        return c != 0 ? c : x.CompareTo(y);
    }
}
