using System.Globalization;

namespace Workbench.Claims;

/// <summary>How a figure was rounded in print; each has an exact matching band (see <see cref="LedgerEntry.Band"/>).</summary>
public enum Rounding
{
    /// <summary><c>percent-integer</c>: printed as a whole percentage v; matches x (percent) in [v - 0.5, v + 0.5).</summary>
    PercentInteger,
    /// <summary><c>percent-range</c>: printed "low-high%"; matches x (percent) in [low, high].</summary>
    PercentRange,
    /// <summary><c>range</c>: printed "low-high" or "between low and high"; matches x in [low, high].</summary>
    Range,
    /// <summary><c>nearest-100</c>: printed "around v" (v a multiple of 100); matches x in [v - 50, v + 50).</summary>
    Nearest100,
    /// <summary>
    /// <c>one-in-n</c>: printed "one in v" or "a third"; matches a proportion p when 1/p is in [v - 0.5, v + 0.5),
    /// i.e. p in (1/(v + 0.5), 1/(v - 0.5)].
    /// </summary>
    OneInN,
    /// <summary><c>years-months</c>: printed "Y year(s) and M months", v = 12Y + M; matches x (months) in [v - 0.5, v + 0.5).</summary>
    YearsMonths,
    /// <summary><c>majority</c>: printed "the majority"; matches x (percent) in (50, 100].</summary>
    Majority,
}

/// <summary>What kind of figure a claim is.</summary>
public enum ClaimKind
{
    /// <summary><c>estimate</c>: a model-based estimate of a hidden population (multiple systems estimation).</summary>
    Estimate,
    /// <summary><c>registered-count</c>: a count of registered cases or persons.</summary>
    RegisteredCount,
    /// <summary><c>registered-proportion</c>: a share computed from (linked) registers, including Kaplan-Meier estimates.</summary>
    RegisteredProportion,
    /// <summary><c>registered-mean</c>: a mean computed from registers.</summary>
    RegisteredMean,
    /// <summary><c>survey-proportion</c>: a (weighted) proportion from a survey.</summary>
    SurveyProportion,
}

/// <summary>An interval of values that reproduce a printed figure.</summary>
/// <param name="Lower">Lower end.</param>
/// <param name="Upper">Upper end.</param>
/// <param name="LowerInclusive">Whether <paramref name="Lower"/> itself matches.</param>
/// <param name="UpperInclusive">Whether <paramref name="Upper"/> itself matches.</param>
public sealed record ClaimBand(double Lower, double Upper, bool LowerInclusive, bool UpperInclusive)
{
    /// <summary>Whether <paramref name="x"/> lies in the band (false for NaN).</summary>
    public bool Contains(double x) =>
        (LowerInclusive ? x >= Lower : x > Lower) && (UpperInclusive ? x <= Upper : x < Upper);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(LowerInclusive ? "[" : "(")}{Lower:G10}, {Upper:G10}{(UpperInclusive ? "]" : ")")}");
}

/// <summary>One published figure (a row of <c>data-samples/published-figures.csv</c>).</summary>
/// <param name="Id">Kebab-case identifier, e.g. <c>girls-physical-sv</c>.</param>
/// <param name="SentenceEn">The English sentence as published.</param>
/// <param name="Value">The printed value (null for a range).</param>
/// <param name="Low">The lower end of a printed range (null otherwise).</param>
/// <param name="High">The upper end of a printed range (null otherwise).</param>
/// <param name="Unit">The unit: percent, persons-per-year, months or one-in-n.</param>
/// <param name="Rounding">How it was rounded in print.</param>
/// <param name="Kind">What kind of figure it is.</param>
/// <param name="Publication">The publication, e.g. "Factsheet National Rapporteur, July 2020".</param>
/// <param name="Year">Year of publication.</param>
/// <param name="Period">The period the figure describes, e.g. "2015-2019" or "2016".</param>
/// <param name="Study">The notebook that must reproduce it, e.g. <c>01-sexual-violence-prevalence</c>.</param>
/// <param name="SentenceNl">The Dutch sentence as published (column <c>sentence_nl</c>; null when the ledger has none).</param>
public sealed record LedgerEntry(
    string Id,
    string SentenceEn,
    double? Value,
    double? Low,
    double? High,
    string Unit,
    Rounding Rounding,
    ClaimKind Kind,
    string Publication,
    int Year,
    string Period,
    string Study,
    string? SentenceNl = null)
{
    /// <summary>The sentence in <paramref name="language"/> ("en" or "nl"); English when there is no Dutch one.</summary>
    public string Sentence(string language) => Sentences.In(language);

    /// <summary>The sentence in <paramref name="language"/>; English when there is no Dutch one.</summary>
    public string Sentence(Language language) => Sentences.In(language);

    /// <summary>The sentence in English and Dutch; the English one stands in for a missing Dutch one.</summary>
    public Bilingual Sentences => new(SentenceEn, string.IsNullOrWhiteSpace(SentenceNl) ? SentenceEn : SentenceNl);

    /// <summary>The values that reproduce the figure, in the entry's unit (a proportion for one-in-n).</summary>
    public ClaimBand Band => Rounding switch
    {
        Rounding.PercentInteger or Rounding.YearsMonths => new(Value!.Value - 0.5, Value.Value + 0.5, true, false),
        Rounding.Nearest100 => new(Value!.Value - 50, Value.Value + 50, true, false),
        Rounding.PercentRange or Rounding.Range => new(Low!.Value, High!.Value, true, true),
        Rounding.OneInN => new(1 / (Value!.Value + 0.5), 1 / (Value.Value - 0.5), false, true),
        Rounding.Majority => new(50, 100, false, true),
        _ => throw new InvalidOperationException($"unknown rounding {Rounding}."),
    };

    /// <summary>
    /// Whether <paramref name="x"/> reproduces the figure: percentages in percent (48.1, not 0.481), counts in persons,
    /// means in months, and for one-in-n the proportion p (0.32 reproduces "one in three").
    /// </summary>
    public bool IsReproducedBy(double x) => double.IsFinite(x) && Band.Contains(x);

    /// <summary>The code of a rounding as written in the ledger, e.g. "percent-integer".</summary>
    public static string Code(Rounding rounding) => rounding switch
    {
        Rounding.PercentInteger => "percent-integer",
        Rounding.PercentRange => "percent-range",
        Rounding.Range => "range",
        Rounding.Nearest100 => "nearest-100",
        Rounding.OneInN => "one-in-n",
        Rounding.YearsMonths => "years-months",
        Rounding.Majority => "majority",
        _ => throw new ArgumentOutOfRangeException(nameof(rounding)),
    };

    /// <summary>The code of a kind as written in the ledger, e.g. "survey-proportion".</summary>
    public static string Code(ClaimKind kind) => kind switch
    {
        ClaimKind.Estimate => "estimate",
        ClaimKind.RegisteredCount => "registered-count",
        ClaimKind.RegisteredProportion => "registered-proportion",
        ClaimKind.RegisteredMean => "registered-mean",
        ClaimKind.SurveyProportion => "survey-proportion",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
