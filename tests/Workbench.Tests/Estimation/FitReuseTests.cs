using Workbench.Estimation;
using Workbench.Randomness;
using Workbench.Tests.Support;

namespace Workbench.Tests.Estimation;

/// <summary>
/// What makes the BCa bootstrap with re-selection fast must not change its numbers: the designs shared by a table's
/// replicates, the rank shortcut of the existence check and the tighter bounds of the pruned search.
/// </summary>
public class FitReuseTests
{
    private static CaptureHistories Registrations() => CaptureHistoryCsv.Read(RepoPaths.At("data-samples", "trafficking-registrations.csv"),
        new CaptureCsvOptions { Lists = ["police", "kmar", "inspectorate_szw", "care_shelter", "other_reporters"], Covariates = ["year"] }).All;

    /// <summary>Small resamples of the Kosovo table: zero cells, and some pairs that nobody is on.</summary>
    private static IEnumerable<long[]> SparseResamples(CaptureHistories h, int count)
    {
        var weights = h.CountsByCell.Select(c => (double)c).ToArray();
        for (var rep = 0; rep < count; rep++) yield return Xoshiro256.ForReplicate(17, rep).Multinomial(h.Observed / 40, weights);
    }

    [Fact]
    public void WithCounts_DesignsBuiltForOtherCounts_SameFitAsAFreshFitter()
    {
        var h = Kosovo.Histories;
        var models = HierarchicalModels.Enumerate(4, 3);
        var root = new LogLinearFitter(h);
        foreach (var m in models) root.WithCounts(root.Y).Fit(ModelSpec.FromClosed(m)); // fills the replicates' shared designs
        var fixedSeen = 0;
        foreach (var counts in SparseResamples(h, 20))
        {
            var y = counts.Select(c => (double)c).ToArray();
            var shared = root.WithCounts(y);
            var fresh = new LogLinearFitter(4, 1, y);
            foreach (var m in models)
            {
                var a = shared.Fit(ModelSpec.FromClosed(m), covariance: true);
                var b = fresh.Fit(ModelSpec.FromClosed(m), covariance: true);
                Assert.Equal(b.Status, a.Status);
                Assert.Equal(b.FixedTerms, a.FixedTerms);
                fixedSeen += a.FixedTerms.Length;
                if (a.Status != FitStatus.Ok) continue;
                Assert.Equal(b.LogLik, a.LogLik); // bit for bit, not within a tolerance
                Assert.Equal(b.Beta, a.Beta);
                Assert.Equal(b.Mu, a.Mu);
                Assert.Equal(b.Kept, a.Kept);
                Assert.Equal(b.Covariance, a.Covariance);
            }
        }
        Assert.True(fixedSeen > 0, "the resamples should fix some terms at minus infinity, so that other designs are used");
    }

    [Fact]
    public void Existence_RankOfPositiveCells_AgreesWithTheLinearProgramme()
    {
        var h = Kosovo.Histories;
        var models = HierarchicalModels.Enumerate(4, 3);
        int notExist = 0, exist = 0;
        foreach (var counts in SparseResamples(h, 40))
        {
            var f = new LogLinearFitter(h.WithCounts(counts));
            foreach (var terms in models)
            {
                var m = ModelSpec.FromClosed(terms);
                var status = f.Check(m);
                if (status == FitStatus.RankDeficient) continue;
                var byProgramme = f.ExistsByProgramme(m);
                Assert.Equal(byProgramme ? FitStatus.Ok : FitStatus.NotExist, status);
                if (byProgramme) exist++; else notExist++;
            }
        }
        Assert.True(notExist > 0 && exist > 0, $"{exist} models exist, {notExist} do not: both cases must occur");
    }

    /// <summary>Study 02's table (five registries by year, order 2): with a bound from the all-pairs model alone the search
    /// fitted 638 (BIC) and 1,013 (AIC) of the 1,024 models; the bounds from the largest models without one term bring
    /// that to 193 and 323 (not counting the few bounding fits).</summary>
    [Theory]
    [InlineData(true, 256)]
    [InlineData(false, 341)]
    public void Pruned_YearCovariate_SameModelAsExhaustiveFromFewFits(bool bic, int atMost)
    {
        var h = Registrations();
        var f = new LogLinearFitter(h);
        var full = ModelSelection.ByCriterion(f, h, bic, 2, 1);
        var pruned = ModelSelection.ByCriterionPruned(f, h, bic, 2);
        Assert.Equal(full.Fit.Model.Notation(5), pruned.Fit.Model.Notation(5));
        Assert.Equal(full.Fit.LogLik, pruned.Fit.LogLik);
        Assert.True(pruned.Considered <= atMost, $"{pruned.Considered} of {full.Considered}");
    }

    [Fact]
    public void Bca_YearCovariate_OneVersusTwoThreads_Identical()
    {
        var h = Registrations();
        var o = new MseOptions { Method = Selection.Bic, MaxOrder = 2, Ci = IntervalMethod.Bca, Nboot = 20, Seed = 2020 };
        var one = MultipleSystems.Estimate(h, o with { MaxDegreeOfParallelism = 1 });
        var two = MultipleSystems.Estimate(h, o with { MaxDegreeOfParallelism = 2 });
        Assert.Equal(one.Lower, two.Lower);
        Assert.Equal(one.Upper, two.Upper);
        Assert.Equal(one.Levels.Select(l => (l.Lower, l.Upper)), two.Levels.Select(l => (l.Lower, l.Upper)));
    }
}
