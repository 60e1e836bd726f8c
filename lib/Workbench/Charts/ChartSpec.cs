using System.Text;
using Workbench.Data;
using static Workbench.Charts.PlotlyParts;

namespace Workbench.Charts;

/// <summary>The data and drawing rules of one chart kind; a <see cref="Figure"/> wraps one.</summary>
internal abstract class ChartSpec
{
    /// <summary>A stable name of the kind, e.g. "prevalence-bars".</summary>
    public abstract string Kind { get; }

    /// <summary>Whether the numbers are estimates or registered counts.</summary>
    public abstract NumberKind Numbers { get; }

    /// <summary>True when the value axis runs horizontally (category labels on the left).</summary>
    public virtual bool Horizontal => false;

    /// <summary>The largest value drawn on the value axis (for shared axes in small multiples).</summary>
    public abstract double ValueMax { get; }

    /// <summary>Draws the chart into <paramref name="panel"/>.</summary>
    public abstract void Render(Panel panel);

    /// <summary>The alt text generated from the data, e.g. "Bar chart: 48% of girls (95% CI 45–51%) ...".</summary>
    public abstract string Describe(Language language);

    /// <summary>A note on what the numbers are (e.g. "Whiskers show 95% confidence intervals."), or null.</summary>
    public virtual Bilingual? AutoNote => null;

    /// <summary>What disclosure control did to the counts, or null.</summary>
    public virtual DisclosureLegend? Disclosure => null;

    /// <summary>
    /// What shares shown as parts of a whole are computed from: "published-counts" when only from the published
    /// (protected) counts, so they reveal nothing beyond them; null when the chart shows no shares of counts.
    /// </summary>
    public virtual string? SharesOf => null;

    /// <summary>The data as canonical invariant lines, hashed into the figure's data SHA-256.</summary>
    public abstract IEnumerable<string> CanonicalRows();

    /// <summary>SHA-256 of the kind and the canonical rows.</summary>
    public string DataSha256()
    {
        var sb = new StringBuilder(Kind).Append('\n');
        foreach (var row in CanonicalRows()) sb.Append(row).Append('\n');
        return Sha256(sb.ToString());
    }

    /// <summary>Distinct labels in first-seen order (compared by their English and Dutch text).</summary>
    protected static List<Bilingual> Distinct(IEnumerable<Bilingual> labels)
    {
        var list = new List<Bilingual>();
        foreach (var l in labels)
            if (!list.Contains(l)) list.Add(l);
        return list;
    }

    /// <summary>A value axis in house style.</summary>
    protected static Dictionary<string, object> ValueAxis(ValueScale scale, double max, int percentDecimals, Bilingual? title, Language language) => Obj(
        ("range", new[] { 0.0, Headroom(max) }),
        ("tickformat", scale switch
        {
            ValueScale.Proportion => max < 0.05 ? ".1%" : ".0%",
            ValueScale.Count => ",.0f",
            _ => ",.1f",
        }),
        ("showgrid", true), ("gridcolor", HouseStyle.GridColour), ("gridwidth", 1),
        ("zeroline", true), ("zerolinecolor", HouseStyle.AxisColour), ("zerolinewidth", 1),
        ("showline", false), ("ticks", ""), ("nticks", 6),
        ("tickfont", Font(HouseStyle.FontSize)),
        ("title", title is null ? null : Obj(("text", Esc(title.In(language))), ("font", Font(HouseStyle.FontSize)))),
        ("fixedrange", true));

    /// <summary>A category axis at numeric positions 0..n-1, labels from <paramref name="labels"/>.</summary>
    protected static Dictionary<string, object> CategoryAxis(IReadOnlyList<Bilingual> labels, Language language, bool reversed) => Obj(
        ("tickmode", "array"),
        ("tickvals", Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray()),
        ("ticktext", labels.Select(l => Esc(l.In(language))).ToArray()),
        ("range", reversed ? new[] { labels.Count - 0.5, -0.5 } : new[] { -0.5, labels.Count - 0.5 }),
        ("showgrid", false), ("zeroline", false), ("showline", true), ("linecolor", HouseStyle.AxisColour),
        ("ticks", ""), ("tickfont", Font(HouseStyle.FontSize)), ("fixedrange", true));

    /// <summary>Formats a value on <paramref name="scale"/>.</summary>
    protected static string Format(double v, ValueScale scale, Language language, int percentDecimals) => scale switch
    {
        ValueScale.Proportion => NumberText.Percent(v, language, percentDecimals),
        ValueScale.Count => NumberText.Count(v, language),
        _ => NumberText.Number(v, language),
    };

    /// <summary>Joins parts as "a, b and c" / "a, b en c".</summary>
    protected static string JoinAnd(IReadOnlyList<string> parts, Language language)
    {
        if (parts.Count <= 1) return parts.Count == 0 ? "" : parts[0];
        return string.Join(", ", parts.Take(parts.Count - 1)) + " " + Phrases.Get(Phrase.And, language) + " " + parts[^1];
    }

    /// <summary>Requires a finite number.</summary>
    protected static void RequireFinite(double v, string what)
    {
        if (!double.IsFinite(v)) throw new ArgumentException($"{what} is {v}; a figure can show only finite numbers. Check the estimate that produced it.");
    }
}
