using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Workbench.Claims;
using Workbench.Notebooks.Publishing;
using Workbench.Tests.Support;

namespace Workbench.Tests.Publishing;

/// <summary>
/// A verify run's output folder made by hand in a temporary folder (never the repository's out/): one executed
/// notebook of study 01 with bilingual and tagged cells, code, engine output and a raw record; its chart export (a
/// 300 dpi PNG, an SVG, manifest.json); run.json; and verification.json with the ledger's claims.
/// </summary>
public sealed class SyntheticRun : IDisposable
{
    public const string Study = "01-sexual-violence-prevalence";

    public SyntheticRun(bool studyPasses = true, string? failingClaim = null)
    {
        Folder = Directory.CreateTempSubdirectory("wb-publish-run-").FullName;
        Directory.CreateDirectory(Path.Combine(Folder, "notebooks"));
        Directory.CreateDirectory(Path.Combine(Folder, "charts"));
        File.WriteAllText(Path.Combine(Folder, "notebooks", Study + ".ipynb"), Notebook().ToJsonString());
        WriteCharts();
        File.WriteAllText(Path.Combine(Folder, "run.json"), new JsonObject
        {
            ["schema"] = "workbench-run/1",
            ["git"] = new JsonObject { ["commit"] = "0123456789abcdef0123456789abcdef01234567", ["dirty"] = false },
            ["notebooks"] = new JsonArray(new JsonObject
            {
                ["path"] = "/repo/notebooks/" + Study + ".ipynb",
                ["data_files"] = new JsonArray(new JsonObject { ["path"] = "/repo/data-samples/survey-sexual-violence.csv", ["sha256"] = new string('a', 64) }),
            }),
        }.ToJsonString());
        var ledger = Ledger.Load(RepoPaths.At("data-samples", "published-figures.csv"));
        var records = ledger.Entries.Select(e => new ClaimRecord(e.Id, e.Id == failingClaim ? Miss(e) : Hit(e),
            e.Unit == "percent" && e.Rounding == Rounding.PercentInteger ? Hit(e) - 2 : null,
            e.Unit == "percent" && e.Rounding == Rounding.PercentInteger ? Hit(e) + 2 : null,
            e.Unit == "percent" && e.Rounding == Rounding.PercentInteger ? 0.95 : null)).ToList();
        var claims = ClaimCheck.Check(ledger, records);
        var studies = ledger.Entries.Select(e => e.Study).Distinct().Select(s => new StudyVerdict(s, $"notebooks/{s}.ipynb",
            s != Study || studyPasses, s == Study && !studyPasses ? "cell 7 differs" : null)).ToList();
        new VerificationRecord(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), studies, claims)
            .Write(Path.Combine(Folder, VerificationRecord.FileName));
    }

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>A value that reproduces the printed figure.</summary>
    private static double Hit(LedgerEntry e) => e.Rounding switch
    {
        Rounding.Range or Rounding.PercentRange => (e.Low!.Value + e.High!.Value) / 2,
        Rounding.OneInN => 1 / e.Value!.Value,
        Rounding.Majority => 61.5,
        Rounding.PercentInteger => e.Value!.Value + 0.2,
        _ => e.Value!.Value,
    };

    /// <summary>A value that does not.</summary>
    private static double Miss(LedgerEntry e) => e.Rounding switch
    {
        Rounding.Range or Rounding.PercentRange => e.High!.Value * 2,
        Rounding.OneInN => 0.9,
        Rounding.Majority => 20,
        _ => e.Value!.Value + 5,
    };

    private static JsonObject Cell(string type, string source, string[]? tags = null, JsonArray? outputs = null)
    {
        var cell = new JsonObject
        {
            ["cell_type"] = type,
            ["metadata"] = tags is null ? new JsonObject() : new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray()) },
            ["source"] = source,
        };
        if (type == "code") cell["outputs"] = outputs ?? [];
        return cell;
    }

    private static JsonObject Html(string html, string? plain = null)
    {
        var data = new JsonObject { ["text/html"] = html };
        if (plain is not null) data["text/plain"] = plain;
        return new JsonObject { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
    }

    /// <summary>A publication table's output (<see cref="Workbench.Reporting.PublishedMime.Table"/>, as <c>Tables.*</c> display).</summary>
    private static JsonObject PublishedTable(string html) => new()
    {
        ["output_type"] = "display_data",
        ["data"] = new JsonObject { [Workbench.Reporting.PublishedMime.Table] = html, ["text/html"] = html },
        ["metadata"] = new JsonObject(),
    };

    private static JsonObject Notebook() => new()
    {
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
        ["metadata"] = new JsonObject(),
        ["cells"] = new JsonArray(
            Cell("markdown", "# Sexual violence against children: prevalence\n\nHow many young adults **experienced** physical sexual violence before 18?", ["lang-en"]),
            Cell("markdown", "# Seksueel geweld tegen kinderen: prevalentie\n\nHoeveel jongvolwassenen **maakten** voor hun 18e fysiek seksueel geweld mee?", ["lang-nl"]),
            Cell("code", "var language = \"en\";", ["parameters"]),
            Cell("markdown", "## Loading the library\n\nEngine plumbing that readers never see.", ["remove-cell"]),
            Cell("code", "#r \"nuget: Workbench, [0.1.0]\"", outputs:
            [
                Html("<div><div><strong>Restore sources</strong><ul><li><span> /repo/artifacts/packages</span></li></ul></div><div><strong>Installed Packages</strong><ul><li><span>Workbench, 0.1.0</span></li></ul></div></div>"),
                new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "Workbench figures render offline." },
            ]),
            Cell("markdown", "## Result by sex\n\n- Girls: *design-based* estimate.\n- Boys: the same design.", ["lang-en"]),
            Cell("markdown", "## Resultaat naar geslacht\n\n- Meisjes: *designgebaseerde* schatting.\n- Jongens: hetzelfde design.", ["lang-nl"]),
            Cell("code", "var bySex = survey.Prevalence(\"physical_sv\", design, by: \"sex\");", outputs:
            [
                new JsonObject
                {
                    ["output_type"] = "execute_result",
                    ["execution_count"] = 1,
                    ["metadata"] = new JsonObject(),
                    ["data"] = new JsonObject
                    {
                        ["text/html"] = "<table><thead><tr><th><i>index</i></th><th>value</th></tr></thead><tbody><tr><td>0</td><td><details class=\"dni-treeview\"><summary><span class=\"dni-code-hint\"><code>{ Domain = all, N = 5429, Estimate = 0.3232 }</code></span></summary></details></td></tr></tbody></table>",
                        ["text/plain"] = "{ Domain = all, N = 5429, Estimate = 0.3232 }",
                    },
                },
            ]),
            Cell("code", "figure1", outputs: [Html(FigureHtml("en", "Bar chart: 48% of girls and 17% of boys.") + FigureHtml("nl", "Staafdiagram: 48% van de meisjes en 17% van de jongens."))]),
            // A working display of a table (display(HTML(...))): the report leaves it off, and so must every document.
            Cell("code", "display(HTML(counts.ToHtml()))", outputs: [Html(TableHtml("en", "A working display of raw counts", "sex", "Total", "3", "n")
                                                  + TableHtml("nl", "Een werkweergave van ruwe aantallen", "geslacht", "Totaal", "3", "n"))]),
            Cell("code", "table", outputs: [PublishedTable(TableHtml("en", "Respondents by sex and outcome", "sex", "Total", "1,660", "Counts are rounded to a multiple of 5.")
                                                  + TableHtml("nl", "Respondenten naar geslacht en uitkomst", "geslacht", "Totaal", "1.660", "Aantallen zijn afgerond op een veelvoud van 5."))]),
            Cell("code", "hidden output", ["remove-output"], [Html(TableHtml("en", "A table the author removed", "x", "Total", "5", "n"))]),
            Cell("markdown", "This paragraph is for reviewers only.", ["remove-input"]),
            Cell("markdown", "Data: synthetic / synthetisch."))
    };

    private static string FigureHtml(string lang, string alt) =>
        $"<div class=\"wb-lang\" lang=\"{lang}\"{(lang == "nl" ? " hidden" : "")}>\n<figure class=\"wb-figure\"><div id=\"wb-sv-prevalence-by-sex-{lang}\" role=\"img\" aria-label=\"{alt}\"></div>" +
        $"<figcaption>{alt}</figcaption></figure><script>Plotly.newPlot()</script>\n</div><!--/wb-lang-->\n";

    private static string TableHtml(string lang, string caption, string stub, string total, string count, string footnote) =>
        $"<div class=\"wb-lang\" lang=\"{lang}\"{(lang == "nl" ? " hidden" : "")}>\n<div class=\"protected-table\" lang=\"{lang}\">\n<table>\n<caption>{caption}</caption>\n" +
        $"<thead><tr><th scope=\"col\">{stub}</th><th scope=\"col\">no</th><th scope=\"col\">{total}</th></tr></thead>\n" +
        $"<tbody>\n<tr><th scope=\"row\">F</th><td>{count}</td><td>{count}</td></tr>\n<tr><th scope=\"row\">{total}</th><td>{count}</td><td>{count}</td></tr>\n</tbody>\n</table>\n" +
        $"<p class=\"footnote\">{footnote}</p>\n</div>\n</div><!--/wb-lang-->\n";

    private void WriteCharts()
    {
        var charts = Path.Combine(Folder, "charts");
        var figures = new JsonArray();
        foreach (var (lang, title, alt, source) in new[]
        {
            ("en", "Figure 1. Almost half of girls and one in six boys", "Bar chart: 48% of girls and 17% of boys.", "Source: Synthetic data calibrated to published figures."),
            ("nl", "Figuur 1. Bijna de helft van de meisjes en een op de zes jongens", "Staafdiagram: 48% van de meisjes en 17% van de jongens.", "Bron: Synthetische gegevens, gekalibreerd op gepubliceerde cijfers."),
        })
        {
            var stem = "sv-prevalence-by-sex." + lang;
            File.WriteAllBytes(Path.Combine(charts, stem + ".png"), Png(1800, 1050));
            File.WriteAllText(Path.Combine(charts, stem + ".svg"),
                $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"350\" viewBox=\"0 0 600 350\" role=\"img\"><title>{title}</title><desc>{alt}</desc>" +
                "<rect width=\"600\" height=\"350\" fill=\"#fff\"/><rect x=\"50\" y=\"60\" width=\"200\" height=\"250\" fill=\"#0072B2\"/><rect x=\"330\" y=\"220\" width=\"200\" height=\"90\" fill=\"#E69F00\"/>" +
                "<text x=\"150\" y=\"50\" font-family=\"Liberation Sans\" font-size=\"20\" text-anchor=\"middle\">48%</text><text x=\"430\" y=\"210\" font-family=\"Liberation Sans\" font-size=\"20\" text-anchor=\"middle\">17%</text></svg>");
            figures.Add(new JsonObject
            {
                ["id"] = "sv-prevalence-by-sex",
                ["number"] = 1,
                ["language"] = lang,
                ["title"] = title,
                ["altText"] = alt,
                ["source"] = source,
                ["files"] = new JsonArray(stem + ".svg", stem + ".png"),
            });
        }
        File.WriteAllText(Path.Combine(charts, "manifest.json"), new JsonObject { ["schema"] = "workbench-export/1", ["figures"] = figures }.ToJsonString());
    }

    /// <summary>A valid RGB PNG of two colour bands (deterministic bytes).</summary>
    internal static byte[] Png(int width, int height)
    {
        var raw = new byte[(width * 3 + 1) * height];
        for (var y = 0; y < height; y++)
        {
            var row = y * (width * 3 + 1);
            for (var x = 0; x < width; x++)
            {
                var blue = x < width / 2;
                raw[row + 1 + x * 3] = (byte)(blue ? 0x00 : 0xE6);
                raw[row + 2 + x * 3] = (byte)(blue ? 0x72 : 0x9F);
                raw[row + 3 + x * 3] = (byte)(blue ? 0xB2 : 0x00);
            }
        }
        using var z = new MemoryStream();
        using (var deflate = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(raw);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", z.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, head.AsSpan(4));
        s.Write(head);
        s.Write(data);
        var crc = Crc32(head.AsSpan(4).ToArray().Concat(data).ToArray());
        var tail = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc);
        s.Write(tail);
    }

    private static uint Crc32(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFFu;
    }
}
