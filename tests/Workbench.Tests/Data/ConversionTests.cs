using Microsoft.Data.Analysis;
using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>DataFrame and Deedle conversions keep the dictionary's types and the missing values.</summary>
public class ConversionTests
{
    private static Dataset People() =>
        Dataset.Load(Path.Combine(DatasetLoadTests.Valid, "people.csv"), new LoadOptions { RecordProvenance = false });

    [Fact]
    public void ToDataFrame_KeepsTypesAndNulls()
    {
        var df = People().ToDataFrame();
        Assert.Equal(3, df.Rows.Count);
        Assert.IsType<StringDataFrameColumn>(df["id"]);
        Assert.IsType<StringDataFrameColumn>(df["sex"]);
        Assert.IsType<Int64DataFrameColumn>(df["age"]);
        Assert.IsType<DoubleDataFrameColumn>(df["weight"]);
        Assert.IsType<DoubleDataFrameColumn>(df["score"]);
        Assert.IsType<BooleanDataFrameColumn>(df["told"]);
        Assert.IsType<DateTimeDataFrameColumn>(df["visit"]);
        Assert.Equal(45L, df["age"][2]);
        Assert.Equal(7.25, df["score"][2]);
        Assert.Null(df["score"][1]);
        Assert.Equal(1, df["score"].NullCount);
        Assert.Null(df["told"][2]);
        Assert.Equal(true, df["told"][0]);
        Assert.Null(df["visit"][1]);
        Assert.Equal(new DateTime(2020, 1, 31), df["visit"][2]);
        Assert.Equal("M", df["sex"][1]);
        Assert.Equal(10.75, Convert.ToDouble(df["score"].Sum(), System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void ToDataFrame_ChangingTheFrame_LeavesTheDatasetUnchanged()
    {
        var ds = People();
        var df = ds.ToDataFrame();
        df["age"][0] = 99L;
        df["weight"][1] = 5.0;
        Assert.Equal(99L, df["age"][0]);
        Assert.Equal(34L, ds.Integers("age")[0]);
        Assert.Equal(0.8, ds.Decimals("weight")[1]);
        Assert.Equal(34L, ds.ToDataFrame()["age"][0]);
    }

    [Fact]
    public void ToDeedle_KeepsTypesAndMissingValues()
    {
        var frame = People().ToDeedle();
        Assert.Equal(3, frame.RowCount);
        Assert.Equal(8, frame.ColumnCount);
        var age = frame.GetColumn<long>("age");
        Assert.Equal([34L, 27L, 45L], age.Values);
        var score = frame.GetColumn<double>("score");
        Assert.False(score.TryGet(1).HasValue);
        Assert.Equal(7.25, score.Get(2));
        var told = frame.GetColumn<bool>("told");
        Assert.False(told.TryGet(2).HasValue);
        Assert.True(told.Get(0));
        Assert.Equal("M", frame.GetColumn<string>("sex").Get(1));
        Assert.False(frame.GetColumn<DateTime>("visit").TryGet(1).HasValue);
        Assert.Equal(new DateTime(2019, 5, 1), frame.GetColumn<DateTime>("visit").Get(0));
    }
}
