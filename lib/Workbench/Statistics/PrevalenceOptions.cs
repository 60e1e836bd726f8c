using System.Globalization;

namespace Workbench.Statistics;

/// <summary>
/// Options of a prevalence estimate (<see cref="Prevalence"/>, <see cref="DatasetPrevalence"/>,
/// <c>workbench prevalence</c>); change with <c>with</c>. Each value is checked when it is set.
/// <code>
/// var options = new PrevalenceOptions { Design = new SurveyDesign("weight", "stratum", "cluster"), Method = SurveyIntervalMethod.Beta };
/// var bySex = survey.Prevalence("physical_sv", options, by: "sex");
/// </code>
/// </summary>
public sealed record PrevalenceOptions
{
    /// <summary>Weights, strata, clusters, the lonely-PSU rule and nesting; default
    /// <see cref="SurveyDesign.SimpleRandomSample"/> (with R's lonely-PSU rule "fail").</summary>
    public SurveyDesign Design
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Design), "give a survey design, e.g. SurveyDesign.SimpleRandomSample.");
    } = SurveyDesign.SimpleRandomSample;

    /// <summary>The interval method; default <see cref="SurveyIntervalMethod.Logit"/>, as R svyciprop.</summary>
    public SurveyIntervalMethod Method
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Method),
            $"give an interval method, one of {string.Join(", ", SurveyIntervalMethod.All.Select(m => m.Name))}.");
    } = SurveyIntervalMethod.Logit;

    /// <summary>The confidence level; default 0.95.</summary>
    public double Level
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Level), value,
            string.Create(CultureInfo.InvariantCulture, $"the confidence level must be between 0 and 1 (exclusive), e.g. 0.95; got {value}."));
    } = 0.95;
}
