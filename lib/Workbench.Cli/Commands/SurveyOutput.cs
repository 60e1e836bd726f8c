using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Data;
using Workbench.Statistics;

namespace Workbench.Cli.Commands;

/// <summary>Renders survey estimates and contrasts as an aligned table, a JSON array or CSV (invariant culture; never NaN).</summary>
public static class SurveyOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string R(double v) => v.ToString("R", Inv);

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true })) write(w);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>JSON array, one object per domain: domain (object of grouping values, or "all"), statistic, n,
    /// sumWeights, estimate, se, lower, upper, df, deff, level (se and deff null when undefined); quantiles also have
    /// quantile (the probability) after statistic.</summary>
    public static string Json(IReadOnlyList<SurveyDomainEstimate> rows) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var r in rows)
        {
            w.WriteStartObject();
            if (r.Domain.Count == 0) w.WriteString("domain", "all");
            else
            {
                w.WriteStartObject("domain");
                foreach (var (k, v) in r.Domain) w.WriteString(k, v);
                w.WriteEndObject();
            }
            w.WriteString("statistic", r.Statistic.ToString().ToLowerInvariant());
            if (r.Probability is { } q) w.WriteNumber("quantile", q);
            w.WriteNumber("n", r.N);
            w.WriteNumber("sumWeights", r.SumWeights);
            w.WriteNumber("estimate", r.Estimate);
            if (r.StdError is { } se) w.WriteNumber("se", se); else w.WriteNull("se");
            w.WriteNumber("lower", r.Lower);
            w.WriteNumber("upper", r.Upper);
            w.WriteNumber("df", r.Df);
            if (r.DesignEffect is { } d) w.WriteNumber("deff", d); else w.WriteNull("deff");
            w.WriteNumber("level", r.Level);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    /// <summary>JSON array of two objects, the difference and the ratio: contrast, first, second, estimate, se,
    /// lower, upper, df, statistic (t), p, level.</summary>
    public static string Json(SurveyContrast c) => Json(w =>
    {
        w.WriteStartArray();
        foreach (var (name, p) in Parts(c))
        {
            w.WriteStartObject();
            w.WriteString("contrast", name);
            w.WriteString("first", c.First);
            w.WriteString("second", c.Second);
            w.WriteNumber("estimate", p.Estimate);
            w.WriteNumber("se", p.StdError);
            w.WriteNumber("lower", p.Lower);
            w.WriteNumber("upper", p.Upper);
            w.WriteNumber("df", p.Df);
            w.WriteNumber("statistic", p.Statistic);
            w.WriteNumber("p", p.P);
            w.WriteNumber("level", p.Level);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static IEnumerable<(string Name, ContrastPart Part)> Parts(SurveyContrast c)
    {
        yield return ("difference", c.Difference);
        if (c.Ratio is { } r) yield return ("ratio", r);
    }

    /// <summary>CSV: one column per grouping column, then statistic, (for quantiles) quantile, n, sumWeights, estimate, se, lower, upper, df, deff, level, note.</summary>
    public static string Csv(IReadOnlyList<SurveyDomainEstimate> rows)
    {
        var keys = rows.Count == 0 ? [] : rows[0].Domain.Keys.ToArray();
        var quantile = rows.Any(r => r.Probability is not null);
        var sb = new StringBuilder();
        sb.Append(string.Join(",", (keys.Length == 0 ? ["domain"] : keys.Select(CsvFormat.Quote))
            .Concat(quantile ? ["statistic", "quantile"] : ["statistic"])
            .Concat(["n", "sumWeights", "estimate", "se", "lower", "upper", "df", "deff", "level", "note"]))).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(keys.Length == 0 ? "all" : string.Join(",", r.Domain.Values.Select(CsvFormat.Quote))).Append(',')
              .Append(r.Statistic.ToString().ToLowerInvariant()).Append(',');
            if (quantile) sb.Append(r.Probability is { } q ? R(q) : "").Append(',');
            sb.Append(r.N.ToString(Inv)).Append(',').Append(R(r.SumWeights)).Append(',')
              .Append(R(r.Estimate)).Append(',').Append(r.StdError is { } se ? R(se) : "").Append(',').Append(R(r.Lower)).Append(',').Append(R(r.Upper)).Append(',')
              .Append(r.Df.ToString(Inv)).Append(',').Append(r.DesignEffect is { } d ? R(d) : "").Append(',').Append(R(r.Level)).Append(',')
              .Append(r.Note is null ? "" : CsvFormat.Quote(r.Note)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>CSV: contrast, first, second, estimate, se, lower, upper, df, statistic, p, level.</summary>
    public static string Csv(SurveyContrast c)
    {
        var sb = new StringBuilder("contrast,first,second,estimate,se,lower,upper,df,statistic,p,level\n");
        foreach (var (name, p) in Parts(c))
            sb.Append(name).Append(',').Append(CsvFormat.Quote(c.First)).Append(',').Append(CsvFormat.Quote(c.Second)).Append(',')
              .Append(R(p.Estimate)).Append(',').Append(R(p.StdError)).Append(',').Append(R(p.Lower)).Append(',').Append(R(p.Upper)).Append(',')
              .Append(p.Df.ToString(Inv)).Append(',').Append(R(p.Statistic)).Append(',').Append(R(p.P)).Append(',').Append(R(p.Level)).Append('\n');
        return sb.ToString();
    }

    /// <summary>An aligned table of the domain estimates; flagged rows marked [1], [2], ... with the notes below.</summary>
    public static string Table(IReadOnlyList<SurveyDomainEstimate> rows)
    {
        var keys = rows.Count == 0 ? [] : rows[0].Domain.Keys.ToArray();
        var quantile = rows.Any(r => r.Probability is not null);
        var header = (keys.Length == 0 ? ["domain"] : keys).Concat(quantile ? ["quantile"] : []).Concat(["n", "estimate", "se", "lower", "upper", "df", "deff"]).ToArray();
        var cells = new List<string[]>();
        var notes = new List<string>();
        foreach (var r in rows)
        {
            var mark = "";
            if (r.Note is not null) { notes.Add(r.Note); mark = $" [{notes.Count}]"; }
            var dom = keys.Length == 0 ? ["all"] : r.Domain.Values.ToArray();
            dom[^1] += mark;
            cells.Add([.. dom, .. quantile ? [r.Probability is { } q ? q.ToString("G6", Inv) : ""] : Array.Empty<string>(), r.N.ToString(Inv), G(r.Estimate), r.StdError is { } se ? G(se) : "-", G(r.Lower), G(r.Upper), r.Df.ToString(Inv), r.DesignEffect?.ToString("F2", Inv) ?? "-"]);
        }
        var sb = new StringBuilder();
        if (rows.Count > 0 && quantile)
            sb.Append(string.Create(Inv, $"Survey quantile (R svyquantile: qrule \"math\"), {rows[0].Level * 100:0.##}% Woodruff confidence interval (t on the domain's df)\n"));
        else if (rows.Count > 0)
            sb.Append(string.Create(Inv, $"Survey {rows[0].Statistic.ToString().ToLowerInvariant()}, {rows[0].Level * 100:0.##}% confidence interval (t on the domain's df)\n"));
        Align(sb, header, cells, keys.Length == 0 ? 1 : keys.Length);
        for (var i = 0; i < notes.Count; i++) sb.Append($"[{i + 1}] {notes[i]}.\n");
        return sb.ToString();
    }

    /// <summary>An aligned table of the difference and ratio of two domains.</summary>
    public static string Table(SurveyContrast c)
    {
        var header = new[] { "contrast", "estimate", "se", "lower", "upper", "df", "t", "p" };
        var cells = Parts(c).Select(p => new[]
        {
            p.Name == "difference" ? $"{c.First} - {c.Second}" : $"{c.First} / {c.Second}", G(p.Part.Estimate), G(p.Part.StdError),
            G(p.Part.Lower), G(p.Part.Upper), p.Part.Df.ToString(Inv), p.Part.Statistic.ToString("F3", Inv), p.Part.P.ToString("G4", Inv),
        }).ToList();
        var sb = new StringBuilder(string.Create(Inv, $"Contrast of {c.A.Statistic.ToString().ToLowerInvariant()}s: {c.First} {G(c.A.Estimate)}, {c.Second} {G(c.B.Estimate)}; {c.Difference.Level * 100:0.##}% confidence interval\n"));
        Align(sb, header, cells, 1);
        return sb.ToString();
    }

    /// <summary>JSON array with one object for the model: formula, family, n, df, level and terms (term, estimate,
    /// se, statistic, p, lower, upper, and for binomial oddsRatio, oddsRatioLower, oddsRatioUpper).</summary>
    public static string Json(SurveyGlmResult g) => Json(w =>
    {
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("domain", "all");
        w.WriteString("formula", g.Formula);
        w.WriteString("family", g.Family == GlmFamily.Binomial ? "quasibinomial" : "gaussian");
        w.WriteNumber("n", g.N);
        w.WriteNumber("df", g.Df);
        w.WriteNumber("level", g.Level);
        w.WriteStartArray("terms");
        foreach (var t in g.Terms)
        {
            w.WriteStartObject();
            w.WriteString("term", t.Term);
            w.WriteNumber("estimate", t.Estimate);
            w.WriteNumber("se", t.StdError);
            w.WriteNumber("statistic", t.Statistic);
            w.WriteNumber("p", t.P);
            w.WriteNumber("lower", t.Lower);
            w.WriteNumber("upper", t.Upper);
            if (t.OddsRatio is { } or)
            {
                w.WriteNumber("oddsRatio", or);
                w.WriteNumber("oddsRatioLower", t.OddsRatioLower!.Value);
                w.WriteNumber("oddsRatioUpper", t.OddsRatioUpper!.Value);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    });

    /// <summary>CSV, one row per term: term, estimate, se, statistic, p, lower, upper, oddsRatio, oddsRatioLower, oddsRatioUpper, df, level.</summary>
    public static string Csv(SurveyGlmResult g)
    {
        var sb = new StringBuilder("term,estimate,se,statistic,p,lower,upper,oddsRatio,oddsRatioLower,oddsRatioUpper,df,level\n");
        foreach (var t in g.Terms)
            sb.Append(CsvFormat.Quote(t.Term)).Append(',').Append(R(t.Estimate)).Append(',').Append(R(t.StdError)).Append(',').Append(R(t.Statistic)).Append(',')
              .Append(R(t.P)).Append(',').Append(R(t.Lower)).Append(',').Append(R(t.Upper)).Append(',')
              .Append(t.OddsRatio is { } or ? R(or) : "").Append(',').Append(t.OddsRatioLower is { } ol ? R(ol) : "").Append(',')
              .Append(t.OddsRatioUpper is { } ou ? R(ou) : "").Append(',').Append(g.Df.ToString(Inv)).Append(',').Append(R(g.Level)).Append('\n');
        return sb.ToString();
    }

    /// <summary>An aligned table of the coefficients (odds ratios for the binomial family).</summary>
    public static string Table(SurveyGlmResult g)
    {
        var bin = g.Family == GlmFamily.Binomial;
        var header = bin ? new[] { "term", "estimate", "se", "t", "p", "odds ratio", "lower", "upper" } : ["term", "estimate", "se", "t", "p", "lower", "upper"];
        var cells = g.Terms.Select(t => bin
            ? new[] { t.Term, G(t.Estimate), G(t.StdError), t.Statistic.ToString("F3", Inv), t.P.ToString("G4", Inv), G(t.OddsRatio!.Value), G(t.OddsRatioLower!.Value), G(t.OddsRatioUpper!.Value) }
            : [t.Term, G(t.Estimate), G(t.StdError), t.Statistic.ToString("F3", Inv), t.P.ToString("G4", Inv), G(t.Lower), G(t.Upper)]).ToList();
        var sb = new StringBuilder(string.Create(Inv,
            $"Survey {(bin ? "logistic (quasibinomial)" : "linear (gaussian)")} regression {g.Formula}: n {g.N}, residual df {g.Df}; {g.Level * 100:0.##}% confidence intervals{(bin ? " of the odds ratios" : "")}\n"));
        Align(sb, header, cells, 1);
        return sb.ToString();
    }

    /// <summary>JSON array with one object: domain "all", row, col, pearson, statistic (F), ndf, ddf, p.</summary>
    public static string Json(SurveyChisqResult t) => Json(w =>
    {
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("domain", "all");
        w.WriteString("row", t.Row);
        w.WriteString("col", t.Col);
        w.WriteNumber("pearson", t.Pearson);
        w.WriteNumber("statistic", t.Statistic);
        w.WriteNumber("ndf", t.NumDf);
        w.WriteNumber("ddf", t.DenDf);
        w.WriteNumber("p", t.P);
        w.WriteEndObject();
        w.WriteEndArray();
    });

    /// <summary>CSV: row, col, pearson, statistic, ndf, ddf, p.</summary>
    public static string Csv(SurveyChisqResult t) =>
        "row,col,pearson,statistic,ndf,ddf,p\n" + CsvFormat.Quote(t.Row) + "," + CsvFormat.Quote(t.Col) + "," + R(t.Pearson) + "," + R(t.Statistic) + "," +
        R(t.NumDf) + "," + R(t.DenDf) + "," + R(t.P) + "\n";

    /// <summary>One line: the Rao-Scott F with its degrees of freedom and p-value.</summary>
    public static string Table(SurveyChisqResult t) => string.Create(Inv,
        $"Pearson's X^2 with Rao & Scott adjustment (R svychisq, statistic \"F\"): {t.Row} by {t.Col}\nF = {t.Statistic:G6}, ndf = {t.NumDf:G6}, ddf = {t.DenDf:G6}, p = {t.P:G4} (unadjusted X^2 = {t.Pearson:G6})\n");

    private static string G(double v) => Math.Abs(v) >= 1e6 ? v.ToString("F0", Inv) : v.ToString("G6", Inv);

    private static void Align(StringBuilder sb, string[] header, List<string[]> rows, int left)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(row => row[i].Length))).ToArray();
        void Line(string[] cells) =>
            sb.Append(string.Join("  ", cells.Select((c, i) => i < left ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd()).Append('\n');
        Line(header);
        foreach (var row in rows) Line(row);
    }
}
