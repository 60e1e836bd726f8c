namespace Workbench.Text;

/// <summary>
/// A fixed reader-facing phrase of the library: figure captions and source lines, chart notes and alt text, the
/// disclosure footnotes and margin labels of tables, claim verdicts and report headings. Each key has one text per
/// language in <see cref="Phrases"/>; placeholders ({0}, {1}) take values already formatted for the reader.
/// </summary>
public enum Phrase
{
    // Figures.
    /// <summary>"Figure {0}. {1}": number, title.</summary>
    FigureCaption,
    /// <summary>"Source: {0}.": the source.</summary>
    SourceLine,
    /// <summary>"synthetic data", added in brackets to the source of synthetic data.</summary>
    SyntheticData,
    /// <summary>"and" between the last two items of a list.</summary>
    And,
    /// <summary>"{0} CI": a confidence level such as "95%".</summary>
    ConfidenceInterval,

    // Durations.
    /// <summary>"less than a month".</summary>
    LessThanAMonth,
    /// <summary>"{0} year": one year.</summary>
    OneYear,
    /// <summary>"{0} years": several years.</summary>
    Years,
    /// <summary>"{0} month": one month.</summary>
    OneMonth,
    /// <summary>"{0} months": several months.</summary>
    Months,

    // Prevalence bars.
    /// <summary>"Estimates. Whiskers show {0} confidence intervals.": the level.</summary>
    PrevalenceNote,
    /// <summary>"Bar chart".</summary>
    BarChart,
    /// <summary>"{0} of {1}": a percentage of a group (48% of girls).</summary>
    ShareOfGroup,

    // Trend lines.
    /// <summary>"Estimates. The shaded band is the {0} confidence interval.": the level.</summary>
    TrendNote,
    /// <summary>"Line chart".</summary>
    LineChart,
    /// <summary>"Line chart with confidence band".</summary>
    LineChartWithBand,
    /// <summary>"from {0} to {1}": the first and last point of a line.</summary>
    FromTo,

    // Estimate ranges.
    /// <summary>"The bar is the registered count; the line is the estimated number ({0} confidence interval), ...": the level.</summary>
    RangeNote,
    /// <summary>"Range chart".</summary>
    RangeChart,
    /// <summary>"{0}: estimated {1} ({2}; point estimate {3})": row, range, interval name, point estimate.</summary>
    RangeEstimate,
    /// <summary>", against {0} registered": the registered count.</summary>
    AgainstRegistered,
    /// <summary>"Registered": legend of the registered count.</summary>
    Registered,
    /// <summary>"Estimated range": legend of the interval.</summary>
    EstimatedRange,
    /// <summary>"Point estimate": legend of the point estimate.</summary>
    PointEstimate,

    // Chains, compositions, small multiples.
    /// <summary>"Funnel chart".</summary>
    FunnelChart,
    /// <summary>"{0} not shown": a suppressed step.</summary>
    StepNotShown,
    /// <summary>"{0} of {1}": a percentage of the first step (60% of suspects).</summary>
    ShareOfFirstStep,
    /// <summary>"100% stacked bar chart".</summary>
    StackedBarChart,
    /// <summary>"{0} panels side by side.": the number of panels.</summary>
    PanelsSideBySide,

    // Disclosure legend of a figure.
    /// <summary>"Counts rounded to multiples of {0}.": the rounding base.</summary>
    LegendRounded,
    /// <summary>"{0} = not shown, to protect privacy.": the mark.</summary>
    LegendSuppressed,
    /// <summary>"{0} = not shown (fewer than {1} cases), to protect privacy.": the mark, the minimum cell.</summary>
    LegendSuppressedBelow,

    // Footnotes and margins of protected tables.
    /// <summary>"U: released without disclosure control. Reason: {0}": the reason.</summary>
    FootnoteUnprotected,
    /// <summary>"x: not published, to protect small numbers (1 to {0}) ...": the largest protected count.</summary>
    FootnoteSuppressed,
    /// <summary>"&lt;{0}: not published, fewer than {0} (1 to {1}) (P).": the minimum cell, the largest protected count.</summary>
    FootnotePrimary,
    /// <summary>"x: not published, so that small numbers cannot be derived from the totals (S)."</summary>
    FootnoteSecondary,
    /// <summary>"Counts are rounded to a multiple of {0} (R); ...": the rounding base.</summary>
    FootnoteRounded,
    /// <summary>"–: percentage not shown, because the total it refers to is below {0} (D).": the minimum cell.</summary>
    FootnotePercentageWithheld,
    /// <summary>"Percentages are computed from the published (rounded) counts."</summary>
    FootnotePercentages,
    /// <summary>"Total": the margin of a table.</summary>
    Total,
    /// <summary>"Total, all categories": the margin when a category reads "Total".</summary>
    TotalAllCategories,
    /// <summary>"margin", added in brackets while a category still reads the same as the margin.</summary>
    Margin,
    /// <summary>"Count": the header of the counts of a one-way table.</summary>
    Count,
    /// <summary>"yes": the category of a 0/1 column that is 1.</summary>
    Yes,
    /// <summary>"no": the category of a 0/1 column that is 0.</summary>
    No,

