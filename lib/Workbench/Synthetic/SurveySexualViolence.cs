using Workbench.Data;
using Workbench.Randomness;

namespace Workbench.Synthetic;

/// <summary>
/// Generates <c>survey-sexual-violence</c>: a stratified two-stage cluster sample of young adults (18-25) with design
/// weights, asked about physical sexual violence before their 18th birthday.
/// </summary>
/// <remarks>
/// Girls and high-prevalence regions are over-sampled, so the design weights are informative: an unweighted mean
/// over-states the prevalence. Outcomes are drawn from a logistic model with region, cluster and age effects, then
/// calibrated (see <see cref="Calibration"/>) so the weighted estimates sit near the centre of the published
/// figures' rounding bands. Checked with R survey: data-samples/scripts/check-survey.R.
/// </remarks>
public static class SurveySexualViolence
{
    /// <summary>The dataset name.</summary>
    public const string Name = "survey-sexual-violence";

    /// <summary>Published weighted prevalence of criminal physical sexual violence before 18 among girls (48%).</summary>
    public const double GirlsPrevalence = 0.48;
    /// <summary>Published weighted prevalence among boys (17%).</summary>
    public const double BoysPrevalence = 0.17;
    /// <summary>Published share of affected girls who told no one (25%).</summary>
    public const double GirlsToldNoOne = 0.25;
    /// <summary>Published share of affected boys who told no one (36%).</summary>
    public const double BoysToldNoOne = 0.36;
    /// <summary>Published share of affected respondents whose offender was known to them (77%).</summary>
    public const double OffenderKnown = 0.77;
    /// <summary>Published share of affected respondents whose offender was a peer (46%).</summary>
    public const double OffenderPeer = 0.46;
    /// <summary>Calibration tolerance around each target (the rounding band is +- 0.005).</summary>
    public const double Tolerance = 0.0015;

    private sealed record Stratum(string Code, string En, string Nl, int Population, int Clusters, double LogOdds,
        double GirlShare);

    // Population of 18-25 year olds per region (both sexes, about 49% women) and the sample allocation. Regions
    // with a higher log-odds shift get more clusters per inhabitant, so the design is informative.
    private static readonly Stratum[] Strata =
    [
        new("north", "North", "Noord", 165_000, 7, 0.10, 0.58),
        new("east", "East", "Oost", 330_000, 6, -0.35, 0.60),
        new("central", "Central", "Midden", 215_000, 8, 0.05, 0.62),
        new("north-west", "North-West", "Noordwest", 270_000, 6, -0.20, 0.60),
        new("west-metropolitan", "West (metropolitan)", "West (grootstedelijk)", 230_000, 12, 0.40, 0.64),
        new("south-west", "South-West", "Zuidwest", 190_000, 7, -0.05, 0.58),
        new("south", "South", "Zuid", 240_000, 6, -0.10, 0.60),
        new("south-east", "South-East", "Zuidoost", 125_000, 9, 0.45, 0.62),
    ];

    private const double PopulationGirlShare = 0.49;

    /// <summary>Generates the dataset for <paramref name="seed"/>.</summary>
    public static SyntheticDataset Generate(int seed)
    {
        var rng = Xoshiro256.ForStream(seed, Name);
        var stratum = new List<int>();
        var cluster = new List<string>();
        var clusterEffect = new List<double>();
        var female = new List<bool>();
        var age = new List<int>();
        for (var h = 0; h < Strata.Length; h++)
        {
            for (var c = 1; c <= Strata[h].Clusters; c++)
            {
                var size = rng.NextInt(70, 106);
                var effect = 0.30 * rng.NextNormal();
                var id = $"{Strata[h].Code}-{c:00}";
                for (var k = 0; k < size; k++)
                {
                    stratum.Add(h);
                    cluster.Add(id);
                    clusterEffect.Add(effect);
                    female.Add(rng.Bernoulli(Strata[h].GirlShare));
                    age.Add(rng.NextInt(18, 25));
                }
            }
        }
        var n = stratum.Count;

        // Design weight = population of the stratum-sex cell / its sample size, times a cluster-level non-response
        // adjustment, rescaled so each cell's weights sum to its population. Calibration uses the weights exactly
        // as written (two decimals).
        var adjustment = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var id in cluster.Distinct()) adjustment[id] = 0.85 + 0.30 * rng.NextDouble();
        var adjustmentSum = new double[Strata.Length, 2];
        for (var i = 0; i < n; i++) adjustmentSum[stratum[i], female[i] ? 0 : 1] += adjustment[cluster[i]];
        var weight = new double[n];
        for (var i = 0; i < n; i++)
        {
            var pop = Strata[stratum[i]].Population * (female[i] ? PopulationGirlShare : 1 - PopulationGirlShare);
            weight[i] = CsvText.AsWritten(pop * adjustment[cluster[i]] / adjustmentSum[stratum[i], female[i] ? 0 : 1], 2);
        }

