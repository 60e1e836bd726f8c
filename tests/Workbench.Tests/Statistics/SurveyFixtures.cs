using System.Collections.Concurrent;
using System.Globalization;
using Workbench.Data;
using Workbench.Statistics;

namespace Workbench.Tests.Statistics;

/// <summary>
/// Expected values from R 4.2.2 survey 4.1-1, produced by Fixtures/Statistics/make-fixtures.R on the synthetic data
/// it writes (survey.csv, survey-lonely.csv) and by make-edge-fixtures.R (survey-edge.csv: lonely strata, a domain
/// column with NA, a df = 1 domain; survey-likelihood.csv: large design effects at df 1 to 5); one row per design,
/// outcome, domain, method and level.
/// </summary>
public static class SurveyFixtures
{
    public sealed record Expected(
        string Design, string Outcome, string By, string Domain, string Method, double Level,
        int N, int Events, int Excluded, double SumW, double? Mean, double? Se, int Df, double? Deff, double Kish,
        double? Estimate, double? Lower, double? Upper, int MissingBy = 0, string RError = "")
    {
        public string Key => $"{Design}|{Outcome}|{By}|{Domain}|{Method}|{Level.ToString("0.00", CultureInfo.InvariantCulture)}";

        /// <summary>R is undefined here (NaN) or at its numerical edge; Workbench applies a flagged convention.</summary>
        public bool IsEdge => N == 0 || Events == 0 || Events == N || Df <= 0;
    }

    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Statistics");

    private static readonly Lazy<Dictionary<string, Expected>> Rows = new(() => Load(["survey-expected.csv", "survey-edge-expected.csv"], fail: false));
    private static readonly Lazy<Dictionary<string, Expected>> FailRows = new(() => Load(["survey-edge-expected.csv"], fail: true));
    private static readonly ConcurrentDictionary<string, IReadOnlyList<SurveyEstimate>> Cache = new();

    public static IReadOnlyDictionary<string, Expected> All => Rows.Value;

    /// <summary>R's verdict per domain under options(survey.lonely.psu = "fail") on survey-edge.csv (r_error empty: estimated).</summary>
    public static IReadOnlyDictionary<string, Expected> LonelyFail => FailRows.Value;

    public static IEnumerable<object[]> Keys(string method) =>
        Rows.Value.Values.Where(r => r.Method == method).Select(r => new object[] { r.Key });

    private static double? Num(string s) => s == "NA" ? null : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Dictionary<string, Expected> Load(string[] files, bool fail)
    {
        var result = new Dictionary<string, Expected>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Path.Combine(Dir, file));
            var head = lines[0].Split(',');
            int I(string name) => Array.IndexOf(head, name);
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(',');
                if ((f[I("design")] == "edge-fail") != fail) continue;
                var e = new Expected(f[I("design")], f[I("outcome")], f[I("by")], f[I("domain")], f[I("method")],
                    double.Parse(f[I("level")], CultureInfo.InvariantCulture),
                    int.Parse(f[I("n")], CultureInfo.InvariantCulture), int.Parse(f[I("events")], CultureInfo.InvariantCulture),
                    int.Parse(f[I("excluded")], CultureInfo.InvariantCulture), Num(f[I("sumw")])!.Value, Num(f[I("mean")]), Num(f[I("se")]),
                    int.Parse(f[I("df")], CultureInfo.InvariantCulture), Num(f[I("deff")]), Num(f[I("kish")])!.Value,
                    Num(f[I("estimate")]), Num(f[I("lower")]), Num(f[I("upper")]),
                    I("missing_by") < 0 ? 0 : int.Parse(f[I("missing_by")], CultureInfo.InvariantCulture),
                    I("r_error") < 0 ? "" : f[I("r_error")]);
                result.Add(e.Key, e);
            }
        }
        return result;
    }

    public static SurveyDesign DesignFor(string design) => design switch
    {
        "stratified-cluster" => new SurveyDesign(Weight: "weight", Strata: "stratum", Cluster: "cluster"),
        "nested-cluster" => new SurveyDesign(Weight: "weight", Strata: "stratum", Cluster: "psu_in_stratum", Nest: true),
        "cluster-only" => new SurveyDesign(Weight: "weight", Cluster: "cluster"),
        "strata-only" => new SurveyDesign(Weight: "weight", Strata: "stratum"),
        "weights-only" => new SurveyDesign(Weight: "weight"),
        "srs" => new SurveyDesign(),
        "lonely-certainty" => new SurveyDesign("weight", "stratum", "cluster", LonelyPsu.Certainty),
        "lonely-adjust" => new SurveyDesign("weight", "stratum", "cluster", LonelyPsu.Adjust),
        "lonely-average" => new SurveyDesign("weight", "stratum", "cluster", LonelyPsu.Average),
        "edge-certainty" => new SurveyDesign("weight", "stratum", "cluster", LonelyPsu.Certainty),
        "edge-adjust" => new SurveyDesign("weight", "stratum", "cluster", LonelyPsu.Adjust),
        "edge-average" => new SurveyDesign("weight", "stratum", "cluster", LonelyPsu.Average),
        "edge-fail" => new SurveyDesign("weight", "stratum", "cluster"),
        "likelihood" => new SurveyDesign("weight", "stratum", "cluster"),
        _ => throw new ArgumentException(design),
    };

    public static string DataFile(string design) => Path.Combine(Dir,
        design.StartsWith("lonely", StringComparison.Ordinal) ? "survey-lonely.csv"
        : design.StartsWith("edge", StringComparison.Ordinal) ? "survey-edge.csv"
        : design == "likelihood" ? "survey-likelihood.csv" : "survey.csv");

    /// <summary>Our estimate for the fixture row, computed from the CSV through the same path as the CLI.</summary>
    public static SurveyEstimate Actual(Expected e)
    {
        var list = Cache.GetOrAdd($"{e.Design}|{e.Outcome}|{e.By}|{e.Method}|{e.Level}", _ =>
        {
            var design = DesignFor(e.Design);
            var cols = new List<string> { e.Outcome };
            foreach (var c in new[] { design.Weight, design.Strata, design.Cluster, e.By == "none" ? null : e.By })
                if (c is not null) cols.Add(c);
            var raw = CsvColumns.Read(DataFile(e.Design), cols);
            var method = Enum.Parse<CiMethod>(e.Method, ignoreCase: true);
            return e.By == "none"
                ? [Prevalence.Estimate(raw, e.Outcome, design, method, e.Level)]
                : Prevalence.EstimateBy(raw, e.Outcome, e.By, design, method, e.Level);
        });
        return list.Single(r => r.Domain == e.Domain);
    }
}
