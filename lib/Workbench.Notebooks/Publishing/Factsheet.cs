using System.Text;
using Workbench.Claims;
using Workbench.Export;
using Workbench.IO;

namespace Workbench.Notebooks.Publishing;

/// <summary>One number of the factsheet.</summary>
/// <param name="Id">The ledger id.</param>
/// <param name="Number">The figure as the ledger prints it, in the factsheet's language ("5,000-7,500", "48%").</param>
/// <param name="Line">The line that goes with it.</param>
/// <param name="Study">The study that reproduces it.</param>
/// <param name="Reproduced">The reproduced value and interval, as the verify run found them.</param>
/// <param name="Link">The link to the claim in the study's published document.</param>
public sealed record FactsheetItem(string Id, string Number, string Line, string Study, string Reproduced, string Link);

/// <summary>A section of the factsheet (human trafficking, sexual violence against children, local authorities).</summary>
/// <param name="Title">The section heading.</param>
/// <param name="Items">Its numbers.</param>
public sealed record FactsheetSection(string Title, IReadOnlyList<FactsheetItem> Items);

/// <summary>What <see cref="Factsheet.WriteAsync"/> did.</summary>
/// <param name="Written">The files written (full paths after the swap); empty when refused.</param>
/// <param name="Refused">The claims that failed verification, one line each (id, verdict, why); nothing was written then.</param>
public sealed record FactsheetResult(IReadOnlyList<string> Written, IReadOnlyList<string> Refused);

/// <summary>
/// The Rapporteur's factsheet (July 2020) rebuilt from a verified run: every number is the printed figure of a ledger
/// claim that the run reproduced, formatted as the ledger prints it, with its line in Dutch or English, the study
/// that reproduces it and the reproduced value and interval. A claim that failed verification is never printed: the
/// factsheet is then refused as a whole, naming each such claim.
/// </summary>
public static class Factsheet
{
    private sealed record Line(string Id, int Section, Bilingual Text)
    {
        public Line(string id, int section, string en, string nl) : this(id, section, Bilingual.Of(en, nl)) { }
    }

    private static readonly Bilingual[] Sections =
    [
        Bilingual.Of("Human trafficking: how frequently does it occur?", "Mensenhandel: hoe vaak komt het voor?"),
        Bilingual.Of("Sexual violence against children: how often does it occur?", "Seksueel geweld tegen kinderen: hoe vaak komt het voor?"),
        Bilingual.Of("Local authorities and human trafficking", "Gemeenten en mensenhandel"),
    ];

