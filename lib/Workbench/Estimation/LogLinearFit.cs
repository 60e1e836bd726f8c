using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Workbench.Estimation;

internal enum FitStatus { Ok, NotExist, RankDeficient, NoConvergence }

/// <summary>A design column: nonzero on the cells where all lists of <c>Mask</c> are 1, with value <c>Values[level]</c>
/// there (1 when <c>Values</c> is null).</summary>
internal readonly record struct Column(int Mask, double[]? Values = null);

/// <summary>The outcome of fitting one model.</summary>
internal sealed class FitOutcome
{
    public required FitStatus Status { get; init; }
    public required ModelSpec Model { get; init; }
    public int[] FixedTerms { get; init; } = [];
    public Column[] Columns { get; init; } = [];
    public double[] Beta { get; init; } = [];
    /// <summary>Fitted values by cell index (level * 2^k + pattern); pattern 0 holds the level's dark figure.</summary>
    public double[] Mu { get; init; } = [];
    public bool[] Kept { get; init; } = [];
    public double Deviance { get; init; }
    public double LogLik { get; init; }
    /// <summary>Estimated parameters (design columns): what residual df and likelihood-ratio tests count.</summary>
    public int NPar => Columns.Length;
    /// <summary>
    /// Parameters the AIC/BIC penalty counts: every term of the hierarchical model, the intercept and the terms fixed at
    /// minus infinity included (R MultipleSystemsEstimation <c>fit_hier_model</c>: <c>npars = length(parvec)</c>).
    /// </summary>
    public int PenaltyParameters => Columns.Length + FixedTerms.Length;
    public int KeptCells { get; init; }
    public int Df => KeptCells - NPar;
    public double DarkFigure { get; init; }
    public double[,]? Covariance { get; init; }
    public int Iterations { get; init; }

    /// <summary>BIC (<paramref name="bic"/>: penalty log(observed) per parameter) or AIC (2 per parameter), counting <see cref="PenaltyParameters"/>.</summary>
    public double Criterion(bool bic, double logN) => (bic ? PenaltyParameters * logN : 2.0 * PenaltyParameters) - 2.0 * LogLik;

    public string Reason => Status switch
    {
        FitStatus.NotExist => "mle-does-not-exist",
        FitStatus.RankDeficient => "rank-deficient",
        FitStatus.NoConvergence => "no-convergence",
        _ => "ok",
    };
}


/// <summary>
/// Poisson log-linear fits of hierarchical models to the observable cells of a capture-history table, with the
/// SparseMSE conventions: a term whose sufficient statistic is 0 is fixed at minus infinity (its cells leave the fit);
/// the existence of the MLE is checked whenever a kept cell is 0 (<see cref="ExistenceCheck"/>); a rank-deficient design
/// is reported. Newton-Raphson (IRLS) on small dense systems; thread-safe. The fitters made by <see cref="WithCounts"/>
/// share one cache of designs: a model's design depends on the counts only through which of its terms are fixed at
/// minus infinity, so a bootstrap builds each model's design once and refits it on every replicate's counts (the
/// table's own fitter, which fits each model once, keeps none).
/// </summary>
internal sealed class LogLinearFitter
{
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-15;
    private const double StepTolerance = 1e-5;

    // Shared by the fitters WithCounts makes; null for a table fitted only once (its designs are not kept).
    private readonly DesignCache? _designs;
    private readonly DesignCache? _forReplicates;
    private readonly double[] _statistics;

    public LogLinearFitter(int k, int levels, double[] y, Factor[]? factors = null)
        : this(k, levels, y, factors ?? (levels > 1 ? [Factor.Indicators("", Enumerable.Range(0, levels).ToArray(), levels)] : []), null) { }

    private LogLinearFitter(int k, int levels, double[] y, Factor[] factors, DesignCache? designs)
    {
        K = k;
        L = levels;
        Y = y;
        Factors = factors;
        _designs = designs;
        _forReplicates = designs ?? new DesignCache();
        Observed = 0;
        LogFactorialSum = 0;
        for (var c = 0; c < y.Length; c++)
        {
            if ((c & ((1 << k) - 1)) == 0) continue;
            Observed += y[c];
            LogFactorialSum += SpecialFunctions.GammaLn(y[c] + 1);
        }
        _statistics = Statistics(k, y);
    }

