using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Data;
using Workbench.Statistics;

namespace Workbench.Cli.Commands;

/// <summary>Renders prevalence estimates as an aligned table, a JSON array or CSV (invariant culture; never NaN).</summary>
public static class PrevalenceOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>JSON array, one object per domain with exactly the fields domain, n, events, excluded, missingDomain,
    /// sumWeights, estimate, se (null when not estimable), lower, upper, df, deff (null when undefined), kishN, method,
    /// level.</summary>
    public static string Json(IReadOnlyList<SurveyEstimate> results)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("domain", r.Domain);
                w.WriteNumber("n", r.N);
                w.WriteNumber("events", r.Events);
                w.WriteNumber("excluded", r.Excluded);
                w.WriteNumber("missingDomain", r.MissingDomain);
                w.WriteNumber("sumWeights", r.SumWeights);
                w.WriteNumber("estimate", r.Estimate);
                if (r.StdError is { } se) w.WriteNumber("se", se); else w.WriteNull("se");
                w.WriteNumber("lower", r.Lower);
                w.WriteNumber("upper", r.Upper);
                w.WriteNumber("df", r.Df);
                if (r.DesignEffect is { } d) w.WriteNumber("deff", d); else w.WriteNull("deff");
                w.WriteNumber("kishN", r.KishN);
                w.WriteString("method", r.Method);
                w.WriteNumber("level", r.Level);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>CSV with the JSON fields as columns plus <c>note</c>; numbers round-trip exactly; se and deff empty when undefined.</summary>
    public static string Csv(IReadOnlyList<SurveyEstimate> results)
    {
        var sb = new StringBuilder("domain,n,events,excluded,missingDomain,sumWeights,estimate,se,lower,upper,df,deff,kishN,method,level,note\n");
        foreach (var r in results)
        {
            sb.Append(CsvFormat.Quote(r.Domain)).Append(',').Append(r.N.ToString(Inv)).Append(',').Append(r.Events.ToString(Inv)).Append(',')
              .Append(r.Excluded.ToString(Inv)).Append(',').Append(r.MissingDomain.ToString(Inv)).Append(',')
              .Append(R(r.SumWeights)).Append(',').Append(R(r.Estimate)).Append(',')
              .Append(r.StdError is { } se ? R(se) : "").Append(',').Append(R(r.Lower)).Append(',').Append(R(r.Upper)).Append(',')
              .Append(r.Df.ToString(Inv)).Append(',').Append(r.DesignEffect is { } d ? R(d) : "").Append(',').Append(R(r.KishN)).Append(',')
              .Append(r.Method).Append(',').Append(R(r.Level)).Append(',').Append(r.Note is null ? "" : CsvFormat.Quote(r.Note)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// An aligned plain-text table; flagged rows are marked [1], [2], ... with the notes below, then the number of
    /// respondents without a domain value, if any; "-" where se or deff is undefined.
    /// </summary>
    public static string Table(IReadOnlyList<SurveyEstimate> results)
    {
        var header = new[] { "domain", "n", "events", "excluded", "sum w", "estimate", "se", "lower", "upper", "df", "deff", "kish n" };
        var rows = new List<string[]>();
        var notes = new List<string>();
        foreach (var r in results)
        {
            var mark = "";
            if (r.Note is not null) { notes.Add(r.Note); mark = $" [{notes.Count}]"; }
            rows.Add([r.Domain + mark, r.N.ToString(Inv), r.Events.ToString(Inv), r.Excluded.ToString(Inv), r.SumWeights.ToString("F1", Inv),
                r.Estimate.ToString("F4", Inv), r.StdError?.ToString("F4", Inv) ?? "-", r.Lower.ToString("F4", Inv), r.Upper.ToString("F4", Inv),
                r.Df.ToString(Inv), r.DesignEffect?.ToString("F2", Inv) ?? "-", r.KishN.ToString("F1", Inv)]);
        }
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(row => row[i].Length))).ToArray();
        var sb = new StringBuilder();
        if (results.Count > 0)
            sb.Append(string.Create(Inv, $"Prevalence, {results[0].Level * 100:0.##}% confidence interval, method {results[0].Method}\n"));
        void Line(string[] cells) =>
            sb.Append(string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd()).Append('\n');
        Line(header);
        foreach (var row in rows) Line(row);
        for (var i = 0; i < notes.Count; i++) sb.Append($"[{i + 1}] {notes[i]}.\n");
        var missing = results.Count > 0 ? results[0].MissingDomain : 0;
        if (missing > 0)
            sb.Append(string.Create(Inv, $"{missing} respondent{(missing == 1 ? " has" : "s have")} no domain value (empty or NA): in 'all' and in the design, in no domain (as R svyby).\n"));
        return sb.ToString();
    }

    private static string R(double v) => v.ToString("R", Inv);
}
