using Workbench.Synthetic;

namespace Workbench.Tests.Synthetic;

/// <summary>
/// The registrations follow the public population model. That a multiple systems estimate recovers the truth is
/// checked by data-samples/scripts/check-mse.py (statsmodels; output committed in check-mse.out.txt), summarised here.
/// </summary>
public sealed class TraffickingSampleTests
{
    private static readonly TraffickingPopulationModel Model = TraffickingPopulationModel.Default;
    private static readonly Workbench.Data.RawColumns Raw = RepoPaths.Read(TraffickingRegistrations.Name,
        ["person_id", "year", .. Model.Lists, "age_group", "exploitation", "domestic"]);

    [Fact]
    public void Model_TruthsAreAsDocumented()
    {
        foreach (var year in Model.Years)
        {
            Assert.InRange(Model.TruePopulation(year), 6000, 6500);
            Assert.Equal(Model.TruePopulation(year), Model.GroupCounts(year).Sum());
            Assert.InRange(Model.TrueChildDomesticSexual(year), 1250, 1450);
            Assert.InRange(Model.TrueLabourOrCriminal(year), 1350, 1500);
        }
        Assert.Equal(1.0, Model.Groups.Sum(g => g.Share), 9);
        Assert.Equal([2015, 2016, 2017, 2018, 2019], Model.Years);
        Assert.True(Model.Lists.Count >= 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.TruePopulation(2014));
    }

    [Fact]
    public void Model_HasPositiveAndNegativeListDependence()
    {
        var values = new List<double>();
        for (var i = 0; i < Model.Lists.Count; i++)
            for (var j = i + 1; j < Model.Lists.Count; j++) values.Add(Model.Interactions[i, j]);
        Assert.Contains(values, v => v > 0);
        Assert.Contains(values, v => v < 0);
    }

    [Fact]
    public void PatternProbabilities_SumToOne()
    {
        foreach (var group in Model.Groups)
            Assert.Equal(1.0, Model.PatternProbabilities(group).Sum(), 12);
    }

    [Fact]
    public void Registrations_Between1300And2000AYear_EachOnAtLeastOneList()
    {
        var year = Raw.Doubles("year", double.NaN);
        var flags = Model.Lists.Select(l => Raw.Doubles(l, double.NaN)).ToArray();
        foreach (var y in Model.Years)
            Assert.InRange(year.Count(v => v == y), 1300, 2000);
        for (var i = 0; i < year.Length; i++) Assert.Contains(flags, f => f[i] == 1);
    }

    [Fact]
    public void Registrations_SubgroupsAreBelowTheirTruth()
    {
        var year = Raw.Doubles("year", double.NaN);
        var age = Raw.Strings("age_group");
        var exploitation = Raw.Strings("exploitation");
        var domestic = Raw.Strings("domestic");
        foreach (var y in Model.Years)
        {
            var child = Enumerable.Range(0, year.Length).Count(i => year[i] == y && age[i] == "minor" && exploitation[i] == "sexual" && domestic[i] == "domestic");
            Assert.InRange(child, 1, Model.TrueChildDomesticSexual(y) - 1);
            var labour = Enumerable.Range(0, year.Length).Count(i => year[i] == y && exploitation[i] is "labour" or "criminal");
            Assert.InRange(labour, 1, Model.TrueLabourOrCriminal(y) - 1);
        }
    }

    [Fact]
    public void TruthFile_MatchesTheModel()
    {
        var raw = RepoPaths.Read(TraffickingPopulationTruth.Name, "year", "true_count");
        var year = raw.Doubles("year", double.NaN);
        var count = raw.Doubles("true_count", double.NaN);
        foreach (var y in Model.Years)
            Assert.Equal(Model.TruePopulation(y), Enumerable.Range(0, year.Length).Where(i => year[i] == y).Sum(i => count[i]));
    }

    [Fact]
    public void RecordedMseCheck_ReproducesTheLedger()
    {
        var output = File.ReadAllText(Path.Combine(RepoPaths.DataSamples, "scripts", "check-mse.out.txt"));
        Assert.Contains("ALL FIGURES REPRODUCED", output);
        Assert.DoesNotContain(" NO ", output);
    }
}
