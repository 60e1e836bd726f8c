using System.Globalization;
using Workbench.Data;
using Workbench.Randomness;

namespace Workbench.Synthetic;

/// <summary>
/// Generates the two youth care datasets of the linkage case study: <c>youth-care-supervision</c> (children under a
/// family supervision order after sexual violence, months until their first youth support, right-censored) and
/// <c>closed-youth-care-2016</c> (closed youth care placements in 2016 and their reasons).
/// </summary>
/// <remarks>
/// Calibrated so that the Kaplan-Meier estimate of "no youth support within six months" is 15% and 40% of the
/// closed placements were at least partly because of sexual violence. Checked with R survival:
/// data-samples/scripts/check-youth-care.R.
/// </remarks>
public static class YouthCareLinkage
{
    /// <summary>The name of the supervision dataset.</summary>
    public const string SupervisionName = "youth-care-supervision";

    /// <summary>The name of the closed youth care dataset.</summary>
    public const string ClosedCareName = "closed-youth-care-2016";

    /// <summary>Target Kaplan-Meier probability of no youth support within six months (15%).</summary>
    public const double NoSupportWithinSixMonths = 0.15;

    /// <summary>Target share of closed placements at least partly because of sexual violence (40%).</summary>
    public const double ClosedCareSexualViolenceShare = 0.40;

    /// <summary>The end of follow-up of the supervision orders.</summary>
    public static DateOnly FollowUpEnd { get; } = new(2019, 12, 31);

    private const double DaysPerMonth = 30.4375;

    /// <summary>
    /// The Kaplan-Meier survival probability at <paramref name="at"/>: the product over event times t &lt;= at of
    /// (1 - events at t / at risk at t); censored at t counts as at risk at t (R survival's convention).
    /// </summary>
    public static double KaplanMeier(IReadOnlyList<double> time, IReadOnlyList<bool> evt, double at)
    {
        var order = Enumerable.Range(0, time.Count).OrderBy(i => time[i]).ToArray();
        var atRisk = time.Count;
        var survival = 1.0;
        var k = 0;
        while (k < order.Length && time[order[k]] <= at)
        {
            var t = time[order[k]];
            int events = 0, leaving = 0;
            while (k < order.Length && time[order[k]] == t)
            {
                if (evt[order[k]]) events++;
                leaving++;
                k++;
            }
            if (events > 0) survival *= 1 - (double)events / atRisk;
            atRisk -= leaving;
        }
        return survival;
    }

