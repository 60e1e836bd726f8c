using System.Globalization;
using Workbench.Estimation;

namespace Workbench.Tests.Estimation;

/// <summary>
/// The AIC/BIC penalty on sparse five-list tables (issue 11): every term of the hierarchical model counts, the intercept
/// and the terms fixed at minus infinity included, as R MultipleSystemsEstimation's <c>fit_hier_model</c> counts them.
/// Expected values from R 4.2.2 base <c>glm.fit(family = poisson)</c> on the kept cells over all 6,212 models, script
/// Fixtures/Estimation/sparse5-glm.R. Tolerances: BIC, AIC and log-likelihood 1e-6 absolute, N-hat 1e-7 relative.
/// </summary>
public class SparsePenaltyTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Estimation", name);

    private static readonly string[] Lists = ["L1", "L2", "L3", "L4", "L5"];

    internal static CaptureHistories Table(string table) => CaptureHistories.FromCounts(Lists,
        File.ReadAllLines(Fixture("sparse5-tables.csv")).Skip(1).Select(l => l.Split(',').Select(s => s.Trim('"')).ToArray())
            .Where(f => f[0] == table).Select(f => new KeyValuePair<string, long>(f[1], long.Parse(f[2], CultureInfo.InvariantCulture))));

    private sealed record Expected(string Model, int Status, int Npars, int Rank, int Fixed, double? LogLik, double? Bic, double? Aic, double? BicEstimated, double? Estimate);

    private static List<Expected> Models(string table)
    {
        static double? D(string s) => s == "NA" ? null : double.Parse(s, CultureInfo.InvariantCulture);
        static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);
        return File.ReadAllLines(Fixture("sparse5-glm.csv")).Skip(1)
            .Select(l => Split(l)).Where(f => f[0] == table)
            .Select(f => new Expected(f[1], I(f[2]), I(f[3]), I(f[4]), I(f[5]), D(f[6]), D(f[7]), D(f[8]), D(f[9]), D(f[10])))
            .ToList();
    }

    // Model names hold commas inside quotes: "A","[12,13,35,4]",7,...
    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == '"')
            {
                var end = line.IndexOf('"', i + 1);
                fields.Add(line[(i + 1)..end]);
                i = end + 2;
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                fields.Add(line[i..end]);
                i = end + 1;
            }
        }
        return fields.ToArray();
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public void Catalogue_SparseFiveLists_EveryModelsBicMatchesRWithAllTermsCounted(string table)
    {
        var h = Table(table);
        var f = new LogLinearFitter(h);
        var fits = ModelSelection.Catalogue(f, h, 3, threads: 2);
        var expected = Models(table).ToDictionary(e => e.Model);
        Assert.Equal(6212, fits.Length);
        Assert.Equal(6212, expected.Count);
        var logN = Math.Log(h.Observed);
        foreach (var fit in fits)
        {
            var e = expected[fit.Model.Notation(5)];
            Assert.Equal(e.Npars, 1 + 5 + fit.Model.Terms.Length);
            Assert.Equal(e.Fixed, fit.FixedTerms.Length);
            // R status: 0 fitted, 1 MLE does not exist (fit driven to the boundary), 2 rank deficient.
            Assert.Equal(e.Status switch { 0 => FitStatus.Ok, 1 => FitStatus.NotExist, _ => FitStatus.RankDeficient }, fit.Status);
            if (e.Bic is null) continue;
            Assert.Equal(e.Rank, fit.NPar);
            Assert.Equal(e.Npars, fit.PenaltyParameters);
            Assert.Equal(e.LogLik!.Value, fit.LogLik, 1e-6);
            Assert.Equal(e.Bic.Value, fit.Criterion(true, logN), 1e-6);
            Assert.Equal(e.Aic!.Value, fit.Criterion(false, logN), 1e-6);
            Assert.Equal(1, (f.Observed + fit.DarkFigure) / e.Estimate!.Value, 1e-7);
        }
    }

    /// <summary>The whole ranking by BIC, not only the winner: ours in the same order as R's (models whose BICs lie
    /// within 1e-6 of each other may swap).</summary>
    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public void Ranking_SparseFiveLists_SameOrderAsR(string table)
    {
        var h = Table(table);
        var f = new LogLinearFitter(h);
        var logN = Math.Log(h.Observed);
        var ours = ModelSelection.Catalogue(f, h, 3, threads: 2).Where(x => x.Status == FitStatus.Ok)
            .Select(x => (Model: x.Model.Notation(5), Bic: x.Criterion(true, logN))).OrderBy(x => x.Bic).ToList();
        var theirs = Models(table).Where(e => e.Bic is not null).OrderBy(e => e.Bic).ToList();
        Assert.Equal(theirs.Count, ours.Count);
        var byModel = theirs.ToDictionary(e => e.Model, e => e.Bic!.Value);
        for (var i = 0; i < ours.Count; i++)
        {
            if (ours[i].Model == theirs[i].Model) continue;
            Assert.True(Math.Abs(byModel[ours[i].Model] - theirs[i].Bic!.Value) < 1e-6,
                $"rank {i + 1}: ours {ours[i].Model}, R {theirs[i].Model} (BIC {theirs[i].Bic})");
        }
    }

    /// <summary>The minimum-BIC model and estimate equal R's under the reference count, and differ from the minimum
    /// under the old count (estimated columns only), which makes never-overlapping pairs free.</summary>
    [Theory]
    [InlineData("A", "[13,2,35,4]", "[12,13,35,4]")]
    [InlineData("B", "[12,13,14,23,25]", "[12,13,14,23,25,45]")]
    public void Bic_SparseFiveLists_SelectsRsMinimumNotTheOldCountsMinimum(string table, string winner, string oldWinner)
    {
        var expected = Models(table).Where(e => e.Bic is not null).ToList();
        Assert.Equal(winner, expected.MinBy(e => e.Bic)!.Model);
        Assert.Equal(oldWinner, expected.MinBy(e => e.BicEstimated)!.Model);
        var h = Table(table);
        foreach (var threads in new[] { 1, 2 })
        {
            var r = MultipleSystems.Estimate(h, new MseOptions { Method = Selection.Bic, MaxOrder = 3, MaxDegreeOfParallelism = threads });
            Assert.Equal(winner, r.ModelNotation);
            Assert.Equal(1, r.Estimate / expected.Single(e => e.Model == winner).Estimate!.Value, 1e-7);
            Assert.Equal(expected.MinBy(e => e.Bic)!.Bic!.Value, r.Bic, 1e-6);
        }
        // The pruned search of the bootstrap replicates uses the same count.
        var f = new LogLinearFitter(h);
        Assert.Equal(winner, ModelSelection.ByCriterionPruned(f, h, true, 3).Fit.Model.Notation(5));
        var aic = Models(table).Where(e => e.Aic is not null).MinBy(e => e.Aic)!.Model;
        Assert.Equal(aic, ModelSelection.ByCriterionPruned(f, h, false, 3).Fit.Model.Notation(5));
        Assert.Equal(aic, MultipleSystems.Estimate(h, new MseOptions { Method = Selection.Aic, MaxOrder = 3 }).ModelNotation);
    }

    /// <summary>Residual df keeps counting estimated parameters: the kept cells minus the design's rank.</summary>
    [Fact]
    public void Df_SparseModel_CountsEstimatedParametersOnly()
    {
        var h = Table("B");
        var r = MultipleSystems.Estimate(h, new MseOptions { Method = Selection.Fixed, Model = "[12,13,14,23,25,45]" });
        var e = Models("B").Single(x => x.Model == "[12,13,14,23,25,45]");
        var kept = r.Cells.Count(c => c.Observed is not null && c.Kept);
        Assert.Equal(kept - e.Rank, r.Df);
        Assert.Equal(e.Npars - e.Fixed, e.Rank);
        Assert.Equal(e.Bic!.Value, r.Bic, 1e-6);
    }
}
