using System.Collections.Frozen;

namespace Workbench.Text;

/// <summary>
/// The phrase tables: one per language, each with a text for every <see cref="Phrase"/>. Every fixed text a reader
/// sees comes from here; numbers in placeholders are formatted before (with <c>NumberText</c>, in the reader's culture).
/// </summary>
/// <remarks>
/// The Dutch table is written as the Rapporteur's office writes: plain, neutral Dutch ("betrouwbaarheidsinterval",
/// "niet getoond", "Totaal"), numbers as nl-NL gives them (4,5%; 5.000). A test checks that both tables have every
/// key, the same placeholders, and no Dutch text equal to its English one.
/// </remarks>
public static class Phrases
{
    /// <summary>The English table (en-GB).</summary>
    public static IReadOnlyDictionary<Phrase, string> English { get; } = new Dictionary<Phrase, string>
    {
        [Phrase.FigureCaption] = "Figure {0}. {1}",
        [Phrase.SourceLine] = "Source: {0}.",
        [Phrase.SyntheticData] = "synthetic data",
        [Phrase.And] = "and",
        [Phrase.ConfidenceInterval] = "{0} CI",

        [Phrase.LessThanAMonth] = "less than a month",
        [Phrase.OneYear] = "{0} year",
        [Phrase.Years] = "{0} years",
        [Phrase.OneMonth] = "{0} month",
        [Phrase.Months] = "{0} months",

        [Phrase.PrevalenceNote] = "Estimates. Whiskers show {0} confidence intervals.",
        [Phrase.BarChart] = "Bar chart",
        [Phrase.ShareOfGroup] = "{0} of {1}",

        [Phrase.TrendNote] = "Estimates. The shaded band is the {0} confidence interval.",
        [Phrase.LineChart] = "Line chart",
        [Phrase.LineChartWithBand] = "Line chart with confidence band",
        [Phrase.FromTo] = "from {0} to {1}",

        [Phrase.RangeNote] = "The bar is the registered count; the line is the estimated number ({0} confidence interval), the diamond the point estimate.",
        [Phrase.RangeChart] = "Range chart",
        [Phrase.RangeEstimate] = "{0}: estimated {1} ({2}; point estimate {3})",
        [Phrase.AgainstRegistered] = ", against {0} registered",
        [Phrase.Registered] = "Registered",
        [Phrase.EstimatedRange] = "Estimated range",
        [Phrase.PointEstimate] = "Point estimate",

        [Phrase.FunnelChart] = "Funnel chart",
        [Phrase.StepNotShown] = "{0} not shown",
        [Phrase.ShareOfFirstStep] = "{0} of {1}",
        [Phrase.StackedBarChart] = "100% stacked bar chart",
        [Phrase.PanelsSideBySide] = "{0} panels side by side.",

        [Phrase.LegendRounded] = "Counts rounded to multiples of {0}.",
        [Phrase.LegendSuppressed] = "{0} = not shown, to protect privacy.",
        [Phrase.LegendSuppressedBelow] = "{0} = not shown (fewer than {1} cases), to protect privacy.",

        [Phrase.FootnoteUnprotected] = "U: released without disclosure control. Reason: {0}",
        [Phrase.FootnoteSuppressed] = "x: not published, to protect small numbers (1 to {0}) or to prevent such numbers being derived from the totals.",
        [Phrase.FootnotePrimary] = "<{0}: not published, fewer than {0} (1 to {1}) (P).",
        [Phrase.FootnoteSecondary] = "x: not published, so that small numbers cannot be derived from the totals (S).",
        [Phrase.FootnoteRounded] = "Counts are rounded to a multiple of {0} (R); totals are rounded separately and may differ from the sum of their parts.",
        [Phrase.FootnotePercentageWithheld] = "\u2013: percentage not shown, because the total it refers to is below {0} (D).",
        [Phrase.FootnotePercentages] = "Percentages are computed from the published (rounded) counts.",
        [Phrase.Total] = "Total",
        [Phrase.TotalAllCategories] = "Total, all categories",
        [Phrase.Margin] = "margin",
        [Phrase.Count] = "Count",
        [Phrase.Yes] = "yes",
        [Phrase.No] = "no",

        [Phrase.VerdictReproduced] = "reproduced",
        [Phrase.VerdictNotReproduced] = "NOT REPRODUCED",
        [Phrase.VerdictNotRecorded] = "NOT RECORDED",
        [Phrase.VerdictUnknownId] = "UNKNOWN ID",
        [Phrase.VerdictConflicting] = "CONFLICTING",

        [Phrase.TableNumber] = "Table {0}",
        [Phrase.SourceRapporteur] = "Source: National Rapporteur on Trafficking in Human Beings and Sexual Violence against Children.",
        [Phrase.SymbolsSheet] = "Explanation of symbols",
        [Phrase.Symbol] = "Symbol",
        [Phrase.Meaning] = "Meaning",
        [Phrase.SymbolConfidential] = "confidential: not published, to protect small numbers (1 to {0}) or to prevent such numbers being derived from the totals",
        [Phrase.SymbolBelowMinimum] = "not published, fewer than {0}",
        [Phrase.SymbolPercentageWithheld] = "percentage not shown, because the total it refers to is too small or not published",
        [Phrase.RoundedTotalsNote] = "Rounded counts: totals are rounded separately and may differ from the sum of their parts.",
        [Phrase.ExcelLocale] = "[$-809]",

        [Phrase.Overview] = "Overview",
        [Phrase.PublishedFigures] = "Published figures",
        [Phrase.Provenance] = "Provenance",

        [Phrase.Navigation] = "Navigation",
        [Phrase.LanguageNavigation] = "Language",
        [Phrase.LanguageName] = "English",
        [Phrase.SyntheticNote] = "All data are synthetic, calibrated to published figures; they are not real observations.",
        [Phrase.ReproductionReport] = "Reproduction report",
        [Phrase.FiguresReproduced] = "{0} of {1} published figures reproduced.",
        [Phrase.ThisRun] = "This run",
        [Phrase.Unknown] = "unknown",
        [Phrase.DateLine] = "Date: {0}",
        [Phrase.DataLine] = "Data: {0}",
        [Phrase.ClaimsCaption] = "Published figures and their reproduction",
        [Phrase.Claim] = "Claim",
        [Phrase.Published] = "Published",
        [Phrase.Reproduced] = "Reproduced",
        [Phrase.PublishedInInterval] = "Published in interval",
        [Phrase.Verdict] = "Verdict",

        [Phrase.PublishedSentence] = "Published sentence",
        [Phrase.PublishedClaimsCaption] = "The figures of the factsheet (July 2020) that this study reproduces, with the value and interval of the verification run.",
        [Phrase.VerifiedOn] = "Verified on {0}",
        [Phrase.WithLocalChanges] = "with local changes",
        [Phrase.SourceGenerator] = "Source: synthetic data calibrated to published figures (Workbench generator).",
        [Phrase.SourceOf] = "Source: {0}",
        [Phrase.FactsheetTitle] = "National Rapporteur on Trafficking in Human Beings and Sexual Violence against Children: factsheet",
        [Phrase.FactsheetIntro] = "Each number is the published figure of the July 2020 factsheet, recomputed and verified by the Workbench studies.",
        [Phrase.StudyName] = "Study {0}",
        [Phrase.ReproducedValue] = "Reproduced: {0}",
        [Phrase.Around] = "around {0}",
        [Phrase.OneInN] = "one in {0}",
        [Phrase.Majority] = "the majority",
    }.ToFrozenDictionary();