    // Claims.
    /// <summary>"reproduced": the published figure was reproduced.</summary>
    VerdictReproduced,
    /// <summary>"NOT REPRODUCED".</summary>
    VerdictNotReproduced,
    /// <summary>"NOT RECORDED": no study recorded the claim.</summary>
    VerdictNotRecorded,
    /// <summary>"UNKNOWN ID": a study recorded an id the ledger does not have.</summary>
    VerdictUnknownId,
    /// <summary>"CONFLICTING": recorded more than once with different values.</summary>
    VerdictConflicting,

    // Workbooks of protected tables.
    /// <summary>"Table {0}": a table's number in a workbook sheet name.</summary>
    TableNumber,
    /// <summary>The default source line: the National Rapporteur.</summary>
    SourceRapporteur,
    /// <summary>The name and heading of the workbook sheet that explains the symbols.</summary>
    SymbolsSheet,
    /// <summary>Column heading "Symbol".</summary>
    Symbol,
    /// <summary>Column heading "Meaning".</summary>
    Meaning,
    /// <summary>What "x" means; {0} is the largest suppressed count.</summary>
    SymbolConfidential,
    /// <summary>What "&lt;n" means; {0} is the minimum cell.</summary>
    SymbolBelowMinimum,
    /// <summary>What "–" means in a percentage column.</summary>
    SymbolPercentageWithheld,
    /// <summary>The note under a workbook of rounded counts.</summary>
    RoundedTotalsNote,
    /// <summary>The Excel locale tag of number formats (nl-NL 413, en-GB 809).</summary>
    ExcelLocale,

    // Report pages.
    /// <summary>"Overview": the link to the report's index.</summary>
    Overview,
    /// <summary>"Published figures": the heading of a study's claims.</summary>
    PublishedFigures,
    /// <summary>"Provenance": the heading of a study's inputs and versions.</summary>
    Provenance,

    // Report pages and their claims.
    /// <summary>"Navigation": the label of a report page's navigation.</summary>
    Navigation,
    /// <summary>"Language": the label of the report index's language switch.</summary>
    LanguageNavigation,
    /// <summary>The language's name in itself ("English", "Nederlands"): the link to a page in that language.</summary>
    LanguageName,
    /// <summary>The note that all data are synthetic, on report pages, published documents and the factsheet.</summary>
    SyntheticNote,
    /// <summary>"Reproduction report": the title of the report index.</summary>
    ReproductionReport,
    /// <summary>"{0} of {1} published figures reproduced.": the reproduced count, the number of claims.</summary>
    FiguresReproduced,
    /// <summary>"This run": the heading of the run's commit, date and data.</summary>
    ThisRun,
    /// <summary>"unknown": a commit that is not known.</summary>
    Unknown,
    /// <summary>"Date: {0}": the date of a run.</summary>
    DateLine,
    /// <summary>"Data: {0}": the data files or versions of a run.</summary>
    DataLine,
    /// <summary>"Published figures and their reproduction": the caption of a report's claims table.</summary>
    ClaimsCaption,
    /// <summary>"Claim": the column of the published sentence in a report's claims table.</summary>
    Claim,
    /// <summary>"Published": the column of the printed figure.</summary>
    Published,
    /// <summary>"Reproduced": the column of the reproduced value.</summary>
    Reproduced,
    /// <summary>"Published in interval": whether the printed figure lies in the reproduced interval.</summary>
    PublishedInInterval,
    /// <summary>"Verdict": the column of the claim's verdict.</summary>
    Verdict,

    // Published documents and the factsheet.
    /// <summary>"Published sentence": the column of the sentence in a published document's claims table.</summary>
    PublishedSentence,
    /// <summary>The caption of a published document's claims table.</summary>
    PublishedClaimsCaption,
    /// <summary>"Verified on {0}": the date and time of the verify run.</summary>
    VerifiedOn,
    /// <summary>"with local changes", added in brackets to a commit with uncommitted changes.</summary>
    WithLocalChanges,
    /// <summary>The source line of a table without one: the Workbench generator's synthetic data.</summary>
    SourceGenerator,
    /// <summary>"Source: {0}": the source line of a table, the source as given (no full stop added).</summary>
    SourceOf,
    /// <summary>The title of the factsheet.</summary>
    FactsheetTitle,
    /// <summary>The factsheet's opening line.</summary>
    FactsheetIntro,
    /// <summary>"Study {0}": the link to the study that reproduces a number.</summary>
    StudyName,
    /// <summary>"Reproduced: {0}": the reproduced value (and interval) of a number.</summary>
    ReproducedValue,
    /// <summary>"around {0}": a figure rounded to the nearest hundred.</summary>
    Around,
    /// <summary>"one in {0}": a figure printed as one in n.</summary>
    OneInN,
    /// <summary>"the majority": a figure printed as a majority.</summary>
    Majority,
}
