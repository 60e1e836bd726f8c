using System.Globalization;
using Workbench.Claims;

namespace Workbench.Notebooks.Publishing;

/// <summary>
/// The published figures in the reader's language: the sentence, the figure as printed and the reproduced value.
/// English follows <see cref="ClaimCheck"/> (the ledger's print); Dutch uses Dutch number formats
/// ("5.000-7.500", "ongeveer 1.300", "48,1%") and the office's Dutch wording of each sentence.
/// </summary>
public static class ClaimText
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The Dutch sentence of each ledger row (the ledger holds the English one).</summary>
    private static readonly Dictionary<string, string> DutchSentences = new(StringComparer.Ordinal)
    {
        ["victims-per-year"] = "Naar schatting zijn er jaarlijks tussen de 5.000 en 7.500 slachtoffers van mensenhandel in Nederland.",
        ["child-victims-domestic-sexual-exploitation"] = "Naar schatting zijn er jaarlijks ongeveer 1.300 minderjarige slachtoffers van binnenlandse seksuele uitbuiting in Nederland.",
        ["victims-labour-criminal-exploitation"] = "Naar schatting zijn er jaarlijks ongeveer 1.400 slachtoffers van arbeidsuitbuiting of criminele uitbuiting in Nederland.",
        ["offenders-prosecuted-per-year"] = "Jaarlijks worden gemiddeld 120-130 daders in eerste aanleg door de rechter berecht voor mensenhandel.",
        ["share-suspects-prosecuted"] = "Dat is gemiddeld 70-75% van de verdachten.",
        ["average-unsuspended-sentence"] = "1 jaar en 10 maanden is de gemiddelde duur van de onvoorwaardelijke gevangenisstraf van wie voor mensenhandel is veroordeeld.",
        ["children-physical-sv"] = "Eén op de drie kinderen in Nederland heeft een fysieke vorm van seksueel geweld meegemaakt.",
        ["boys-physical-sv"] = "17% van de jongens heeft voor het 18e jaar een strafbare vorm van fysiek seksueel geweld meegemaakt.",
        ["girls-physical-sv"] = "48% van de meisjes heeft voor het 18e jaar een strafbare vorm van fysiek seksueel geweld meegemaakt.",
        ["boys-told-no-one"] = "36% van de jongens die seksueel geweld hebben meegemaakt, vertelt het aan niemand.",
        ["girls-told-no-one"] = "25% van de meisjes die seksueel geweld hebben meegemaakt, vertelt het aan niemand.",
        ["offenders-known-to-child"] = "77% van de plegers van seksueel geweld tegen kinderen is bekend van het kind.",
        ["offenders-peers"] = "46% van de plegers van seksueel geweld tegen kinderen is een leeftijdgenoot.",
        ["closed-youth-care-sexual-violence"] = "40% van de kinderen die in 2016 in een gesloten jeugdzorginstelling werden geplaatst, zat daar (mede) vanwege seksueel geweld.",
        ["no-youth-support-within-six-months"] = "15% van de kinderen kreeg binnen zes maanden na de uitspraak van een ondertoezichtstelling geen jeugdhulp.",
        ["municipalities-without-policy-2017"] = "In 2017 had de meerderheid van de gemeenten geen specifiek beleid op mensenhandel.",
        ["municipalities-think-no-trafficking-2017"] = "Een derde van de gemeenten dacht dat mensenhandel in de eigen gemeente niet voorkwam.",
    };

    /// <summary>The published sentence in <paramref name="language"/> ("en" or "nl"); the English one when no Dutch wording is known.</summary>
    public static string Sentence(LedgerEntry entry, string language) =>
        language == "nl" && DutchSentences.TryGetValue(entry.Id, out var nl) ? nl : entry.SentenceEn;

    /// <summary>Whether <paramref name="id"/> has a Dutch sentence.</summary>
    public static bool HasDutch(string id) => DutchSentences.ContainsKey(id);

    /// <summary>
    /// The figure as the ledger prints it, in <paramref name="language"/>: English as <see cref="ClaimCheck.FormatPublished"/>
    /// ("5,000-7,500", "around 1,300", "48%", "one in 3", "1 year and 10 months"); Dutch "5.000-7.500", "ongeveer 1.300",
    /// "48%", "één op de 3", "1 jaar en 10 maanden".
    /// </summary>
    public static string Published(LedgerEntry e, string language)
    {
        if (language != "nl") return ClaimCheck.FormatPublished(e);
        return e.Rounding switch
        {
            Rounding.Range when e.Unit == "percent" => $"{N(e.Low)}-{N(e.High)}%",
            Rounding.Range => $"{N(e.Low)}-{N(e.High)}",
            Rounding.PercentRange => $"{N(e.Low)}-{N(e.High)}%",
            Rounding.PercentInteger => $"{N(e.Value)}%",
            Rounding.Nearest100 => $"ongeveer {N(e.Value)}",
            Rounding.OneInN => $"één op de {N(e.Value)}",
            Rounding.YearsMonths => YearsMonths(e.Value ?? 0),
            Rounding.Majority => "de meerderheid",
            _ => N(e.Value),
        };
    }

    /// <summary>A reproduced value in the entry's unit and <paramref name="language"/>, e.g. "48.1%" / "48,1%", "22.0 months" / "22,0 maanden".</summary>
    public static string Value(LedgerEntry e, double x, string language)
    {
        if (language != "nl") return ClaimCheck.FormatValue(e, x);
        return e.Unit switch
        {
            "percent" => x.ToString("0.0", Dutch) + "%",
            "months" => x.ToString("0.0", Dutch) + " maanden",
            "one-in-n" => string.Create(Dutch, $"{x:0.000} (één op de {1 / x:0.00})"),
            _ => x.ToString("#,##0", Dutch),
        };
    }

    /// <summary>The reproduced interval with its level, e.g. "45.7% - 50.6% (95%)", or empty without interval.</summary>
    public static string Interval(ClaimResult c, string language)
    {
        if (c.Record is not { Lower: { } l, Upper: { } u } || c.Entry is null) return "";
        var level = c.Record.Level is { } lv ? " (" + (lv * 100).ToString("0.#", language == "nl" ? Dutch : CultureInfo.InvariantCulture) + "%)" : "";
        return $"{Value(c.Entry, l, language)} - {Value(c.Entry, u, language)}{level}";
    }

    /// <summary>The reproduced value of <paramref name="c"/>, or empty when none was recorded.</summary>
    public static string Reproduced(ClaimResult c, string language) =>
        c.Record is null ? "" : c.Entry is null ? c.Reproduced : Value(c.Entry, c.Record.Value, language);

    /// <summary>The verdict word in <paramref name="language"/>.</summary>
    public static string Verdict(ClaimVerdict v, string language) => language != "nl" ? ClaimCheck.Verdict(v) : v switch
    {
        ClaimVerdict.Reproduced => "gereproduceerd",
        ClaimVerdict.NotReproduced => "NIET GEREPRODUCEERD",
        ClaimVerdict.NotRecorded => "NIET VASTGELEGD",
        ClaimVerdict.UnknownId => "ONBEKENDE ID",
        ClaimVerdict.Conflicting => "TEGENSTRIJDIG",
        _ => v.ToString(),
    };

    private static string N(double? x) => x is { } v ? v.ToString("#,##0.##", Dutch) : "?";

    private static string YearsMonths(double months)
    {
        var total = (int)Math.Round(months, MidpointRounding.AwayFromZero);
        int y = total / 12, m = total % 12;
        var years = $"{y} jaar";
        return m == 0 ? years : m == 1 ? $"{years} en 1 maand" : $"{years} en {m} maanden";
    }
}
