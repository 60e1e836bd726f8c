using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Data;
using Workbench.Estimation;

namespace Workbench.Cli.Commands;

/// <summary>
/// <c>workbench mse &lt;csv&gt;</c>: multiple systems estimation of the population size from capture histories.
/// </summary>
public sealed class MseCommand : ICliCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <inheritdoc />
    public Command Build()
    {
        var csv = new Argument<string>("csv") { Description = "Capture histories: one 0/1 column per list, one row per person or a count column." };
        var lists = new Option<string?>("--lists") { Description = "List columns in order, comma-separated (default: every column holding only 0 and 1)." };
        var count = new Option<string?>("--count") { Description = "Column of aggregated counts (default: one row per person)." };
        var by = new Option<string?>("--by") { Description = "Columns defining strata, comma-separated: a separate fit per stratum." };
        var covariates = new Option<string?>("--covariates") { Description = "Covariate columns entering the model as factors (the Dutch design), comma-separated." };
        var method = new Option<string>("--method")
        {
            Description = "Model selection: main, stepwise, bic, aic, fixed or search (the Dutch design's stepwise BIC path over list pairs, list-by-covariate and covariate pairs).",
            DefaultValueFactory = _ => "bic",
        };
        method.AcceptOnlyFromAmong("main", "stepwise", "bic", "aic", "fixed", "search");
        var year = new Option<string?>("--year") { Description = "The covariate holding the year (with --method search and --degree-year)." };
        var degreeYear = new Option<int?>("--degree-year") { Description = "With --method search: year as orthogonal polynomials of this degree instead of one indicator per year." };
        var model = new Option<string?>("--model") { Description = "The model for --method fixed, e.g. \"[12,13,3]\" or \"police:kmar,ngo\"." };
        var pthresh = new Option<double>("--pthresh") { Description = "P-value threshold of stepwise selection.", DefaultValueFactory = _ => 0.02 };
        var maxorder = new Option<int?>("--maxorder") { Description = "Highest interaction order for bic/aic (default by number of lists: 2->1, 3->2, 4->3, 5->3, 6->2)." };
        var ci = new Option<string>("--ci") { Description = "Interval: wald, profile, parametric or bca.", DefaultValueFactory = _ => "wald" };
        ci.AcceptOnlyFromAmong("wald", "profile", "parametric", "bca");
        var nboot = new Option<int>("--nboot") { Description = "Bootstrap replicates.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Bootstrap seed (same result whatever the number of cores).", DefaultValueFactory = _ => 1 };
        var level = new Option<double>("--level") { Description = "Confidence level.", DefaultValueFactory = _ => 0.95 };
        var format = new Option<string>("--format") { Description = "Output: table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("mse", "Multiple systems estimation: estimate how many people no list registered, from the overlap of the lists " +
            "(hierarchical Poisson log-linear models; SparseMSE conventions). Exit 2 on bad input or a model that cannot be fitted.")
        {
            csv, lists, count, by, covariates, method, model, pthresh, maxorder, year, degreeYear, ci, nboot, seed, level, format,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var options = new MseOptions
                {
                    Method = parse.GetValue(method) switch
                    {
                        "main" => Selection.MainEffects,
                        "stepwise" => Selection.Stepwise,
                        "aic" => Selection.Aic,
                        "fixed" => Selection.Fixed,
                        "search" => Selection.Search,
                        _ => Selection.Bic,
                    },
                    Year = parse.GetValue(year),
                    DegreeYear = parse.GetValue(degreeYear),
                    Model = parse.GetValue(model),
                    Pthresh = parse.GetValue(pthresh),
                    MaxOrder = parse.GetValue(maxorder),
                    Ci = Enum.Parse<IntervalMethod>(parse.GetValue(ci)!, ignoreCase: true),
                    Nboot = parse.GetValue(nboot),
                    Seed = parse.GetValue(seed),
                    Level = parse.GetValue(level),
                };
                if (options.Method == Selection.Fixed && string.IsNullOrWhiteSpace(options.Model))
                    throw new ArgumentException("--method fixed needs --model, e.g. --model \"[12,13,3]\".");
                if (options.Method != Selection.Fixed && options.Model is not null)
                    throw new ArgumentException("--model is used only with --method fixed.");
                var path = parse.GetValue(csv)!;
                var read = CaptureHistoryCsv.Read(path, new CaptureCsvOptions
                {
                    Lists = Split(parse.GetValue(lists)),
                    Count = parse.GetValue(count),
                    Covariates = Split(parse.GetValue(covariates)) ?? [],
                    By = Split(parse.GetValue(by)) ?? [],
                });
                var all = MultipleSystems.Estimate(read.All, options);
                var strata = read.Strata.Count == 0 ? [] : MultipleSystems.EstimateByStratum(read.Strata, options);
                output.Write(parse.GetValue(format) == "json" ? Json(all, strata) : Table(path, all, strata));
                return ExitCodes.Success;
            }
            catch (DataValidationException ex)
            {
                error.WriteLine(ex.Message);
                return ExitCodes.Usage;
            }
            catch (ArgumentOutOfRangeException ex)
            {
                var message = ex.Message;
                var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
                if (cut >= 0) message = message[..cut];
                var option = ex.ParamName == nameof(MseOptions.DegreeYear) ? "degree-year" : ex.ParamName?.ToLowerInvariant();
                error.WriteLine($"workbench mse: --{option} {Convert.ToString(ex.ActualValue, Inv)}: {message}");
                return ExitCodes.Usage;
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"workbench mse: {ex.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static string[]? Split(string? s) =>
        s is null ? null : s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The JSON document: the fields of issue 5, <c>levels</c> with covariates, <c>strata</c> with --by.</summary>
    internal static string Json(MseResult all, IReadOnlyList<KeyValuePair<string, MseResult>> strata)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            WriteResult(w, all, null, () =>
            {
                if (strata.Count == 0) return;
                w.WriteStartArray("strata");
                foreach (var (key, r) in strata) WriteResult(w, r, key, null);
                w.WriteEndArray();
            });
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteResult(Utf8JsonWriter w, MseResult r, string? stratum, Action? extra)
    {
        w.WriteStartObject();
        if (stratum is not null) w.WriteString("stratum", stratum);
        w.WriteNumber("observed", r.Observed);
        w.WriteNumber("estimate", r.Estimate);
        w.WriteNumber("darkFigure", r.DarkFigure);
        w.WriteNumber("lower", r.Lower);
        w.WriteNumber("upper", r.Upper);
        w.WriteStartArray("model");
        foreach (var term in r.Model)
        {
            w.WriteStartArray();
            foreach (var name in term) w.WriteStringValue(name);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteNumber("deviance", r.Deviance);
        w.WriteNumber("df", r.Df);
        w.WriteNumber("aic", r.Aic);
        w.WriteNumber("bic", r.Bic);
        w.WriteString("method", r.Method);
        w.WriteString("ci", r.Ci);
        w.WriteNumber("level", r.Level);
        if (r.Levels.Count > 0)
        {
            w.WriteStartArray("levels");
            foreach (var l in r.Levels)
            {
                w.WriteStartObject();
                w.WriteString("covariate", l.Covariate);
                w.WriteString("level", l.Level);
                w.WriteNumber("observed", l.Observed);
                w.WriteNumber("estimate", l.Estimate);
                w.WriteNumber("darkFigure", l.DarkFigure);
                w.WriteNumber("lower", l.Lower);
                w.WriteNumber("upper", l.Upper);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (r.Path.Count > 0)
        {
            w.WriteStartArray("path");
            foreach (var step in r.Path)
            {
                w.WriteStartObject();
                w.WriteString("step", step.Step);
                w.WriteString("model", step.Model);
                w.WriteNumber("df", step.Df);
                w.WriteNumber("deviance", step.Deviance);
                w.WriteNumber("aic", step.Aic);
                w.WriteNumber("bic", step.Bic);
                w.WriteNumber("estimate", step.Estimate);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        extra?.Invoke();
        w.WriteEndObject();
    }

    /// <summary>The human-readable report.</summary>
    internal static string Table(string path, MseResult all, IReadOnlyList<KeyValuePair<string, MseResult>> strata)
    {
        var sb = new StringBuilder();
        sb.Append(Inv, $"Multiple systems estimation: {Path.GetFileName(path)}\n");
        sb.Append("Lists: ").Append(string.Join("  ", all.Lists.Select((l, i) => $"{i + 1}={l}"))).Append('\n');
        if (strata.Count > 0)
        {
            // One line per stratum (e.g. per year), each its own fit, with its interval.
            sb.Append(Inv, $"\nBy stratum ({all.Level * 100:0.##}% {all.Ci} intervals; each stratum fitted separately)\n");
            sb.Append(Inv, $"{"Stratum",-16} {"Observed",10} {"Estimate",12} {"Lower",12} {"Upper",12}  Model\n");
            foreach (var (key, r) in strata)
                sb.Append(Inv, $"{key,-16} {r.Observed,10:N0} {r.Estimate,12:N1} {r.Lower,12:N1} {r.Upper,12:N1}  {r.ModelNotation}\n");
        }
        Section(sb, all, strata.Count > 0 ? "All strata together" : null);
        foreach (var (key, r) in strata) Section(sb, r, $"Stratum {key}");
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, MseResult r, string? title)
    {
        sb.Append('\n');
        if (title is not null) sb.Append(title).Append('\n');
        sb.Append(Inv, $"Model ({r.Method}): {r.ModelNotation}   deviance {r.Deviance:F2} on {r.Df} df, AIC {r.Aic:F2}, BIC {r.Bic:F2}\n");
        if (r.FixedAtMinusInfinity.Count > 0)
            sb.Append("Fixed at minus infinity (no one on all these lists): ").Append(string.Join(", ", r.FixedAtMinusInfinity.Select(t => string.Join(":", t)))).Append('\n');
        sb.Append(Inv, $"Observed     {r.Observed,12:N0}\n");
        sb.Append(Inv, $"Dark figure  {r.DarkFigure,12:N1}\n");
        sb.Append(Inv, $"Estimate     {r.Estimate,12:N1}   {r.Level * 100:0.##}% {r.Ci} interval {r.Lower:N1} to {r.Upper:N1}\n");
        if (r.Path.Count > 0)
        {
            sb.Append(Inv, $"\nModel search (stepwise on BIC)\n{"Step",-32} {"Df",5} {"Deviance",10} {"AIC",10} {"BIC",10} {"N-hat",12}\n");
            foreach (var s in r.Path)
                sb.Append(Inv, $"{(s.Step.Length == 0 ? "(main effects)" : s.Step),-32} {s.Df,5} {s.Deviance,10:F1} {s.Aic,10:F1} {s.Bic,10:F1} {s.Estimate,12:N1}\n");
        }
        if (r.Levels.Count > 0)
        {
            var label = r.Ci switch { "wald" => "(Wald)", "bca" => "(BCa)", _ => $"({r.Ci})" };
            sb.Append(Inv, $"\n{"Covariate",-16} {"Level",-12} {"Observed",10} {"Estimate",12} {"Lower",12} {"Upper",12}\n");
            foreach (var l in r.Levels)
                sb.Append(Inv, $"{l.Covariate,-16} {l.Level,-12} {l.Observed,10:N0} {l.Estimate,12:N1} {l.Lower,12:N1} {l.Upper,12:N1}  {label}\n");
        }
        sb.Append(Inv, $"\n{"Cell",-8} {"Level",-12} {"Observed",10} {"Fitted",12}\n");
        foreach (var c in r.Cells)
            sb.Append(Inv, $"{c.Pattern,-8} {c.Level ?? "",-12} {(c.Observed is { } o ? o.ToString("N0", Inv) : "-"),10} {c.Fitted,12:N1}{(c.Kept ? "" : "  (fixed at 0)")}\n");
    }
}
