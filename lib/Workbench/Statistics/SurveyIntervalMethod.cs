namespace Workbench.Statistics;

/// <summary>
/// A confidence interval method for a prevalence (a survey proportion): one value per method, which knows its name as
/// R names it, whether it needs a simple random sample, and how it is computed. The command line's list of methods
/// and its help come from <see cref="All"/>; a new method is one new value here.
/// </summary>
/// <remarks>
/// <para>Two families. Design-based (R survey 4.1-1 <c>svyciprop(method = ...)</c>): logit, likelihood, asin, beta,
/// mean, xlogit; they use the linearised variance and the domain's degrees of freedom. Classical binomial intervals
/// for x events in n respondents of an unweighted simple random sample (<see cref="Proportion.Interval"/>: Wilson
/// and Wilson with continuity correction as R <c>prop.test</c>, Clopper-Pearson as R <c>binom.test</c>, Jeffreys,
/// Agresti-Coull, Wald); these refuse data with weights, strata or clusters.</para>
/// <para>Named <c>SurveyIntervalMethod</c>, not <c>IntervalMethod</c>, because <c>Workbench.Estimation.IntervalMethod</c>
/// already names the interval of a multiple systems estimate (Wald, profile, bootstrap), a different question.
/// <see cref="CiMethod"/> and <see cref="ProportionMethod"/> convert to it implicitly, so code written against them
/// keeps working.</para>
/// </remarks>
public sealed class SurveyIntervalMethod
{
    private SurveyIntervalMethod(string name, string description, Func<SvyCiProp.Context, SvyCiProp.Interval>? design,
        ProportionMethod? simple)
    {
        Name = name;
        Description = description;
        Design = design;
        Simple = simple;
    }

    /// <summary>The name as R and the command line spell it ("logit", "beta", "wilson-cc", ...).</summary>
    public string Name { get; }

    /// <summary>A short description for help texts, e.g. "Korn-Graubard".</summary>
    public string Description { get; }

    /// <summary>True for the classical intervals, which assume an unweighted simple random sample (no weights, strata or clusters).</summary>
    public bool RequiresSimpleRandomSample => Simple is not null;

    /// <summary>The svyciprop computation of a design-based method (null for a classical one).</summary>
    internal Func<SvyCiProp.Context, SvyCiProp.Interval>? Design { get; }

    /// <summary>The <see cref="Proportion.Interval"/> method of a classical one (null for a design-based one).</summary>
    internal ProportionMethod? Simple { get; }

    /// <summary>"logit": Wald interval of an intercept-only quasi-binomial survey GLM, back-transformed (R's default).</summary>
    public static SurveyIntervalMethod Logit { get; } = new("logit", "R svyciprop's default", SvyCiProp.Logit, null);
    /// <summary>"likelihood": profile of the Rao-Scott scaled binomial likelihood of that GLM.</summary>
    public static SurveyIntervalMethod Likelihood { get; } = new("likelihood", "Rao-Scott scaled profile likelihood", SvyCiProp.Likelihood, null);
    /// <summary>"asin": Wald interval on the arcsine-square-root scale.</summary>
    public static SurveyIntervalMethod Asin { get; } = new("asin", "arcsine square root", SvyCiProp.Asin, null);
    /// <summary>"beta": Korn and Graubard (1998) interval, beta quantiles at the effective sample size.</summary>
    public static SurveyIntervalMethod Beta { get; } = new("beta", "Korn-Graubard", SvyCiProp.Beta, null);
    /// <summary>"mean": Wald interval p ± t·SE on the proportion scale.</summary>
    public static SurveyIntervalMethod Mean { get; } = new("mean", "Wald on the proportion scale", SvyCiProp.Mean, null);
    /// <summary>"xlogit": Wald interval on the logit scale by the delta method.</summary>
    public static SurveyIntervalMethod XLogit { get; } = new("xlogit", "Wald on the logit scale", SvyCiProp.XLogit, null);