    private static readonly Line[] Lines =
    [
        new("victims-per-year", 0, "victims of human trafficking in the Netherlands every year (estimate)", "slachtoffers van mensenhandel in Nederland per jaar (schatting)"),
        new("child-victims-domestic-sexual-exploitation", 0, "child victims of domestic sexual exploitation in the Netherlands every year (estimate)", "minderjarige slachtoffers van binnenlandse seksuele uitbuiting in Nederland per jaar (schatting)"),
        new("victims-labour-criminal-exploitation", 0, "victims of labour exploitation or criminal exploitation in the Netherlands every year (estimate)", "slachtoffers van arbeidsuitbuiting of criminele uitbuiting in Nederland per jaar (schatting)"),
        new("offenders-prosecuted-per-year", 0, "offenders annually, on average, are prosecuted for human trafficking by the court of first instance", "daders worden jaarlijks gemiddeld in eerste aanleg door de rechter berecht voor mensenhandel"),
        new("share-suspects-prosecuted", 0, "of the suspects accused, on average", "van de verdachten, gemiddeld"),
        new("average-unsuspended-sentence", 0, "is the average length of the non-suspended prison sentence of those convicted of human trafficking", "is de gemiddelde duur van de onvoorwaardelijke gevangenisstraf van wie voor mensenhandel is veroordeeld"),
        new("children-physical-sv", 1, "children in the Netherlands has experienced a physical form of sexual violence", "kinderen in Nederland heeft een fysieke vorm van seksueel geweld meegemaakt"),
        new("girls-physical-sv", 1, "of girls have been subjected to a criminal form of physical sexual violence before their 18th birthday", "van de meisjes heeft voor het 18e jaar een strafbare vorm van fysiek seksueel geweld meegemaakt"),
        new("boys-physical-sv", 1, "of boys have been subjected to a criminal form of physical sexual violence before their 18th birthday", "van de jongens heeft voor het 18e jaar een strafbare vorm van fysiek seksueel geweld meegemaakt"),
        new("girls-told-no-one", 1, "of girls who have been subjected to sexual violence do not tell anyone about it", "van de meisjes die seksueel geweld hebben meegemaakt, vertelt het aan niemand"),
        new("boys-told-no-one", 1, "of boys who have been subjected to sexual violence do not tell anyone about it", "van de jongens die seksueel geweld hebben meegemaakt, vertelt het aan niemand"),
        new("offenders-known-to-child", 1, "of offenders of sexual violence against children are known to the child", "van de plegers van seksueel geweld tegen kinderen is bekend van het kind"),
        new("offenders-peers", 1, "of offenders of sexual violence against children are peers", "van de plegers van seksueel geweld tegen kinderen is een leeftijdgenoot"),
        new("closed-youth-care-sexual-violence", 1, "of children placed in a closed youth care institution in 2016 were there (at least partly) as a result of sexual violence", "van de kinderen die in 2016 in een gesloten jeugdzorginstelling werden geplaatst, zat daar (mede) vanwege seksueel geweld"),
        new("no-youth-support-within-six-months", 1, "of children were not offered youth support within six months of the court issuing a family supervision order", "van de kinderen kreeg binnen zes maanden na de uitspraak van een ondertoezichtstelling geen jeugdhulp"),
        new("municipalities-without-policy-2017", 2, "of local authorities did not have a specific policy on human trafficking in 2017", "van de gemeenten had in 2017 geen specifiek beleid op mensenhandel"),
        new("municipalities-think-no-trafficking-2017", 2, "local authorities thought that human trafficking did not occur in their area (2017)", "gemeenten dacht dat mensenhandel in de eigen gemeente niet voorkwam (2017)"),
    ];