        var sv = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var baseLogit = female[i] ? Logit(GirlsPrevalence) : Logit(BoysPrevalence);
            var eta = baseLogit + Strata[stratum[i]].LogOdds + clusterEffect[i] + 0.04 * (age[i] - 21.5);
            sv[i] = rng.Bernoulli(Expit(eta));
        }
        var girls = Calibration.Where(n, i => female[i]);
        var boys = Calibration.Where(n, i => !female[i]);
        Calibration.WeightedProportion(sv, weight, girls, GirlsPrevalence, Tolerance, rng, "girls' prevalence");
        Calibration.WeightedProportion(sv, weight, boys, BoysPrevalence, Tolerance, rng, "boys' prevalence");

        var told = new bool[n];
        var known = new bool[n];
        var peer = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (!sv[i]) continue;
            var baseTold = female[i] ? GirlsToldNoOne : BoysToldNoOne;
            told[i] = rng.Bernoulli(Expit(Logit(baseTold) - 0.05 * (age[i] - 21.5)));
            known[i] = rng.Bernoulli(OffenderKnown);
            peer[i] = rng.Bernoulli(known[i] ? 0.50 : 0.33);
        }
        var affectedGirls = Calibration.Where(n, i => sv[i] && female[i]);
        var affectedBoys = Calibration.Where(n, i => sv[i] && !female[i]);
        var affected = Calibration.Where(n, i => sv[i]);
        Calibration.WeightedProportion(told, weight, affectedGirls, GirlsToldNoOne, Tolerance, rng, "girls told no one");
        Calibration.WeightedProportion(told, weight, affectedBoys, BoysToldNoOne, Tolerance, rng, "boys told no one");
        Calibration.WeightedProportion(known, weight, affected, OffenderKnown, Tolerance, rng, "offender known");
        Calibration.WeightedProportion(peer, weight, affected, OffenderPeer, Tolerance, rng, "offender a peer");

        var csv = new CsvText("respondent_id", "sex", "age", "stratum", "cluster", "weight", "physical_sv",
            "told_no_one", "offender_known", "offender_peer");
        for (var i = 0; i < n; i++)
        {
            csv.Field($"R{i + 1:00000}").Field(female[i] ? "F" : "M").Field(age[i]).Field(Strata[stratum[i]].Code)
                .Field(cluster[i]).Field(weight[i], 2).Field(sv[i])
                .Field(sv[i] ? told[i] : null).Field(sv[i] ? known[i] : null).Field(sv[i] ? peer[i] : null);
            csv.EndRow();
        }
        return new SyntheticDataset(Name, csv.ToString(), Dictionary(seed));
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Expit(double x) => 1 / (1 + Math.Exp(-x));

    private static DataDictionary Dictionary(int seed) => new()
    {
        Name = Name,
        Title = new("Survey of young adults on sexual violence before their 18th birthday (synthetic)",
            "Enquête onder jongvolwassenen naar seksueel geweld vóór hun 18e (synthetisch)"),
        Source = Columns.Source(seed),
        Synthetic = true,
        Licence = Columns.Licence,
        UnitOfObservation = "respondent",
        PrimaryKey = ["respondent_id"],
        Description =
            "Stratified two-stage cluster sample of young adults aged 18-25: regions are strata, clusters (primary " +
            "sampling units) are nested in regions. Girls and some regions are over-sampled, so estimates must use " +
            "the design weights (R: svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight)); an unweighted " +
            "mean over-states the prevalence. Weighted estimates are calibrated to the factsheet of July 2020 " +
            "(48% of girls, 17% of boys; among those affected 25% of girls and 36% of boys told no one, 77% knew the " +
            "offender, 46% were victimised by a peer).",
        Columns =
        [
            Columns.Id("respondent_id", "Respondent", "Respondent"),
            Columns.Category("sex", "Sex", "Geslacht", Columns.Sex),
            Columns.Int("age", "Age at interview", "Leeftijd bij interview", 18, 25, "years"),
            Columns.Category("stratum", "Region (stratum)", "Regio (stratum)",
                Strata.Select(s => Columns.Code(s.Code, s.En, s.Nl)).ToList(),
                "Sampling stratum; synthetic regions, not official boundaries.", ColumnRole.Stratum),
            new ColumnDefinition
            {
                Name = "cluster", Type = ColumnType.Identifier, Role = ColumnRole.Cluster,
                Label = new("Cluster (primary sampling unit)", "Cluster (primaire steekproefeenheid)"),
                Description = "Primary sampling unit, nested in its stratum (the code starts with the stratum).",
            },
            Columns.Dec("weight", "Design weight", "Ontwerpgewicht", 0, null, "persons",
                "Inverse selection probability of the stratum-sex cell times a cluster non-response adjustment, " +
                "scaled so the weights of each stratum-sex cell sum to its population of 18-25 year olds.", ColumnRole.Weight),
            Columns.Flag("physical_sv", "Physical sexual violence before 18", "Fysiek seksueel geweld vóór 18",
                "1 = experienced a criminal form of physical sexual violence before the 18th birthday."),
            Columns.Flag("told_no_one", "Told no one", "Niemand verteld",
                "Among respondents with physical_sv = 1: 1 = did not tell anyone. Empty when physical_sv = 0.",
                required: false),
            Columns.Flag("offender_known", "Offender known to the child", "Pleger bekend bij het kind",
                "Among respondents with physical_sv = 1: 1 = the offender was known to the child. Empty otherwise.",
                required: false),
            Columns.Flag("offender_peer", "Offender a peer", "Pleger een leeftijdgenoot",
                "Among respondents with physical_sv = 1: 1 = the offender was a peer. Empty otherwise.",
                required: false),
        ],
    };
}
