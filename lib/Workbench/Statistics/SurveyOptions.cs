using System.Globalization;

namespace Workbench.Statistics;

/// <summary>
/// Options of a survey estimate (<see cref="SurveyEstimators"/>, <c>workbench survey</c>); change with <c>with</c>.
/// Each value is checked when it is set.
/// <code>
/// var bySexAge = SurveyEstimators.Mean(sample, "physical_sv", new SurveyOptions { By = ["sex", "age_group"], Level = 0.9 });
/// </code>
/// </summary>
public sealed record SurveyOptions
{
    /// <summary>Grouping columns, crossed (R <c>svyby(~a + b)</c>); default empty: the whole sample.</summary>
    public IReadOnlyList<string> By
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(By));
            if (value.Any(string.IsNullOrWhiteSpace))
                throw new ArgumentException("a grouping column name is empty; give column names, e.g. [\"sex\", \"age_group\"].", nameof(By));
            if (value.Distinct(StringComparer.Ordinal).Count() != value.Count)
                throw new ArgumentException($"a grouping column is given twice ({string.Join(", ", value)}); give each once.", nameof(By));
            field = value.ToArray();
        }
    } = [];

    /// <summary>The confidence level; default 0.95.</summary>
    public double Level
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Level), value,
            string.Create(CultureInfo.InvariantCulture, $"the confidence level must be between 0 and 1 (exclusive), e.g. 0.95; got {value}."));
    } = 0.95;
}
