using System.Globalization;
using Workbench.Statistics;

namespace Workbench.Tests.Statistics;

/// <summary>
/// pnorm/qnorm, pt/qt and pbeta/qbeta against R 4.2.2, script Fixtures/Statistics/make-distribution-fixtures.R
/// (probabilities 1e-300 to 1 - 1e-15, df 0.1 to Inf including non-integer df, beta shapes 0.1 to 1e6; where R's own
/// qt, qbeta or large-df pt are not accurate the script derives the value from R's pbeta, as it explains).
/// Tolerance 1e-12 relative for every function; infinite quantiles (qt(1e-300, 0.5)) and underflow to 0 must match
/// exactly.
/// </summary>
public class DistributionTests
{
    private const double Tolerance = 1e-12;

    private static double Num(string s) => s switch
    {
        "NA" => double.NaN,
        "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public static IEnumerable<object[]> Rows() =>
        File.ReadAllLines(Path.Combine(SurveyFixtures.Dir, "distribution-expected.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => new object[] { f[0], f[1], f[2], f[3], f[4] });

    internal static double Evaluate(string fun, double a, double b, double x) => fun switch
    {
        "pnorm" => Quantiles.Pnorm(x),
        "qnorm" => Quantiles.Qnorm(x),
        "pt" => Quantiles.Pt(x, a),
        "qt" => Quantiles.Qt(x, a),
        "pbeta" => Quantiles.Pbeta(x, a, b),
        "qbeta" => Quantiles.Qbeta(x, a, b),
        _ => throw new ArgumentException(fun),
    };

    [Theory, MemberData(nameof(Rows))]
    public void Distribution_FixtureRow_MatchesR(string fun, string a, string b, string x, string value)
    {
        var expected = Num(value);
        var actual = Evaluate(fun, Num(a), Num(b), Num(x));
        var what = $"{fun}({x}; {a}, {b})";
        // Strictly relative, also for values near 1e-300 (no absolute floor).
        var ok = double.IsInfinity(expected) || expected == 0 ? expected == actual : Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected);
        Assert.True(ok, $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
    }

    [Theory]
    [InlineData(1e-23, 3.0)]
    [InlineData(1e-23, 1106.0)]
    [InlineData(1e-40, 1.0)]
    public void Qt_FarTail_InvertsPt(double p, double df)
    {
        // Regression: the root finder stopped once |pt(t) - p| < 1e-15, i.e. at once for p ~ 1e-23.
        var back = Quantiles.Pt(Quantiles.Qt(p, df), df);
        Assert.True(Math.Abs(back - p) <= 1e-12 * p, $"pt(qt({p})) = {back:R}");
    }
}
