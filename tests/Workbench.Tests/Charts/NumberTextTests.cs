using Workbench.Charts;

namespace Workbench.Tests.Charts;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData(0.48, 0, "48%", "48%")]
    [InlineData(0.045, 1, "4.5%", "4,5%")]
    [InlineData(0.9999, 0, "100%", "100%")]
    public void Percent_BothLanguages_UseTheirDecimalSeparator(double p, int decimals, string en, string nl)
    {
        Assert.Equal(en, NumberText.Percent(p, Language.En, decimals));
        Assert.Equal(nl, NumberText.Percent(p, Language.Nl, decimals));
    }

    [Theory]
    [InlineData(5000, "5,000", "5.000")]
    [InlineData(1234567, "1,234,567", "1.234.567")]
    [InlineData(999.5, "1,000", "1.000")]
    [InlineData(0, "0", "0")]
    public void Count_BothLanguages_GroupThousands(double n, string en, string nl)
    {
        Assert.Equal(en, NumberText.Count(n, Language.En));
        Assert.Equal(nl, NumberText.Count(n, Language.Nl));
    }

    [Theory]
    [InlineData(22, "1 year and 10 months", "1 jaar en 10 maanden")]
    [InlineData(24, "2 years", "2 jaar")]
    [InlineData(1, "1 month", "1 maand")]
    [InlineData(13, "1 year and 1 month", "1 jaar en 1 maand")]
    [InlineData(0.2, "less than a month", "minder dan een maand")]
    public void Duration_Months_ReadsAsYearsAndMonths(double months, string en, string nl)
    {
        Assert.Equal(en, NumberText.Duration(months, Language.En));
        Assert.Equal(nl, NumberText.Duration(months, Language.Nl));
    }

    [Fact]
    public void Ranges_UseEnDash()
    {
        Assert.Equal("5,000\u20137,500", NumberText.CountRange(5000, 7500, Language.En));
        Assert.Equal("5.000\u20137.500", NumberText.CountRange(5000, 7500, Language.Nl));
        Assert.Equal("45\u201351%", NumberText.PercentRange(0.45, 0.51, Language.En));
        Assert.Equal("95% CI", NumberText.ConfidenceInterval(0.95, Language.En));
        Assert.Equal("95%-BI", NumberText.ConfidenceInterval(0.95, Language.Nl));
        Assert.Equal("1.2", NumberText.Number(1.23, Language.En));
        Assert.Equal("1,2", NumberText.Number(1.23, Language.Nl));
    }

    [Theory]
    [InlineData(0.95, "95%", "95%")]
    [InlineData(0.9, "90%", "90%")]
    [InlineData(0.975, "97.5%", "97,5%")]
    public void Level_FromParameter_FormatsInEachLanguage(double level, string en, string nl)
    {
        Assert.Equal(en, NumberText.Level(level, Language.En));
        Assert.Equal(nl, NumberText.Level(level, Language.Nl));
    }

    [Fact]
    public void Percent_NaN_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NumberText.Percent(double.NaN, Language.En));

    [Fact]
    public void ParseLanguage_Unknown_NamesAcceptedValues()
    {
        Assert.Equal(Language.Nl, LanguageExtensions.ParseLanguage("NL"));
        var ex = Assert.Throws<ArgumentException>(() => LanguageExtensions.ParseLanguage("de"));
        Assert.Contains("'en' or 'nl'", ex.Message);
    }
}
