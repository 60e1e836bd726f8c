namespace Workbench.Disclosure;

/// <summary>
/// One dimension (classification variable) of a frequency table, with its categories in display order and, optionally,
/// the reader's heading and category labels in English and Dutch (see <see cref="WithLabels(Func{string, Bilingual})"/>).
/// </summary>
/// <param name="Name">The variable name, e.g. "region"; the heading unless <see cref="Heading"/> is given.</param>
/// <param name="Categories">The categories (codes or labels), in the order they are shown; unique and non-empty.</param>
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

    /// <summary>The heading readers see (default none: <see cref="Name"/> in both languages).</summary>
    public Bilingual? Heading { get; init; }

    /// <summary>The labels readers see, one per category in the order of <see cref="Categories"/> (default none: the categories as they are).</summary>
    public IReadOnlyList<Bilingual>? Labels
    {
        get;
        init => field = value is null || value.Count == Categories.Count
            ? value?.ToArray()
            : throw new ArgumentException($"Dimension '{Name}' has {Categories.Count} categories but {value.Count} labels; give one label per category.", nameof(Labels));
    }

    /// <summary>A copy with the heading <paramref name="heading"/> (e.g. a data dictionary's column label).</summary>
    public TableDimension WithHeading(Bilingual heading) => this with { Heading = heading };

    /// <summary>A copy whose categories readers see as <paramref name="label"/> gives them (e.g. a data dictionary's code labels).</summary>
    public TableDimension WithLabels(Func<string, Bilingual> label) => this with { Labels = Categories.Select(label).ToArray() };

    /// <summary>The heading in <paramref name="language"/>.</summary>
    public string HeadingIn(Language language) => Heading?.In(language) ?? Name;

    /// <summary>The label of category <paramref name="index"/> in <paramref name="language"/>.</summary>
    public string LabelIn(int index, Language language) => Labels?[index].In(language) ?? Categories[index];

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
