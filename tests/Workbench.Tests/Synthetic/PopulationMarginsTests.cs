using Workbench.Statistics;
using Workbench.Synthetic;

namespace Workbench.Tests.Synthetic;

/// <summary>The synthetic population margins calibrate the committed survey (study 01 post-stratifies on them).</summary>
public sealed class PopulationMarginsTests
{
    [Fact]
    public void PopulationMargins_Seed2020_SumToPopulationAndCoverTheSurveySexCodes()
    {
        var margins = CalibrationMargins.ReadCsv(RepoPaths.Sample(PopulationMargins.Name + ".csv"));
        Assert.Equal(["sex"], margins.Variables);
        Assert.Equal(PopulationMargins.Population, margins.Margins.Sum(m => m.Population));
        var surveySexes = RepoPaths.Read(SurveySexualViolence.Name, "sex").Strings("sex").Distinct().Order().ToArray();
        Assert.Equal(surveySexes, margins.Margins.Select(m => m.Category).Order().ToArray());
        var male = margins.Margins.Single(m => m.Category == "M").Population / PopulationMargins.Population;
        Assert.InRange(male, 0.506, 0.510);
    }

    [Fact]
    public void PopulationMargins_PostStratifySurvey_WeightsSumToThePopulationBySex()
    {
        var design = new SurveyDesign(Weight: "weight", Strata: "stratum", Cluster: "cluster");
        var margins = CalibrationMargins.ReadCsv(RepoPaths.Sample(PopulationMargins.Name + ".csv"));
        var sample = SurveySample.ReadCsv(RepoPaths.Sample(SurveySexualViolence.Name + ".csv"), design, ["physical_sv"], ["sex"])
            .Calibrate(margins, CalibrationMethod.PostStratify);
        Assert.Equal(PopulationMargins.Population, sample.Weights().Sum(), 1e-6);
    }
}
