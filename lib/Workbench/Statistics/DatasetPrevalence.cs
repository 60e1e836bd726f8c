using System.Globalization;
using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>
/// Survey prevalence straight from a validated dataset: the notebook-facing form of <see cref="Statistics.Prevalence"/>.
/// <code>
/// var survey = Dataset.Load("../data-samples/survey-sexual-violence.csv");
/// var design = new SurveyDesign(Weight: "weight", Strata: "stratum", Cluster: "cluster");
/// var bySex = survey.Prevalence("physical_sv", design, by: "sex", method: SurveyIntervalMethod.Beta);
/// </code>
/// </summary>
public static class DatasetPrevalence
{
    /// <summary>
    /// Weighted prevalence of the 0/1 column <paramref name="outcome"/> overall (domain "all") and, with
    /// <paramref name="by"/>, per level of that column, on the full design (domains are never filtered first).
    /// Missing outcome values are excluded and counted; rows where <paramref name="within"/> is false or missing
    /// are outside the domain (an outcome defined only among those affected).
    /// </summary>
    /// <param name="table">The dataset.</param>
    /// <param name="outcome">A boolean (or 0/1 integer) column.</param>
    /// <param name="design">Weight, strata and cluster columns (default: simple random sample).</param>
    /// <param name="by">A column whose levels are the domains (default: overall only).</param>
    /// <param name="within">A boolean column restricting the domain (default: everyone).</param>
    /// <param name="method">Interval method (default <see cref="SurveyIntervalMethod.Logit"/>, as R svyciprop; a
    /// <see cref="CiMethod"/> or <see cref="ProportionMethod"/> converts).</param>
    /// <param name="level">Confidence level (default 0.95).</param>
    public static IReadOnlyList<SurveyEstimate> Prevalence(this Dataset table, string outcome, SurveyDesign? design = null,
        string? by = null, string? within = null, SurveyIntervalMethod? method = null, double level = 0.95)
    {
        Statistics.Prevalence.CheckLevel(level);
        return table.Prevalence(outcome, new PrevalenceOptions
        {
            Design = design ?? SurveyDesign.SimpleRandomSample, Method = method ?? SurveyIntervalMethod.Logit, Level = level,
        }, by, within);
    }

    /// <summary>
    /// Weighted prevalence of <paramref name="outcome"/> with the design, method and level of <paramref name="options"/>
    /// (see <see cref="Prevalence(Dataset, string, SurveyDesign?, string?, string?, SurveyIntervalMethod?, double)"/>).
    /// </summary>
    /// <param name="table">The dataset.</param>
    /// <param name="outcome">A boolean (or 0/1 integer) column.</param>
    /// <param name="options">Design (weight, strata and cluster columns), interval method and level.</param>
    /// <param name="by">A column whose levels are the domains (default: overall only).</param>
    /// <param name="within">A boolean column restricting the domain (default: everyone).</param>
    public static IReadOnlyList<SurveyEstimate> Prevalence(this Dataset table, string outcome, PrevalenceOptions options,
        string? by = null, string? within = null)
    {
        var design = options.Design;
        var data = ToSurveyData(table, outcome, design);
        var domain = by is null ? null : AsStrings(table, by);
        if (within is not null)
        {
            var inside = table.Booleans(within);
            domain ??= Enumerable.Repeat<string?>("all", table.RowCount).ToArray();
            domain = domain.Select((d, i) => inside[i] == true ? d : null).ToArray();
            var rows = Statistics.Prevalence.EstimateBy(data with { Outcome = data.Outcome.Select((y, i) => inside[i] == true ? y : 0.0).ToArray() },
                domain, options);
            // The overall row of a restricted analysis is the "all" domain among those inside, not everyone.
            return by is null ? rows.Skip(1).Select(r => r with { Domain = "all" }).ToList() : rows.Skip(1).ToList();
        }
        return Statistics.Prevalence.EstimateBy(data, domain, options);
    }

    /// <summary>Builds the estimator input from a dataset's columns (weights, strata and clusters as the design names them).</summary>
    public static SurveyData ToSurveyData(Dataset table, string outcome, SurveyDesign design)
    {
        var y = Outcome(table, outcome);
        var weights = design.Weight is null ? null : table.Numbers(design.Weight).Select(w => w ?? double.NaN).ToArray();
        return new SurveyData(y, weights,
            design.Strata is null ? null : AsStrings(table, design.Strata),
            design.Cluster is null ? null : AsStrings(table, design.Cluster));
    }

    private static double?[] Outcome(Dataset table, string column)
    {
        var type = table.Column(column).Type;
        if (type == ColumnType.Boolean)
            return table.Booleans(column).Select(b => b is null ? (double?)null : b.Value ? 1.0 : 0.0).ToArray();
        return table.Numbers(column).Select(v => v).ToArray();
    }

    /// <summary>Any column's values as text (codes for categories, invariant numbers), missing as null.</summary>
    public static string?[] AsStrings(Dataset table, string column) => table.Column(column).Type switch
    {
        ColumnType.Category or ColumnType.Text or ColumnType.Identifier => table.Strings(column).ToArray(),
        ColumnType.Integer => table.Integers(column).Select(v => v?.ToString(CultureInfo.InvariantCulture)).ToArray(),
        ColumnType.Decimal => table.Decimals(column).Select(v => v?.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
        ColumnType.Boolean => table.Booleans(column).Select(v => v is null ? null : v.Value ? "1" : "0").ToArray(),
        ColumnType.Date => table.Dates(column).Select(v => v?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };
}
