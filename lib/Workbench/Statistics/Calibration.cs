using System.Globalization;
using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>How weights are calibrated to population margins.</summary>
public enum CalibrationMethod
{
    /// <summary>Post-stratification on one variable (R <c>postStratify</c>): weights scaled to each category's population.</summary>
    PostStratify,
    /// <summary>Raking (iterative proportional fitting) on one or more margins (R <c>rake</c>, maxit 10, epsilon 1).</summary>
    Rake,
}

/// <summary>One population count: the number of people in <paramref name="Category"/> of <paramref name="Variable"/>.</summary>
/// <param name="Variable">The calibration variable (a column of the data).</param>
/// <param name="Category">A value of that column.</param>
/// <param name="Population">The population count (positive).</param>
public sealed record Margin(string Variable, string Category, double Population);

/// <summary>
/// Population margins for calibration, read from a long CSV <c>variable,category,population</c> (one row per category
/// of each calibration variable), as R <c>postStratify(population = )</c> and <c>rake(population.margins = )</c> take them.
/// </summary>
public sealed record CalibrationMargins
{
    /// <summary>The margins, validated: positive finite populations, no category twice.</summary>
    public IReadOnlyList<Margin> Margins { get; }

    /// <summary>The margins as given.</summary>
    /// <exception cref="ArgumentException">Empty, a non-positive population, or a category given twice.</exception>
    public CalibrationMargins(IReadOnlyList<Margin> margins)
    {
        ArgumentNullException.ThrowIfNull(margins);
        if (margins.Count == 0) throw new ArgumentException("no margins; give one row per category: variable,category,population.");
        foreach (var m in margins)
            if (!(m.Population > 0 && double.IsFinite(m.Population)))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the population of {m.Variable} = '{m.Category}' is {m.Population}; give a positive count."));
        var dup = margins.GroupBy(m => (m.Variable, m.Category)).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"{dup.Key.Variable} = '{dup.Key.Category}' is given {dup.Count()} times; give each category once.");
        Margins = margins.ToArray();
    }

    /// <summary>The calibration variables, in order of first appearance.</summary>
    public IReadOnlyList<string> Variables => Margins.Select(m => m.Variable).Distinct().ToArray();

    /// <summary>Reads <c>variable,category,population</c> (header required); errors name file, line and column.</summary>
    /// <exception cref="DataValidationException">The file is missing, the header differs, or a value is invalid.</exception>
    public static CalibrationMargins ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new DataValidationException(new DataError(path, 0, 0, "margins file not found. Check the path."));
        using var stream = File.OpenRead(path);
        var reader = new CsvRecordReader(stream);
        var fields = new List<CsvField>();
        if (!reader.Next(fields, out _)) throw new DataValidationException(new DataError(path, 1, 0, "the margins file is empty; expected the header variable,category,population."));
        var header = fields.Select(reader.Text).ToArray();
        if (header.Length > 0 && header[0].StartsWith('\uFEFF')) header[0] = header[0][1..];
        if (!header.SequenceEqual(["variable", "category", "population"]))
            throw new DataValidationException(new DataError(path, 1, 0, $"the header is '{string.Join(",", header)}'; expected variable,category,population (one row per category of each calibration variable)."));
        var margins = new List<Margin>();
        var errors = new List<DataError>();
        while (reader.Next(fields, out var line))
        {
            if (fields.Count != 3) { errors.Add(new DataError(path, line, 0, $"the row has {fields.Count} fields; expected 3: variable,category,population.")); continue; }
            var text = reader.Text(fields[2]);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var pop) || !(pop > 0) || !double.IsFinite(pop))
            {
                errors.Add(new DataError(path, line, 3, $"population '{text}' is not a positive number; give the number of people in the category."));
                continue;
            }
            margins.Add(new Margin(reader.Text(fields[0]), reader.Text(fields[1]), pop));
        }
        if (errors.Count > 0) throw new DataValidationException(errors);
        try { return new CalibrationMargins(margins); }
        catch (ArgumentException ex) { throw new DataValidationException(new DataError(path, 0, 0, ex.Message)); }
    }
}

