using System.Globalization;
using Workbench.Estimation;
using Workbench.Randomness;

namespace Workbench.Tests.Estimation;

public class SelectionTests
{
    /// <summary>Counts from our enumeration, cross-checked by the R enumeration in kosovo-glm.R (113 for 4 lists) and an independent Python count.</summary>
    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(3, 2, 8)]
    [InlineData(4, 3, 113)]
    [InlineData(5, 3, 6212)]
    [InlineData(5, 4, 6893)]
    [InlineData(6, 2, 32768)]
    public void HierarchicalModels_Count_MatchesIndependentEnumeration(int lists, int maxOrder, int expected) =>
        Assert.Equal(expected, HierarchicalModels.Count(lists, maxOrder));

    [Fact]
    public void HierarchicalModels_Enumerate_EveryModelIsDownwardClosedAndDistinct()
    {
        var models = HierarchicalModels.Enumerate(5, 3);
        Assert.Equal(models.Count, models.Select(m => string.Join(",", m)).Distinct().Count());
        foreach (var m in models) Assert.Equal(m.Order(TermOrder.Instance), new ModelSpec(m).Terms);
    }

    /// <summary>Expected values from R 4.2.2 ppois, script Fixtures/Estimation/kosovo-glm.R; tolerance 1e-10 relative.</summary>
    [Fact]
    public void PoissonTwoSided_MatchesRppois()
    {
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Estimation", "poisson-pvalues.csv")).Skip(1))
        {
            var f = line.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var p = ModelSelection.PoissonTwoSided(f[0], f[1]);
            Assert.True(Math.Abs(p - f[2]) <= 1e-10 * Math.Max(f[2], 1e-300) || Math.Abs(p - f[2]) < 1e-300, $"n={f[0]} lambda={f[1]}: {p} vs {f[2]}");
        }
    }

    [Fact]
    public void Stepwise_HigherThreshold_AddsAtLeastAsManyTerms()
    {
        var strict = MultipleSystems.Estimate(Kosovo.Histories, new MseOptions { Method = Selection.Stepwise, Pthresh = 1e-6 });
        var loose = MultipleSystems.Estimate(Kosovo.Histories, new MseOptions { Method = Selection.Stepwise, Pthresh = 0.2 });
        Assert.True(loose.Model.Count(t => t.Count == 2) >= strict.Model.Count(t => t.Count == 2));
        Assert.All(loose.Model, t => Assert.True(t.Count <= 2)); // stepwise only ever adds two-list terms
    }

    [Theory]
    [InlineData("[12,13,3]", "[12,13,4]")]
    [InlineData("EXH:ABA,EXH:OSCE", "[12,13,4]")]
    [InlineData("[123]", "[123,4]")]
    [InlineData("12, 34", "[12,34]")]
    [InlineData("[1,2,3,4]", "[1,2,3,4]")]
    public void Parse_Notation_GivesHierarchicalClosure(string text, string expected) =>
        Assert.Equal(expected, ModelSpec.Parse(text, Kosovo.Lists, []).Notation(4));

    [Fact]
    public void Parse_UnknownList_NamesTheLists()
    {
        var ex = Assert.Throws<MseModelException>(() => ModelSpec.Parse("police:kmar", Kosovo.Lists, []));
        Assert.Contains("'police' is not a list", ex.Message);
        Assert.Contains("EXH, ABA, OSCE, HRW", ex.Message);
    }

    [Fact]
    public void Fixed_ListNames_SameAsDigits()
    {
        var a = MultipleSystems.Estimate(Kosovo.Histories, new MseOptions { Method = Selection.Fixed, Model = "EXH:ABA:OSCE,EXH:HRW,OSCE:HRW" });
        var b = MultipleSystems.Estimate(Kosovo.Histories, new MseOptions { Method = Selection.Fixed, Model = "[123,14,34]" });
        Assert.Equal(b.Estimate, a.Estimate);
        Assert.Equal("fixed", a.Method);
    }

    [Fact]
    public void Bic_ThreadCount_DoesNotChangeTheChoice()
    {
        var one = MultipleSystems.Estimate(Kosovo.Histories, new MseOptions { MaxDegreeOfParallelism = 1 });
        var many = MultipleSystems.Estimate(Kosovo.Histories, new MseOptions { MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.ModelNotation, many.ModelNotation);
        Assert.Equal(one.Estimate, many.Estimate);
        Assert.Equal(one.Lower, many.Lower);
        Assert.Equal(one.Skipped, many.Skipped);
    }

    [Fact]
    public void Cells_Kosovo_FittedSumsToObservedAndUnobservedCellIsDarkFigure()
    {
        var r = MultipleSystems.Estimate(Kosovo.Histories);
        Assert.Equal(16, r.Cells.Count);
        Assert.Equal(4400, r.Cells.Where(c => c.Observed is not null).Sum(c => c.Fitted), 1e-6); // Poisson MLE with intercept
        var dark = Assert.Single(r.Cells, c => c.Observed is null);
        Assert.Equal("0000", dark.Pattern);
        Assert.Equal(r.DarkFigure, dark.Fitted);
    }
}

public class PrunedSearchTests
{
    /// <summary>The pruned search used inside bootstrap replicates finds the same minimum as the exhaustive search.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pruned_ResampledTables_SameModelAsExhaustive(bool bic)
    {
        var h = Kosovo.Histories;
        var weights = h.CountsByCell.Select(c => (double)c).ToArray();
        for (var rep = 0; rep < 25; rep++)
        {
            var counts = Xoshiro256.ForReplicate(99, rep).Multinomial(h.Observed / 8, weights); // smaller samples: sparser tables, more zero cells
            var r = h.WithCounts(counts);
            var f = new LogLinearFitter(r);
            var full = ModelSelection.ByCriterion(f, r, bic, 3, 1);
            var pruned = ModelSelection.ByCriterionPruned(f, r, bic, 3);
            Assert.Equal(full.Fit.Model.Notation(4), pruned.Fit.Model.Notation(4));
            Assert.True(pruned.Considered <= full.Considered);
        }
    }

    [Fact]
    public void Pruned_FiveLists_SameModelAsExhaustiveAndFitsFewer()
    {
        var h = SyntheticCaptures.Draw(["A", "B", "C", "D", "E"], 3000, [-1.4, -1.6, -1.2, -1.9, -1.5], [(0b00011, 0.8), (0b01100, 0.6)], seed: 4);
        var f = new LogLinearFitter(h);
        var full = ModelSelection.ByCriterion(f, h, true, 3, 2);
        var pruned = ModelSelection.ByCriterionPruned(f, h, true, 3);
        Assert.Equal(full.Fit.Model.Notation(5), pruned.Fit.Model.Notation(5));
        Assert.Equal(full.Fit.DarkFigure, pruned.Fit.DarkFigure);
        Assert.True(pruned.Considered < full.Considered / 2, $"{pruned.Considered} of {full.Considered}");
    }
}
