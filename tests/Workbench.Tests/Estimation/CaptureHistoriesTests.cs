using Workbench.Data;
using Workbench.Estimation;

namespace Workbench.Tests.Estimation;

public sealed class CaptureHistoriesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mse-csv").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FromCounts_Kosovo_CountsAndObserved()
    {
        var h = Kosovo.Histories;
        Assert.Equal(4400, h.Observed);
        Assert.Equal(1131, h.Count("1000"));
        Assert.Equal(0, h.Count("0000"));
        Assert.Equal(["EXH", "ABA", "OSCE", "HRW"], h.Lists);
    }

    [Theory]
    [InlineData("0000", 3, "unobservable")]
    [InlineData("100", 3, "must be 4 characters")]
    [InlineData("10a0", 3, "must be 4 characters of 0 and 1")]
    [InlineData("1000", -3, "counts must be 0 or more")]
    public void FromCounts_BadPatternOrCount_Throws(string pattern, long count, string message)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => CaptureHistories.FromCounts(Kosovo.Lists, new Dictionary<string, long> { ["0100"] = 5, ["1000"] = 4, ["0010"] = 3, ["0001"] = 2, [pattern] = count }));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void FromCounts_OneList_Throws() =>
        Assert.Contains("at least two lists", Assert.Throws<ArgumentException>(() => CaptureHistories.FromCounts(["a"], new Dictionary<string, long> { ["1"] = 3 })).Message);

    [Fact]
    public void FromCounts_ListWithNobody_Throws() =>
        Assert.Contains("list 'c' registers nobody", Assert.Throws<ArgumentException>(() =>
            CaptureHistories.FromCounts(["a", "b", "c"], new Dictionary<string, long> { ["100"] = 3, ["010"] = 4, ["110"] = 1 })).Message);

    [Fact]
    public void FromRows_OneRowPerPerson_SameAsCounts()
    {
        var rows = new List<IReadOnlyList<int>>();
        foreach (var (pattern, n) in Kosovo.Counts)
            for (var i = 0; i < n; i++) rows.Add(pattern.Select(ch => ch - '0').ToArray());
        var h = CaptureHistories.FromRows(Kosovo.Lists, rows);
        Assert.Equal(Kosovo.Histories.CountsByCell, h.CountsByCell);
    }

    [Fact]
    public void Read_OneRowPerPersonWithCovariate_CrossesLevelsAndOrdersYearsNumerically()
    {
        var path = Path.Combine(_dir, "people.csv");
        File.WriteAllText(path, "id,a,b,year,sex\n1,1,0,2019,F\n2,0,1,2019,M\n3,1,1,2020,F\n4,1,0,2020,M\n5,0,1,2019,F\n6,1,0,2020,F\n7,0,1,2020,M\n8,1,1,2019,M\n");
        var read = CaptureHistoryCsv.Read(path, new CaptureCsvOptions { Covariates = ["year", "sex"] });
        Assert.Equal(["a", "b"], read.All.Lists); // id holds other values, so it is not a list
        Assert.Equal(["2019|F", "2019|M", "2020|F", "2020|M"], read.All.Levels);
        Assert.Equal(8, read.All.Observed);
        Assert.Equal(1, read.All.Count("10", "2019|F"));
    }

    [Fact]
    public void Read_By_SplitsIntoStrataInLevelOrder()
    {
        var path = Path.Combine(_dir, "by.csv");
        File.WriteAllText(path, "a,b,year,n\n1,0,2020,5\n0,1,2020,4\n1,1,2020,2\n1,0,9,6\n0,1,9,3\n1,1,9,1\n");
        var read = CaptureHistoryCsv.Read(path, new CaptureCsvOptions { Count = "n", By = ["year"] });
        Assert.Equal(["9", "2020"], read.Strata.Select(s => s.Key));
        Assert.Equal(21, read.All.Observed);
        Assert.Equal(10, read.Strata[0].Value.Observed);
    }

    [Fact]
    public void Read_MissingListColumn_NamesTheHeader()
    {
        var path = Path.Combine(_dir, "m.csv");
        File.WriteAllText(path, "a,b\n1,0\n0,1\n");
        var ex = Assert.Throws<DataValidationException>(() => CaptureHistoryCsv.Read(path, new CaptureCsvOptions { Lists = ["a", "c"] }));
        Assert.Contains("column 'c' not found", ex.Message);
    }

    [Fact]
    public void Read_ManyBadValues_AllReportedAtOnce()
    {
        var path = Path.Combine(_dir, "many.csv");
        File.WriteAllText(path, "a,b\n1,0\n2,1\n0,3\n1,1\n");
        var ex = Assert.Throws<DataValidationException>(() => CaptureHistoryCsv.Read(path, new CaptureCsvOptions { Lists = ["a", "b"] }));
        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal((3, 1), (ex.Errors[0].Line, ex.Errors[0].Column));
        Assert.Equal((4, 2), (ex.Errors[1].Line, ex.Errors[1].Column));
    }
}
