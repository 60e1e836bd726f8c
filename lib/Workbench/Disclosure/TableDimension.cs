namespace Workbench.Disclosure;

/// <summary>One dimension (classification variable) of a frequency table, with its category labels in display order.</summary>
/// <param name="Name">The variable name shown as the dimension heading, e.g. "region".</param>
/// <param name="Categories">The category labels, in the order they are shown; unique and non-empty.</param>
public sealed record TableDimension(string Name, IReadOnlyList<string> Categories)
{
    /// <summary>The variable name; never empty.</summary>
    public string Name { get; } = string.IsNullOrWhiteSpace(Name)
        ? throw new ArgumentException("A table dimension needs a name, e.g. \"region\".", nameof(Name))
        : Name;

    /// <summary>The category labels in display order.</summary>
    public IReadOnlyList<string> Categories { get; } = Validate(Name, Categories);

    /// <summary>Number of categories (not counting the total).</summary>
    public int Count => Categories.Count;

    private static IReadOnlyList<string> Validate(string name, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count == 0)
            throw new ArgumentException($"Dimension '{name}' has no categories; give at least one.", nameof(Categories));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in categories)
        {
            if (string.IsNullOrEmpty(c))
                throw new ArgumentException($"Dimension '{name}' has an empty category label; give every category a label.", nameof(Categories));
            if (!seen.Add(c))
                throw new ArgumentException($"Dimension '{name}' lists category '{c}' twice; category labels must be unique.", nameof(Categories));
        }
        return categories.ToArray();
    }

    /// <summary>The position of <paramref name="category"/>, or -1 when absent.</summary>
    public int IndexOf(string category)
    {
        for (var i = 0; i < Categories.Count; i++)
            if (string.Equals(Categories[i], category, StringComparison.Ordinal)) return i;
        return -1;
    }
}
