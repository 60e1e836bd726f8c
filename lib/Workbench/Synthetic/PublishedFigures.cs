using System.Globalization;
using Workbench.Claims;
using Workbench.Data;

namespace Workbench.Synthetic;

/// <summary>
/// Writes the claims ledger <c>published-figures.csv</c>: every figure of the Rapporteur's factsheet of July 2020,
/// its printed rounding and the study that must reproduce it. Read it back with <see cref="Ledger.Load"/>.
/// </summary>
public static class PublishedFigures
{
    /// <summary>The dataset name.</summary>
    public const string Name = "published-figures";

    /// <summary>The publication all entries come from.</summary>
    public const string Factsheet = "Factsheet National Rapporteur, July 2020";

    private const string Prevalence = "01-sexual-violence-prevalence";
    private const string Trafficking = "02-trafficking-victim-estimates";
    private const string Prosecution = "03-prosecution-and-sentencing";
    private const string YouthCare = "04-youth-care-linkage";
    private const string Regional = "05-regional-approach";

    private static LedgerEntry Entry(string id, string sentence, double? value, double? low, double? high, string unit,
        Rounding rounding, ClaimKind kind, string period, string study) =>
        new(id, sentence, value, low, high, unit, rounding, kind, Factsheet, 2020, period, study, Dutch[id]);

    /// <summary>Each figure's sentence in Dutch, as the Dutch factsheet states it.</summary>
    private static readonly Dictionary<string, string> Dutch = new(StringComparer.Ordinal)
    {
        ["victims-per-year"] = "Naar schatting zijn er jaarlijks tussen de 5.000 en 7.500 slachtoffers van mensenhandel in Nederland.",
        ["child-victims-domestic-sexual-exploitation"] = "Naar schatting zijn er jaarlijks ongeveer 1.300 minderjarige slachtoffers van binnenlandse seksuele uitbuiting in Nederland.",
        ["victims-labour-criminal-exploitation"] = "Naar schatting zijn er jaarlijks ongeveer 1.400 slachtoffers van arbeidsuitbuiting of criminele uitbuiting in Nederland.",
        ["offenders-prosecuted-per-year"] = "Jaarlijks staan gemiddeld 120-130 plegers van mensenhandel voor de rechter in eerste aanleg.",
        ["share-suspects-prosecuted"] = "Dat is gemiddeld 70-75% van de verdachten.",
        ["average-unsuspended-sentence"] = "1 jaar en 10 maanden is de gemiddelde duur van de onvoorwaardelijke gevangenisstraf van wie voor mensenhandel is veroordeeld.",
        ["children-physical-sv"] = "Een op de drie kinderen in Nederland heeft een fysieke vorm van seksueel geweld meegemaakt.",
        ["boys-physical-sv"] = "17% van de jongens heeft voor de 18e verjaardag een strafbare vorm van fysiek seksueel geweld meegemaakt.",
        ["girls-physical-sv"] = "48% van de meisjes heeft voor de 18e verjaardag een strafbare vorm van fysiek seksueel geweld meegemaakt.",
        ["boys-told-no-one"] = "36% van de jongens die seksueel geweld hebben meegemaakt, vertelt het aan niemand.",
        ["girls-told-no-one"] = "25% van de meisjes die seksueel geweld hebben meegemaakt, vertelt het aan niemand.",
        ["offenders-known-to-child"] = "77% van de plegers van seksueel geweld tegen kinderen is bekend van het kind.",
        ["offenders-peers"] = "46% van de plegers van seksueel geweld tegen kinderen is een leeftijdsgenoot.",
        ["closed-youth-care-sexual-violence"] = "40% van de kinderen die in 2016 in een gesloten jeugdzorginstelling werden geplaatst, zat daar (mede) vanwege seksueel geweld.",
        ["no-youth-support-within-six-months"] = "15% van de kinderen kreeg binnen zes maanden nadat de rechter een ondertoezichtstelling had uitgesproken geen jeugdhulp aangeboden.",
        ["municipalities-without-policy-2017"] = "In 2017 had de meerderheid van de gemeenten geen specifiek beleid op mensenhandel.",
        ["municipalities-think-no-trafficking-2017"] = "Een derde van de gemeenten dacht dat mensenhandel in de eigen gemeente niet voorkwam.",
    };

