using Workbench.Data;
using Workbench.Randomness;

namespace Workbench.Synthetic;

/// <summary>
/// Generates <c>municipal-policy</c>: every (synthetic) Dutch municipality in 2017 and 2022 with its police regional
/// unit, whether it has a human trafficking policy and whether it thinks human trafficking occurs locally.
/// </summary>
/// <remarks>
/// Municipality codes are synthetic (SYN0001...); the police regional units are the ten real ones. There are 388
/// municipalities in 2017 and 345 in 2022 (as on 1 January of those years); some 2017 municipalities merge in pairs
/// into a new code. Calibrated so that in 2017 most (70%) had no specific policy and a third thought that human
/// trafficking did not occur in their area; in 2022 all were meant to have one, and most do.
/// </remarks>
public static class MunicipalPolicy
{
    /// <summary>The dataset name.</summary>
    public const string Name = "municipal-policy";

    /// <summary>Target share of municipalities with a specific policy in 2017 (30%: most had none).</summary>
    public const double PolicyShare2017 = 0.30;

    /// <summary>Target share of municipalities that thought human trafficking did not occur locally in 2017 (one in three).</summary>
    public const double ThinksNotOccurs2017 = 1.0 / 3;

    /// <summary>The ten police regional units: code, name (the same in Dutch and English), municipalities in 2017 and 2022.</summary>
    public static IReadOnlyList<(string Code, string Name, int Municipalities2017, int Municipalities2022)> PoliceUnits { get; } =
    [
        ("noord-nederland", "Noord-Nederland", 61, 40),
        ("oost-nederland", "Oost-Nederland", 95, 86),
        ("midden-nederland", "Midden-Nederland", 35, 32),
        ("noord-holland", "Noord-Holland", 40, 36),
        ("amsterdam", "Amsterdam", 6, 6),
        ("den-haag", "Den Haag", 22, 22),
        ("rotterdam", "Rotterdam", 33, 30),
        ("zeeland-west-brabant", "Zeeland-West-Brabant", 29, 29),
        ("oost-brabant", "Oost-Brabant", 34, 33),
        ("limburg", "Limburg", 33, 31),
    ];

    private sealed class Municipality(string code, int unit, int size)
    {
        public string Code { get; } = code;
        public int Unit { get; } = unit;
        public int Size { get; } = size;
        public bool Policy { get; set; }
        public bool Occurs { get; set; }
    }

    private static readonly string[] SizeCodes = ["small", "medium", "large"];

