using Workbench.Data;
using Workbench.Randomness;

namespace Workbench.Synthetic;

/// <summary>
/// Generates <c>population-margins-young-adults</c>: a synthetic population of young adults aged 18-25 in the
/// Netherlands by sex, as calibration margins (<c>variable,category,population</c>) for the survey
/// <c>survey-sexual-violence</c>.
/// </summary>
/// <remarks>
/// The total (1.7 million) and the share of men (about 51%) are of the order of the Dutch population of that age; the
/// numbers are drawn from the seed and are not CBS figures. The categories are the survey's codes of <c>sex</c>, so
/// the file can be read by <see cref="Statistics.CalibrationMargins.ReadCsv"/> and used to post-stratify that survey
/// (R <c>postStratify(design, ~sex, data.frame(sex = ..., Freq = ...))</c>).
/// </remarks>
public static class PopulationMargins
{
    /// <summary>The dataset name.</summary>
    public const string Name = "population-margins-young-adults";

    /// <summary>The synthetic population of young adults aged 18-25 (all sexes).</summary>
    public const int Population = 1_700_000;

    /// <summary>Generates the dataset for <paramref name="seed"/>.</summary>
    public static SyntheticDataset Generate(int seed)
    {
        var rng = Xoshiro256.ForStream(seed, Name);
        // Share of men: 0.508 plus a small seeded deviation (within ±0.002), rounded to hundreds of persons.
        var male = (int)Math.Round(Population * (0.508 + 0.004 * (rng.NextDouble() - 0.5)) / 100) * 100;
        var csv = new CsvText("variable", "category", "population");
        csv.Field("sex").Field("F").Field(Population - male);
        csv.EndRow();
        csv.Field("sex").Field("M").Field(male);
        csv.EndRow();
        return new SyntheticDataset(Name, csv.ToString(), Dictionary(seed));
    }

    private static DataDictionary Dictionary(int seed) => new()
    {
        Name = Name,
        Title = new("Population of young adults aged 18-25 by sex, calibration margins (synthetic)",
            "Bevolking van jongvolwassenen van 18 tot en met 25 jaar naar geslacht, kalibratiemarges (synthetisch)"),
        Source = Columns.Source(seed),
        Synthetic = true,
        Licence = Columns.Licence,
        UnitOfObservation = "population margin (variable and category)",
        PrimaryKey = ["variable", "category"],
        Description =
            "Synthetic numbers of young adults aged 18-25 in the Netherlands by sex (about 1.7 million in total, " +
            "of the order of the real population but not CBS figures), in the long form that calibration reads: one " +
            "row per variable and category with its population. The categories are the codes of the survey " +
            "survey-sexual-violence, whose design can be post-stratified on sex to these totals " +
            "(R: postStratify(design, ~sex, data.frame(sex = c(\"F\", \"M\"), Freq = population))).",
        Columns =
        [
            Columns.Category("variable", "Calibration variable", "Kalibratievariabele",
                [Columns.Code("sex", "sex", "geslacht")],
                "A column of the survey that the design is calibrated on."),
            Columns.Category("category", "Category", "Categorie", Columns.Sex,
                "A code of the calibration variable, as the survey codes it."),
            Columns.Int("population", "Population (synthetic)", "Bevolking (synthetisch)", 1, null, "persons",
                "Synthetic number of young adults aged 18-25 in the category."),
        ],
    };
}