/// <summary>
/// What calibration did to a design, as R survey stores it in <c>design$postStrata</c>: per step the category of
/// each row and the weights before and after. The linearised scores are projected on it before the variance
/// (R <c>svyrecvar</c>): post-stratification subtracts, within each category g, psw·Σ(x·oldw/psw)/Σoldw; raking
/// subtracts psw·mean_g(x/psw) for each margin in turn, ten sweeps (Lumley 2010, 7.2-7.3).
/// </summary>
internal sealed class Calibration
{
    public sealed record Step(int[] Group, int Groups, double[] OldW, double[] NewW);

    public required IReadOnlyList<Step> Steps { get; init; }
    public required bool Raking { get; init; }

    /// <summary>Projects the scores <paramref name="x"/> (one per row, dense) in place.</summary>
    public void Project(double[] x)
    {
        if (!Raking)
        {
            foreach (var s in Steps) PostStratum(s, x);
            return;
        }
        for (var it = 0; it < 10; it++)
            foreach (var s in Steps)
            {
                var sum = new double[s.Groups];
                var cnt = new int[s.Groups];
                for (var i = 0; i < x.Length; i++) { sum[s.Group[i]] += x[i] / s.NewW[i]; cnt[s.Group[i]]++; }
                for (var i = 0; i < x.Length; i++) x[i] -= s.NewW[i] * (sum[s.Group[i]] / cnt[s.Group[i]]);
            }
    }

    private static void PostStratum(Step s, double[] x)
    {
        var num = new double[s.Groups];
        var den = new double[s.Groups];
        for (var i = 0; i < x.Length; i++) { num[s.Group[i]] += x[i] * s.OldW[i] / s.NewW[i]; den[s.Group[i]] += s.OldW[i]; }
        for (var i = 0; i < x.Length; i++) x[i] -= num[s.Group[i]] / den[s.Group[i]] * s.NewW[i];
    }