    /// <summary>The Dutch table (nl-NL).</summary>
    public static IReadOnlyDictionary<Phrase, string> Dutch { get; } = new Dictionary<Phrase, string>
    {
        [Phrase.FigureCaption] = "Figuur {0}. {1}",
        [Phrase.SourceLine] = "Bron: {0}.",
        [Phrase.SyntheticData] = "synthetische data",
        [Phrase.And] = "en",
        [Phrase.ConfidenceInterval] = "{0}-BI",

        [Phrase.LessThanAMonth] = "minder dan een maand",
        [Phrase.OneYear] = "{0} jaar",
        [Phrase.Years] = "{0} jaar",
        [Phrase.OneMonth] = "{0} maand",
        [Phrase.Months] = "{0} maanden",

        [Phrase.PrevalenceNote] = "Schattingen. De lijnen geven {0}-betrouwbaarheidsintervallen weer.",
        [Phrase.BarChart] = "Staafdiagram",
        [Phrase.ShareOfGroup] = "{0} van de {1}",

        [Phrase.TrendNote] = "Schattingen. De gekleurde band is het {0}-betrouwbaarheidsinterval.",
        [Phrase.LineChart] = "Lijndiagram",
        [Phrase.LineChartWithBand] = "Lijndiagram met betrouwbaarheidsband",
        [Phrase.FromTo] = "van {0} tot {1}",

        [Phrase.RangeNote] = "De staaf is het geregistreerde aantal; de lijn is het geschatte aantal ({0}-betrouwbaarheidsinterval), de ruit de puntschatting.",
        [Phrase.RangeChart] = "Bandbreedtediagram",
        [Phrase.RangeEstimate] = "{0}: geschat {1} ({2}; puntschatting {3})",
        [Phrase.AgainstRegistered] = ", tegenover {0} geregistreerd",
        [Phrase.Registered] = "Geregistreerd",
        [Phrase.EstimatedRange] = "Geschatte bandbreedte",
        [Phrase.PointEstimate] = "Puntschatting",

        [Phrase.FunnelChart] = "Trechterdiagram",
        [Phrase.StepNotShown] = "{0} niet getoond",
        [Phrase.ShareOfFirstStep] = "{0} van {1}",
        [Phrase.StackedBarChart] = "100%-staafdiagram",
        [Phrase.PanelsSideBySide] = "{0} panelen naast elkaar.",

        [Phrase.LegendRounded] = "Aantallen afgerond op veelvouden van {0}.",
        [Phrase.LegendSuppressed] = "{0} = niet getoond, ter bescherming van de privacy.",
        [Phrase.LegendSuppressedBelow] = "{0} = niet getoond (minder dan {1} gevallen), ter bescherming van de privacy.",

        [Phrase.FootnoteUnprotected] = "U: vrijgegeven zonder statistische geheimhouding. Reden: {0}",
        [Phrase.FootnoteSuppressed] = "x: niet gepubliceerd ter bescherming van kleine aantallen (1 tot en met {0}), of om te voorkomen dat zulke aantallen uit de totalen zijn af te leiden.",
        [Phrase.FootnotePrimary] = "<{0}: niet gepubliceerd, minder dan {0} (1 tot en met {1}) (P).",
        [Phrase.FootnoteSecondary] = "x: niet gepubliceerd, zodat kleine aantallen niet uit de totalen zijn af te leiden (S).",
        [Phrase.FootnoteRounded] = "Aantallen zijn afgerond op een veelvoud van {0} (R); totalen zijn apart afgerond en kunnen afwijken van de som van de delen.",
        [Phrase.FootnotePercentageWithheld] = "\u2013: percentage niet getoond, omdat het totaal waarop het betrekking heeft kleiner is dan {0} (D).",
        [Phrase.FootnotePercentages] = "Percentages zijn berekend uit de gepubliceerde (afgeronde) aantallen.",
        [Phrase.Total] = "Totaal",
        [Phrase.TotalAllCategories] = "Totaal, alle categorieën",
        [Phrase.Margin] = "marge",
        [Phrase.Count] = "Aantal",
        [Phrase.Yes] = "ja",
        [Phrase.No] = "nee",

        [Phrase.VerdictReproduced] = "gereproduceerd",
        [Phrase.VerdictNotReproduced] = "NIET GEREPRODUCEERD",
        [Phrase.VerdictNotRecorded] = "NIET VASTGELEGD",
        [Phrase.VerdictUnknownId] = "ONBEKEND ID",
        [Phrase.VerdictConflicting] = "TEGENSTRIJDIG",

        [Phrase.TableNumber] = "Tabel {0}",
        [Phrase.SourceRapporteur] = "Bron: Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen.",
        [Phrase.SymbolsSheet] = "Verklaring van tekens",
        [Phrase.Symbol] = "Teken",
        [Phrase.Meaning] = "Betekenis",
        [Phrase.SymbolConfidential] = "geheim: niet gepubliceerd ter bescherming van kleine aantallen (1 tot en met {0}), of om te voorkomen dat zulke aantallen uit de totalen zijn af te leiden",
        [Phrase.SymbolBelowMinimum] = "niet gepubliceerd, minder dan {0}",
        [Phrase.SymbolPercentageWithheld] = "percentage niet getoond, omdat het totaal waarop het betrekking heeft te klein is of niet gepubliceerd",
        [Phrase.RoundedTotalsNote] = "Afgeronde aantallen: totalen zijn apart afgerond en kunnen afwijken van de som van de delen.",
        [Phrase.ExcelLocale] = "[$-413]",

        [Phrase.Overview] = "Overzicht",
        [Phrase.PublishedFigures] = "Gepubliceerde cijfers",
        [Phrase.Provenance] = "Herkomst",

        [Phrase.Navigation] = "Navigatie",
        [Phrase.LanguageNavigation] = "Taal",
        [Phrase.LanguageName] = "Nederlands",
        [Phrase.SyntheticNote] = "Alle gegevens zijn synthetisch, gekalibreerd op gepubliceerde cijfers; het zijn geen echte waarnemingen.",
        [Phrase.ReproductionReport] = "Reproductierapport",
        [Phrase.FiguresReproduced] = "{0} van {1} gepubliceerde cijfers gereproduceerd.",
        [Phrase.ThisRun] = "Deze run",
        [Phrase.Unknown] = "onbekend",
        [Phrase.DateLine] = "Datum: {0}",
        [Phrase.DataLine] = "Gegevens: {0}",
        [Phrase.ClaimsCaption] = "Gepubliceerde cijfers en hun reproductie",
        [Phrase.Claim] = "Cijfer",
        [Phrase.Published] = "Gepubliceerd",
        [Phrase.Reproduced] = "Gereproduceerd",
        [Phrase.PublishedInInterval] = "Gepubliceerd cijfer in interval",
        [Phrase.Verdict] = "Oordeel",

        [Phrase.PublishedSentence] = "Gepubliceerde zin",
        [Phrase.PublishedClaimsCaption] = "De cijfers uit de factsheet (juli 2020) die deze studie reproduceert, met de waarde en het interval uit de verificatie.",
        [Phrase.VerifiedOn] = "Geverifieerd op {0}",
        [Phrase.WithLocalChanges] = "met lokale wijzigingen",
        [Phrase.SourceGenerator] = "Bron: synthetische gegevens, gekalibreerd op gepubliceerde cijfers (Workbench-generator).",
        [Phrase.SourceOf] = "Bron: {0}",
        [Phrase.FactsheetTitle] = "Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen: factsheet",
        [Phrase.FactsheetIntro] = "Elk cijfer is het gepubliceerde cijfer uit de factsheet van juli 2020, opnieuw berekend en geverifieerd door de studies van de Workbench.",
        [Phrase.StudyName] = "Studie {0}",
        [Phrase.ReproducedValue] = "Gereproduceerd: {0}",
        [Phrase.Around] = "ongeveer {0}",
        [Phrase.OneInN] = "één op de {0}",
        [Phrase.Majority] = "de meerderheid",
    }.ToFrozenDictionary();