    /// <summary>Generates <c>youth-care-supervision</c> for <paramref name="seed"/>.</summary>
    public static SyntheticDataset GenerateSupervision(int seed)
    {
        var rng = Xoshiro256.ForStream(seed, SupervisionName);
        const int n = 1_180;
        var start = new DateOnly(2017, 1, 1);
        var days = new DateOnly(2018, 12, 31).DayNumber - start.DayNumber + 1;
        var orderDate = new DateOnly[n];
        var female = new bool[n];
        var age = new int[n];
        var tenths = new int[n];
        var censorTenths = new int[n];
        var evt = new bool[n];
        for (var i = 0; i < n; i++)
        {
            orderDate[i] = start.AddDays(rng.NextInt(days));
            female[i] = rng.Bernoulli(0.68);
            age[i] = rng.NextInt(0, 17);
            var followUp = (FollowUpEnd.DayNumber - orderDate[i].DayNumber) / DaysPerMonth;
            // Loss to follow-up (moved abroad, turned 18) for some children.
            var censor = rng.Bernoulli(0.06) ? followUp * rng.NextDouble() : followUp;
            if (age[i] == 17) censor = Math.Min(censor, 12 * rng.NextDouble() + 0.5);
            var fast = rng.Bernoulli(0.82);
            var support = -Math.Log(1 - rng.NextDouble()) * (fast ? 1.8 : 10.0);
            censorTenths[i] = Math.Max(1, (int)Math.Floor(censor * 10));
            var supportTenths = Math.Max(1, (int)Math.Round(support * 10));
            evt[i] = supportTenths <= censorTenths[i];
            tenths[i] = evt[i] ? supportTenths : censorTenths[i];
        }
        CalibrateKaplanMeier(tenths, censorTenths, evt, rng);

        var ids = rng.Permutation(n);
        var rows = Enumerable.Range(0, n).OrderBy(i => ids[i]).ToArray();
        var csv = new CsvText("child_id", "sex", "age_at_order", "order_date", "months_to_support", "support_started");
        foreach (var i in rows)
        {
            csv.Field($"C{ids[i] + 1:00000}").Field(female[i] ? "F" : "M").Field(age[i])
                .Field(orderDate[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Field(tenths[i] / 10.0, 1).Field(evt[i]);
            csv.EndRow();
        }
        return new SyntheticDataset(SupervisionName, csv.ToString(), SupervisionDictionary(seed));
    }

    // Moves the support time of randomly chosen children across the six-month mark until the Kaplan-Meier estimate
    // at six months is within 0.002 of the target; a time never moves beyond the child's censoring time.
    private static void CalibrateKaplanMeier(int[] tenths, int[] censorTenths, bool[] evt, Xoshiro256 rng)
    {
        var n = tenths.Length;
        for (var guard = 0; guard < 10_000; guard++)
        {
            var s = KaplanMeier(tenths.Select(t => t / 10.0).ToArray(), evt, 6.0);
            if (Math.Abs(s - NoSupportWithinSixMonths) <= 0.002) return;
            var i = rng.NextInt(n);
            if (s > NoSupportWithinSixMonths && tenths[i] > 60 && censorTenths[i] > 60)
            {
                tenths[i] = rng.NextInt(1, 60);
                evt[i] = true;
            }
            else if (s < NoSupportWithinSixMonths && evt[i] && tenths[i] <= 60 && censorTenths[i] > 61)
            {
                tenths[i] = rng.NextInt(61, Math.Min(censorTenths[i], 240));
            }
        }
        throw new InvalidOperationException("calibration of the Kaplan-Meier estimate failed.");
    }

    /// <summary>Generates <c>closed-youth-care-2016</c> for <paramref name="seed"/>.</summary>
    public static SyntheticDataset GenerateClosedCare(int seed)
    {
        var rng = Xoshiro256.ForStream(seed, ClosedCareName);
        const int n = 2_180;
        var female = new bool[n];
        var age = new int[n];
        var sv = new bool[n];
        var behaviour = new bool[n];
        var parenting = new bool[n];
        var substance = new bool[n];
        for (var i = 0; i < n; i++)
        {
            female[i] = rng.Bernoulli(0.46);
            age[i] = rng.NextInt(0, 9) switch { 0 => 12, 1 or 2 => 13, 3 or 4 => 14, 5 or 6 => 15, 7 or 8 => 16, _ => 17 };
            if (rng.Bernoulli(0.2)) age[i] = 17;
            sv[i] = rng.Bernoulli(female[i] ? 0.61 : 0.22);
            behaviour[i] = rng.Bernoulli(0.70);
            parenting[i] = rng.Bernoulli(sv[i] ? 0.55 : 0.40);
            substance[i] = rng.Bernoulli(age[i] >= 15 ? 0.30 : 0.15);
        }
        Calibration.Proportion(sv, Enumerable.Range(0, n).ToArray(), ClosedCareSexualViolenceShare, 0.001, rng,
            "closed youth care because of sexual violence");

        var csv = new CsvText("placement_id", "sex", "age", "reason_sexual_violence", "reason_behaviour",
            "reason_parenting", "reason_substance_use");
        for (var i = 0; i < n; i++)
        {
            csv.Field($"P{i + 1:00000}").Field(female[i] ? "F" : "M").Field(age[i]).Field(sv[i]).Field(behaviour[i])
                .Field(parenting[i]).Field(substance[i]);
            csv.EndRow();
        }
        return new SyntheticDataset(ClosedCareName, csv.ToString(), ClosedCareDictionary(seed));
    }

    private static DataDictionary SupervisionDictionary(int seed) => new()
    {
        Name = SupervisionName,
        Title = new("Children under a family supervision order after sexual violence: time to first youth support (synthetic)",
            "Kinderen met een ondertoezichtstelling na seksueel geweld: tijd tot eerste jeugdhulp (synthetisch)"),
        Source = Columns.Source(seed),
        Synthetic = true,
        Licence = Columns.Licence,
        UnitOfObservation = "child with a family supervision order",
        PrimaryKey = ["child_id"],
        Description =
            "Children for whom the court issued a family supervision order in 2017-2018 after sexual violence, as " +
            "in the linkage of Child Care and Protection Board data by Statistics Netherlands. Time in months from the " +
            "order to the first youth support, right-censored at the end of follow-up (2019-12-31) or earlier loss " +
            "to follow-up. Calibrated so that the Kaplan-Meier estimate of no support within six months is 15%.",
        Columns =
        [
            Columns.Id("child_id", "Child", "Kind"),
            Columns.Category("sex", "Sex", "Geslacht", Columns.Sex),
            Columns.Int("age_at_order", "Age at the order", "Leeftijd bij de maatregel", 0, 17, "years"),
            new ColumnDefinition
            {
                Name = "order_date", Type = ColumnType.Date, Label = new("Date of the order", "Datum van de maatregel"),
                Description = "Date on which the court issued the family supervision order.",
            },
            Columns.Dec("months_to_support", "Months until first youth support", "Maanden tot eerste jeugdhulp", 0, 36,
                "months", "Months from the order until the first youth support (support_started = 1) or until the end " +
                "of follow-up (support_started = 0, censored)."),
            Columns.Flag("support_started", "Youth support started", "Jeugdhulp gestart",
                "1 = youth support started at months_to_support (event); 0 = censored, no support seen until then."),
        ],
    };

    private static DataDictionary ClosedCareDictionary(int seed) => new()
    {
        Name = ClosedCareName,
        Title = new("Placements in closed youth care in 2016 and their reasons (synthetic)",
            "Plaatsingen in gesloten jeugdhulp in 2016 en de redenen daarvoor (synthetisch)"),
        Source = Columns.Source(seed),
        Synthetic = true,
        Licence = Columns.Licence,
        UnitOfObservation = "placement in closed youth care",
        PrimaryKey = ["placement_id"],
        Description =
            "Children placed in a closed youth care institution in 2016 with the reasons recorded for the placement " +
            "(several may apply). Calibrated so that 40% were placed at least partly because of sexual violence.",
        Columns =
        [
            Columns.Id("placement_id", "Placement", "Plaatsing"),
            Columns.Category("sex", "Sex", "Geslacht", Columns.Sex),
            Columns.Int("age", "Age at placement", "Leeftijd bij plaatsing", 12, 17, "years"),
            Columns.Flag("reason_sexual_violence", "At least partly because of sexual violence",
                "Mede vanwege seksueel geweld", "1 = sexual violence was (one of) the reasons for the placement."),
            Columns.Flag("reason_behaviour", "Behavioural problems", "Gedragsproblemen",
                "1 = behavioural problems were (one of) the reasons."),
            Columns.Flag("reason_parenting", "Parenting problems", "Opvoedingsproblemen",
                "1 = problems in the upbringing were (one of) the reasons."),
            Columns.Flag("reason_substance_use", "Substance use", "Middelengebruik",
                "1 = substance use was (one of) the reasons."),
        ],
    };
}
