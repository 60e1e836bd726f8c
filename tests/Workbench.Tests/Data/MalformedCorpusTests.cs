using Workbench.Data;

namespace Workbench.Tests.Data;

/// <summary>
/// The malformed-CSV corpus (Fixtures/Data/malformed, written by Fixtures/Data/make_corpus.py): every case must give
/// its expected message at its expected line and column, and none may crash.
/// </summary>
public class MalformedCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Data", "malformed");

    public static TheoryData<string, string, int, int, string> Cases()
    {
        var data = new TheoryData<string, string, int, int, string>();
        foreach (var line in File.ReadLines(Path.Combine(Folder, "expected.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            data.Add(f[0], f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), f[4]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_MalformedCase_ReportsExpectedProblemAtLineAndColumn(string name, string file, int line, int column, string fragment)
    {
        var csv = Path.Combine(Folder, name + ".csv");
        var result = Dataset.Validate(csv, LoadOptions.Default with { RecordProvenance = false });
        Assert.False(result.IsValid, $"{name}: expected a problem, found none");
        var expectedFile = file == "csv" ? csv : DataDictionary.PathFor(csv);
        var all = string.Join(Environment.NewLine, result.Errors);
        Assert.True(result.Errors.Any(e => e.File == expectedFile && e.Line == line && e.Column == column && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"{name}: expected {Path.GetFileName(expectedFile)}:{line}:{column}: ...{fragment}...; got:{Environment.NewLine}{all}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_MalformedCase_ThrowsOneExceptionCarryingTheProblem(string name, string file, int line, int column, string fragment)
    {
        _ = file;
        var csv = Path.Combine(Folder, name + ".csv");
        var ex = Assert.Throws<DataValidationException>(() => Dataset.Load(csv, LoadOptions.Default with { RecordProvenance = false }));
        Assert.Contains(ex.Errors, e => e.Line == line && e.Column == column && e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.Contains($":{line}:{column}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corpus_HasAtLeastThirtyCases() => Assert.True(Cases().Count >= 30);
}