    /// <summary>The table of <paramref name="language"/>.</summary>
    public static IReadOnlyDictionary<Phrase, string> Table(Language language) => language == Language.Nl ? Dutch : English;

    /// <summary>The text of <paramref name="phrase"/> in <paramref name="language"/>, placeholders unfilled.</summary>
    public static string Get(Phrase phrase, Language language) => Table(language)[phrase];

    /// <summary>
    /// The text of <paramref name="phrase"/> in <paramref name="language"/> with its placeholders filled from
    /// <paramref name="args"/> (in the language's culture; give numbers already formatted with <c>NumberText</c>).
    /// </summary>
    public static string Format(Phrase phrase, Language language, params object?[] args) =>
        string.Format(language.Culture(), Get(phrase, language), args);

    /// <summary>The phrase in both languages (placeholders unfilled).</summary>
    public static Bilingual Of(Phrase phrase) => new(Get(phrase, Language.En), Get(phrase, Language.Nl));

    /// <summary>The phrase in both languages, each filled with the arguments <paramref name="args"/> gives for that language.</summary>
    public static Bilingual Of(Phrase phrase, Func<Language, object?[]> args) =>
        new(Format(phrase, Language.En, args(Language.En)), Format(phrase, Language.Nl, args(Language.Nl)));
}
