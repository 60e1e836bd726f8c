using Workbench.Estimation;

namespace Workbench.Tests.Estimation;

/// <summary>Acceptance numbers of issue 5 (published: Ball et al. 2002; Chan, Silverman &amp; Vincent 2021).</summary>
public class KosovoAcceptanceTests
{
    [Fact]
    public void Bic_Kosovo_Selects123_14_34()
    {
        var r = MultipleSystems.Estimate(Kosovo.Histories, new MseOptions { Method = Selection.Bic });
        Assert.Equal("[123,14,34]", r.ModelNotation);
        Assert.Equal(4400, r.Observed);
        Assert.Equal(10356.5, r.Estimate, 0.05);
        Assert.InRange(r.Lower, 9004.5, 9005.5);
        Assert.InRange(r.Upper, 12104.5, 12105.5);
        Assert.Equal(113, r.ModelsConsidered);
        Assert.Equal([["EXH", "ABA", "OSCE"], ["EXH", "HRW"], ["OSCE", "HRW"]], r.Model.Select(t => t.ToArray()).ToArray());
    }

    [Fact]
    public void Stepwise_Kosovo_Selects12_13_14_23_34()
    {
        var r = MultipleSystems.Estimate(Kosovo.Histories, new MseOptions { Method = Selection.Stepwise });
        Assert.Equal("[12,13,14,23,34]", r.ModelNotation);
        Assert.Equal(14341.7, r.Estimate, 0.05);
        Assert.InRange(r.Lower, 12540.5, 12541.5);
        Assert.InRange(r.Upper, 16539.5, 16540.5);
    }

    [Fact]
    public void MainEffects_Kosovo_Gives7394_6()
    {
        var r = MultipleSystems.Estimate(Kosovo.Histories, new MseOptions { Method = Selection.MainEffects });
        Assert.Equal("[1,2,3,4]", r.ModelNotation);
        Assert.Equal(7394.6, r.Estimate, 0.05);
        Assert.Equal(10, r.Df); // 15 cells - 5 parameters
    }
}