    /// <summary>Generates the dataset for <paramref name="seed"/>.</summary>
    public static SyntheticDataset Generate(int seed)
    {
        var rng = Xoshiro256.ForStream(seed, Name);
        var next = 1;
        var y2017 = new List<Municipality>();
        var y2022 = new List<Municipality>();
        for (var u = 0; u < PoliceUnits.Count; u++)
        {
            var unit = PoliceUnits[u];
            var members = new List<Municipality>();
            for (var i = 0; i < unit.Municipalities2017; i++)
            {
                var size = rng.NextDouble() switch { < 0.45 => 0, < 0.85 => 1, _ => 2 };
                members.Add(new Municipality($"SYN{next++:0000}", u, size));
            }
            y2017.AddRange(members);
            // Each merger joins two 2017 municipalities into a new one: 2017 count - mergers = 2022 count.
            var mergers = unit.Municipalities2017 - unit.Municipalities2022;
            var order = rng.Permutation(members.Count);
            var merged = new HashSet<int>(order.Take(2 * mergers));
            for (var i = 0; i < members.Count; i++)
                if (!merged.Contains(i)) y2022.Add(new Municipality(members[i].Code, u, members[i].Size));
            for (var m = 0; m < mergers; m++)
            {
                var size = Math.Min(2, Math.Max(members[order[2 * m]].Size, members[order[2 * m + 1]].Size) + 1);
                y2022.Add(new Municipality($"SYN{next++:0000}", u, size));
            }
        }
        y2022 = y2022.OrderBy(m => m.Unit).ThenBy(m => m.Code, StringComparer.Ordinal).ToList();

        foreach (var m in y2017)
        {
            m.Policy = rng.Bernoulli(m.Size switch { 0 => 0.18, 1 => 0.32, _ => 0.60 });
            m.Occurs = rng.Bernoulli(m.Policy ? 0.85 : m.Size == 0 ? 0.55 : 0.68);
        }
        var all2017 = Enumerable.Range(0, y2017.Count).ToArray();
        var policy = y2017.Select(m => m.Policy).ToArray();
        Calibration.Proportion(policy, all2017, PolicyShare2017, 0.005, rng, "2017 policy share");
        var notOccurs = y2017.Select(m => !m.Occurs).ToArray();
        Calibration.Proportion(notOccurs, all2017, ThinksNotOccurs2017, 0.003, rng, "2017 thinks it does not occur");
        for (var i = 0; i < y2017.Count; i++)
        {
            y2017[i].Policy = policy[i];
            y2017[i].Occurs = !notOccurs[i];
        }
        foreach (var m in y2022)
        {
            m.Policy = rng.Bernoulli(m.Size == 0 ? 0.90 : 0.97);
            m.Occurs = rng.Bernoulli(m.Policy ? 0.90 : 0.70);
        }

        var csv = new CsvText("municipality_code", "year", "police_unit", "size_class", "has_policy", "thinks_occurs");
        foreach (var (year, list) in new[] { (2017, y2017), (2022, y2022) })
        {
            foreach (var m in list)
            {
                csv.Field(m.Code).Field(year).Field(PoliceUnits[m.Unit].Code).Field(SizeCodes[m.Size]).Field(m.Policy)
                    .Field(m.Occurs);
                csv.EndRow();
            }
        }
        return new SyntheticDataset(Name, csv.ToString(), Dictionary(seed));
    }

    private static DataDictionary Dictionary(int seed) => new()
    {
        Name = Name,
        Title = new("Municipal human trafficking policy by police regional unit, 2017 and 2022 (synthetic)",
            "Gemeentelijk mensenhandelbeleid per politie-eenheid, 2017 en 2022 (synthetisch)"),
        Source = Columns.Source(seed),
        Synthetic = true,
        Licence = Columns.Licence,
        UnitOfObservation = "municipality per year",
        PrimaryKey = ["municipality_code", "year"],
        Description =
            "Every municipality (synthetic codes; 388 in 2017, 345 in 2022 after mergers) with its police regional " +
            "unit (the ten real units). 2017 as in the Rapporteur's survey of municipalities: most had no specific " +
            "human trafficking policy and a third thought it did not occur in their area. By 2022 all municipalities " +
            "were meant to have a policy (Inter-governmental Programme).",
        Columns =
        [
            Columns.Id("municipality_code", "Municipality (synthetic code)", "Gemeente (synthetische code)",
                "Synthetic code; not a CBS municipality code. A code present in 2017 but not in 2022 was merged."),
            Columns.Int("year", "Year", "Jaar", 2017, 2022, "year"),
            Columns.Category("police_unit", "Police regional unit", "Politie-eenheid",
                PoliceUnits.Select(p => Columns.Code(p.Code, p.Name, p.Name)).ToList()),
            Columns.Category("size_class", "Size of the municipality", "Grootteklasse gemeente",
            [
                Columns.Code("small", "fewer than 20,000 inhabitants", "minder dan 20.000 inwoners"),
                Columns.Code("medium", "20,000 to 50,000 inhabitants", "20.000 tot 50.000 inwoners"),
                Columns.Code("large", "50,000 inhabitants or more", "50.000 inwoners of meer"),
            ]),
            Columns.Flag("has_policy", "Has a human trafficking policy", "Heeft mensenhandelbeleid",
                "1 = the municipality has a specific policy on human trafficking."),
            Columns.Flag("thinks_occurs", "Thinks human trafficking occurs locally", "Denkt dat mensenhandel voorkomt",
                "1 = the municipality thinks human trafficking occurs in its area; 0 = thinks it does not occur."),
        ],
    };
}
