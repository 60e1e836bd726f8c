using System.Globalization;
using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>
/// Design-based prevalence of a 0/1 outcome, overall and by domain, equal to R survey 4.1-1
/// (<c>svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight)</c>, <c>svymean</c>, <c>svyciprop</c>).
/// </summary>
/// <remarks>
/// <para>Variance by Taylor linearisation with clusters drawn with replacement and no finite population correction
/// (R's default). A domain is always analysed on the full design: clusters without domain members count as zeros,
/// and the domain's degrees of freedom are the clusters minus the strata that contain domain members (R
/// <c>degf(subset(design, domain))</c>). Respondents whose outcome is missing are excluded and counted in
/// <see cref="SurveyEstimate.Excluded"/>; an outcome defined only for some respondents is thereby a domain of the full
/// design, which equals R's <c>svyciprop(~y, subset(design, !is.na(y)))</c>.</para>
/// <para>Conventions where R returns NaN or an invalid bound (each sets <see cref="SurveyEstimate.Note"/>):
/// estimate 0 (1): lower (upper) bound 0 (1) and the other bound the Clopper-Pearson bound for 0 (N) events of N
/// unweighted respondents; df ≤ 0: bounds 0 and 1; a bound of "mean" outside [0, 1] or of "asin" past 0 or π/2 is
/// truncated to 0 or 1 (R returns a negative or wrapped value); an empty domain: estimate 0, bounds 0 and 1;
/// "likelihood" where R stops (the scaled tail probability underflows at df 1, or df ≤ 0): bounds 0 and 1;
/// <see cref="LonelyPsu.Average"/> with every stratum of the domain lonely (R: NaN): standard error and design effect
/// null, bounds 0 and 1. Lonely strata are judged per domain, as R does on a subset: with
/// <see cref="LonelyPsu.Fail"/> the error names each lonely stratum and the domains with respondents in it.</para>
/// <para>Respondents whose domain label is null (an empty or <c>NA</c> field in a CSV file) are in no domain but stay
/// in the design, as R <c>svyby</c> drops them; see <see cref="SurveyEstimate.MissingDomain"/>.</para>
/// </remarks>
public static partial class Prevalence
{
    /// <summary>Overall prevalence of the outcome in <paramref name="data"/>.</summary>
    /// <param name="data">Outcome, weights, strata and clusters per respondent.</param>
    /// <param name="design">Lonely-PSU handling and nesting (default <see cref="SurveyDesign.SimpleRandomSample"/>; its
    /// column names are not used here, the arrays of <paramref name="data"/> are).</param>
    /// <param name="method">Interval method (default <see cref="SurveyIntervalMethod.Logit"/>, as R svyciprop; a
    /// <see cref="CiMethod"/> converts).</param>
    /// <param name="level">Confidence level (default 0.95).</param>
    public static SurveyEstimate Estimate(SurveyData data, SurveyDesign? design = null, SurveyIntervalMethod? method = null, double level = 0.95) =>
        EstimateBy(data, null, design, method, level)[0];

    /// <summary>
    /// Prevalence overall (domain "all") and then for each level of <paramref name="by"/> (numeric levels in numeric
    /// order, others in ordinal order). Respondents with no value of <paramref name="by"/> (null) count only in "all"
    /// and stay in the design, as R <c>svyby</c> drops them from the domains; their number is
    /// <see cref="SurveyEstimate.MissingDomain"/> of the "all" row.
    /// </summary>
    /// <param name="data">Outcome, weights, strata and clusters per respondent.</param>
    /// <param name="by">Domain label per respondent (null: only the overall row).</param>
    /// <param name="options">Design (lonely-PSU rule and nesting; its column names are not used here), interval method
    /// and level (default <see cref="PrevalenceOptions"/>: simple random sample, logit, 0.95).</param>
    /// <exception cref="ArgumentException">A method for a simple random sample (<see cref="SurveyIntervalMethod.RequiresSimpleRandomSample"/>)
    /// with data that have weights, strata or clusters.</exception>
    public static IReadOnlyList<SurveyEstimate> EstimateBy(SurveyData data, string?[]? by, PrevalenceOptions? options = null)
    {
        options ??= new PrevalenceOptions();
        var method = options.Method;
        if (method.RequiresSimpleRandomSample)
        {
            if (data.Weights is not null || data.Strata is not null || data.Clusters is not null)
                throw new ArgumentException(
                    $"the {method.Name} interval assumes a simple random sample; it ignores weights, strata and clusters. " +
                    $"Use a survey method ({string.Join(", ", SurveyIntervalMethod.Names(simpleRandomSample: false))}) for a complex design.");
            var srs = EncodedDesign.Encode(data, SurveyDesign.SimpleRandomSample with { LonelyPsu = LonelyPsu.Certainty });
            return DomainEstimator.Run(srs, by, options.Level, method);
        }
        var encoded = EncodedDesign.Encode(data, options.Design, by);
        return DomainEstimator.Run(encoded, by, options.Level, method);
    }

