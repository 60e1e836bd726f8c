using System.Text;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.Statistics;

namespace Workbench.Tests.Data;

/// <summary>
/// The one record splitter (<see cref="CsvRecordReader"/>) behind <see cref="CsvColumns"/>, the frequency-table reader
/// and the survey reader. Before it, a line holding only <c>""</c> was skipped as blank by one reader and read as a
/// row by another; RFC 4180 and the typed loader read it as a record of one empty field.
/// </summary>
public sealed class CsvRecordReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-records-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void CsvColumns_LineHoldingOnlyEmptyQuotes_IsARowBlankLineIsNot()
    {
        var raw = CsvColumns.Read(Write("one.csv", "x\n1\n\"\"\n\n2\n"), ["x"]);
        Assert.Equal(new string?[] { "1", null, "2" }, raw.Values["x"]);
        Assert.Equal(new[] { 2, 3, 5 }, raw.Lines);
    }

    [Fact]
    public void FrequencyTableCsv_LineHoldingOnlyEmptyQuotes_IsReportedAsARowWithOneField()
    {
        var path = Write("table.csv", "region,count\nNorth,3\n\"\"\n\nSouth,4\n");
        var ex = Assert.Throws<DataValidationException>(() => FrequencyTableCsv.Read(path));
        Assert.Contains(":3:2: the row has 1 fields; the header has 2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":4:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SurveyReadCsv_LineHoldingOnlyEmptyQuotes_IsAMissingOutcomeBlankLineIsSkipped()
    {
        var (data, _) = SurveyData.ReadCsv(Write("survey.csv", "y\n1\n\"\"\n\n0\n"), "y", SurveyDesign.SimpleRandomSample);
        Assert.Equal(new double?[] { 1, null, 0 }, data.Outcome);
    }

    [Fact]
    public void Readers_QuotedFieldsAcrossLinesAndBufferBoundaries_AgreeOnValuesAndLines()
    {
        // Records larger than the 1 MB buffer and quoted line breaks: values and start lines must survive refills.
        var sb = new StringBuilder("id,note\n");
        for (var i = 0; i < 30_000; i++)
            sb.Append(i).Append(i % 7 == 0 ? ",\"two\nlines, \"\"quoted\"\"\"\r\n" : ",plain text of some length to fill the buffer\n");
        var path = Write("long.csv", sb.ToString());
        var raw = CsvColumns.Read(path, ["id", "note"]);
        Assert.Equal(30_000, raw.RowCount);
        Assert.Equal("two\nlines, \"quoted\"", raw.Values["note"][29_995]);
        Assert.Equal(2 + 29_995 + 29_995 / 7, raw.Lines[29_995]); // one extra line per quoted row before it
    }
}