    /// <summary>
    /// The factsheet's sections in <paramref name="language"/>, or the claims that stop it: every claim the run checked
    /// must be reproduced, and every claim the factsheet prints must be among them.
    /// </summary>
    /// <param name="run">The verified run.</param>
    /// <param name="language">"en" or "nl".</param>
    /// <param name="studyLinks">The folder (relative to the factsheet) of the published study documents (default "../publish/").</param>
    public static (IReadOnlyList<FactsheetSection> Sections, IReadOnlyList<string> Refused) Build(VerifiedRun run, string language, string studyLinks = "../publish/")
    {
        var refused = new List<string>();
        var claims = run.Verification.Claims.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var c in run.Verification.Claims.Where(c => !c.Passed))
            refused.Add($"{c.Id}: {ClaimCheck.Verdict(c.Verdict)} ({c.Message})");
        foreach (var line in Lines.Where(l => !claims.ContainsKey(l.Id)))
            refused.Add($"{line.Id}: not checked by the verify run in {run.Folder}; run `workbench verify notebooks` (all studies).");
        if (refused.Count > 0) return ([], refused);
        var lang = LanguageExtensions.FromTag(language);
        var sections = new List<FactsheetSection>();
        for (var s = 0; s < Sections.Length; s++)
        {
            var items = Lines.Where(l => l.Section == s).Select(l =>
            {
                var c = claims[l.Id];
                var entry = c.Entry!;
                var value = ClaimText.Reproduced(c, language);
                var interval = ClaimText.Interval(c, language);
                var reproduced = Phrases.Format(Phrase.ReproducedValue, lang, value + (interval.Length > 0 ? "; interval " + interval : ""));
                var link = studyLinks + Publisher.FileName(entry.Study, language, "html") + "#claim-" + Uri.EscapeDataString(l.Id);
                return new FactsheetItem(l.Id, ClaimText.Published(entry, language), l.Text.In(lang), entry.Study, reproduced, link);
            }).ToList();
            sections.Add(new FactsheetSection(Sections[s].In(lang), items));
        }
        return (sections, []);
    }

    /// <summary>The factsheet as a self-contained HTML document in the house style.</summary>
    public static string Html(VerifiedRun run, IReadOnlyList<FactsheetSection> sections, string language)
    {
        var lang = LanguageExtensions.FromTag(language);
        var title = Phrases.Get(Phrase.FactsheetTitle, lang);
        var b = new StringBuilder();
        PublicationHtml.Head(b, language, title);
        b.Append("<style>.facts{display:grid;grid-template-columns:repeat(2,1fr);gap:1em 2em;margin:0;padding:0;list-style:none}")
            .Append(".fact{break-inside:avoid;border-top:3px solid ").Append(Workbench.Charts.HouseStyle.Palette[0]).Append(";padding-top:.4em}")
            .Append(".number{display:block;font-size:2.2em;font-weight:bold;line-height:1.1;color:").Append(Workbench.Charts.HouseStyle.Palette[0]).Append('}')
            .Append(".line{display:block;margin:.2em 0}.check{display:block;font-size:.8em;color:").Append(Workbench.Charts.HouseStyle.NoteColour).Append("}</style>\n");
        b.Append("<main>\n<h1>").Append(PublicationHtml.Enc(title)).Append("</h1>\n<p>")
            .Append(Phrases.Get(Phrase.FactsheetIntro, lang))
            .Append("</p>\n");
        foreach (var section in sections)
        {
            b.Append("<section>\n<h2>").Append(PublicationHtml.Enc(section.Title)).Append("</h2>\n<ul class=\"facts\">\n");
            foreach (var item in section.Items)
            {
                b.Append("<li class=\"fact\" id=\"").Append(PublicationHtml.Enc(item.Id)).Append("\"><span class=\"number\">")
                    .Append(PublicationHtml.Enc(item.Number)).Append("</span><span class=\"line\">").Append(PublicationHtml.Enc(item.Line))
                    .Append("</span><span class=\"check\"><a href=\"").Append(PublicationHtml.Enc(item.Link)).Append("\">")
                    .Append(PublicationHtml.Enc(Phrases.Format(Phrase.StudyName, lang, item.Study))).Append("</a>. ").Append(PublicationHtml.Enc(item.Reproduced)).Append(".</span></li>\n");
            }
            b.Append("</ul>\n</section>\n");
        }
        b.Append("</main>\n<footer class=\"provenance\">\n<p>")
            .Append(PublicationHtml.Enc(Phrases.Format(Phrase.VerifiedOn, lang, run.Verification.Finished.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", lang.Culture())) +
                                        (run.Commit is { Length: >= 12 } c ? ", commit " + c[..12] : "") + "."))
            .Append("</p>\n<p>")
            .Append(PublicationHtml.Enc(Phrases.Get(Phrase.SyntheticNote, lang)))
            .Append("</p>\n</footer>\n</body>\n</html>\n");
        return b.ToString();
    }

    /// <summary>
    /// Writes <c>factsheet.LANG.html</c> and <c>factsheet.LANG.pdf</c> into <paramref name="outFolder"/> (swapped in
    /// whole), or nothing when a claim failed verification.
    /// </summary>
    /// <param name="from">The verify run's output folder.</param>
    /// <param name="outFolder">The output folder.</param>
    /// <param name="language">"en" or "nl".</param>
    /// <param name="pdf">Whether to print the PDF too (default true; needs Chromium).</param>
    /// <exception cref="ChromiumNotFoundException">No browser for the PDF.</exception>
    public static async Task<FactsheetResult> WriteAsync(string from, string outFolder, string language, bool pdf = true)
    {
        if (language is not ("en" or "nl")) throw new ArgumentException($"--lang '{language}' is not a language; use nl or en.");
        var run = VerifiedRun.Load(from);
        var (sections, refused) = Build(run, language);
        if (refused.Count > 0) return new FactsheetResult([], refused);
        var html = Html(run, sections, language);
        using var staged = StagedFolder.Begin(outFolder, [run.Folder]);
        var written = new List<string>();
        var htmlName = "factsheet." + language + ".html";
        AtomicFile.WriteAllText(Path.Combine(staged.Path, htmlName), html);
        written.Add(Path.Combine(staged.Target, htmlName));
        if (pdf)
        {
            await using var browser = await FigureExporter.StartAsync().ConfigureAwait(false);
            var pdfName = "factsheet." + language + ".pdf";
            AtomicFile.WriteAllBytes(Path.Combine(staged.Path, pdfName), await browser.PrintDocumentAsync(html).ConfigureAwait(false));
            written.Add(Path.Combine(staged.Target, pdfName));
        }
        staged.Commit();
        return new FactsheetResult(written, []);
    }
}