    /// <summary>The entries of the ledger, in factsheet order.</summary>
    public static IReadOnlyList<LedgerEntry> Entries { get; } =
    [
        Entry("victims-per-year", "It is estimated that every year, there are between 5,000 and 7,500 victims of human trafficking in the Netherlands.",
            null, 5000, 7500, "persons-per-year", Rounding.Range, ClaimKind.Estimate, "2015-2019", Trafficking),
        Entry("child-victims-domestic-sexual-exploitation", "It is estimated that every year, there are around 1,300 child victims of domestic sexual exploitation in the Netherlands.",
            1300, null, null, "persons-per-year", Rounding.Nearest100, ClaimKind.Estimate, "2015-2019", Trafficking),
        Entry("victims-labour-criminal-exploitation", "It is estimated that every year, there are around 1,400 victims of labour exploitation or criminal exploitation in the Netherlands.",
            1400, null, null, "persons-per-year", Rounding.Nearest100, ClaimKind.Estimate, "2015-2019", Trafficking),
        Entry("offenders-prosecuted-per-year", "120-130 offenders annually, on average, are prosecuted for human trafficking by the court of first instance.",
            null, 120, 130, "persons-per-year", Rounding.Range, ClaimKind.RegisteredCount, "2015-2019", Prosecution),
        Entry("share-suspects-prosecuted", "On average, that is 70-75% of the suspects accused.",
            null, 70, 75, "percent", Rounding.PercentRange, ClaimKind.RegisteredProportion, "2015-2019", Prosecution),
        Entry("average-unsuspended-sentence", "1 year and 10 months is the average length of the non-suspended prison sentence served by those convicted of human trafficking.",
            22, null, null, "months", Rounding.YearsMonths, ClaimKind.RegisteredMean, "2015-2019", Prosecution),
        Entry("children-physical-sv", "One in three children in the Netherlands has experienced a physical form of sexual violence.",
            3, null, null, "one-in-n", Rounding.OneInN, ClaimKind.SurveyProportion, "before age 18", Prevalence),
        Entry("boys-physical-sv", "17% of boys have been subjected to a criminal form of physical sexual violence before their 18th birthday.",
            17, null, null, "percent", Rounding.PercentInteger, ClaimKind.SurveyProportion, "before age 18", Prevalence),
        Entry("girls-physical-sv", "48% of girls have been subjected to a criminal form of physical sexual violence before their 18th birthday.",
            48, null, null, "percent", Rounding.PercentInteger, ClaimKind.SurveyProportion, "before age 18", Prevalence),
        Entry("boys-told-no-one", "36% of boys who have been subjected to sexual violence do not tell anyone about it.",
            36, null, null, "percent", Rounding.PercentInteger, ClaimKind.SurveyProportion, "before age 18", Prevalence),
        Entry("girls-told-no-one", "25% of girls who have been subjected to sexual violence do not tell anyone about it.",
            25, null, null, "percent", Rounding.PercentInteger, ClaimKind.SurveyProportion, "before age 18", Prevalence),
        Entry("offenders-known-to-child", "77% of offenders of sexual violence against children are known to the child.",
            77, null, null, "percent", Rounding.PercentInteger, ClaimKind.SurveyProportion, "before age 18", Prevalence),
        Entry("offenders-peers", "46% of offenders of sexual violence against children are peers.",
            46, null, null, "percent", Rounding.PercentInteger, ClaimKind.SurveyProportion, "before age 18", Prevalence),
        Entry("closed-youth-care-sexual-violence", "40% of children who were placed in a closed youth care institution in 2016 were there (at least partly) as a result of sexual violence.",
            40, null, null, "percent", Rounding.PercentInteger, ClaimKind.RegisteredProportion, "2016", YouthCare),
        Entry("no-youth-support-within-six-months", "15% of children were not offered youth support within six months of the court issuing a family supervision order.",
            15, null, null, "percent", Rounding.PercentInteger, ClaimKind.RegisteredProportion, "2017-2018", YouthCare),
        Entry("municipalities-without-policy-2017", "In 2017, the majority of local authorities did not have a specific policy on human trafficking.",
            null, null, null, "percent", Rounding.Majority, ClaimKind.SurveyProportion, "2017", Regional),
        Entry("municipalities-think-no-trafficking-2017", "A third of local authorities thought that human trafficking did not occur in their area.",
            3, null, null, "one-in-n", Rounding.OneInN, ClaimKind.SurveyProportion, "2017", Regional),
    ];

