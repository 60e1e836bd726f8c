using System.Globalization;
using Workbench.Data;
using Workbench.Statistics;

namespace Workbench.Tests.Statistics;

/// <summary>Expected values from R 4.2.2 survival 3.5-3, script tests/Workbench.Tests/Fixtures/Statistics/kaplan-meier.R.</summary>
public class KaplanMeierTests
{
    private const double Tolerance = 1e-9;
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Statistics");

    public static TheoryData<double, double, double, double, double, double> Expected()
    {
        var raw = CsvColumns.Read(Path.Combine(Dir, "kaplan-meier-expected.csv"), ["level", "at", "surv", "se", "lower", "upper"]);
        var data = new TheoryData<double, double, double, double, double, double>();
        double[] Col(string c) => raw.Values[c].Select(s => double.Parse(s!.Trim(), CultureInfo.InvariantCulture)).ToArray();
        var (level, at, surv, se, lower, upper) = (Col("level"), Col("at"), Col("surv"), Col("se"), Col("lower"), Col("upper"));
        for (var i = 0; i < level.Length; i++) data.Add(level[i], at[i], surv[i], se[i], lower[i], upper[i]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void KaplanMeier_TiesAndCensoring_MatchesRSurvfit(double level, double at, double surv, double se, double lower, double upper)
    {
        var raw = CsvColumns.Read(Path.Combine(Dir, "kaplan-meier-data.csv"), ["time", "status"]);
        var time = raw.Doubles("time");
        var status = raw.Doubles("status").Select(s => s == 1).ToArray();
        var e = KaplanMeier.At(time, status, at, level);
        Assert.Equal(surv, e.Survival, Tolerance);
        Assert.Equal(se, e.StdError, Tolerance);
        Assert.Equal(lower, e.Lower, Tolerance);
        Assert.Equal(upper, e.Upper, Tolerance);
    }

    [Fact]
    public void KaplanMeier_AllEventsBeforeTime_GivesZeroWithoutNaN()
    {
        var e = KaplanMeier.At([1, 2, 3], [true, true, true], 5);
        Assert.Equal(0, e.Survival);
        Assert.False(double.IsNaN(e.Lower) || double.IsNaN(e.Upper) || double.IsNaN(e.StdError));
    }

    [Fact]
    public void KaplanMeier_NegativeTime_IsRefused() =>
        Assert.Throws<ArgumentException>(() => KaplanMeier.At([-1, 2], [true, false], 1));
}
