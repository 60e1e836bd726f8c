using System.Globalization;
using System.Runtime.Intrinsics;
using Workbench.Data;

namespace Workbench.Statistics;

/// <summary>
/// A validated survey design as codes: weights, first-stage strata, the clusters of every stage (each nested in the
/// previous one, as R <c>svydesign</c> forces), population sizes per stage, or replicate weights.
/// </summary>
internal sealed class StagedDesign
{
    public required int Rows { get; init; }
    /// <summary>Analysis weights (after calibration, the calibrated weights).</summary>
    public required double[] W { get; init; }
    /// <summary>First-stage stratum of each row.</summary>
    public required int[] Stratum { get; init; }
    /// <summary>Cluster code of each row at each stage; stage s clusters are nested in stage s-1 clusters.</summary>
    public required int[][] Cluster { get; init; }
    /// <summary>Number of clusters per stratum at each stage (stage 0: strata; stage s &gt; 0: clusters of stage s-1).</summary>
    public required int[][] Count { get; init; }
    /// <summary>Population size per stratum at each stage (+∞ without an fpc).</summary>
    public required double[][] Pop { get; init; }
    /// <summary>The stages whose variance R adds: 1, or as many consecutive stages from the first as have an fpc.</summary>
    public required int Effective { get; init; }
    public required LonelyPsu Lonely { get; init; }
    public required string[] StratumLabels { get; init; }
    /// <summary>R <c>degf(design)</c>: first-stage clusters minus strata, or the rank of the replicate weights minus 1.</summary>
    public required int Df { get; init; }

    /// <summary>This design with <see cref="Df"/> set (the replicate patterns, once computed, are kept).</summary>
    internal StagedDesign WithDf(int df) => new()
    {
        Rows = Rows, W = W, Stratum = Stratum, Cluster = Cluster, Count = Count, Pop = Pop, Effective = Effective, Lonely = Lonely,
        StratumLabels = StratumLabels, Df = df, Rep = Rep, RepScale = RepScale, Rscales = Rscales, Calibration = Calibration,
        Calibrated = Calibrated, _patterns = _patterns,
    };
    public double[][]? Rep { get; init; }
    public double RepScale { get; init; }
    public double[] Rscales { get; init; } = [];

    /// <summary>The linearisation's projection of the scores on the calibration (null when not calibrated or replicate).</summary>
    public Calibration? Calibration { get; init; }
    /// <summary>True after post-stratification or raking.</summary>
    public bool Calibrated { get; init; }

    public bool IsReplicate => Rep is not null;

