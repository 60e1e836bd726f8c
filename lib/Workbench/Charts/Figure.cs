using System.Text.Json.Nodes;
using Plotly.NET;
using Workbench.Data;

namespace Workbench.Charts;

/// <summary>
/// A publication figure: a chart with its id and number, a title that states the message, a subtitle (measure,
/// place, period), a source line (saying so when the data are synthetic), footnotes (with the disclosure-control
/// legend when counts were suppressed or rounded), whether the numbers are estimates or registered counts, and alt
/// text. Everything a reader sees exists in English and Dutch; render one language with <see cref="ToPlotlyJson"/>.
/// Make figures with <see cref="Figures"/>; change them with the <c>With*</c> methods (each returns a new figure).
/// </summary>
public sealed record Figure
{
    internal Figure(string id, Bilingual title, Bilingual source, bool syntheticData, ChartSpec chart)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A figure needs an id (e.g. \"fig-prevalence-gender\").", nameof(id));
        RequireText(title, nameof(title), "title");
        RequireText(source, nameof(source), "source");
        Id = id;
        Title = title;
        Source = source;
        SyntheticData = syntheticData;
        Chart = chart;
    }

    /// <summary>The figure id, used for file names (sanitised on export) and cross-references.</summary>
    public string Id { get; init; }

    /// <summary>The figure number in the report, or null (default) for none.</summary>
    public int? Number { get; init; }

    /// <summary>The title: one sentence stating the message ("Girls report sexual violence three times as often as boys").</summary>
    public Bilingual Title { get; init; }

    /// <summary>The subtitle: measure, place, period (default none).</summary>
    public Bilingual? Subtitle { get; init; }

    /// <summary>Where the data come from (without the word "Source").</summary>
    public Bilingual Source { get; init; }

    /// <summary>True when the data are synthetic; the source line then says so.</summary>
    public bool SyntheticData { get; init; }

    /// <summary>Footnotes in reading order (default none). The chart's own note and the disclosure legend are added after them.</summary>
    public IReadOnlyList<Bilingual> Footnotes { get; init; } = [];

    /// <summary>Alt text written by the author, or null (default) to generate it from the data.</summary>
    public Bilingual? CustomAltText { get; init; }

    /// <summary>The size in CSS pixels (default <see cref="FigureSize.Column"/>).</summary>
    public FigureSize Size { get; init; } = FigureSize.Column;

    /// <summary>Whether the numbers are estimates, registered counts or both.</summary>
    public NumberKind Numbers => Chart.Numbers;

    /// <summary>The chart kind, e.g. "prevalence-bars", "estimate-range", "chain", "trend", "composition", "small-multiples".</summary>
    public string Kind => Chart.Kind;

    /// <summary>Lower-case hex SHA-256 of the data behind the figure (chart kind and values, invariant text).</summary>
    public string DataSha256 => Chart.DataSha256();

    /// <summary>What disclosure control did to the counts shown, or null.</summary>
    public DisclosureLegend? Disclosure => Chart.Disclosure;

    internal ChartSpec Chart { get; init; }

    /// <summary>A copy with figure number <paramref name="number"/>.</summary>
    public Figure WithNumber(int number) => number < 1
        ? throw new ArgumentOutOfRangeException(nameof(number), number, "Figure numbers start at 1.")
        : this with { Number = number };

    /// <summary>A copy with a subtitle (measure, place, period).</summary>
    public Figure WithSubtitle(Bilingual subtitle) { RequireText(subtitle, nameof(subtitle), "subtitle"); return this with { Subtitle = subtitle }; }

    /// <summary>A copy with another source; <paramref name="synthetic"/> (default false) marks synthetic data.</summary>
    public Figure WithSource(Bilingual source, bool synthetic = false) { RequireText(source, nameof(source), "source"); return this with { Source = source, SyntheticData = synthetic }; }

    /// <summary>A copy with one more footnote.</summary>
    public Figure WithFootnote(Bilingual footnote) { RequireText(footnote, nameof(footnote), "footnote"); return this with { Footnotes = [.. Footnotes, footnote] }; }

    /// <summary>A copy with another size.</summary>
    public Figure WithSize(FigureSize size) => this with { Size = size.Validated() };

    /// <summary>
    /// A copy with alt text written by the author. Alt text describes what the chart shows (the numbers), so it must
    /// differ from the title in both languages.
    /// </summary>
    /// <exception cref="ArgumentException">Empty alt text, or alt text equal to the title.</exception>
    public Figure WithAltText(Bilingual altText)
    {
        RequireText(altText, nameof(altText), "alt text");
        foreach (var lang in LanguageExtensions.All)
            if (Same(altText.In(lang), Title.In(lang)))
                throw new ArgumentException($"The {lang.Code()} alt text repeats the title; describe the data instead (e.g. \"{Chart.Describe(lang)}\").", nameof(altText));
        return this with { CustomAltText = altText };
    }

    /// <summary>The alt text in <paramref name="language"/>: the author's, or one generated from the data.</summary>
    public string AltText(Language language)
    {
        var text = CustomAltText?.In(language) ?? Chart.Describe(language);
        return Same(text, Title.In(language)) ? Chart.Describe(language) : text;
    }

    /// <summary>The caption: "Figure 3. Title" / "Figuur 3. Titel" (just the title without a number).</summary>
    public string Caption(Language language) => Number is { } n
        ? Phrases.Format(Phrase.FigureCaption, language, n.ToString(System.Globalization.CultureInfo.InvariantCulture), Title.In(language))
        : Title.In(language);

    /// <summary>The source line: "Source: X" / "Bron: X", with "(synthetic data)" / "(synthetische data)" for synthetic data.</summary>
    public string SourceLine(Language language)
    {
        var src = Source.In(language).Trim().TrimEnd('.');
        var says = src.Contains("synthetic", StringComparison.OrdinalIgnoreCase) || src.Contains("synthetisch", StringComparison.OrdinalIgnoreCase);
        if (SyntheticData && !says) src += " (" + Phrases.Get(Phrase.SyntheticData, language) + ")";
        return Phrases.Format(Phrase.SourceLine, language, src);
    }

    /// <summary>The notes under the chart: the footnotes, the chart's note on what the numbers are, and the disclosure legend.</summary>
    public IReadOnlyList<string> Notes(Language language)
    {
        var notes = Footnotes.Select(f => f.In(language)).ToList();
        if (Chart.AutoNote is { } auto) notes.Add(auto.In(language));
        if (Chart.Disclosure is { Applies: true } legend) notes.Add(legend.Text.In(language));
        return notes;
    }

    /// <summary>The figure as a Plotly.NET chart in <paramref name="language"/>, for further styling with Plotly.NET.</summary>
    public GenericChart ToGenericChart(Language language) => FigureLayout.Build(this, language);

    /// <summary>
    /// The plotly.js figure JSON ({"data", "layout", "config"}) in <paramref name="language"/>. Deterministic: the same
    /// figure gives the same text (stable trace uids, ordered attributes).
    /// </summary>
    public string ToPlotlyJson(Language language)
    {
        var chart = ToGenericChart(language);
        var node = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        var result = new JsonObject
        {
            ["data"] = node["data"]!.DeepClone(),
            ["layout"] = node["layout"]!.DeepClone(),
            ["config"] = FigureLayout.Config(),
        };
        return result.ToJsonString();
    }

    /// <summary>This figure shown in <paramref name="language"/> (for notebooks: <c>display(figure.In(Language.Nl))</c>).</summary>
    public LocalizedFigure In(Language language) => new(this, language);

    private static bool Same(string a, string b) =>
        string.Equals(a.Trim().TrimEnd('.'), b.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    private static void RequireText(Bilingual? text, string param, string what)
    {
        if (text is null || string.IsNullOrWhiteSpace(text.En) || string.IsNullOrWhiteSpace(text.Nl))
            throw new ArgumentException($"The figure's {what} must be given in English and Dutch (new Bilingual(en, nl)).", param);
    }
}

/// <summary>A figure together with the language to show it in.</summary>
/// <param name="Figure">The figure.</param>
/// <param name="Language">The language.</param>
public sealed record LocalizedFigure(Figure Figure, Language Language);