    public LogLinearFitter(CaptureHistories h, Factor[]? factors = null) : this(h.K, h.Levels.Count, h.CountsByCell.Select(v => (double)v).ToArray(), factors) { }

    /// <summary>The same design on other counts (bootstrap replicates); shares the design cache.</summary>
    public LogLinearFitter WithCounts(double[] y) => new(K, L, y, Factors, _forReplicates);

    public int K { get; }
    /// <summary>Covariate factors of the design (default: the crossed covariate levels as one indicator-coded factor).</summary>
    public Factor[] Factors { get; }
    public int L { get; }
    public double[] Y { get; }
    public double Observed { get; }
    private double LogFactorialSum { get; }
    private int P => 1 << K;

    private static double Value(int cell, int k, Column col) =>
        (cell & ((1 << k) - 1) & col.Mask) == col.Mask ? col.Values?[cell >> k] ?? 1.0 : 0.0;

    /// <summary>Sufficient statistic of a list term: people on every list of <paramref name="mask"/>.</summary>
    public double Statistic(int mask) => _statistics[mask];

    /// <summary>People on every list of each mask: the counts summed over levels, then over the patterns containing
    /// the mask (sums of whole counts, exact in any order).</summary>
    private static double[] Statistics(int k, double[] y)
    {
        var p = 1 << k;
        var s = new double[p];
        for (var c = 0; c < y.Length; c++) if ((c & (p - 1)) != 0) s[c & (p - 1)] += y[c];
        for (var i = 0; i < k; i++)
            for (var m = 0; m < p; m++)
                if ((m & (1 << i)) == 0) s[m] += s[m | (1 << i)];
        return s;
    }

    /// <summary>
    /// The design on the kept cells, independent of the counts once the fixed terms are known: row r's nonzero entries
    /// are columns <c>Index[RowStart[r]..RowStart[r + 1]]</c> with values <c>Vals</c> (null: every nonzero entry is 1).
    /// The dense row-major matrix is made on demand (existence programme, covariance).
    /// </summary>
    private sealed class Design(Column[] columns, int[] fixedTerms, int[] cells, bool[] kept, int[] rowStart, int[] index, double[]? vals, int k)
    {
        private double[]? _dense;
        public Column[] Columns { get; } = columns;
        public int[] Fixed { get; } = fixedTerms;
        public int[] Cells { get; } = cells;
        public bool[] Kept { get; } = kept;
        public int[] RowStart { get; } = rowStart;
        public int[] Index { get; } = index;
        public double[]? Vals { get; } = vals;

        public double[] X => _dense ??= Dense();

        private double[] Dense()
        {
            var q = Columns.Length;
            var x = new double[Cells.Length * q];
            for (var r = 0; r < Cells.Length; r++)
                for (var j = 0; j < q; j++) x[r * q + j] = Value(Cells[r], k, Columns[j]);
            return x;
        }
    }

    /// <summary>Designs by model and fixed terms, shared by the fitters of one table's replicates; bounded in size.</summary>
    private sealed class DesignCache
    {
        private const int MaxEntries = 1 << 21; // nonzero design entries kept, about 8-25 MB
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Design> _byKey = new(StringComparer.Ordinal);
        private int _entries;

        public Design GetOrBuild(string key, Func<Design> build)
        {
            if (_byKey.TryGetValue(key, out var d)) return d;
            d = build();
            if (Interlocked.Add(ref _entries, d.Index.Length) <= MaxEntries) d = _byKey.GetOrAdd(key, d);
            return d;
        }
    }

    private Design Build(ModelSpec m, bool withIntercept)
    {
        var fixedTerms = new List<int>();
        foreach (var t in m.Terms) if (Statistic(t) == 0) fixedTerms.Add(t);
        if (_designs is null) return Build(m, withIntercept, fixedTerms);
        var key = $"{m.Key}|{string.Join(",", fixedTerms)}|{(withIntercept ? 1 : 0)}";
        return _designs.GetOrBuild(key, () => Build(m, withIntercept, fixedTerms));
    }

