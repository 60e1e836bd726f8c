using System.CommandLine;
using System.Globalization;
using Workbench.Data;
using Workbench.IO;
using Workbench.Statistics;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench prevalence &lt;csv&gt; --outcome COL [--weight COL] [--strata COL] [--cluster COL] [--by COL]
/// [--replicate-weights PREFIX --replicate-type JK1|JKn|BRR|Fay|bootstrap [--rho R] [--scale S] [--rscales A,B]]
/// [--method M] [--level 0.95] [--lonely-psu fail|certainty|adjust|average] [--nest] [--format table|json|csv]
/// [--output FILE]</c>: design-based prevalence of a 0/1 outcome, overall and by domain, as R survey computes it.
/// </summary>
public sealed class PrevalenceCommand : ICliCommand
{
    /// <summary>The svyciprop methods accepted by --method (from <see cref="SurveyIntervalMethod.All"/>).</summary>
    public static IReadOnlyList<string> SurveyMethods { get; } = SurveyIntervalMethod.Names(simpleRandomSample: false);

    /// <summary>The simple-random-sample interval methods accepted by --method (from <see cref="SurveyIntervalMethod.All"/>).</summary>
    public static IReadOnlyList<string> SimpleMethods { get; } = SurveyIntervalMethod.Names(simpleRandomSample: true);

    /// <inheritdoc />
    public Command Build()
    {
        var csv = new Argument<string>("csv") { Description = "CSV file with a header line, or an .xlsx workbook (its first sheet) or .parquet file; columns are read by name (no data dictionary needed)." };
        var outcome = new Option<string>("--outcome") { Description = "0/1 outcome column; empty or NA is missing (excluded and counted).", Required = true };
        var weight = new Option<string?>("--weight") { Description = "Sampling weight column (positive numbers). Default: every weight 1." };
        var strata = new Option<string?>("--strata") { Description = "Stratum column. Default: one stratum." };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster (PSU) column. Default: every respondent is its own cluster." };
        var by = new Option<string?>("--by") { Description = "Domain column: one row per level after the overall row \"all\"." };
        var method = new Option<string>("--method")
        {
            Description = MethodHelp(),
            DefaultValueFactory = _ => SurveyIntervalMethod.Logit.Name,
        };
        method.AcceptOnlyFromAmong([.. SurveyIntervalMethod.All.Select(m => m.Name)]);
        var level = new Option<double>("--level") { Description = "Confidence level between 0 and 1.", DefaultValueFactory = _ => 0.95 };
        var lonely = new Option<string>("--lonely-psu")
        {
            Description = "A stratum with one cluster: fail (default), certainty, adjust or average (R options(survey.lonely.psu)).",
            DefaultValueFactory = _ => "fail",
        };
        lonely.AcceptOnlyFromAmong("fail", "certainty", "adjust", "average");
        var replicates = new ReplicateWeightOptions("Replaces --strata and --cluster.");
        var nest = new Option<bool>("--nest") { Description = "Cluster labels repeat across strata (R svydesign(nest = TRUE))." };
        var format = new Option<string>("--format") { Description = "Output format: table (default), json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var output = new Option<string?>("--output") { Description = "Write to this file (atomically) instead of standard output." };

        var command = new Command("prevalence",
            "Weighted prevalence of a 0/1 outcome with its design-based standard error and confidence interval, overall and by domain " +
            "(equal to R survey 4.1-1: Taylor linearisation, clusters with replacement; domains on the full design).")
        {
            csv, outcome, weight, strata, cluster, by,
        };
        foreach (var o in replicates.All) command.Options.Add(o);
        foreach (var o in new Option[] { method, level, lonely, nest, format, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                var design = new SurveyDesign(parse.GetValue(weight), parse.GetValue(strata), parse.GetValue(cluster),
                    Enum.Parse<LonelyPsu>(parse.GetValue(lonely)!, ignoreCase: true), parse.GetValue(nest))
                {
                    Replicates = replicates.Read(parse),
                };
                var results = Run(parse.GetValue(csv)!, parse.GetValue(outcome)!, design, parse.GetValue(by), parse.GetValue(method)!, parse.GetValue(level));
                var fmt = parse.GetValue(format)!;
                var text = fmt switch
                {
                    "json" => PrevalenceOutput.Json(results),
                    "csv" => PrevalenceOutput.Csv(results),
                    _ => PrevalenceOutput.Table(results),
                };
                if (fmt != "table")
                    foreach (var r in results.Where(r => r.Note is not null))
                        stderr.WriteLine($"note: domain '{r.Domain}': {r.Note}.");
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
                stderr.WriteLine($"workbench prevalence: {ex.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    /// <summary>Reads the columns and estimates; the logic behind the command, callable from tests.</summary>
    public static IReadOnlyList<SurveyEstimate> Run(string csv, string outcome, SurveyDesign design, string? by, string method, double level)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--level must be between 0 and 1 (exclusive), e.g. 0.95; got {level}."));
        var interval = SurveyIntervalMethod.Parse(method);
        if (design.Replicates is not null)
        {
            if (interval.RequiresSimpleRandomSample)
                throw new ArgumentException($"--method {method} assumes an unweighted simple random sample; use {Or(SurveyMethods.Where(m => m != SurveyIntervalMethod.Likelihood.Name).ToList())} with replicate weights.");
            var sample = SurveySample.ReadCsv(csv, design, [outcome], by is null ? [] : [by]);
            return Prevalence.EstimateBy(sample, outcome, by, new PrevalenceOptions { Method = interval, Level = level });
        }
        var (data, domains) = SurveyData.ReadCsv(csv, outcome, design, by);
        if (interval.RequiresSimpleRandomSample && (design.Weight is not null || design.Strata is not null || design.Cluster is not null))
            throw new ArgumentException($"--method {method} assumes an unweighted simple random sample and would ignore --weight, --strata and --cluster. " +
                                        $"Use {Or(SurveyMethods)} for a survey design.");
        return Prevalence.EstimateBy(data, domains, new PrevalenceOptions { Design = design, Method = interval, Level = level });
    }

    /// <summary>The --method help, listed from <see cref="SurveyIntervalMethod.All"/> (the first is the default).</summary>
    private static string MethodHelp()
    {
        static string Item(SurveyIntervalMethod m) => m == SurveyIntervalMethod.Logit ? m.Name + " (default)"
            : m == SurveyIntervalMethod.Beta ? $"{m.Name} ({m.Description})" : m.Name;
        return $"Interval: {string.Join(", ", SurveyIntervalMethod.All.Where(m => !m.RequiresSimpleRandomSample).Select(Item))} as R svyciprop; " +
               $"or, for unweighted simple random samples only, {string.Join(", ", SimpleMethods)}.";
    }

    private static string Or(IReadOnlyList<string> names) => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
}
