using Workbench.Charts;
using Workbench.Claims;

namespace Workbench.Notebooks.Publishing;

/// <summary>
/// The published figures in the reader's language: the sentence, the figure as printed and the reproduced value.
/// Words come from the phrase tables and numbers are formatted in the reader's culture: English prints as
/// <see cref="ClaimCheck"/> does ("5,000-7,500", "around 1,300", "48.1%"), Dutch "5.000-7.500", "ongeveer 1.300", "48,1%".
/// </summary>
public static class ClaimText
{
    /// <summary>
    /// The office's Dutch sentence of each ledger row, as the published documents print it. The ledger's own
    /// <c>sentence_nl</c> (written by <c>workbench data generate</c>) words six rows differently ("Een op de drie",
    /// "voor de 18e verjaardag", ...), so the ledger is not yet the one source: that waits for one wording to be chosen.
    /// </summary>
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
        DutchSentences.TryGetValue(entry.Id, out var nl) ? Bilingual.Of(entry.SentenceEn, nl).In(language) : entry.SentenceEn;

    /// <summary>Whether <paramref name="id"/> has a Dutch sentence.</summary>
    public static bool HasDutch(string id) => DutchSentences.ContainsKey(id);

    /// <summary>
    /// The figure as the ledger prints it, in <paramref name="language"/> ("en" or "nl"): English as
    /// <see cref="ClaimCheck.FormatPublished"/> ("5,000-7,500", "around 1,300", "48%", "one in 3", "1 year and 10 months");
    /// Dutch "5.000-7.500", "ongeveer 1.300", "48%", "één op de 3", "1 jaar en 10 maanden".
    /// </summary>
    public static string Published(LedgerEntry e, string language)
    {
        var lang = LanguageExtensions.FromTag(language);
        string N(double? x) => x is { } v ? v.ToString("#,##0.##", lang.Culture()) : "?";
        return e.Rounding switch
        {
            Rounding.Range when e.Unit == "percent" => $"{N(e.Low)}-{N(e.High)}%",
            Rounding.Range => $"{N(e.Low)}-{N(e.High)}",
            Rounding.PercentRange => $"{N(e.Low)}-{N(e.High)}%",
            Rounding.PercentInteger => $"{N(e.Value)}%",
            Rounding.Nearest100 => Phrases.Format(Phrase.Around, lang, N(e.Value)),
            Rounding.OneInN => Phrases.Format(Phrase.OneInN, lang, N(e.Value)),
            Rounding.YearsMonths => NumberText.Duration(e.Value ?? 0, lang),
            Rounding.Majority => Phrases.Get(Phrase.Majority, lang),
            _ => N(e.Value),
        };
    }

    /// <summary>A reproduced value in the entry's unit and <paramref name="language"/>, e.g. "48.1%" / "48,1%", "22.0 months" / "22,0 maanden".</summary>
    public static string Value(LedgerEntry e, double x, string language)
    {
        var lang = LanguageExtensions.FromTag(language);
        var culture = lang.Culture();
        return e.Unit switch
        {
            "percent" => x.ToString("0.0", culture) + "%",
            "months" => Phrases.Format(Phrase.Months, lang, x.ToString("0.0", culture)),
            "one-in-n" => x.ToString("0.000", culture) + " (" + Phrases.Format(Phrase.OneInN, lang, (1 / x).ToString("0.00", culture)) + ")",
            _ => x.ToString("#,##0", culture),
        };
    }

    /// <summary>The reproduced interval with its level, e.g. "45.7% - 50.6% (95%)", or empty without interval.</summary>
    public static string Interval(ClaimResult c, string language)
    {
        if (c.Record is not { Lower: { } l, Upper: { } u } || c.Entry is null) return "";
        var level = c.Record.Level is { } lv ? " (" + (lv * 100).ToString("0.#", LanguageExtensions.FromTag(language).Culture()) + "%)" : "";
        return $"{Value(c.Entry, l, language)} - {Value(c.Entry, u, language)}{level}";
    }

    /// <summary>The reproduced value of <paramref name="c"/>, or empty when none was recorded.</summary>
    public static string Reproduced(ClaimResult c, string language) =>
        c.Record is null ? "" : c.Entry is null ? c.Reproduced : Value(c.Entry, c.Record.Value, language);

    /// <summary>The verdict word in <paramref name="language"/> (<see cref="ClaimCheck.Verdict(ClaimVerdict, Language)"/>).</summary>
    public static string Verdict(ClaimVerdict v, string language) => ClaimCheck.Verdict(v, LanguageExtensions.FromTag(language));
}