    private Design Build(ModelSpec m, bool withIntercept, List<int> fixedTerms)
    {
        var cols = new List<Column>();
        if (withIntercept) cols.Add(new Column(0));
        foreach (var f in Factors) foreach (var v in f.Columns) cols.Add(new Column(0, v));
        foreach (var p in m.FactorPairs) foreach (var v in Factor.Product(Factors[p / 16], Factors[p % 16])) cols.Add(new Column(0, v));
        for (var i = 0; i < K; i++) cols.Add(new Column(1 << i));
        foreach (var t in m.Terms) if (!fixedTerms.Contains(t)) cols.Add(new Column(t));
        for (var f = 0; f < Factors.Length; f++)
            for (var i = 0; i < K; i++)
                if ((m.ListsOf(f) & (1 << i)) != 0)
                    foreach (var v in Factors[f].Columns) cols.Add(new Column(1 << i, v));
        var kept = new bool[Y.Length];
        var cells = new List<int>();
        for (var c = 0; c < Y.Length; c++)
        {
            var p = c & (P - 1);
            if (p == 0) continue;
            var drop = false;
            foreach (var f in fixedTerms) if ((p & f) == f) { drop = true; break; }
            if (drop) continue;
            kept[c] = true;
            cells.Add(c);
        }
        var q = cols.Count;
        var rowStart = new int[cells.Count + 1];
        var index = new int[cells.Count * q];
        var vals = new double[cells.Count * q];
        var binary = true;
        var count = 0;
        for (var r = 0; r < cells.Count; r++)
        {
            for (var j = 0; j < q; j++)
            {
                var value = Value(cells[r], K, cols[j]);
                if (value == 0) continue;
                if (value != 1) binary = false;
                index[count] = j;
                vals[count++] = value;
            }
            rowStart[r + 1] = count;
        }
        return new Design(cols.ToArray(), fixedTerms.ToArray(), cells.ToArray(), kept, rowStart, index[..count], binary ? null : vals[..count], K);
    }

    /// <summary>Checks existence and rank without fitting (used by stepwise for candidate terms).</summary>
    public FitStatus Check(ModelSpec m)
    {
        var d = Build(m, true);
        return CheckDesign(d);
    }

    private FitStatus CheckDesign(Design d)
    {
        var n = d.Cells.Length;
        var q = d.Columns.Length;
        if (n < q) return FitStatus.RankDeficient;
        if (!CrossProductFullRank(d, positiveOnly: false)) return FitStatus.RankDeficient;
        return CheckExistence(d);
    }

    private FitStatus CheckExistence(Design d)
    {
        var anyZero = false;
        foreach (var c in d.Cells) if (Y[c] == 0) { anyZero = true; break; }
        if (!anyZero || CrossProductFullRank(d, positiveOnly: true)) return FitStatus.Ok;
        var y = new double[d.Cells.Length];
        for (var r = 0; r < y.Length; r++) y[r] = Y[d.Cells[r]];
        return ExistenceCheck.Exists(d.X, d.Cells.Length, d.Columns.Length, y) ? FitStatus.Ok : FitStatus.NotExist;
    }

    /// <summary>The existence of the MLE decided by the linear programme alone, without the rank shortcut of
    /// <see cref="CheckExistence"/> (for tests that the two agree).</summary>
    internal bool ExistsByProgramme(ModelSpec m)
    {
        var d = Build(m, true);
        var y = new double[d.Cells.Length];
        for (var r = 0; r < y.Length; r++) y[r] = Y[d.Cells[r]];
        return ExistenceCheck.Exists(d.X, d.Cells.Length, d.Columns.Length, y);
    }

    /// <summary>
    /// Whether XᵀX over the kept cells (with <paramref name="positiveOnly"/>: only those with a positive count) has full
    /// rank, by a Cholesky factorisation with pivots above 1e-9 × the largest diagonal entry. On the positive cells this
    /// is a sufficient condition for the existence of the MLE: the log-likelihood then has no direction of recession (one
    /// would need a nonzero c with Xc = 0 on the positive cells and Xc ≤ 0 on the zero cells; Fienberg &amp; Rinaldo 2012,
    /// whose criterion depends only on which cells are positive), so the linear programme is needed only when it fails.
    /// </summary>
    private bool CrossProductFullRank(Design d, bool positiveOnly)
    {
        var q = d.Columns.Length;
        var xtx = new double[q * q];
        for (var r = 0; r < d.Cells.Length; r++)
        {
            if (positiveOnly && Y[d.Cells[r]] == 0) continue;
            var start = d.RowStart[r];
            var end = d.RowStart[r + 1];
            for (var ia = start; ia < end; ia++)
                for (var ib = start; ib <= ia; ib++) xtx[d.Index[ia] * q + d.Index[ib]] += d.Vals is null ? 1 : d.Vals[ia] * d.Vals[ib];
        }
        return Cholesky(xtx, q, 1e-9);
    }

