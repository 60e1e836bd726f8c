using System.CommandLine;
using System.Globalization;
using Workbench.Data;
using Workbench.IO;
using Workbench.Statistics;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench survey &lt;estimator&gt; &lt;csv&gt; ...</c>: design-based means, totals, ratios and contrasts by
/// domain on stratified multistage designs with fpc, replicate weights or calibrated weights, equal to R survey 4.1-1.
/// The command parses, calls <see cref="SurveyEstimators"/> and prints.
/// </summary>
public sealed class SurveyCommand : ICliCommand
{
    /// <summary>The estimators the command accepts.</summary>
    public static IReadOnlyList<string> Estimators { get; } = ["mean", "total", "ratio", "quantile", "contrast", "chisq", "glm"];

    /// <inheritdoc />
    public Command Build()
    {
        var estimator = new Argument<string>("estimator") { Description = "mean, total, ratio, quantile, contrast, chisq or glm." };
        estimator.AcceptOnlyFromAmong([.. Estimators]);
        var csv = new Argument<string>("csv") { Description = "CSV file with a header line; columns are read by name." };
        var variable = new Option<string?>("--variable") { Description = "Numeric column to estimate (0/1 for a proportion or a number of people); empty or NA is missing." };
        var formula = new Option<string?>("--formula") { Description = "glm: the model, e.g. \"y ~ sex + age\" or \"y ~ sex * age\" (main effects and two-way interactions a:b, a*b; factor(col) for a numeric column as categories)." };
        var rowOption = new Option<string?>("--row") { Description = "chisq: the row variable of the two-way table." };
        var colOption = new Option<string?>("--col") { Description = "chisq: the column variable of the two-way table." };
        var family = new Option<string>("--family") { Description = "glm: binomial (R quasibinomial, logistic: odds ratios) or gaussian (linear).", DefaultValueFactory = _ => "binomial" };
        family.AcceptOnlyFromAmong("binomial", "gaussian");
        var quantile = new Option<string?>("--quantile") { Description = "quantile: the probabilities, comma-separated, each strictly between 0 and 1 (e.g. 0.5 for the median, 0.5,0.9)." };
        var denominator = new Option<string?>("--denominator") { Description = "ratio: the denominator column (R svyratio(~variable, ~denominator))." };
        var by = new Option<string?>("--by") { Description = "Grouping column(s), comma-separated and crossed (R svyby(~a + b))." };
        var levels = new Option<string?>("--levels") { Description = "contrast: the two domains A,B compared as A - B and A / B (labels as in the output, e.g. F,M or 2023,2019)." };
        var of = new Option<string>("--of") { Description = "contrast: compare means (default), totals or ratios of the domains.", DefaultValueFactory = _ => "mean" };
        of.AcceptOnlyFromAmong("mean", "total", "ratio");
        var weight = new Option<string?>("--weight") { Description = "Sampling weight column. Default: every weight 1 (or, with --fpc, population over sample size)." };
        var strata = new Option<string?>("--strata") { Description = "Stratum column (first stage). Default: one stratum." };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster columns by stage, comma-separated (R ids = ~psu + ssu). Default: every respondent is its own cluster." };
        var fpc = new Option<string?>("--fpc") { Description = "Finite population correction columns, one per stage (population size, or sampling fraction ≤ 1). Default: with replacement at the first stage." };
        var nest = new Option<bool>("--nest") { Description = "First-stage cluster labels repeat across strata (R nest = TRUE)." };
        var replicateOptions = new ReplicateWeightOptions();
        var calibrate = new Option<string?>("--calibrate") { Description = "Margins CSV variable,category,population: calibrate the weights to these population counts first." };
        var calibration = new Option<string>("--calibration") { Description = "poststratify (one variable, R postStratify) or rake (default; R rake).", DefaultValueFactory = _ => "rake" };
        calibration.AcceptOnlyFromAmong("poststratify", "rake");
        var level = new Option<double>("--level") { Description = "Confidence level between 0 and 1.", DefaultValueFactory = _ => 0.95 };
        var lonely = new Option<string>("--lonely-psu") { Description = "A stratum with one cluster: fail (default), certainty, adjust or average (R options(survey.lonely.psu)).", DefaultValueFactory = _ => "fail" };
        lonely.AcceptOnlyFromAmong("fail", "certainty", "adjust", "average");
        var format = new Option<string>("--format") { Description = "Output format: table (default), json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var output = new Option<string?>("--output") { Description = "Write to this file (atomically) instead of standard output." };

        var command = new Command("survey",
            "Design-based estimates equal to R survey 4.1-1: mean (svymean), total (svytotal), ratio (svyratio), quantile (svyquantile) by domain (svyby), " +
            "and contrast of two domains (svycontrast), on stratified multistage designs with fpc (svydesign) or replicate weights (svrepdesign).")
        {
            estimator, csv, variable, quantile, formula, family, rowOption, colOption, denominator, by, levels, of, weight, strata, cluster, fpc, nest,
        };
        foreach (var o in replicateOptions.All) command.Options.Add(o);
        foreach (var o in new Option[] { calibrate, calibration, level, lonely, format, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                var clusters = Split(parse.GetValue(cluster));
                var replicates = replicateOptions.Read(parse);
                var design = new SurveyDesign(parse.GetValue(weight), parse.GetValue(strata), clusters.FirstOrDefault(),
                    Enum.Parse<LonelyPsu>(parse.GetValue(lonely)!, ignoreCase: true), parse.GetValue(nest))
                {
                    Subclusters = clusters.Skip(1).ToArray(),
                    Fpc = Split(parse.GetValue(fpc)),
                    Replicates = replicates,
                };
                var request = new Request(parse.GetValue(estimator)!, parse.GetValue(csv)!, parse.GetValue(variable), parse.GetValue(denominator),
                    Split(parse.GetValue(by)), Split(parse.GetValue(levels)), parse.GetValue(of)!, design, parse.GetValue(level))
                {
                    Margins = parse.GetValue(calibrate),
                    Quantiles = parse.GetValue(quantile) is { } qs ? Split(qs).Select(v => ParseNumber(v, "--quantile")).ToArray() : null,
                    Formula = parse.GetValue(formula),
                    Row = parse.GetValue(rowOption),
                    Col = parse.GetValue(colOption),
                    Family = parse.GetValue(family) == "gaussian" ? GlmFamily.Gaussian : GlmFamily.Binomial,
                    Calibration = parse.GetValue(calibration) == "poststratify" ? CalibrationMethod.PostStratify : CalibrationMethod.Rake,
                };
                var text = Render(Run(request), parse.GetValue(format)!, stderr);
                var path = parse.GetValue(output);
                if (path is null) stdout.Write(text);
                else AtomicFile.WriteAllText(path, text);
                return ExitCodes.Success;
            }
            catch (DataValidationException ex)
            {
                stderr.WriteLine(ex.Message);
                return ExitCodes.Usage;
            }
            catch (ArgumentException ex)
            {
                stderr.WriteLine($"workbench survey: {ex.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    /// <summary>What the command was asked for.</summary>
    public sealed record Request(string Estimator, string Csv, string? Variable, string? Denominator, IReadOnlyList<string> By,
        IReadOnlyList<string> Levels, string Of, SurveyDesign Design, double Level)
    {
        /// <summary>Margins CSV to calibrate to (null: no calibration).</summary>
        public string? Margins { get; init; }
        /// <summary>How to calibrate.</summary>
        public CalibrationMethod Calibration { get; init; } = CalibrationMethod.Rake;
        /// <summary>chisq: the row variable.</summary>
        public string? Row { get; init; }
        /// <summary>chisq: the column variable.</summary>
        public string? Col { get; init; }
        /// <summary>quantile: the probabilities (null: not given).</summary>
        public IReadOnlyList<double>? Quantiles { get; init; }
        /// <summary>glm: the model formula.</summary>
        public string? Formula { get; init; }
        /// <summary>glm: the family.</summary>
        public GlmFamily Family { get; init; } = GlmFamily.Binomial;
    }

    /// <summary>Reads the file and estimates: domain rows, or a contrast.</summary>
    public static object Run(Request r)
    {
        if (!(r.Level is > 0 and < 1))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--level must be between 0 and 1 (exclusive), e.g. 0.95; got {r.Level}."));
        if (r.Estimator == "chisq")
        {
            if (r.Row is null || r.Col is null) throw new ArgumentException("chisq needs --row COL --col COL, the two variables of the table.");
            if (r.Variable is not null || r.By.Count > 0) throw new ArgumentException("chisq takes its variables from --row and --col; remove --variable and --by.");
            var mc = r.Margins is null ? null : CalibrationMargins.ReadCsv(r.Margins);
            var sc = SurveySample.ReadCsv(r.Csv, r.Design, [], new[] { r.Row, r.Col }.Concat(mc?.Variables ?? []).Distinct().ToArray());
            if (mc is not null) sc = sc.Calibrate(mc, r.Calibration);
            return SurveyEstimators.Chisq(sc, r.Row, r.Col);
        }
        if (r.Row is not null || r.Col is not null) throw new ArgumentException("--row and --col apply to chisq.");
        if (r.Estimator == "glm")
        {
            if (r.Formula is null) throw new ArgumentException("glm needs --formula, e.g. --formula \"physical_sv ~ sex + age\".");
            if (r.Variable is not null || r.By.Count > 0 || r.Denominator is not null)
                throw new ArgumentException("glm takes its columns from --formula; remove --variable, --by and --denominator.");
            var (response, terms) = SurveyRegression.ParseFormula(r.Formula);
            var m = r.Margins is null ? null : CalibrationMargins.ReadCsv(r.Margins);
            var s = SurveySample.ReadCsv(r.Csv, r.Design, [response], terms.Select(t => t.Column).Concat(m?.Variables ?? []).Distinct().ToArray());
            if (m is not null) s = s.Calibrate(m, r.Calibration);
            return SurveyRegression.Glm(s, r.Formula, r.Family, r.Level);
        }
        if (r.Formula is not null) throw new ArgumentException($"--formula applies to glm; use --variable for {r.Estimator}.");
        if (r.Variable is null) throw new ArgumentException($"{r.Estimator} needs --variable COL, the numeric column to estimate.");
        var ratio = r.Estimator == "ratio" || (r.Estimator == "contrast" && r.Of == "ratio");
        if (ratio && r.Denominator is null) throw new ArgumentException("a ratio needs --denominator COL (R svyratio(~variable, ~denominator)).");
        if (!ratio && r.Denominator is not null) throw new ArgumentException($"--denominator applies to ratios; remove it or use the ratio estimator (got {r.Estimator}).");
        if (r.Estimator == "quantile" && r.Quantiles is null)
            throw new ArgumentException("quantile needs --quantile P[,P...], probabilities strictly between 0 and 1, e.g. --quantile 0.5 for the median.");
        if (r.Estimator != "quantile" && r.Quantiles is not null)
            throw new ArgumentException($"--quantile applies to the quantile estimator; remove it or use workbench survey quantile (got {r.Estimator}).");
        if (r.Quantiles is not null) SurveyEstimators.CheckProbabilities(r.Quantiles);
        if (r.Estimator != "contrast" && r.Levels.Count > 0) throw new ArgumentException("--levels applies to contrast; remove it or use workbench survey contrast.");
        var variables = new[] { r.Variable }.Concat(r.Denominator is null ? [] : [r.Denominator]).ToArray();
        var margins = r.Margins is null ? null : CalibrationMargins.ReadCsv(r.Margins);
        var sample = SurveySample.ReadCsv(r.Csv, r.Design, variables, r.By.Concat(margins?.Variables ?? []).Distinct().ToArray());
        if (margins is not null) sample = sample.Calibrate(margins, r.Calibration);
        var options = new SurveyOptions { By = r.By, Level = r.Level };
        switch (r.Estimator)
        {
            case "mean": return SurveyEstimators.Mean(sample, r.Variable, options);
            case "total": return SurveyEstimators.Total(sample, r.Variable, options);
            case "ratio": return SurveyEstimators.Ratio(sample, r.Variable, r.Denominator!, options);
            case "quantile": return SurveyEstimators.Quantile(sample, r.Variable, r.Quantiles!, options);
            default:
                if (r.By.Count == 0 || r.Levels.Count != 2)
                    throw new ArgumentException("contrast compares two domains: give --by COL and --levels A,B (e.g. --by sex --levels F,M, or --by wave --levels 2023,2019).");
                var statistic = r.Of switch { "total" => SurveyStatistic.Total, "ratio" => SurveyStatistic.Ratio, _ => SurveyStatistic.Mean };
                return SurveyEstimators.Contrast(sample, statistic, r.Variable, r.Levels[0], r.Levels[1], options, r.Denominator);
        }
    }

    private static string Render(object result, string format, TextWriter stderr)
    {
        if (result is SurveyChisqResult t)
            return format switch { "json" => SurveyOutput.Json(t), "csv" => SurveyOutput.Csv(t), _ => SurveyOutput.Table(t) };
        if (result is SurveyGlmResult g)
            return format switch { "json" => SurveyOutput.Json(g), "csv" => SurveyOutput.Csv(g), _ => SurveyOutput.Table(g) };
        if (result is SurveyContrast c)
            return format switch { "json" => SurveyOutput.Json(c), "csv" => SurveyOutput.Csv(c), _ => SurveyOutput.Table(c) };
        var rows = (IReadOnlyList<SurveyDomainEstimate>)result;
        if (format != "table")
            foreach (var r in rows.Where(r => r.Note is not null)) stderr.WriteLine($"note: domain '{r.Label}': {r.Note}.");
        return format switch { "json" => SurveyOutput.Json(rows), "csv" => SurveyOutput.Csv(rows), _ => SurveyOutput.Table(rows) };
    }

    private static string[] Split(string? s) =>
        s is null ? [] : s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static double ParseNumber(string s, string option) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new ArgumentException($"{option} has '{s}'; expected numbers separated by commas, e.g. 0.5,0.5,0.667.");
}
