using System.Globalization;
using Workbench.Statistics;

namespace Workbench.Tests.Statistics;

/// <summary>
/// Simple proportion intervals against R 4.2.2 (prop.test, binom.test, qbeta and the textbook formulas), script
/// Fixtures/Statistics/make-proportion-fixtures.R; tolerance 1e-9 relative (all methods are closed form or beta
/// quantiles).
/// </summary>
public class ProportionTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Statistics");

    public static IEnumerable<object[]> Rows() =>
        File.ReadAllLines(Path.Combine(Dir, "proportion-expected.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => new object[] { f[0], int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture) });

    private static ProportionMethod Parse(string name) => name switch
    {
        "wald" => ProportionMethod.Wald,
        "wilson" => ProportionMethod.Wilson,
        "wilson-cc" => ProportionMethod.WilsonCorrected,
        "agresti-coull" => ProportionMethod.AgrestiCoull,
        "clopper-pearson" => ProportionMethod.ClopperPearson,
        "jeffreys" => ProportionMethod.Jeffreys,
        "logit" => ProportionMethod.Logit,
        _ => throw new ArgumentException(name),
    };

    [Theory, MemberData(nameof(Rows))]
    public void Interval_FixtureRow_MatchesR(string method, int x, int n, double level, double lower, double upper)
    {
        var m = Parse(method);
        Assert.Equal(method, Proportion.MethodName(m));
        var r = Proportion.Interval(x, n, m, level);
        SvycipropTests.AssertClose(lower, r.Lower, 1e-9, "lower");
        SvycipropTests.AssertClose(upper, r.Upper, 1e-9, "upper");
        Assert.Equal((double)x / n, r.Estimate);
        Assert.InRange(r.Lower, 0, r.Estimate);
        Assert.InRange(r.Upper, r.Estimate, 1);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(0, 50)]
    [InlineData(50, 50)]
    public void Interval_EdgeCases_NeverNaN(int x, int n)
    {
        foreach (var m in Enum.GetValues<ProportionMethod>())
        foreach (var level in new[] { 0.5, 0.9, 0.95, 0.999 })
        {
            var r = Proportion.Interval(x, n, m, level);
            Assert.True(double.IsFinite(r.Lower) && double.IsFinite(r.Upper), $"{m} {x}/{n}");
            Assert.InRange(r.Lower, 0, r.Estimate);
            Assert.InRange(r.Upper, r.Estimate, 1);
            if (x == 0) Assert.Equal(0, r.Lower);
            if (x == n) Assert.Equal(1, r.Upper);
        }
    }

    [Fact]
    public void ClopperPearson_ZeroOfN_UpperIsOneMinusHalfAlphaRoot()
    {
        // Closed form for x = 0: upper = 1 - (alpha/2)^(1/n).
        var r = Proportion.Interval(0, 20, ProportionMethod.ClopperPearson);
        Assert.Equal(0, r.Lower);
        Assert.Equal(1 - Math.Pow(0.025, 1.0 / 20), r.Upper, 12);
    }

    [Fact]
    public void Logit_ZeroOfN_UsesClopperPearsonWithNote()
    {
        var r = Proportion.Interval(0, 20, ProportionMethod.Logit);
        Assert.Equal(Proportion.Interval(0, 20, ProportionMethod.ClopperPearson).Upper, r.Upper);
        Assert.NotNull(r.Note);
    }

    [Theory]
    [InlineData(-1, 10, 0.95)]
    [InlineData(11, 10, 0.95)]
    [InlineData(0, 0, 0.95)]
    [InlineData(1, 10, 1.0)]
    [InlineData(1, 10, 0.0)]
    [InlineData(1, 10, double.NaN)]
    public void Interval_InvalidArguments_Throw(int x, int n, double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportion.Interval(x, n, ProportionMethod.Wilson, level));

    [Fact]
    public void Registered_IsLabelledWithoutInterval()
    {
        var r = Proportion.Registered(12, 48);
        Assert.Equal(0.25, r.Proportion);
        Assert.Contains("registry count", r.Label);
        Assert.DoesNotContain(typeof(RegisteredCount).GetProperties(), p => p.Name is "Lower" or "Upper");
    }

    public static IEnumerable<object[]> QuantileRows() =>
        File.ReadAllLines(Path.Combine(Dir, "quantile-expected.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => new object[] { f[0], double.Parse(f[1], CultureInfo.InvariantCulture),
                f[2] == "NA" ? double.NaN : double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture) });

    /// <summary>qt and qbeta against R 4.2.2 (make-proportion-fixtures.R), 1e-11 relative (1e-10 for t beyond 4e5 df).</summary>
    [Theory, MemberData(nameof(QuantileRows))]
    public void Quantile_FixtureRow_MatchesR(string dist, double a, double b, double p, double expected)
    {
        var q = dist == "t" ? Quantiles.Qt(p, a) : Quantiles.Qbeta(p, a, b);
        // R's pt switches to a normal approximation above 4e5 df (nmath/pt.c), so its qt is only good to ~1e-11 there.
        var tolerance = dist == "t" && a > 4e5 ? 1e-10 : 1e-11;
        SvycipropTests.AssertClose(expected, q, tolerance, $"{dist}({a}, {b}) at {p}");
    }
}
