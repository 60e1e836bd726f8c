using System.Globalization;
using Workbench.Claims;
using Workbench.Synthetic;

namespace Workbench.Tests.Synthetic;

/// <summary>Prosecution, youth care and municipal samples reproduce their ledger figures (cross-checked in R: data-samples/scripts/check-registers.R).</summary>
public sealed class RegisterSampleTests
{
    private static readonly Ledger Ledger = Ledger.Load(RepoPaths.Sample("published-figures.csv"));

    [Fact]
    public void Prosecution_CountsShareAndSentence_ReproduceLedger()
    {
        var raw = RepoPaths.Read(ProsecutionCases.Name, "year", "registered", "brought_to_court", "verdict", "unsuspended_prison_months");
        var year = raw.Doubles("year", double.NaN);
        var tried = raw.Doubles("brought_to_court", double.NaN);
        var meanPerYear = ProsecutionCases.Years.Average(y => Enumerable.Range(0, year.Length).Where(i => year[i] == y).Sum(i => tried[i]));
        Assert.True(Ledger["offenders-prosecuted-per-year"].IsReproducedBy(meanPerYear), $"{meanPerYear}");
        Assert.True(Ledger["share-suspects-prosecuted"].IsReproducedBy(100 * tried.Average()), $"{tried.Average()}");
        var months = raw.Doubles("unsuspended_prison_months", double.NaN).Where(m => !double.IsNaN(m)).ToList();
        var mean = months.Average();
        Assert.True(Ledger["average-unsuspended-sentence"].IsReproducedBy(mean), $"{mean}");
        var rounded = (int)Math.Round(mean);
        Assert.Equal((1, 10), (rounded / 12, rounded % 12));
        Assert.All(raw.Doubles("registered", double.NaN), r => Assert.Equal(1, r));
        var verdict = raw.Values["verdict"];
        for (var i = 0; i < year.Length; i++) Assert.Equal(tried[i] == 1, verdict[i] is not null);
    }

    [Fact]
    public void Supervision_KaplanMeierAtSixMonths_ReproducesLedger()
    {
        var raw = RepoPaths.Read(YouthCareLinkage.SupervisionName, "months_to_support", "support_started");
        var time = raw.Doubles("months_to_support", double.NaN);
        var evt = raw.Doubles("support_started", double.NaN).Select(e => e == 1).ToArray();
        var s6 = YouthCareLinkage.KaplanMeier(time, evt, 6.0);
        Assert.True(Ledger["no-youth-support-within-six-months"].IsReproducedBy(100 * s6), $"{s6}");
        Assert.Contains(evt, e => !e); // some censoring
    }

    [Fact]
    public void KaplanMeier_MatchesRSurvivalOnTheSample()
    {
        // Expected S(6) from R 4.2.2 survival 3.5.3 (data-samples/scripts/check-registers.R; recorded output), 4 decimals.
        var output = File.ReadAllText(Path.Combine(RepoPaths.DataSamples, "scripts", "check-registers.out.txt"));
        var marker = "Kaplan-Meier S(6) = ";
        var start = output.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var expected = double.Parse(output.Substring(start, 6), CultureInfo.InvariantCulture);
        var raw = RepoPaths.Read(YouthCareLinkage.SupervisionName, "months_to_support", "support_started");
        var s6 = YouthCareLinkage.KaplanMeier(raw.Doubles("months_to_support", double.NaN),
            raw.Doubles("support_started", double.NaN).Select(e => e == 1).ToArray(), 6.0);
        Assert.Equal(expected, s6, 0.00005 + 1e-12);
    }

    [Fact]
    public void KaplanMeier_HandComputedExample()
    {
        // Times 1,2+,3,3,4+,5 (+ = censored): S(3) = (1 - 1/6) * (1 - 2/4) = 5/12; S(0.5) = 1; S(5) = 5/12 * (1 - 1/1) = 0.
        double[] time = [1, 2, 3, 3, 4, 5];
        bool[] evt = [true, false, true, true, false, true];
        Assert.Equal(1.0, YouthCareLinkage.KaplanMeier(time, evt, 0.5), 12);
        Assert.Equal(5.0 / 6, YouthCareLinkage.KaplanMeier(time, evt, 2.5), 12);
        Assert.Equal(5.0 / 12, YouthCareLinkage.KaplanMeier(time, evt, 3), 12);
        Assert.Equal(0.0, YouthCareLinkage.KaplanMeier(time, evt, 5), 12);
    }

    [Fact]
    public void ClosedCare_ShareSexualViolence_ReproducesLedger()
    {
        var raw = RepoPaths.Read(YouthCareLinkage.ClosedCareName, "reason_sexual_violence");
        var share = 100 * raw.Doubles("reason_sexual_violence", double.NaN).Average();
        Assert.True(Ledger["closed-youth-care-sexual-violence"].IsReproducedBy(share), $"{share}");
        Assert.InRange(share, 39.8, 40.2);
    }

    [Fact]
    public void Municipalities_CountsUnitsAndFigures()
    {
        var raw = RepoPaths.Read(MunicipalPolicy.Name, "municipality_code", "year", "police_unit", "has_policy", "thinks_occurs");
        var year = raw.Doubles("year", double.NaN);
        Assert.Equal(388, year.Count(y => y == 2017));
        Assert.Equal(345, year.Count(y => y == 2022));
        var units = raw.Strings("police_unit").Distinct().Order().ToList();
        Assert.Equal(10, units.Count);
        Assert.Equal(MunicipalPolicy.PoliceUnits.Select(u => u.Code).Order(), units);
        Assert.Contains("Zeeland-West-Brabant", MunicipalPolicy.PoliceUnits.Select(u => u.Name));
        var policy = raw.Doubles("has_policy", double.NaN);
        var occurs = raw.Doubles("thinks_occurs", double.NaN);
        var idx2017 = Enumerable.Range(0, year.Length).Where(i => year[i] == 2017).ToList();
        var withoutPolicy = 100 * idx2017.Average(i => 1 - policy[i]);
        Assert.True(Ledger["municipalities-without-policy-2017"].IsReproducedBy(withoutPolicy), $"{withoutPolicy}");
        var thinkNot = idx2017.Average(i => 1 - occurs[i]);
        Assert.True(Ledger["municipalities-think-no-trafficking-2017"].IsReproducedBy(thinkNot), $"{thinkNot}");
        Assert.InRange(thinkNot, 0.32, 0.345);
        var policy2022 = Enumerable.Range(0, year.Length).Where(i => year[i] == 2022).Average(i => policy[i]);
        Assert.True(policy2022 > 0.9);
    }
}