    /// <summary>
    /// Fits <paramref name="m"/>. With <paramref name="fixedIntercept"/> the intercept (log dark figure) is held at
    /// that value (profile likelihood; models without covariates only).
    /// </summary>
    public FitOutcome Fit(ModelSpec m, bool covariance = false, double? fixedIntercept = null, bool skipChecks = false)
    {
        var d = Build(m, fixedIntercept is null);
        if (!skipChecks)
        {
            // The rank is checked by the first Newton step (weights y + 0.1 are well scaled); here only existence.
            var status = d.Cells.Length < d.Columns.Length ? FitStatus.RankDeficient : CheckExistence(d);
            if (status != FitStatus.Ok) return new FitOutcome { Status = status, Model = m, FixedTerms = d.Fixed };
        }
        var n = d.Cells.Length;
        var q = d.Columns.Length;
        var rowStart = d.RowStart;
        var index = d.Index;
        var dv = d.Vals;
        var offset = fixedIntercept ?? 0.0;
        var y = new double[n];
        var mu = new double[n];
        var eta = new double[n];
        for (var r = 0; r < n; r++)
        {
            y[r] = Y[d.Cells[r]];
            mu[r] = y[r] + 0.1;
            eta[r] = Math.Log(mu[r]);
        }
        var beta = new double[q];
        var betaNew = new double[q];
        var trial = new double[q];
        var a = new double[q * q];
        var rhs = new double[q];
        // The starting values are not a fit of the model, so the first step is taken whole.
        var dev = double.PositiveInfinity;
        var converged = false;
        var previousStep = double.PositiveInfinity;
        var iter = 0;
        for (; iter < MaxIterations; iter++)
        {
            Array.Clear(a);
            Array.Clear(rhs);
            for (var r = 0; r < n; r++)
            {
                var w = mu[r];
                var wz = w * (eta[r] - offset) + (y[r] - mu[r]);
                var start = rowStart[r];
                var end = rowStart[r + 1];
                if (dv is null)
                    for (var ia = start; ia < end; ia++)
                    {
                        var i = index[ia];
                        rhs[i] += wz;
                        var rowA = i * q;
                        for (var ib = start; ib <= ia; ib++) a[rowA + index[ib]] += w;
                    }
                else
                    for (var ia = start; ia < end; ia++)
                    {
                        var i = index[ia];
                        var wi = w * dv[ia];
                        rhs[i] += wz * dv[ia];
                        var rowA = i * q;
                        for (var ib = start; ib <= ia; ib++) a[rowA + index[ib]] += wi * dv[ib];
                    }
            }
            if (!Cholesky(a, q, iter == 0 ? 1e-10 : 1e-15)) return new FitOutcome { Status = FitStatus.RankDeficient, Model = m, FixedTerms = d.Fixed };
            CholeskySolve(a, q, rhs, betaNew);
            // Step halving keeps the deviance from increasing (the log-likelihood is concave, so this terminates).
            var step = 1.0;
            double newDev;
            while (true)
            {
                for (var j = 0; j < q; j++) trial[j] = beta[j] + step * (betaNew[j] - beta[j]);
                for (var r = 0; r < n; r++)
                {
                    double e = offset;
                    var start = rowStart[r];
                    var end = rowStart[r + 1];
                    if (dv is null) for (var ia = start; ia < end; ia++) e += trial[index[ia]];
                    else for (var ia = start; ia < end; ia++) e += trial[index[ia]] * dv[ia];
                    eta[r] = e;
                    mu[r] = Math.Exp(e);
                }
                newDev = Deviance(y, mu);
                if (double.IsFinite(newDev) && (double.IsPositiveInfinity(dev) || newDev <= dev + 1e-9 * (Math.Abs(dev) + 1)) || step < 1e-6) break;
                step /= 2;
            }
            double maxStep = 0;
            for (var j = 0; j < q; j++) maxStep = Math.Max(maxStep, Math.Abs(trial[j] - beta[j]));
            Array.Copy(trial, beta, q);
            var change = Math.Abs(newDev - dev) / (Math.Abs(newDev) + 0.1);
            dev = newDev;
            // Newton converges quadratically near the optimum: once a full step is below 1e-5 and no larger than 10×
            // the square of the previous one, the remaining error is of order 1e-10 or less. Any full step below 1e-8
            // also ends; the deviance criterion (as R glm, much stricter) covers flat directions.
            var quadratic = maxStep < StepTolerance && maxStep <= 10 * previousStep * previousStep;
            if (iter > 0 && ((step == 1 && (quadratic || maxStep < 1e-8)) || change < Tolerance)) { converged = true; iter++; break; }
            previousStep = step == 1 ? maxStep : double.PositiveInfinity;
        }
        if (!converged || !double.IsFinite(dev)) return new FitOutcome { Status = FitStatus.NoConvergence, Model = m, FixedTerms = d.Fixed };
        var full = new double[Y.Length];
        for (var r = 0; r < n; r++) full[d.Cells[r]] = mu[r];
        double dark = 0;
        for (var l = 0; l < L; l++)
        {
            double e = offset;
            for (var j = 0; j < q; j++) e += beta[j] * Value(l << K, K, d.Columns[j]);
            full[l << K] = Math.Exp(e);
            dark += full[l << K];
        }
        double ll = -LogFactorialSum;
        for (var r = 0; r < n; r++) ll += (y[r] > 0 ? y[r] * Math.Log(mu[r]) : 0) - mu[r];
        double[,]? cov = null;
        if (covariance) cov = Covariance(d, mu, q);
        return new FitOutcome
        {
            Status = FitStatus.Ok, Model = m, FixedTerms = d.Fixed, Columns = d.Columns, Beta = beta, Mu = full,
            Kept = d.Kept, Deviance = dev, LogLik = ll, KeptCells = n, DarkFigure = dark, Covariance = cov, Iterations = iter,
        };
    }