    /// <summary>Prevalence overall and by domain (see <see cref="EstimateBy(SurveyData, string?[], PrevalenceOptions?)"/>).</summary>
    /// <param name="data">Outcome, weights, strata and clusters per respondent.</param>
    /// <param name="by">Domain label per respondent (null: only the overall row).</param>
    /// <param name="design">Lonely-PSU handling and nesting (default simple random sample).</param>
    /// <param name="method">Interval method (default <see cref="SurveyIntervalMethod.Logit"/>).</param>
    /// <param name="level">Confidence level (default 0.95).</param>
    public static IReadOnlyList<SurveyEstimate> EstimateBy(SurveyData data, string?[]? by, SurveyDesign? design,
        SurveyIntervalMethod? method = null, double level = 0.95) =>
        EstimateBy(data, by, Options(design, method, level));

    /// <summary>
    /// Prevalence by domain for a simple random sample (no weights, strata or clusters) with a classical interval
    /// for x events in N respondents (<see cref="Proportion.Interval"/>); standard error, df and design effect as
    /// for the design-based methods.
    /// </summary>
    /// <exception cref="ArgumentException">The data have weights, strata or clusters.</exception>
    public static IReadOnlyList<SurveyEstimate> EstimateBy(SurveyData data, string?[]? by, ProportionMethod method, double level = 0.95) =>
        EstimateBy(data, by, Options(null, method, level));

    /// <summary>Overall prevalence from CSV columns read by name (see <see cref="SurveyData.FromColumns"/>).</summary>
    public static SurveyEstimate Estimate(RawColumns columns, string outcome, SurveyDesign design, SurveyIntervalMethod? method = null, double level = 0.95) =>
        Estimate(SurveyData.FromColumns(columns, outcome, design), design, method, level);

    /// <summary>
    /// Prevalence overall and by the levels of column <paramref name="by"/>, from CSV columns read by name; an empty
    /// field or <c>NA</c> (as R's <c>write.csv</c> writes a missing value) in <paramref name="by"/> is no domain.
    /// </summary>
    public static IReadOnlyList<SurveyEstimate> EstimateBy(RawColumns columns, string outcome, string by, SurveyDesign design,
        SurveyIntervalMethod? method = null, double level = 0.95) =>
        EstimateBy(SurveyData.FromColumns(columns, outcome, design),
            columns.Values[by].Select(v => v == "NA" ? null : v).ToArray(), design, method, level);

    /// <summary>The R name of a method ("logit", "likelihood", "asin", "beta", "mean", "xlogit").</summary>
    public static string MethodName(CiMethod method) => ((SurveyIntervalMethod)method).Name;

    /// <summary>Options from the positional arguments of the older entry points; the level is checked first, as before.</summary>
    private static PrevalenceOptions Options(SurveyDesign? design, SurveyIntervalMethod? method, double level)
    {
        CheckLevel(level);
        return new PrevalenceOptions { Design = design ?? SurveyDesign.SimpleRandomSample, Method = method ?? SurveyIntervalMethod.Logit, Level = level };
    }

    internal static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level,
                string.Create(CultureInfo.InvariantCulture, $"the confidence level must be between 0 and 1 (exclusive), e.g. 0.95; got {level}."));
    }
}