    /// <summary>Validates and encodes <paramref name="design"/> over <paramref name="frame"/>.</summary>
    public static StagedDesign Build(SurveyFrame frame, SurveyDesign design, string[] replicateColumns)
    {
        var n = frame.Rows;
        var errors = new List<DataError>();
        const int max = 100;
        void Add(DataError e) { if (errors.Count < max) errors.Add(e); }
        void Throw() { if (errors.Count > 0) throw new DataValidationException(errors, errors.Count >= max); }
        string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        if (design.Subclusters.Count > 0 && design.Cluster is null)
            throw new ArgumentException("later-stage clusters need a first-stage cluster; give --cluster psu,ssu with the first stage first.");
        if (design.Fpc.Count > 0 && design.Fpc.Count != 1 + design.Subclusters.Count)
            throw new ArgumentException($"{design.Fpc.Count} fpc column(s) for {1 + design.Subclusters.Count} stage(s); give one fpc column per stage (R fpc = ~fpc1 + fpc2; R stops on fewer), or none for sampling with replacement at the first stage.");
        if (design.Replicates is { } rw)
        {
            rw.Validate();
            if (design.Strata is not null || design.Cluster is not null || design.Fpc.Count > 0)
                throw new ArgumentException("a replicate-weight design carries its strata and clusters in the replicate weights (R svrepdesign has no ids or strata); remove --strata, --cluster and --fpc, or drop --replicate-weights.");
        }

        // Weights: given, or from the fpc (R: the product of population over sample size per stage), or 1.
        double[] w;
        if (design.Weight is not null)
        {
            w = frame.Number(design.Weight);
            for (var i = 0; i < n; i++)
                if (!(w[i] > 0 && double.IsFinite(w[i])))
                    Add(frame.Error(i, design.Weight, double.IsNaN(w[i])
                        ? $"weight column '{design.Weight}' is empty; expected a positive finite number. Give every respondent a positive weight or remove the row."
                        : $"weight column '{design.Weight}' has {Num(w[i])}; expected a positive finite number. Give every respondent a positive weight or remove the row."));
            Throw();
        }
        else { w = new double[n]; Array.Fill(w, 1.0); }

        var stratum = new int[n];
        string[] strataLabels = ["(one stratum)"];
        if (design.Strata is not null)
        {
            var (codes, levels) = frame.Label(design.Strata);
            for (var i = 0; i < n; i++)
                if (codes[i] < 0) Add(frame.Error(i, design.Strata, "stratum is empty; every respondent needs a stratum. Fill it in or remove the row."));
            Throw();
            stratum = codes;
            strataLabels = levels;
        }

        var columns = design.Cluster is null ? [] : new[] { design.Cluster }.Concat(design.Subclusters).ToArray();
        var stages = Math.Max(1, columns.Length);
        var cluster = new int[stages][];
        var count = new int[stages][];
        var parentOf = new List<int>[stages];
        for (var s = 0; s < stages; s++)
        {
            cluster[s] = new int[n];
            parentOf[s] = [];
            if (columns.Length == 0)
            {
                // ids = ~1: every respondent is its own cluster.
                for (var i = 0; i < n; i++) { cluster[s][i] = i; parentOf[s].Add(stratum[i]); }
            }
            else
            {
                var (codes, levels) = frame.Label(columns[s]);
                var keys = new Dictionary<(int, int), int>();
                var firstRow = new List<int>();
                for (var i = 0; i < n; i++)
                {
                    if (codes[i] < 0)
                    {
                        Add(frame.Error(i, columns[s], $"cluster column '{columns[s]}' is empty; every respondent needs a cluster at each stage. Fill it in or remove the row."));
                        continue;
                    }
                    var parent = s == 0 ? stratum[i] : cluster[s - 1][i];
                    // Later stages are nested in the previous stage (R interaction(ids[, 1:i])); the first stage in
                    // strata only with nest = TRUE.
                    var key = (s == 0 && !design.Nest ? -1 : parent, codes[i]);
                    if (!keys.TryGetValue(key, out var c))
                    {
                        c = keys.Count; keys.Add(key, c); parentOf[s].Add(parent); firstRow.Add(i);
                    }
                    else if (parentOf[s][c] != parent)
                    {
                        var first = firstRow[c];
                        var where = frame.Lines is null ? $"row {first + 1}" : $"line {frame.Lines[first]}";
                        Add(frame.Error(i, columns[s],
                            $"cluster '{levels[codes[i]]}' is in stratum '{strataLabels[stratum[i]]}' here but in stratum '{strataLabels[parentOf[s][c]]}' at {where}; " +
                            "clusters must be nested in strata. Give clusters labels that are unique across strata, or declare that labels repeat across strata with --nest (R svydesign(nest = TRUE))."));
                    }
                    cluster[s][i] = c;
                }
                Throw();
            }
            var parents = s == 0 ? strataLabels.Length : parentOf[s - 1].Count;
            count[s] = new int[parents];
            foreach (var p in parentOf[s]) count[s][p]++;
        }

        // Population sizes per stage: R as.fpc. All values > 1 anywhere: population sizes; all <= 1: fractions.
        var pop = new double[stages][];
        for (var s = 0; s < stages; s++) { pop[s] = new double[count[s].Length]; Array.Fill(pop[s], double.PositiveInfinity); }
        if (design.Fpc.Count > 0)
        {
            var fpc = design.Fpc.Select(frame.Number).ToArray();
            for (var s = 0; s < fpc.Length; s++)
                for (var i = 0; i < n; i++)
                    if (!(fpc[s][i] > 0))
                        Add(frame.Error(i, design.Fpc[s], double.IsNaN(fpc[s][i])
                            ? $"fpc column '{design.Fpc[s]}' is empty; give the population size (or sampling fraction) of the stratum for every respondent."
                            : $"fpc column '{design.Fpc[s]}' has {Num(fpc[s][i])}; expected a population size > 1 or a sampling fraction in (0, 1]."));
            Throw();
            var isPopSize = fpc.Any(f => f.Any(v => v > 1));
            if (isPopSize && fpc.Any(f => f.Any(v => v < 1)))
            {
                var (ps, pi) = Find(fpc, v => v < 1);
                throw new DataValidationException(new DataError[] { frame.Error(pi, design.Fpc[ps],
                    $"fpc column '{design.Fpc[ps]}' has {Num(fpc[ps][pi])} here but other fpc values are above 1; give either population sizes (all > 1) or sampling fractions (all <= 1), not both (R: 'Must have all fpc>=1 or all fpc<=1').") });
            }
            for (var s = 0; s < fpc.Length; s++)
            {
                var seen = new bool[count[s].Length];
                for (var i = 0; i < n; i++)
                {
                    var h = s == 0 ? stratum[i] : cluster[s - 1][i];
                    var nh = count[s][h];
                    var value = isPopSize ? fpc[s][i] : nh / fpc[s][i];
                    if (!seen[h])
                    {
                        seen[h] = true; pop[s][h] = value;
                        if (value < nh - 1e-9 * nh)
                            Add(frame.Error(i, design.Fpc[s],
                                $"fpc column '{design.Fpc[s]}' gives a population of {Num(value)} for a stratum with {nh} sampled cluster(s) at stage {s + 1}; the population cannot be smaller than the sample. " +
                                "Give the number of units in the population of the stratum (or the sampling fraction), not the sample size of a smaller unit (R: 'FPC implies >100% sampling in some strata')."));
                    }
                    else if (Math.Abs(pop[s][h] - value) > 1e-9 * Math.Abs(value))
                        Add(frame.Error(i, design.Fpc[s],
                            $"fpc column '{design.Fpc[s]}' has {Num(fpc[s][i])} here but another value earlier in the same {(s == 0 ? "stratum" : "cluster of stage " + s)}; the fpc must be constant within a stratum. Correct the value."));
                }
            }
            Throw();
            if (design.Weight is null)
                for (var i = 0; i < n; i++)
                {
                    double prod = 1;
                    for (var s = 0; s < fpc.Length; s++)
                    {
                        var h = s == 0 ? stratum[i] : cluster[s - 1][i];
                        prod *= pop[s][h] / count[s][h];
                    }
                    w[i] = prod;
                }
        }
        var effective = Math.Max(1, Math.Min(stages, design.Fpc.Count));

        if (design.Replicates is not null)
        {
            var rep = new double[replicateColumns.Length][];
            for (var r = 0; r < rep.Length; r++) rep[r] = frame.Number(replicateColumns[r]);
            // The patterns (for R's degf) are computed in the same pass over the replicate columns as the check that
            // every value is a non-negative finite number; only when a value fails are the columns read again for the errors.
            var (patterns, valid) = ReplicatePatterns(rep, w);
            for (var r = 0; r < rep.Length && !valid; r++)
            {
                for (var i = 0; i < n; i++)
                    if (!(rep[r][i] >= 0 && double.IsFinite(rep[r][i])))
                        Add(frame.Error(i, replicateColumns[r], double.IsNaN(rep[r][i])
                            ? $"replicate weight '{replicateColumns[r]}' is empty; replicate weights may not be missing (R svrepdesign stops). Fill it in or remove the row."
                            : $"replicate weight '{replicateColumns[r]}' has {Num(rep[r][i])}; expected a non-negative finite number."));
            }
            Throw();
            if (rep.Length < 2)
                throw new ArgumentException($"only {rep.Length} column starts with '{design.Replicates.Prefix}'; a replicate design needs at least 2 replicate weights. Check the prefix.");
            var (scale, rscales) = design.Replicates.Resolve(rep.Length);
            var repDesign = new StagedDesign
            {
                Rows = n, W = w, Stratum = stratum, Cluster = cluster, Count = count, Pop = pop, Effective = 1, Lonely = design.LonelyPsu,
                StratumLabels = strataLabels, Df = 0, Rep = rep, RepScale = scale, Rscales = rscales, _patterns = patterns,
            };
            return repDesign.WithDf(repDesign.ReplicateRank() - 1);
        }

        // Lonely PSU, "fail": each stratum (at every stage whose variance is used) with a single cluster.
        if (design.LonelyPsu == LonelyPsu.Fail)
        {
            for (var s = 0; s < effective; s++)
                for (var h = 0; h < count[s].Length; h++)
                {
                    if (count[s][h] != 1) continue;
                    var f = double.IsPositiveInfinity(pop[s][h]) ? 1 : (pop[s][h] - 1) / pop[s][h];
                    if (f < 1e-7) continue;
                    var row = s == 0 ? Array.IndexOf(stratum, h) : Array.IndexOf(cluster[s - 1], h);
                    var label = s == 0 ? (design.Strata is null ? "the whole sample" : $"stratum '{strataLabels[h]}'") : $"a cluster of stage {s}";
                    Add(frame.Error(row, s == 0 ? design.Cluster ?? design.Strata ?? "" : columns[s],
                        $"{label} has a single cluster (PSU) at stage {s + 1}, so its variance cannot be estimated (R: 'Stratum has only one PSU at stage {s + 1}'). " +
                        "Merge the stratum with a similar one, or choose how to treat it with --lonely-psu certainty|adjust|average (R options(survey.lonely.psu))."));
                }
            Throw();
        }
        var strataUsed = new HashSet<int>(stratum).Count;
        return new StagedDesign
        {
            Rows = n, W = w, Stratum = stratum, Cluster = cluster, Count = count, Pop = pop, Effective = effective, Lonely = design.LonelyPsu,
            StratumLabels = strataLabels, Df = parentOf[0].Count - strataUsed,
        };
    }