    /// <summary>Generates the ledger CSV and its dictionary. The ledger holds published figures, so it does not depend on <paramref name="seed"/>.</summary>
    public static SyntheticDataset Generate(int seed)
    {
        _ = seed;
        var csv = new CsvText([.. Ledger.ColumnNames, Ledger.DutchSentenceColumn]);
        foreach (var e in Entries)
        {
            csv.Field(e.Id).Field(e.SentenceEn).Field(Number(e.Value)).Field(Number(e.Low)).Field(Number(e.High))
                .Field(e.Unit).Field(LedgerEntry.Code(e.Rounding)).Field(LedgerEntry.Code(e.Kind)).Field(e.Publication)
                .Field(e.Year).Field(e.Period).Field(e.Study).Field(e.SentenceNl);
            csv.EndRow();
        }
        return new SyntheticDataset(Name, csv.ToString(), Dictionary());
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static DataDictionary Dictionary() => new()
    {
        Name = Name,
        Title = new("Published figures: the claims ledger of the factsheet of July 2020",
            "Gepubliceerde cijfers: het claimregister van de factsheet van juli 2020"),
        Source = Factsheet + " (National Rapporteur on Trafficking in Human Beings and Sexual Violence against Children). " +
            "The figures are published ones, not synthetic; the data samples are calibrated to reproduce them.",
        Synthetic = false,
        Licence = Columns.Licence,
        UnitOfObservation = "published figure",
        PrimaryKey = ["id"],
        Description =
            "One row per figure of the factsheet, with how it was rounded in print and the notebook that must " +
            "reproduce it from the data samples. Read it with Workbench.Claims.Ledger.Load; a figure is reproduced " +
            "when the study's estimate lies in the band of its rounding (see the rounding column).",
        Columns =
        [
            Columns.Id("id", "Figure", "Cijfer", "Kebab-case identifier, e.g. girls-physical-sv."),
            new ColumnDefinition
            {
                Name = "sentence_en", Type = ColumnType.Text, Label = new("Sentence (English)", "Zin (Engels)"),
                Description = "The sentence as published in the English factsheet.",
            },
            Columns.Dec("value", "Printed value", "Gedrukte waarde", null, null, null,
                "The printed figure in the unit of the row (48 for 48%; 22 for 1 year and 10 months; 3 for one in three); " +
                "empty for a range or a majority.", required: false),
            Columns.Dec("low", "Lower end of the printed range", "Ondergrens van het gedrukte bereik", null, null, null,
                "For rounding range and percent-range; empty otherwise.", required: false),
            Columns.Dec("high", "Upper end of the printed range", "Bovengrens van het gedrukte bereik", null, null, null,
                "For rounding range and percent-range; empty otherwise.", required: false),
            Columns.Category("unit", "Unit", "Eenheid",
            [
                Columns.Code("percent", "percent", "procent"),
                Columns.Code("persons-per-year", "persons per year", "personen per jaar"),
                Columns.Code("months", "months", "maanden"),
                Columns.Code("one-in-n", "one in n (value is n)", "één op n (waarde is n)"),
            ]),
            Columns.Category("rounding", "Rounding in print", "Afronding in de publicatie",
            [
                Columns.Code("percent-integer", "whole percent: matches x (percent) in [value - 0.5, value + 0.5)",
                    "hele procenten: x (procent) in [waarde - 0,5, waarde + 0,5)"),
                Columns.Code("percent-range", "percentage range: matches x (percent) in [low, high]",
                    "bereik in procenten: x (procent) in [onder, boven]"),
                Columns.Code("range", "range: matches x in [low, high]", "bereik: x in [onder, boven]"),
                Columns.Code("nearest-100", "around, to the nearest 100: matches x in [value - 50, value + 50)",
                    "ongeveer, op 100 afgerond: x in [waarde - 50, waarde + 50)"),
                Columns.Code("one-in-n", "one in n: matches a proportion p with 1/p in [value - 0.5, value + 0.5), i.e. p in (1/(value + 0.5), 1/(value - 0.5)]",
                    "één op n: aandeel p met 1/p in [waarde - 0,5, waarde + 0,5)"),
                Columns.Code("years-months", "years and months: matches a mean x (months) in [value - 0.5, value + 0.5)",
                    "jaren en maanden: gemiddelde x (maanden) in [waarde - 0,5, waarde + 0,5)"),
                Columns.Code("majority", "the majority: matches x (percent) in (50, 100]", "de meerderheid: x (procent) in (50, 100]"),
            ]),
            Columns.Category("kind", "Kind of figure", "Soort cijfer",
            [
                Columns.Code("estimate", "estimate of a hidden population", "schatting van een verborgen populatie"),
                Columns.Code("registered-count", "registered count", "geregistreerd aantal"),
                Columns.Code("registered-proportion", "proportion from (linked) registers", "aandeel uit (gekoppelde) registraties"),
                Columns.Code("registered-mean", "mean from registers", "gemiddelde uit registraties"),
                Columns.Code("survey-proportion", "proportion from a survey", "aandeel uit een enquête"),
            ]),
            new ColumnDefinition
            {
                Name = "publication", Type = ColumnType.Text, Label = new("Publication", "Publicatie"),
                Description = "Where the figure was published.",
            },
            Columns.Int("year", "Year of publication", "Jaar van publicatie", 2000, 2100, "year"),
            new ColumnDefinition
            {
                Name = "period", Type = ColumnType.Text, Label = new("Period described", "Periode"),
                Description = "The period the figure describes (the period of the data samples that reproduce it).",
            },
            Columns.Category("study", "Study that reproduces it", "Studie die het reproduceert",
            [
                Columns.Code(Prevalence, "Sexual violence prevalence", "Prevalentie van seksueel geweld"),
                Columns.Code(Trafficking, "Trafficking victim estimates", "Schattingen van slachtoffers van mensenhandel"),
                Columns.Code(Prosecution, "Prosecution and sentencing", "Vervolging en straffen"),
                Columns.Code(YouthCare, "Youth care linkage", "Koppeling jeugdhulp"),
                Columns.Code(Regional, "Regional approach", "Regionale aanpak"),
            ]),
            new ColumnDefinition
            {
                Name = Ledger.DutchSentenceColumn, Type = ColumnType.Text, Label = new("Sentence (Dutch)", "Zin (Nederlands)"),
                Description = "The sentence as the Dutch factsheet states it; the report's Dutch pages name the figure by it.",
            },
        ],
    };
}
