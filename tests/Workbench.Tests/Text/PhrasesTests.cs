using System.Text.RegularExpressions;
using Workbench.Charts;
using Workbench.Claims;
using Workbench.Tests.Support;

namespace Workbench.Tests.Text;

/// <summary>Issue 13, section 2: one phrase table per language, complete, in Dutch as the office writes it; no language branches elsewhere.</summary>
public sealed partial class PhrasesTests
{
    public static TheoryData<Phrase> AllPhrases()
    {
        var data = new TheoryData<Phrase>();
        foreach (var p in Enum.GetValues<Phrase>()) data.Add(p);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPhrases))]
    public void Tables_EveryPhrase_HasANonEmptyTextInBothLanguages(Phrase phrase)
    {
        foreach (var language in LanguageExtensions.All)
            Assert.False(string.IsNullOrWhiteSpace(Phrases.Table(language).GetValueOrDefault(phrase)),
                $"{phrase} has no {language.Code()} text in Phrases.{(language == Language.Nl ? "Dutch" : "English")}.");
    }

    [Theory]
    [MemberData(nameof(AllPhrases))]
    public void Tables_DutchPhrase_DiffersFromEnglish(Phrase phrase)
    {
        // no proper names among the phrases: a Dutch text equal to the English one is an untranslated phrase
        Assert.NotEqual(Phrases.English[phrase], Phrases.Dutch[phrase]);
    }

    [Theory]
    [MemberData(nameof(AllPhrases))]
    public void Tables_BothLanguages_HaveTheSamePlaceholders(Phrase phrase)
    {
        static string[] Holes(string s) => Placeholder().Matches(s).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Holes(Phrases.English[phrase]), Holes(Phrases.Dutch[phrase]));
    }

    [Fact]
    public void Tables_HaveNoKeyOutsideThePhraseEnum()
    {
        Assert.Equal(Enum.GetValues<Phrase>().Length, Phrases.English.Count);
        Assert.Equal(Enum.GetValues<Phrase>().Length, Phrases.Dutch.Count);
    }

    [Fact]
    public void Format_Dutch_UsesDecimalCommaAndDotThousands()
    {
        Assert.Equal("Aantallen afgerond op veelvouden van 1.000.", Phrases.Format(Phrase.LegendRounded, Language.Nl, 1000.ToString("N0", Language.Nl.Culture())));
        Assert.Equal("Counts rounded to multiples of 1,000.", Phrases.Format(Phrase.LegendRounded, Language.En, 1000.ToString("N0", Language.En.Culture())));
        Assert.Equal("97,5%-BI", NumberText.ConfidenceInterval(0.975, Language.Nl));
        Assert.Equal("97.5% CI", NumberText.ConfidenceInterval(0.975, Language.En));
    }

    [Fact]
    public void Of_WithArguments_FillsEachLanguageWithItsOwnFormat()
    {
        var note = Phrases.Of(Phrase.TrendNote, lang => [NumberText.Level(0.9, lang)]);
        Assert.Equal("Estimates. The shaded band is the 90% confidence interval.", note.En);
        Assert.Equal("Schattingen. De gekleurde band is het 90%-betrouwbaarheidsinterval.", note.Nl);
    }

    [Fact]
    public void Verdict_Dutch_ComesFromTheDutchTable()
    {
        Assert.Equal("NIET GEREPRODUCEERD", ClaimCheck.Verdict(ClaimVerdict.NotReproduced, Language.Nl));
        Assert.Equal("NOT REPRODUCED", ClaimCheck.Verdict(ClaimVerdict.NotReproduced));
        Assert.Equal("gereproduceerd", ClaimCheck.Verdict(ClaimVerdict.Reproduced, Language.Nl));
    }

    [Fact]
    public void Duration_BothLanguages_ComeFromThePhraseTables()
    {
        Assert.Equal("1 year and 10 months", NumberText.Duration(22, Language.En));
        Assert.Equal("1 jaar en 10 maanden", NumberText.Duration(22, Language.Nl));
        Assert.Equal("2 jaar", NumberText.Duration(24, Language.Nl));
        Assert.Equal("1 maand", NumberText.Duration(1, Language.Nl));
        Assert.Equal("minder dan een maand", NumberText.Duration(0.2, Language.Nl));
    }

    [Theory]
    [InlineData("nl", Language.Nl)]
    [InlineData("nl-NL", Language.Nl)]
    [InlineData("NL", Language.Nl)]
    [InlineData("en-GB", Language.En)]
    [InlineData("fr", Language.En)]
    [InlineData(null, Language.En)]
    public void FromTag_LanguageTag_GivesItsLanguageOrEnglish(string? tag, Language expected) =>
        Assert.Equal(expected, LanguageExtensions.FromTag(tag));

    [Theory]
    [InlineData("fig-1.nl", '.', "fig-1", Language.Nl)]
    [InlineData("fig-1.en", '.', "fig-1", Language.En)]
    [InlineData("fig-1", '.', "fig-1", Language.En)]
    [InlineData("wb-fig-nl", '-', "wb-fig", Language.Nl)]
    public void SplitLanguageSuffix_Name_SplitsOffTheCode(string name, char separator, string stem, Language language) =>
        Assert.Equal((stem, language), LanguageExtensions.SplitLanguageSuffix(name, separator));

    [Fact]
    public void Other_EachLanguage_IsTheOneItsSwitchLinksTo()
    {
        Assert.Equal(Language.Nl, Language.En.Other());
        Assert.Equal(Language.En, Language.Nl.Other());
        Assert.Equal("Nederlands", Phrases.Get(Phrase.LanguageName, Language.En.Other()));
        Assert.Equal("English", Phrases.Get(Phrase.LanguageName, Language.Nl.Other()));
    }

    [Fact]
    public void Sentences_LedgerRowWithoutDutch_GivesTheEnglishInBoth()
    {
        var row = new LedgerEntry("x", "In English.", 17, null, null, "percent", Rounding.PercentInteger, ClaimKind.RegisteredProportion, "p", 2020, "2020", "s");
        Assert.Equal("In English.", row.Sentence(Language.Nl));
        Assert.Equal("In het Nederlands.", (row with { SentenceNl = "In het Nederlands." }).Sentences.Nl);
    }

    /// <summary>
    /// The library decides the language in one place (Workbench.Text): elsewhere a text is a phrase lookup or a
    /// Bilingual value, never a branch on the language.
    /// </summary>
    [Theory]
    [InlineData(@"[!=]= ?Language\.(Nl|En)\b|\bLanguage\.(Nl|En) \?", "a branch on Language")]
    [InlineData(@"[!=]= ?""(nl|en)""|\? ""(nl|en)"" :|\bnl \?|IsDutch|StartsWith\(""nl""", "a branch on a language code")]
    [InlineData(@"GetCultureInfo\(""(nl-NL|en-GB)""\)", "a culture mapped outside Language.Culture()")]
    public void LibrarySources_OutsideText_HaveNoLanguageBranch(string pattern, string what)
    {
        var hits = new List<string>();
        foreach (var project in new[] { "lib/Workbench", "lib/Workbench.Cli", "lib/Workbench.Interactive", "lib/Workbench.Notebooks" })
            foreach (var file in Directory.GetFiles(RepoPaths.At(project), "*.cs", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
                if (rel.Contains("/obj/", StringComparison.Ordinal) || rel.Contains("/bin/", StringComparison.Ordinal)) continue;
                if (rel.StartsWith("lib/Workbench/Text/", StringComparison.Ordinal)) continue;
                // a data file's own culture (file.culture in its dictionary) is not a reader's language
                if (rel.StartsWith("lib/Workbench/Data/", StringComparison.Ordinal) && what.StartsWith("a culture", StringComparison.Ordinal)) continue;
                hits.AddRange(File.ReadLines(file).Select((l, i) => (l, i))
                    .Where(t => !t.l.TrimStart().StartsWith("///", StringComparison.Ordinal) && Regex.IsMatch(t.l, pattern))
                    .Select(t => $"{rel}:{t.i + 1}: {t.l.Trim()}"));
            }
        Assert.True(hits.Count == 0, what + " (use Phrases, Bilingual or Language):\n" + string.Join("\n", hits));
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