    private static double[,] Covariance(Design d, double[] mu, int q)
    {
        var info = Matrix<double>.Build.Dense(q, q);
        for (var r = 0; r < d.Cells.Length; r++)
            for (var i = 0; i < q; i++)
            {
                var xi = d.X[r * q + i];
                if (xi == 0) continue;
                for (var j = 0; j < q; j++) info[i, j] += mu[r] * xi * d.X[r * q + j];
            }
        return info.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(q)).ToArray();
    }

    /// <summary>Design row of the unobserved cell at each level (for the delta method).</summary>
    public static double[] UnobservedRow(FitOutcome f, int level, int k) =>
        f.Columns.Select(c => Value(level << k, k, c)).ToArray();

    private static double Deviance(double[] y, double[] mu)
    {
        double dev = 0;
        for (var r = 0; r < y.Length; r++)
            dev += 2 * ((y[r] > 0 ? y[r] * Math.Log(y[r] / mu[r]) : 0) - (y[r] - mu[r]));
        return dev;
    }

    /// <summary>In-place lower Cholesky of a symmetric matrix given by its lower triangle; false if a pivot is below tol × max diagonal.</summary>
    internal static bool Cholesky(double[] a, int q, double tol)
    {
        double maxDiag = 0;
        for (var i = 0; i < q; i++) maxDiag = Math.Max(maxDiag, a[i * q + i]);
        if (maxDiag <= 0) return false;
        for (var j = 0; j < q; j++)
        {
            var s = a[j * q + j];
            for (var k = 0; k < j; k++) s -= a[j * q + k] * a[j * q + k];
            if (!(s > tol * maxDiag)) return false;
            var ljj = Math.Sqrt(s);
            a[j * q + j] = ljj;
            for (var i = j + 1; i < q; i++)
            {
                var t = a[i * q + j];
                for (var k = 0; k < j; k++) t -= a[i * q + k] * a[j * q + k];
                a[i * q + j] = t / ljj;
            }
        }
        return true;
    }

    private static void CholeskySolve(double[] l, int q, double[] b, double[] x)
    {
        for (var i = 0; i < q; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= l[i * q + k] * x[k];
            x[i] = s / l[i * q + i];
        }
        for (var i = q - 1; i >= 0; i--)
        {
            var s = x[i];
            for (var k = i + 1; k < q; k++) s -= l[k * q + i] * x[k];
            x[i] = s / l[i * q + i];
        }
    }

    public static int Order(int mask) => BitOperations.PopCount((uint)mask);
}