    private static (int Stage, int Row) Find(double[][] values, Func<double, bool> test)
    {
        for (var s = 0; s < values.Length; s++)
            for (var i = 0; i < values[s].Length; i++)
                if (test(values[s][i])) return (s, i);
        return (0, 0);
    }

    private (int[] PatternOf, List<double[]> Patterns)? _patterns;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _ranks = new(StringComparer.Ordinal);

    /// <summary>Each row's pattern of replicate weight over analysis weight, as an index into the distinct patterns
    /// (computed once; rows of one cluster share a pattern in the usual replicate designs).</summary>
    internal (int[] PatternOf, List<double[]> Patterns) Patterns => _patterns ??= ReplicatePatterns(Rep!, W).Patterns;

    /// <summary>
    /// Rank of the replicate weight matrix over <paramref name="rows"/> (all rows when null), as R
    /// <c>qr(weights(design, "analysis"), tol = 1e-5)$rank</c>: scaling and repeating rows leave the rank unchanged,
    /// so the rank is that of the rows' distinct patterns of replicate weight over analysis weight; columns are
    /// orthogonalised in order, a column whose remaining norm is below 1e-5 of its own norm counting as dependent,
    /// as LINPACK dqrdc2's limited pivoting does.
    /// </summary>
    internal int ReplicateRank(int[]? rows = null)
    {
        var (of, patterns) = Patterns;
        if (rows is null) return Rank(patterns, Rep!.Length);
        var seen = new bool[patterns.Count];
        var ids = new List<int>();
        foreach (var i in rows)
            if (!seen[of[i]]) { seen[of[i]] = true; ids.Add(of[i]); }
        // Domains usually span the same patterns (every replicate group): the rank depends only on the set.
        ids.Sort();
        var key = string.Join(",", ids);
        if (_ranks.TryGetValue(key, out var known)) return known;
        var rank = Rank(ids.Select(k => patterns[k]).ToList(), Rep!.Length);
        _ranks.TryAdd(key, rank);
        return rank;
    }

