using Workbench.Data;
using Workbench.Randomness;

namespace Workbench.Synthetic;

/// <summary>
/// Generates <c>trafficking-registrations</c>: one row per registered presumed victim per year (2015-2019) with a 0/1
/// flag per registry, drawn from <see cref="TraffickingPopulationModel"/>. Victims on no registry are not in the file;
/// multiple systems estimation recovers them. Checked with statsmodels: data-samples/scripts/check-mse.py.
/// </summary>
public static class TraffickingRegistrations
{
    /// <summary>The dataset name.</summary>
    public const string Name = "trafficking-registrations";

    private sealed record Registered(TraffickingGroup Group, int Pattern);

    /// <summary>Generates the dataset for <paramref name="seed"/> from <paramref name="model"/> (default: the default model).</summary>
    public static SyntheticDataset Generate(int seed, TraffickingPopulationModel? model = null)
    {
        model ??= TraffickingPopulationModel.Default;
        var rng = Xoshiro256.ForStream(seed, Name);
        var k = model.Lists.Count;
        var patterns = 1 << k;
        var csv = new CsvText(["person_id", "year", .. model.Lists, "age_group", "sex", "exploitation", "domestic"]);
        foreach (var year in model.Years)
        {
            var counts = model.GroupCounts(year);
            var registered = new List<Registered>();
            for (var g = 0; g < model.Groups.Count; g++)
            {
                var probabilities = model.PatternProbabilities(model.Groups[g]);
                // Systematic sampling of the patterns: cell counts are their expected values rounded with one random
                // offset, so each group's cells are within one person of the model and sum to its true count.
                var offset = rng.NextDouble();
                var cumulative = 0.0;
                var previous = 0;
                for (var x = 0; x < patterns; x++)
                {
                    cumulative += probabilities[x] * counts[g];
                    var upTo = x == patterns - 1 ? counts[g] : (int)Math.Floor(cumulative + offset);
                    upTo = Math.Min(Math.Max(upTo, previous), counts[g]);
                    if (x != 0)
                        for (var person = previous; person < upTo; person++) registered.Add(new Registered(model.Groups[g], x));
                    previous = upTo;
                }
            }
            // Number the registered victims in random order, so neither the order nor the ids reveal the group or
            // the unregistered part of the population.
            rng.Shuffle(registered);
            for (var i = 0; i < registered.Count; i++)
            {
                var r = registered[i];
                csv.Field($"{year}-{i + 1:00000}").Field(year);
                for (var j = 0; j < k; j++) csv.Field((r.Pattern & (1 << j)) != 0);
                csv.Field(r.Group.AgeGroup).Field(r.Group.Sex).Field(r.Group.Exploitation).Field(r.Group.Domestic);
                csv.EndRow();
            }
        }
        return new SyntheticDataset(Name, csv.ToString(), Dictionary(seed, model));
    }

    private static readonly Dictionary<string, (string En, string Nl, string Description)> ListLabels = new()
    {
        ["police"] = ("Police", "Politie", "Registered by the police."),
        ["kmar"] = ("Royal Netherlands Marechaussee", "Koninklijke Marechaussee",
            "Registered by the Royal Netherlands Marechaussee (KMar), e.g. at the border."),
        ["inspectorate_szw"] = ("Inspectorate SZW", "Inspectie SZW",
            "Registered by the Inspectorate of Social Affairs and Employment (labour exploitation)."),
        ["care_shelter"] = ("Care and shelter organisations", "Zorg- en opvangorganisaties",
            "Registered by a care or shelter organisation."),
        ["other_reporters"] = ("Other reporters", "Overige melders",
            "Registered by another reporter (youth care, municipalities, lawyers, others)."),
    };

