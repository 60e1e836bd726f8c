using System.Text.Json;
using Workbench.Charts;
using Workbench.Data;
using Workbench.Disclosure;
using Workbench.Tests.Support;

namespace Workbench.Tests.Disclosure;

/// <summary>Issue 13, section 2: tables show the dictionary's labels in the reader's language, not codes such as "inspectorate_szw".</summary>
public sealed class ReaderLabelsTests
{
    private static readonly DataDictionary Registrations =
        DataDictionary.Load(RepoPaths.At("data-samples", "trafficking-registrations.dictionary.json"));

    private static ProtectedTable ByRegistry() =>
        FrequencyTable.FromCounts([4180L, 1135, 1170], new TableDimension("registry", ["police", "kmar", "inspectorate_szw"]))
            .WithTitle(Bilingual.Of("Registrations by registry", "Registraties per melder"))
            .WithLabels(Registrations)
            .Protect(new DisclosureOptions(MinimumCell: 10, RoundingBase: 5));

    [Fact]
    public void ToHtml_CategoriesAreDictionaryColumns_ShowsTheirLabelsPerLanguage()
    {
        var table = ByRegistry();
        var nl = table.ToHtml(Language.Nl);
        Assert.Contains("<th scope=\"row\">Inspectie SZW</th>", nl);
        Assert.Contains("<th scope=\"row\">Koninklijke Marechaussee</th>", nl);
        Assert.Contains("<caption>Registraties per melder</caption>", nl);
        Assert.DoesNotContain("inspectorate_szw", nl);
        var en = table.ToHtml(Language.En);
        Assert.Contains("<th scope=\"row\">Inspectorate SZW</th>", en);
        Assert.Contains("<caption>Registrations by registry</caption>", en);
    }

    [Fact]
    public void ToCsv_LabelledTable_KeepsTheCodes()
    {
        // the CSV and JSON renderings are data: codes stay codes, whatever the reader's language
        var csv = ByRegistry().ToCsv(Language.Nl);
        Assert.Contains("inspectorate_szw", csv);
        Assert.DoesNotContain("Inspectie SZW", csv);
    }

    [Fact]
    public void WithLabels_DimensionNamedAfterACategoryColumn_UsesColumnAndCodeLabels()
    {
        var table = FrequencyTable.FromMicrodata([("sex", new[] { "F", "F", "M", "F", "M", "M", "F", "F", "M", "F", "M", "M", "F", "M", "F", "M", "F", "M", "F", "M", "F", "M" })])
            .WithLabels(Registrations).Protect(new DisclosureOptions(MinimumCell: 3, RoundingBase: 1));
        var text = table.ToText(Language.Nl);
        Assert.StartsWith("Geslacht", text);
        Assert.Contains("vrouw", text);
        Assert.Contains("man", text);
        Assert.Contains("Totaal", text);
        Assert.StartsWith("Sex", table.ToText(Language.En));
    }

    [Fact]
    public void WithLabels_BooleanColumnAsYesNo_ReadsJaNeeInDutch()
    {
        var survey = DataDictionary.Load(RepoPaths.At("data-samples", "survey-sexual-violence.dictionary.json"));
        var table = FrequencyTable.FromCounts([40L, 25], new TableDimension("physical_sv", ["no", "yes"]))
            .WithLabels(survey).Protect(new DisclosureOptions(MinimumCell: 3, RoundingBase: 1));
        var nl = table.ToText(Language.Nl);
        Assert.StartsWith("Fysiek seksueel geweld vóór 18", nl);
        Assert.Contains("\nnee ", nl);
        Assert.Contains("\nja ", nl);
        Assert.Contains("\nno ", table.ToText(Language.En));
    }

    [Fact]
    public void MarginLabel_LabelReadsTotalInDutch_MarginBecomesTotalAllCategories()
    {
        var dim = new TableDimension("k", ["a", "b"]).WithLabels(c => c == "a" ? Bilingual.Of("Whole", "Totaal") : Bilingual.Of("Part", "Deel"));
        var text = FrequencyTable.FromCounts([20L, 30], dim).Protect(new DisclosureOptions(MinimumCell: 3, RoundingBase: 1)).ToText(Language.Nl);
        Assert.Contains("Totaal, alle categorieën", text);
    }

    [Fact]
    public void Labels_CountDiffersFromCategories_ThrowsNamingTheDimension()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TableDimension("k", ["a", "b"]) { Labels = [Bilingual.Same("A")] });
        Assert.Contains("'k' has 2 categories but 1 labels", ex.Message);
    }

    [Fact]
    public void ChartDataCounts_LabelledTable_ChartsTheLabelsByDefault()
    {
        var counts = ChartData.Counts(ByRegistry().CountsAlong(0));
        Assert.Equal(Bilingual.Of("Inspectorate SZW", "Inspectie SZW"), counts.Cells[2].Category);
    }

    [Fact]
    public void DictionaryLabel_PlainString_ReadsAsTheSameTextInBothLanguages()
    {
        const string json = """
            { "name": "x", "title": "Old title", "source": "s", "synthetic": true, "licence": "CC0-1.0", "unitOfObservation": "row",
              "columns": [ { "name": "sex", "type": "category", "label": "Sex",
                             "codes": [ { "code": "F", "label": { "en": "female", "nl": "vrouw" } }, { "code": "M", "label": "M" } ] } ] }
            """;
        var d = JsonSerializer.Deserialize<DataDictionary>(json, DataDictionary.JsonOptions)!;
        Assert.Equal(Bilingual.Same("Old title"), d.Title);
        Assert.Equal(Bilingual.Same("Sex"), d.Columns[0].Label);
        Assert.Equal(Bilingual.Of("female", "vrouw"), d.Columns[0].Codes![0].Label);
        Assert.Equal(Bilingual.Same("M"), d.Columns[0].Codes![1].Label);
        // written back in the two-language form
        Assert.Contains("\"label\": {\n        \"en\": \"Sex\",\n        \"nl\": \"Sex\"\n      }", d.ToJson());
    }

    [Fact]
    public void DictionaryLabel_UnknownMember_IsAJsonError()
    {
        const string json = """{ "name": "x", "title": { "en": "a", "nl": "b", "de": "c" } }""";
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DataDictionary>(json, DataDictionary.JsonOptions));
        Assert.Contains("unknown member 'de'", ex.Message);
    }
}
