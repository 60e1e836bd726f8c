using System.CommandLine;
using System.Diagnostics;
using MathNet.Numerics.Distributions;
using Workbench.Cli.Commands;
using Workbench.Estimation;
using Workbench.Randomness;

namespace Workbench.Tests.Estimation;

/// <summary>
/// Issue 12, output and arithmetic: counts near long.MaxValue give a clear error, not an OverflowException; the
/// multinomial draws of the bootstraps are binomial splits whose cost does not grow with the number of people.
/// </summary>
public sealed class ArithmeticTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mse-arith").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = new MseCommand().Build().Parse(args);
        var code = parse.Errors.Count > 0 ? 2 : parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775806")]
    [InlineData("4611686018427387904")]
    [InlineData("1e300")]
    public void Mse_CountNearLongMaxValue_TooLargeErrorWithLineAndExit2(string count)
    {
        var path = Path.Combine(_dir, "big.csv");
        File.WriteAllText(path, $"a,b,c,count\n1,0,0,{count}\n0,1,0,5\n0,0,1,5\n1,1,0,2\n");
        var (code, _, error) = Run(path, "--count", "count");
        Assert.Equal(2, code);
        Assert.Contains("big.csv:2:", error);
        Assert.Contains("too large", error);
    }

    [Fact]
    public void Mse_CountsAddUpBeyondTheLimit_TooLargeErrorNamesTheRow()
    {
        var path = Path.Combine(_dir, "sum.csv");
        File.WriteAllText(path, "a,b,c,count\n1,0,0,900000000000000\n0,1,0,900000000000000\n0,0,1,5\n1,1,0,2\n");
        var (code, _, error) = Run(path, "--count", "count");
        Assert.Equal(2, code);
        Assert.Contains("sum.csv:3:", error);
        Assert.Contains("too large", error);
    }

    [Fact]
    public void FromCounts_SumOverflowsLong_ArgumentExceptionNotOverflow()
    {
        var ex = Assert.Throws<ArgumentException>(() => CaptureHistories.FromCounts(["A", "B"],
            new Dictionary<string, long> { ["10"] = long.MaxValue, ["01"] = long.MaxValue, ["11"] = 3 }));
        Assert.Contains("too large", ex.Message);
        Assert.Throws<ArgumentException>(() => CaptureHistories.FromRows(["A", "B"], [[1, 0], [0, 1]], [long.MaxValue - 1, long.MaxValue - 1]));
    }

    /// <summary>Mean and variance of 40,000 draws against n·p and n·p·q (5 standard errors; variance within 5%),
    /// over both samplers (inversion below n·p = 10, BTRS above) and n up to 10^15.</summary>
    [Theory]
    [InlineData(20, 0.1)]
    [InlineData(1000, 0.004)]
    [InlineData(1000, 0.3)]
    [InlineData(1000, 0.93)]
    [InlineData(1_000_000_000_000, 0.37)]
    [InlineData(1_000_000_000_000, 3e-12)]
    [InlineData(1_000_000_000_000_000, 0.5)]
    public void Binomial_ManyDraws_MeanAndVarianceMatch(long n, double p)
    {
        var rng = Xoshiro256.ForReplicate(5, 0);
        const int draws = 40_000;
        double sum = 0, sumSq = 0;
        var samples = new double[draws];
        for (var i = 0; i < draws; i++)
        {
            var x = rng.Binomial(n, p);
            Assert.InRange(x, 0, n);
            samples[i] = x;
            sum += x;
        }
        var mean = sum / draws;
        foreach (var x in samples) sumSq += (x - mean) * (x - mean);
        var variance = sumSq / (draws - 1);
        var expectedVar = n * p * (1 - p);
        Assert.True(Math.Abs(mean - n * p) < 5 * Math.Sqrt(expectedVar / draws), $"mean {mean} vs {n * p}");
        Assert.Equal(1, variance / expectedVar, 0.05);
    }

    /// <summary>The whole distribution: chi-squared goodness of fit of 100,000 draws against the binomial
    /// probabilities (MathNet.Numerics Binomial.PMF), cells with expected count below 5 pooled; p-value above 1e-4.</summary>
    [Theory]
    [InlineData(30, 0.2)]
    [InlineData(400, 0.1)]
    [InlineData(5000, 0.45)]
    public void Binomial_Draws_FollowTheBinomialDistribution(int n, double p)
    {
        var rng = Xoshiro256.ForReplicate(11, 3);
        const int draws = 100_000;
        var observed = new double[n + 1];
        for (var i = 0; i < draws; i++) observed[rng.Binomial(n, p)]++;
        double chi = 0, pooledObs = 0, pooledExp = 0;
        var df = -1;
        for (var k = 0; k <= n; k++)
        {
            pooledObs += observed[k];
            pooledExp += draws * Binomial.PMF(p, n, k);
            if (pooledExp < 5 && k < n) continue;
            chi += (pooledObs - pooledExp) * (pooledObs - pooledExp) / pooledExp;
            df++;
            pooledObs = pooledExp = 0;
        }
        Assert.True(1 - ChiSquared.CDF(df, chi) > 1e-4, $"chi-squared {chi} on {df} df");
    }

    [Fact]
    public void Multinomial_OneTrillion_SumsToNAndFollowsTheWeights()
    {
        var rng = Xoshiro256.ForReplicate(2, 1);
        double[] weights = [0.5, 0, 0.25, 0.125, 0.125];
        var counts = rng.Multinomial(1_000_000_000_000, weights);
        Assert.Equal(1_000_000_000_000, counts.Sum());
        Assert.Equal(0, counts[1]);
        for (var i = 0; i < weights.Length; i++)
            Assert.True(Math.Abs(counts[i] - 1e12 * weights[i]) < 6 * Math.Sqrt(1e12 * weights[i] * (1 - weights[i])) + 1e-9);
    }

    /// <summary>A BCa bootstrap of 10^12 people (Kosovo scaled up) takes about as long as one of the 4,400 Kosovo
    /// people: at most three times as long plus a second (one person at a time it would take days).</summary>
    [Fact]
    public void Bca_OneTrillionPeople_FinishesInTheTimeOfSmallCounts()
    {
        var small = Kosovo.Histories;
        var large = CaptureHistories.FromCounts(Kosovo.Lists, Kosovo.Counts.ToDictionary(kv => kv.Key, kv => kv.Value * 227_272_727));
        var o = new MseOptions { Method = Selection.Stepwise, Ci = IntervalMethod.Bca, Nboot = 200, Seed = 3, MaxDegreeOfParallelism = 1 };
        MultipleSystems.Estimate(small, o);
        // The fastest of three interleaved runs of each: a burst of load from other processes slows some runs, not
        // all of them, so the comparison measures the arithmetic rather than the machine.
        var watch = new Stopwatch();
        double tSmall = double.MaxValue, tLarge = double.MaxValue;
        MseResult r1 = null!, r2 = null!;
        for (var i = 0; i < 3; i++)
        {
            watch.Restart();
            r1 = MultipleSystems.Estimate(small, o);
            tSmall = Math.Min(tSmall, watch.Elapsed.TotalSeconds);
            watch.Restart();
            r2 = MultipleSystems.Estimate(large, o);
            tLarge = Math.Min(tLarge, watch.Elapsed.TotalSeconds);
        }
        Assert.True(r2.Observed > 999_999_000_000);
        Assert.Equal(200, r2.BootstrapReplicates);
        Assert.True(r2.Lower < r2.Estimate && r2.Estimate < r2.Upper);
        Assert.True(r1.Lower < r1.Estimate);
        Assert.True(tLarge < 3 * tSmall + 1, $"10^12 people {tLarge:F2} s, 4,400 people {tSmall:F2} s");
    }

    [Fact]
    public void Parametric_OneTrillionPeople_Runs()
    {
        var large = CaptureHistories.FromCounts(Kosovo.Lists, Kosovo.Counts.ToDictionary(kv => kv.Key, kv => kv.Value * 227_272_727));
        var r = MultipleSystems.Estimate(large, new MseOptions { Method = Selection.Fixed, Model = "[123,14,34]", Ci = IntervalMethod.Parametric, Nboot = 100 });
        Assert.True(r.Lower < r.Estimate && r.Estimate < r.Upper);
        Assert.Equal(100, r.BootstrapReplicates);
    }
}
