using Workbench.Disclosure;

namespace Workbench.Tests.Disclosure;

public class FrequencyTableTests
{
    [Fact]
    public void FromCounts_TwoDimensions_ComputesEveryMargin()
    {
        var t = ProtectionTests.Table2(new long[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(6L, t[0, FrequencyTable.Total]);
        Assert.Equal(15L, t[1, FrequencyTable.Total]);
        Assert.Equal(9L, t[FrequencyTable.Total, 2]);
        Assert.Equal(21L, t.GrandTotal);
        Assert.Equal(21L, t[FrequencyTable.Total, FrequencyTable.Total]);
    }

    [Fact]
    public void FromCounts_ThreeDimensions_ComputesCrossMargins()
    {
        var counts = new long[2, 2, 2] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } };
        var t = FrequencyTable.FromCounts(counts, ProtectionTests.Dim("a", 2), ProtectionTests.Dim("b", 2), ProtectionTests.Dim("c", 2));
        Assert.Equal(3L, t[0, 0, FrequencyTable.Total]);
        Assert.Equal(1L + 3 + 5 + 7, t[FrequencyTable.Total, FrequencyTable.Total, 0]);
        Assert.Equal(6L + 8, t[1, FrequencyTable.Total, 1]);
        Assert.Equal(36L, t.GrandTotal);
    }

    [Fact]
    public void FromMicrodata_CrossTabulates_WithCategoryOrder()
    {
        string[] sex = ["girl", "boy", "girl", "girl"];
        string[] age = ["12-15", "16-17", "16-17", "12-15"];
        var t = FrequencyTable.FromMicrodata([("sex", sex), ("age", age)],
            new Dictionary<string, IReadOnlyList<string>> { ["sex"] = ["girl", "boy", "other"] });
        Assert.Equal(["girl", "boy", "other"], t.Dimensions[0].Categories);
        Assert.Equal(["12-15", "16-17"], t.Dimensions[1].Categories);
        Assert.Equal(2L, t[0, 0]);
        Assert.Equal(1L, t[1, 1]);
        Assert.Equal(0L, t[2, FrequencyTable.Total]);
        Assert.Equal(4L, t.GrandTotal);
    }

    [Fact]
    public void FromCounts_Negative_IsRefusedWithCell()
    {
        var ex = Assert.Throws<ArgumentException>(() => FrequencyTable.FromCounts([3L, -1], ProtectionTests.Dim("k", 2)));
        Assert.Contains("k = k2", ex.Message);
    }

    [Fact]
    public void Dimensions_DuplicateCategoryOrTooMany_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new TableDimension("k", ["a", "a"]));
        var d = ProtectionTests.Dim;
        Assert.Throws<ArgumentException>(() => FrequencyTable.FromCounts([d("a", 1), d("b", 1), d("c", 1), d("e", 1)], [1L]));
        Assert.Throws<ArgumentException>(() => FrequencyTable.FromCounts([d("a", 2), d("a", 2)], [1L, 2, 3, 4]));
    }
}
