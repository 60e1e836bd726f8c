using Workbench.Data;
using Workbench.Notebooks.Engine;

namespace Workbench.Tests.Polyglot;

/// <summary>A validated dataset shared into <c>#!sql</c> becomes a DuckDB table with its dictionary's types.</summary>
public sealed class DatasetTablesTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("wb-sqlds-");

    public void Dispose() => _dir.Delete(true);

    private const string Dictionary = """
        {
          "name": "regs", "title": "Registrations", "source": "Test", "synthetic": true, "licence": "CC0-1.0",
          "unitOfObservation": "registration",
          "columns": [
            { "name": "id", "type": "identifier", "label": "Id" },
            { "name": "year", "type": "integer", "required": false, "label": "Year" },
            { "name": "score", "type": "decimal", "required": false, "label": "Score" },
            { "name": "police", "type": "boolean", "required": false, "label": "Police" },
            { "name": "day", "type": "date", "required": false, "label": "Day" },
            { "name": "registry", "type": "category", "required": false, "label": "Registry",
              "codes": [ { "code": "police", "label": "Police" }, { "code": "kmar", "label": "KMar" }, { "code": "care", "label": "Care" } ] },
            { "name": "note", "type": "text", "required": false, "label": "Note" }
          ]
        }
        """;

    private const string Csv = "id,year,score,police,day,registry,note\n" +
                               "a1,2019,0.1,1,2019-03-01,kmar,\"x, y\"\n" +
                               "a2,,,,,,\n" +
                               "a3,2020,2.5,0,2020-02-29,police,z\n";

    private async Task<CSharpNotebookEngine> StartWithDatasetAsync()
    {
        var csv = Path.Combine(_dir.FullName, "regs.csv");
        await File.WriteAllTextAsync(csv, Csv);
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "regs.dictionary.json"), Dictionary);
        var engine = await PolyglotEngine.StartAsync();
        await engine.RunAsync("csharp", $"#r \"{typeof(Dataset).Assembly.Location}\"\n" +
                                        $"var registrations = Workbench.Data.Dataset.Load(@\"{csv}\", new Workbench.Data.LoadOptions {{ RecordProvenance = false }});");
        return engine;
    }

    [Fact]
    public async Task SetByref_Dataset_TableHasDictionaryTypes()
    {
        await using var engine = await StartWithDatasetAsync();
        var result = await engine.RunAsync("sql", "#!sql\n#!set --name regs --value @csharp:registrations --byref\n" +
                                                  "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'regs' ORDER BY ordinal_position");
        Assert.StartsWith("column_name  data_type\n" +
                          "id           VARCHAR\n" +
                          "year         BIGINT\n" +
                          "score        DOUBLE\n" +
                          "police       BOOLEAN\n" +
                          "day          DATE\n" +
                          "registry     ENUM('police', 'kmar', 'care')\n" +
                          "note         VARCHAR\n", PolyglotEngine.Text(result));
    }

    [Fact]
    public async Task SetByref_Dataset_MissingValuesAreNull()
    {
        await using var engine = await StartWithDatasetAsync();
        var result = await engine.RunAsync("sql", "#!sql\n#!set --name regs --value @csharp:registrations --byref\n" +
            "SELECT count(*) AS n, count(year) AS y, count(score) AS s, count(police) AS p, count(day) AS d, count(registry) AS r, count(note) AS t, " +
            "bool_and(year IS NULL AND score IS NULL AND police IS NULL AND day IS NULL AND registry IS NULL AND note IS NULL) FILTER (WHERE id = 'a2') AS empty FROM regs");
        Assert.StartsWith("n  y  s  p  d  r  t  empty\n3  2  2  2  2  2  2  true\n", PolyglotEngine.Text(result));
    }

    [Fact]
    public async Task SetByref_Dataset_ValuesKeepTheirTypes()
    {
        await using var engine = await StartWithDatasetAsync();
        var result = await engine.RunAsync("sql", "#!sql\n#!set --name regs --value @csharp:registrations --byref\n" +
            "SELECT id, year + 1 AS next, score * 2 AS twice, NOT police AS other, day + 1 AS after, registry, note FROM regs WHERE id <> 'a2' ORDER BY id");
        Assert.StartsWith("id  next  twice  other  after       registry  note\n" +
                          "a1  2020  0.2    false  2019-03-02  kmar      x, y\n" +
                          "a3  2021  5      true   2020-03-01  police    z\n", PolyglotEngine.Text(result));
    }

    [Fact]
    public async Task SqlResultOverDataset_ReadInCSharp_KeepsTypes()
    {
        await using var engine = await StartWithDatasetAsync();
        await engine.RunAsync("sql", "#!sql\n#!set --name regs --value @csharp:registrations --byref\n-- name: back\nSELECT * FROM regs ORDER BY registry NULLS LAST, id");
        var check = await engine.RunAsync("csharp", "#!set --name back --value @sql:back --byref\n" +
            "string.Join(\",\", back.Columns.Select(c => c.DataType.Name)) + \"|\" + string.Join(\",\", back[\"registry\"].Cast<object>().Select(v => v ?? \"NULL\")) + \"|\" +\n" +
            "((DateTime)back[\"day\"][1]).ToString(\"yyyy-MM-dd\") + \"|\" + (back[\"year\"][2] is null)");
        Assert.Contains("String,Int64,Double,Boolean,DateTime,String,String|police,kmar,NULL|2019-03-01|True", PolyglotEngine.Text(check));
    }

    [Fact]
    public async Task Share_Dataset_CategoriesSortInDictionaryOrder()
    {
        await using var engine = await StartWithDatasetAsync();
        var result = await engine.RunAsync("sql", "#!sql\n#!share --from csharp registrations\nSELECT registry, count(*) AS n FROM registrations GROUP BY ALL ORDER BY registry");
        Assert.StartsWith("registry  n\npolice    1\nkmar      1\nNA        1\n", PolyglotEngine.Text(result));
    }

    [Fact]
    public async Task SetWithoutByref_Dataset_FailsNamingByref()
    {
        await using var engine = await StartWithDatasetAsync();
        var result = await engine.SubmitAsync("sql", "#!sql\n#!set --name regs --value @csharp:registrations\nSELECT 1");
        Assert.False(result.Succeeded);
        Assert.Contains("'regs'", PolyglotEngine.Error(result));
        Assert.Contains("--byref", PolyglotEngine.Error(result));
    }
}