    /// <summary>Each row's pattern index and the distinct patterns, and whether every replicate weight is a
    /// non-negative finite number.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static ((int[], List<double[]>) Patterns, bool Valid) ReplicatePatterns(double[][] rep, double[] w)
    {
        var bad = Vector256<double>.Zero;
        var badScalar = false;
        var zero = Vector256<double>.Zero;
        var inf = Vector256.Create(double.PositiveInfinity);
        var n = w.Length;
        var inv = new double[n];
        for (var i = 0; i < n; i++) inv[i] = 1 / w[i];
        // Two fixed pseudo-random projections of each row's replicate-over-analysis weights rounded to single
        // precision: rows with equal patterns get equal keys (the same operations in the same order); rows equal up to
        // 1e-7 are one pattern (they do not add rank). Splitting a pattern in two would not change the rank either.
        var rng = new Random(20261201);
        var c1 = new double[rep.Length];
        var c2 = new double[rep.Length];
        for (var j = 0; j < rep.Length; j++) { c1[j] = 0.5 + rng.NextDouble(); c2[j] = 0.5 + rng.NextDouble(); }
        var h1 = new double[n];
        var h2 = new double[n];
        // Column by column in blocks of rows, so that every replicate array is read in order and the running keys stay in cache.
        const int block = 2048;
        for (var start = 0; start < n; start += block)
        {
            var end = Math.Min(n, start + block);
            for (var j = 0; j < rep.Length; j++)
            {
                var col = rep[j];
                var i = start;
                if (Vector256.IsHardwareAccelerated)
                {
                    var a1 = Vector256.Create(c1[j]);
                    var a2 = Vector256.Create(c2[j]);
                    for (; i + 8 <= end; i += 8)
                    {
                        var vlo = Vector256.LoadUnsafe(ref col[i]);
                        var vhi = Vector256.LoadUnsafe(ref col[i + 4]);
                        // NaN fails both comparisons, so a value is valid exactly when 0 <= v < +inf.
                        bad |= ~(Vector256.GreaterThanOrEqual(vlo, zero) & Vector256.LessThan(vlo, inf));
                        bad |= ~(Vector256.GreaterThanOrEqual(vhi, zero) & Vector256.LessThan(vhi, inf));
                        var lo = vlo * Vector256.LoadUnsafe(ref inv[i]);
                        var hi = vhi * Vector256.LoadUnsafe(ref inv[i + 4]);
                        var (rlo, rhi) = Vector256.Widen(Vector256.Narrow(lo, hi));
                        (Vector256.LoadUnsafe(ref h1[i]) + rlo * a1).StoreUnsafe(ref h1[i]);
                        (Vector256.LoadUnsafe(ref h1[i + 4]) + rhi * a1).StoreUnsafe(ref h1[i + 4]);
                        (Vector256.LoadUnsafe(ref h2[i]) + rlo * a2).StoreUnsafe(ref h2[i]);
                        (Vector256.LoadUnsafe(ref h2[i + 4]) + rhi * a2).StoreUnsafe(ref h2[i + 4]);
                    }
                }
                for (; i < end; i++)
                {
                    if (!(col[i] >= 0 && col[i] < double.PositiveInfinity)) badScalar = true;
                    double q = (float)(col[i] * inv[i]);
                    h1[i] += q * c1[j];
                    h2[i] += q * c2[j];
                }
            }
        }
        var valid = !badScalar && bad == Vector256<double>.Zero;
        var of = new int[n];
        var patterns = new List<double[]>();
        // Open addressing on the keys' bits: patterns are few (one per cluster or replicate group) and rows many.
        var size = 1024;
        var slots = new int[size];
        var keys1 = new long[size];
        var keys2 = new long[size];
        Array.Fill(slots, -1);
        for (var i = 0; i < n; i++)
        {
            long k1 = BitConverter.DoubleToInt64Bits(h1[i] + 0.0), k2 = BitConverter.DoubleToInt64Bits(h2[i] + 0.0);
            var at = (int)((ulong)(k1 * -7046029254386353131L ^ k2) >> 40) & (size - 1);
            while (slots[at] >= 0 && (keys1[at] != k1 || keys2[at] != k2)) at = (at + 1) & (size - 1);
            if (slots[at] < 0)
            {
                var v = new double[rep.Length];
                for (var j = 0; j < rep.Length; j++) v[j] = rep[j][i] / w[i];
                slots[at] = patterns.Count; keys1[at] = k1; keys2[at] = k2;
                patterns.Add(v);
                if (patterns.Count * 2 > size) (slots, keys1, keys2, size) = Grow(slots, keys1, keys2, size);
                at = -1;
            }
            of[i] = at < 0 ? patterns.Count - 1 : slots[at];
        }
        return ((of, patterns), valid);
    }