    internal static DataDictionary Dictionary(int seed, TraffickingPopulationModel model) => new()
    {
        Name = Name,
        Title = new("Registered presumed victims of human trafficking, 2015-2019 (synthetic)",
            "Geregistreerde vermoedelijke slachtoffers van mensenhandel, 2015-2019 (synthetisch)"),
        Source = Columns.Source(seed),
        Synthetic = true,
        Licence = Columns.Licence,
        UnitOfObservation = "registered presumed victim per year",
        PrimaryKey = ["person_id"],
        Description =
            "One row per presumed victim registered in a year by at least one registry, with a 0/1 flag per " +
            "registry (the lists of a multiple systems estimate). Drawn from a population model of about " +
            "6,000-6,500 victims a year with heterogeneous and list-dependent capture " +
            "(Workbench.Synthetic.TraffickingPopulationModel.Default, which states the true totals per year).",
        Columns =
        [
            Columns.Id("person_id", "Person", "Persoon", "Year and a sequence number; unique within the file."),
            Columns.Int("year", "Year of registration", "Jaar van registratie", model.Years.Min(), model.Years.Max(), "year"),
            .. model.Lists.Select(l => Columns.Flag(l, ListLabels[l].En, ListLabels[l].Nl,
                ListLabels[l].Description + " 1 = on this list.", ColumnRole.List)),
            Columns.Category("age_group", "Age group", "Leeftijdsgroep",
                [Columns.Code("minor", "minor (under 18)", "minderjarig (jonger dan 18)"), Columns.Code("adult", "adult", "meerderjarig")]),
            Columns.Category("sex", "Sex", "Geslacht", Columns.Sex),
            Columns.Category("exploitation", "Form of exploitation", "Vorm van uitbuiting",
            [
                Columns.Code("sexual", "sexual exploitation", "seksuele uitbuiting"),
                Columns.Code("labour", "labour exploitation", "arbeidsuitbuiting"),
                Columns.Code("criminal", "criminal exploitation", "criminele uitbuiting"),
                Columns.Code("other", "other forms", "overige vormen"),
            ]),
            Columns.Category("domestic", "Domestic or cross-border", "Binnenlands of grensoverschrijdend",
            [
                Columns.Code("domestic", "domestic", "binnenlands"),
                Columns.Code("cross_border", "cross-border", "grensoverschrijdend"),
            ]),
        ],
    };
}

/// <summary>
/// Generates <c>trafficking-population-truth</c>: the true number of victims per year and population group of
/// <see cref="TraffickingPopulationModel"/>, published beside the registrations so an estimate can be compared with
/// the truth (which real data never offer).
/// </summary>
public static class TraffickingPopulationTruth
{
    /// <summary>The dataset name.</summary>
    public const string Name = "trafficking-population-truth";

    /// <summary>Generates the dataset for <paramref name="seed"/> (the truth does not depend on the seed).</summary>
    public static SyntheticDataset Generate(int seed, TraffickingPopulationModel? model = null)
    {
        model ??= TraffickingPopulationModel.Default;
        var csv = new CsvText("year", "age_group", "sex", "exploitation", "domestic", "true_count");
        foreach (var year in model.Years)
        {
            var counts = model.GroupCounts(year);
            for (var g = 0; g < model.Groups.Count; g++)
            {
                var group = model.Groups[g];
                csv.Field(year).Field(group.AgeGroup).Field(group.Sex).Field(group.Exploitation).Field(group.Domestic)
                    .Field(counts[g]);
                csv.EndRow();
            }
        }
        var registrations = TraffickingRegistrations.Dictionary(seed, model);
        var dictionary = new DataDictionary
        {
            Name = Name,
            Title = new("True number of victims of the synthetic trafficking population, 2015-2019",
                "Werkelijk aantal slachtoffers in de synthetische mensenhandelpopulatie, 2015-2019"),
            Source = Columns.Source(seed),
            Synthetic = true,
            Licence = Columns.Licence,
            UnitOfObservation = "population group per year",
            PrimaryKey = ["year", "age_group", "sex", "exploitation", "domestic"],
            Description =
                "The truth behind trafficking-registrations: per year and group the number of victims in the " +
                "synthetic population (registered or not), from Workbench.Synthetic.TraffickingPopulationModel.Default. " +
                "Use it only to judge an estimate; real data have no such file.",
            Columns =
            [
                registrations.Columns.Single(c => c.Name == "year"),
                .. registrations.Columns.Where(c => c.Name is "age_group" or "sex" or "exploitation" or "domestic"),
                Columns.Int("true_count", "True number of victims", "Werkelijk aantal slachtoffers", 0, null, "persons") with
                {
                    Role = ColumnRole.Count,
                },
            ],
        };
        return new SyntheticDataset(Name, csv.ToString(), dictionary);
    }
}
