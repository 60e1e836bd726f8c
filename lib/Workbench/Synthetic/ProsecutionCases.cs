using Workbench.Data;
using Workbench.Randomness;

namespace Workbench.Synthetic;

/// <summary>
/// Generates <c>prosecution-cases</c>: one row per human trafficking suspect registered by the Public Prosecution
/// Service per year (2015-2019), whether the suspect was brought before a court of first instance, the verdict and
/// the unsuspended prison sentence.
/// </summary>
/// <remarks>
/// Calibrated so that on average 120-130 suspects a year are brought to court (pooled share of suspects 72.5%,
/// printed "70-75%") and the mean unsuspended prison sentence over 2015-2019 is 22 months ("1 year and 10 months").
/// </remarks>
public static class ProsecutionCases
{
    /// <summary>The dataset name.</summary>
    public const string Name = "prosecution-cases";

    /// <summary>Target share of suspects brought to court, pooled over the years (the centre of 70-75%).</summary>
    public const double BroughtToCourtShare = 0.725;

    /// <summary>Target mean unsuspended prison sentence in months over 2015-2019 (printed "1 year and 10 months").</summary>
    public const double MeanPrisonMonths = 22.0;

    /// <summary>The years covered.</summary>
    public static IReadOnlyList<int> Years { get; } = [2015, 2016, 2017, 2018, 2019];

    /// <summary>Generates the dataset for <paramref name="seed"/>.</summary>
    public static SyntheticDataset Generate(int seed)
    {
        var rng = Xoshiro256.ForStream(seed, Name);
        var year = new List<int>();
        foreach (var y in Years)
        {
            var suspects = rng.NextInt(166, 179);
            for (var i = 0; i < suspects; i++) year.Add(y);
        }
        var n = year.Count;
        var all = Enumerable.Range(0, n).ToArray();
        var tried = new bool[n];
        for (var i = 0; i < n; i++) tried[i] = rng.Bernoulli(BroughtToCourtShare);
        Calibration.Proportion(tried, all, BroughtToCourtShare, 0.002, rng, "share brought to court");

        var verdict = new string?[n];
        var months = new int?[n];
        for (var i = 0; i < n; i++)
        {
            if (!tried[i]) continue;
            var u = rng.NextDouble();
            verdict[i] = u < 0.72 ? "convicted" : u < 0.92 ? "acquitted" : "other";
            if (verdict[i] == "convicted" && rng.Bernoulli(0.8))
                months[i] = Math.Clamp((int)Math.Round(Math.Exp(Math.Log(16) + 0.7 * rng.NextNormal())), 1, 120);
        }
        CalibrateMean(months, rng);

        var csv = new CsvText("suspect_id", "year", "registered", "brought_to_court", "verdict", "unsuspended_prison_months");
        var sequence = 0;
        var previousYear = 0;
        for (var i = 0; i < n; i++)
        {
            sequence = year[i] == previousYear ? sequence + 1 : 1;
            previousYear = year[i];
            csv.Field($"S{year[i]}-{sequence:000}").Field(year[i]).Field(true).Field(tried[i]).Field(verdict[i]);
            csv.Field(months[i] is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            csv.EndRow();
        }
        return new SyntheticDataset(Name, csv.ToString(), Dictionary(seed));
    }

    // Adds or removes a month of randomly chosen sentences until the mean is within 0.05 months of the target.
    private static void CalibrateMean(int?[] months, Xoshiro256 rng)
    {
        var sentenced = Enumerable.Range(0, months.Length).Where(i => months[i] is not null).ToArray();
        var sum = sentenced.Sum(i => months[i]!.Value);
        for (var guard = 0; guard < 100_000; guard++)
        {
            var mean = (double)sum / sentenced.Length;
            if (Math.Abs(mean - MeanPrisonMonths) <= 0.05) return;
            var i = sentenced[rng.NextInt(sentenced.Length)];
            if (mean < MeanPrisonMonths && months[i] < 120) { months[i]++; sum++; }
            else if (mean > MeanPrisonMonths && months[i] > 1) { months[i]--; sum--; }
        }
        throw new InvalidOperationException("calibration of the mean prison sentence failed.");
    }

    private static DataDictionary Dictionary(int seed) => new()
    {
        Name = Name,
        Title = new("Human trafficking suspects and their prosecution, 2015-2019 (synthetic)",
            "Verdachten van mensenhandel en hun vervolging, 2015-2019 (synthetisch)"),
        Source = Columns.Source(seed),
        Synthetic = true,
        Licence = Columns.Licence,
        UnitOfObservation = "suspect per year",
        PrimaryKey = ["suspect_id"],
        Description =
            "One row per human trafficking suspect registered by the Public Prosecution Service in a year. " +
            "Calibrated to the factsheet of July 2020: on average 120-130 a year brought before a court of first " +
            "instance (70-75% of suspects); mean unsuspended prison sentence 22 months (1 year and 10 months).",
        Columns =
        [
            Columns.Id("suspect_id", "Suspect", "Verdachte", "Year and a sequence number."),
            Columns.Int("year", "Year of registration", "Jaar van inschrijving", 2015, 2019, "year"),
            Columns.Flag("registered", "Registered by the Public Prosecution Service", "Ingeschreven bij het Openbaar Ministerie",
                "1 = the suspect was registered by the Public Prosecution Service in this year (every row of this sample).",
                ColumnRole.None),
            Columns.Flag("brought_to_court", "Brought before a court of first instance", "Voor de rechter in eerste aanleg gebracht",
                "1 = the case was brought before a court of first instance."),
            Columns.Category("verdict", "Verdict at first instance", "Uitspraak in eerste aanleg",
            [
                Columns.Code("convicted", "convicted", "veroordeeld"),
                Columns.Code("acquitted", "acquitted", "vrijgesproken"),
                Columns.Code("other", "other decision", "overige uitspraak"),
            ], "Empty when the suspect was not brought before a court.", required: false),
            Columns.Int("unsuspended_prison_months", "Unsuspended prison sentence", "Onvoorwaardelijke gevangenisstraf",
                1, 120, "months",
                "Length of the unsuspended prison sentence of a convicted suspect; empty when not convicted or no " +
                "unsuspended prison sentence was imposed.", required: false),
        ],
    };
}