    private static (int[], long[], long[], int) Grow(int[] slots, long[] keys1, long[] keys2, int size)
    {
        var n = size * 2;
        var s = new int[n];
        var a = new long[n];
        var b = new long[n];
        Array.Fill(s, -1);
        for (var t = 0; t < size; t++)
        {
            if (slots[t] < 0) continue;
            var at = (int)((ulong)(keys1[t] * -7046029254386353131L ^ keys2[t]) >> 40) & (n - 1);
            while (s[at] >= 0) at = (at + 1) & (n - 1);
            s[at] = slots[t]; a[at] = keys1[t]; b[at] = keys2[t];
        }
        return (s, a, b, n);
    }

    private static int Rank(List<double[]> kept, int r)
    {
        var basis = new List<double[]>();
        for (var j = 0; j < r; j++)
        {
            var v = new double[kept.Count];
            for (var k = 0; k < kept.Count; k++) v[k] = kept[k][j];
            var norm0 = Math.Sqrt(v.Sum(x => x * x));
            foreach (var q in basis)
            {
                double dot = 0;
                for (var k = 0; k < v.Length; k++) dot += q[k] * v[k];
                for (var k = 0; k < v.Length; k++) v[k] -= dot * q[k];
            }
            var norm = Math.Sqrt(v.Sum(x => x * x));
            if (norm0 == 0 || norm < 1e-5 * norm0) continue;
            for (var k = 0; k < v.Length; k++) v[k] /= norm;
            basis.Add(v);
        }
        return basis.Count;
    }
}
