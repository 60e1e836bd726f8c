using Workbench.Cli.Commands;
using Workbench.Synthetic;

namespace Workbench.Tests.Synthetic;

public sealed class GeneratorDeterminismTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "wb-synthetic-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp)) Directory.Delete(_temp, recursive: true);
    }

    [Fact]
    public void WriteAll_Seed2020_IsByteIdenticalToCommittedSamples()
    {
        var written = SyntheticData.WriteAll(_temp, 2020);
        Assert.NotEmpty(written);
        foreach (var path in written)
        {
            var committed = RepoPaths.Sample(Path.GetFileName(path));
            Assert.True(File.Exists(committed), $"{committed} is not committed; run `workbench data generate --seed 2020 --out data-samples`.");
            var expected = File.ReadAllBytes(committed);
            var actual = File.ReadAllBytes(path);
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"{Path.GetFileName(path)} differs from the committed sample; regenerate with `workbench data generate --seed 2020 --out data-samples` and commit.");
        }
    }

    [Fact]
    public void WriteAll_CoversEveryCommittedSample()
    {
        var generated = SyntheticData.GenerateAll(2020).SelectMany(d => new[] { d.Name + ".csv", d.Name + ".dictionary.json" }).ToHashSet();
        var committed = Directory.GetFiles(RepoPaths.DataSamples).Select(Path.GetFileName).Where(f => f!.EndsWith(".csv") || f.EndsWith(".json"));
        Assert.All(committed, f => Assert.Contains(f!, generated));
    }

    [Fact]
    public void GenerateAll_SameSeedTwice_GivesSameText()
    {
        var a = SyntheticData.GenerateAll(7);
        var b = SyntheticData.GenerateAll(7);
        Assert.Equal(a.Select(d => d.Csv), b.Select(d => d.Csv));
        Assert.Equal(a.Select(d => d.Dictionary.ToJson()), b.Select(d => d.Dictionary.ToJson()));
    }

    [Fact]
    public void GenerateAll_OtherSeed_GivesOtherMicrodataButStillCalibrated()
    {
        var a = SurveySexualViolence.Generate(2020).Csv;
        var b = SurveySexualViolence.Generate(2021).Csv;
        Assert.NotEqual(a, b);
        Assert.Contains("seed 2021", SurveySexualViolence.Generate(2021).Dictionary.Source);
    }

    [Fact]
    public void GenerateAll_FilesUseNewlinesAndNoBom()
    {
        foreach (var d in SyntheticData.GenerateAll(2020))
        {
            Assert.DoesNotContain('\r', d.Csv);
            Assert.EndsWith("\n", d.Csv);
            Assert.DoesNotContain('\r', d.Dictionary.ToJson());
        }
        var bytes = File.ReadAllBytes(RepoPaths.Sample("survey-sexual-violence.csv"));
        Assert.NotEqual(0xEF, bytes[0]);
    }

    [Fact]
    public void Dictionaries_AreSyntheticAndSaySo_ExceptTheLedger()
    {
        foreach (var d in SyntheticData.GenerateAll(2020))
        {
            if (d.Name == PublishedFigures.Name)
            {
                Assert.False(d.Dictionary.Synthetic);
                continue;
            }
            Assert.True(d.Dictionary.Synthetic, d.Name);
            Assert.Equal("Synthetic data calibrated to published figures (Workbench generator, seed 2020); not real observations.", d.Dictionary.Source);
            Assert.Contains("synthetic", d.Dictionary.Title.En, StringComparison.OrdinalIgnoreCase);
            Assert.All(d.Dictionary.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Label.Nl), $"{d.Name}.{c.Name}"));
        }
    }

    [Fact]
    public void DataGenerateCommand_WritesFilesAndExitsZero()
    {
        var command = new DataGenerateCommand();
        Assert.Equal("data", command.Parent);
        var exit = command.Build().Parse(["--seed", "2020", "--out", _temp]).Invoke();
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(_temp, "published-figures.csv")));
        Assert.True(File.ReadAllBytes(Path.Combine(_temp, "prosecution-cases.csv"))
            .AsSpan().SequenceEqual(File.ReadAllBytes(RepoPaths.Sample("prosecution-cases.csv"))));
        Assert.Empty(Directory.GetFiles(_temp, "*.tmp"));
    }
}