    /// <summary>Calibrates <paramref name="sample"/>; see <see cref="SurveySample.Calibrate"/>.</summary>
    public static SurveySample Apply(SurveySample sample, CalibrationMargins margins, CalibrationMethod method)
    {
        var d = sample.Staged;
        if (d.Calibration is not null)
            throw new ArgumentException("the sample is already calibrated; calibrate the uncalibrated sample once, with all margins.");
        var frame = sample.Frame;
        var variables = margins.Variables;
        if (method == CalibrationMethod.PostStratify && variables.Count != 1)
            throw new ArgumentException($"post-stratification uses one variable, but the margins give {variables.Count} ({string.Join(", ", variables)}); use --calibration rake for several margins.");
        var n = frame.Rows;
        var groups = new List<(string Variable, int[] Group, double[] Pop)>();
        foreach (var v in variables)
        {
            if (!frame.Labels.ContainsKey(v))
                throw new DataValidationException(new DataError(frame.SourceName, 1, 0, frame.Unknown(v, "calibration ")));
            var (codes, levels) = frame.Label(v);
            var cats = margins.Margins.Where(m => m.Variable == v).ToList();
            var index = cats.Select((m, k) => (m.Category, k)).ToDictionary(p => p.Category, p => p.k, StringComparer.Ordinal);
            var group = new int[n];
            var present = new bool[cats.Count];
            for (var i = 0; i < n; i++)
            {
                if (codes[i] < 0)
                    throw new DataValidationException(new DataError[] { frame.Error(i, v, $"calibration variable '{v}' is empty; every respondent needs a category of each calibration variable (R stops: na.fail). Fill it in or remove the row.") });
                if (!index.TryGetValue(levels[codes[i]], out var g))
                    throw new DataValidationException(new DataError[] { frame.Error(i, v,
                        $"category '{levels[codes[i]]}' of '{v}' is not in the margins (which give {string.Join(", ", cats.Select(c => c.Category))}); add a row {v},{levels[codes[i]]},<population> to the margins file (R: 'Strata in sample absent from population').") });
                group[i] = g;
                present[g] = true;
            }
            var absent = cats.Where((_, k) => !present[k]).Select(c => c.Category).ToList();
            if (absent.Count > 0)
                throw new ArgumentException($"the margins give {v} = {string.Join(", ", absent.Select(a => $"'{a}'"))} but no respondent has that category; remove it from the margins or merge it with another (R: 'Some strata absent from sample').");
            groups.Add((v, group, cats.Select(c => c.Population).ToArray()));
        }
        var totals = groups.Select(g => g.Pop.Sum()).ToArray();
        for (var k = 1; k < totals.Length; k++)
            if (Math.Abs(totals[k] - totals[0]) > 1e-9 * totals[0])
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"the margins of {groups[0].Variable} sum to {totals[0]:R} but those of {groups[k].Variable} to {totals[k]:R}; every margin must sum to the same population size for raking to converge. Correct the margins."));

        var w = (double[])d.W.Clone();
        var rep = d.Rep?.Select(r => (double[])r.Clone()).ToArray();
        List<Step> steps = [];
        void PostStratify((string Variable, int[] Group, double[] Pop) g)
        {
            var k = g.Pop.Length;
            var sum = new double[k];
            for (var i = 0; i < n; i++) sum[g.Group[i]] += w[i];
            var old = (double[])w.Clone();
            for (var i = 0; i < n; i++) w[i] *= g.Pop[g.Group[i]] / sum[g.Group[i]];
            steps.Add(new Step(g.Group, k, old, (double[])w.Clone()));
            if (rep is null) return;
            // R postStratify.svyrep.design (combined weights): each replicate scaled to the population in its own right.
            foreach (var r in rep)
            {
                var rs = new double[k];
                for (var i = 0; i < n; i++) rs[g.Group[i]] += r[i];
                for (var i = 0; i < n; i++) r[i] *= g.Pop[g.Group[i]] / rs[g.Group[i]];
            }
        }
        if (method == CalibrationMethod.PostStratify) PostStratify(groups[0]);
        else
        {
            // R rake(control = list(maxit = 10, epsilon = 1)): sweep over the margins until no cell of their cross
            // table changes by 1 or more (in weight units).
            var cell = CrossCells(groups.Select(g => g.Group).ToArray(), n, out var cells);
            double[] Table()
            {
                var t = new double[cells];
                for (var i = 0; i < n; i++) t[cell[i]] += w[i];
                return t;
            }
            var oldTable = Table();
            for (var iter = 0; iter < 10; iter++)
            {
                steps = [];
                foreach (var g in groups) PostStratify(g);
                var newTable = Table();
                var delta = oldTable.Zip(newTable, (a, b) => Math.Abs(a - b)).Max();
                if (delta < 1) break;
                oldTable = newTable;
            }
        }
        var calibrated = new StagedDesign
        {
            Rows = d.Rows, W = w, Stratum = d.Stratum, Cluster = d.Cluster, Count = d.Count, Pop = d.Pop, Effective = d.Effective,
            Lonely = d.Lonely, StratumLabels = d.StratumLabels, Rep = rep, RepScale = d.RepScale, Rscales = d.Rscales,
            Df = d.Df,
            Calibration = rep is null ? new Calibration { Steps = steps, Raking = method == CalibrationMethod.Rake } : null,
            Calibrated = true,
        };
        if (rep is not null) calibrated = calibrated.WithDf(calibrated.ReplicateRank() - 1);
        return sample.WithStaged(calibrated);
    }

    private static int[] CrossCells(int[][] groups, int n, out int cells)
    {
        var map = new Dictionary<long, int>();
        var cell = new int[n];
        for (var i = 0; i < n; i++)
        {
            long key = 0;
            foreach (var g in groups) key = key * 1_000_003 + g[i];
            if (!map.TryGetValue(key, out var c)) { c = map.Count; map.Add(key, c); }
            cell[i] = c;
        }
        cells = map.Count;
        return cell;
    }
}