    /// <summary>"wilson": Wilson score interval (R <c>prop.test(correct = FALSE)</c>).</summary>
    public static SurveyIntervalMethod Wilson { get; } = new("wilson", "Wilson score", null, ProportionMethod.Wilson);
    /// <summary>"wilson-cc": Wilson score interval with continuity correction (R <c>prop.test(correct = TRUE)</c>).</summary>
    public static SurveyIntervalMethod WilsonCorrected { get; } = new("wilson-cc", "Wilson with continuity correction", null, ProportionMethod.WilsonCorrected);
    /// <summary>"clopper-pearson": the exact interval of R <c>binom.test</c>.</summary>
    public static SurveyIntervalMethod ClopperPearson { get; } = new("clopper-pearson", "exact, as R binom.test", null, ProportionMethod.ClopperPearson);
    /// <summary>"jeffreys": equal-tailed Beta(x + 1/2, n - x + 1/2) quantiles.</summary>
    public static SurveyIntervalMethod Jeffreys { get; } = new("jeffreys", "Jeffreys prior", null, ProportionMethod.Jeffreys);
    /// <summary>"agresti-coull": Wald interval around (x + z²/2)/(n + z²).</summary>
    public static SurveyIntervalMethod AgrestiCoull { get; } = new("agresti-coull", "Agresti-Coull", null, ProportionMethod.AgrestiCoull);
    /// <summary>"wald": p ± z·sqrt(p(1-p)/n).</summary>
    public static SurveyIntervalMethod Wald { get; } = new("wald", "normal approximation", null, ProportionMethod.Wald);
    /// <summary>The classical logit interval of <see cref="ProportionMethod.Logit"/> (reachable through that enum only:
    /// the name "logit" selects svyciprop's <see cref="Logit"/>).</summary>
    private static SurveyIntervalMethod SimpleLogit { get; } = new("logit", "Wald on the log-odds, simple random sample", null, ProportionMethod.Logit);

    /// <summary>Every method offered by name (all but the classical logit): the design-based ones first (logit is the default), then the classical ones.</summary>
    public static IReadOnlyList<SurveyIntervalMethod> All { get; } =
        [Logit, Likelihood, Asin, Beta, Mean, XLogit, Wilson, WilsonCorrected, ClopperPearson, Jeffreys, AgrestiCoull, Wald];

    /// <summary>The method named <paramref name="name"/> (case-insensitive), or false.</summary>
    public static bool TryParse(string? name, out SurveyIntervalMethod method)
    {
        method = All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return method is not null;
    }

    /// <summary>The method named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No method has that name; the message lists the names.</exception>
    public static SurveyIntervalMethod Parse(string name) =>
        TryParse(name, out var method) ? method
            : throw new ArgumentException($"unknown interval method '{name}'; expected one of {string.Join(", ", All.Select(m => m.Name))}.", nameof(name));

    /// <summary>The names of the design-based methods, or of the classical ones, in <see cref="All"/> order.</summary>
    public static IReadOnlyList<string> Names(bool simpleRandomSample) =>
        All.Where(m => m.RequiresSimpleRandomSample == simpleRandomSample).Select(m => m.Name).ToList();

    /// <summary>The value of an svyciprop method.</summary>
    public static implicit operator SurveyIntervalMethod(CiMethod method) => method switch
    {
        CiMethod.Logit => Logit,
        CiMethod.Likelihood => Likelihood,
        CiMethod.Asin => Asin,
        CiMethod.Beta => Beta,
        CiMethod.Mean => Mean,
        CiMethod.XLogit => XLogit,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown interval method"),
    };

    /// <summary>The value of a classical method for a simple random sample.</summary>
    public static implicit operator SurveyIntervalMethod(ProportionMethod method) =>
        method == ProportionMethod.Logit ? SimpleLogit
            : All.FirstOrDefault(m => m.Simple == method) ?? throw new ArgumentOutOfRangeException(nameof(method), method, "unknown interval method");

    /// <inheritdoc />
    public override string ToString() => Name;
}
