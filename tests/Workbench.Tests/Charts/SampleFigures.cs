using Workbench.Charts;
using Workbench.Data;

namespace Workbench.Tests.Charts;

/// <summary>One figure of each kind, on synthetic numbers, shared by the chart and export tests.</summary>
internal static class SampleFigures
{
    public static readonly Bilingual Girls = new("girls", "meisjes");
    public static readonly Bilingual Boys = new("boys", "jongens");
    public static readonly Bilingual SurveySource = new("Youth survey 2024, synthetic data calibrated to published figures", "Jeugdenquête 2024, synthetische data gekalibreerd op gepubliceerde cijfers");
    public static readonly Bilingual RegisterSource = new("Police and Public Prosecution Service registers", "Registraties van politie en Openbaar Ministerie");

    public static Figure Prevalence() => Figures.Prevalence("fig-sv-gender",
            new("Girls report sexual violence almost three times as often as boys", "Meisjes melden bijna drie keer zo vaak seksueel geweld als jongens"),
            [
                new(new("any sexual violence", "enig seksueel geweld"), Girls, 0.48, 0.45, 0.51),
                new(new("any sexual violence", "enig seksueel geweld"), Boys, 0.17, 0.15, 0.19),
                new(new("physical contact", "fysiek contact"), Girls, 0.21, 0.185, 0.237),
                new(new("physical contact", "fysiek contact"), Boys, 0.062, 0.05, 0.076),
            ],
            SurveySource, synthetic: true)
        .WithNumber(1)
        .WithSubtitle(new("Share of pupils aged 12-17 in the past year, the Netherlands, 2024", "Aandeel scholieren van 12-17 jaar in het afgelopen jaar, Nederland, 2024"));

    public static Figure EstimateRange() => Figures.EstimateRange("fig-mse-range",
            new("Most victims of trafficking are not registered", "De meeste slachtoffers van mensenhandel worden niet geregistreerd"),
            [
                new(Bilingual.Same("2021"), 5000, 6200, 7500, 1300),
                new(Bilingual.Same("2022"), 4600, 5800, 7300, 1250),
            ],
            new("Multiple systems estimation on five registers", "Multiple systems estimation op vijf registraties"), synthetic: true)
        .WithNumber(2);

    public static CountTable ChainCounts() => CountTable.FromUnprotected(
    [
        new CountCell(new("suspects", "verdachten"), null, 1200),
        new CountCell(new("prosecuted", "vervolgd"), null, 800),
        new CountCell(new("convicted", "veroordeeld"), null, 300),
    ]);

    public static Figure Chain() => Figures.Chain("fig-chain",
            new("One in four suspects is convicted", "Eén op de vier verdachten wordt veroordeeld"), ChainCounts(), RegisterSource, synthetic: true)
        .WithNumber(3);

    public static Figure Trend() => Figures.Trend("fig-trend",
            new("Reported online sexual violence rose between 2017 and 2024", "Gemeld online seksueel geweld nam toe tussen 2017 en 2024"),
            [
                new("2017", Girls, 0.12, 0.10, 0.14), new("2020", Girls, 0.15, 0.13, 0.17), new("2024", Girls, 0.19, 0.17, 0.21),
                new("2017", Boys, 0.05, 0.04, 0.06), new("2020", Boys, 0.06, 0.05, 0.07), new("2024", Boys, 0.08, 0.07, 0.095),
            ],
            SurveySource, synthetic: true)
        .WithNumber(4);

    public static Figure Composition() => Figures.CompositionOfEstimates("fig-composition",
            new("Most perpetrators are known to the victim", "De meeste plegers zijn bekend bij het slachtoffer"),
            [
                new(Girls, new("partner or ex-partner", "(ex-)partner"), 0.35), new(Girls, new("acquaintance", "kennis"), 0.40), new(Girls, new("stranger", "onbekende"), 0.25),
                new(Boys, new("partner or ex-partner", "(ex-)partner"), 0.20), new(Boys, new("acquaintance", "kennis"), 0.50), new(Boys, new("stranger", "onbekende"), 0.30),
            ],
            SurveySource, synthetic: true)
        .WithNumber(5);

    public static Figure SmallMultiples() => Figures.SmallMultiples("fig-multiples",
        new("The gap between girls and boys is similar in every region", "Het verschil tussen meisjes en jongens is in elke regio vergelijkbaar"),
        new[] { ("North", "Noord", 0.45, 0.16), ("East", "Oost", 0.50, 0.18), ("South", "Zuid", 0.47, 0.15), ("West", "West", 0.49, 0.19) }
            .Select(r => Figures.Prevalence("panel-" + r.Item1,
                new(r.Item1, r.Item2),
                [
                    new(new("any sexual violence", "enig seksueel geweld"), Girls, r.Item3, r.Item3 - 0.04, r.Item3 + 0.04),
                    new(new("any sexual violence", "enig seksueel geweld"), Boys, r.Item4, r.Item4 - 0.03, r.Item4 + 0.03),
                ], SurveySource, synthetic: true)));

    public static IReadOnlyList<Figure> All() => [Prevalence(), EstimateRange(), Chain(), Trend(), Composition(), SmallMultiples()];
}
