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
/// the existence of the MLE is checked by a linear programme (<see cref="ExistenceCheck"/>) whenever a kept cell is
/// 0; a rank-deficient design is reported. Newton-Raphson (IRLS) on small dense systems; thread-safe.
/// </summary>
internal sealed class LogLinearFitter
{
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-15;
    private const double StepTolerance = 1e-5;

    public LogLinearFitter(int k, int levels, double[] y, Factor[]? factors = null)
    {
        K = k;
        L = levels;
        Y = y;
        Factors = factors ?? (levels > 1 ? [Factor.Indicators("", Enumerable.Range(0, levels).ToArray(), levels)] : []);
        Observed = 0;
        LogFactorialSum = 0;
        for (var c = 0; c < y.Length; c++)
        {
            if ((c & ((1 << k) - 1)) == 0) continue;
            Observed += y[c];
            LogFactorialSum += SpecialFunctions.GammaLn(y[c] + 1);
        }
    }

    public LogLinearFitter(CaptureHistories h, Factor[]? factors = null) : this(h.K, h.Levels.Count, h.CountsByCell.Select(v => (double)v).ToArray(), factors) { }

    /// <summary>The same design on other counts (bootstrap replicates).</summary>
    public LogLinearFitter WithCounts(double[] y) => new(K, L, y, Factors);

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
    public double Statistic(int mask)
    {
        double s = 0;
        for (var c = 0; c < Y.Length; c++) if (((c & (P - 1)) & mask) == mask && (c & (P - 1)) != 0) s += Y[c];
        return s;
    }

    /// <summary>The design on the kept cells: dense (row-major) and as the column indices of each row's nonzero entries,
    /// with their values when some entry is not 1 (<c>Vals</c> null: every nonzero entry is 1).</summary>
    private sealed record Design(Column[] Columns, int[] Fixed, int[] Cells, bool[] Kept, double[] X, int[][] Ones, double[][]? Vals);

    private Design Build(ModelSpec m, bool withIntercept)
    {
        var cols = new List<Column>();
        if (withIntercept) cols.Add(new Column(0));
        foreach (var f in Factors) foreach (var v in f.Columns) cols.Add(new Column(0, v));
        foreach (var p in m.FactorPairs) foreach (var v in Factor.Product(Factors[p / 16], Factors[p % 16])) cols.Add(new Column(0, v));
        for (var i = 0; i < K; i++) cols.Add(new Column(1 << i));
        var fixedTerms = new List<int>();
        foreach (var t in m.Terms)
        {
            if (Statistic(t) == 0) fixedTerms.Add(t);
            else cols.Add(new Column(t));
        }
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
        var x = new double[cells.Count * q];
        var nz = new int[cells.Count][];
        var vals = new double[cells.Count][];
        var binary = true;
        var buffer = new int[q];
        var values = new double[q];
        for (var r = 0; r < cells.Count; r++)
        {
            var count = 0;
            for (var j = 0; j < q; j++)
            {
                var value = Value(cells[r], K, cols[j]);
                if (value == 0) continue;
                x[r * q + j] = value;
                if (value != 1) binary = false;
                values[count] = value;
                buffer[count++] = j;
            }
            nz[r] = buffer[..count];
            vals[r] = values[..count];
        }
        return new Design(cols.ToArray(), fixedTerms.ToArray(), cells.ToArray(), kept, x, nz, binary ? null : vals);
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
        var xtx = new double[q * q];
        for (var r = 0; r < n; r++)
        {
            var ones = d.Ones[r];
            var vals = d.Vals?[r];
            for (var ia = 0; ia < ones.Length; ia++)
                for (var ib = 0; ib <= ia; ib++) xtx[ones[ia] * q + ones[ib]] += vals is null ? 1 : vals[ia] * vals[ib];
        }
        if (!Cholesky(xtx, q, 1e-9)) return FitStatus.RankDeficient;
        return CheckExistence(d);
    }

    private FitStatus CheckExistence(Design d)
    {
        var n = d.Cells.Length;
        var q = d.Columns.Length;
        var anyZero = false;
        foreach (var c in d.Cells) if (Y[c] == 0) { anyZero = true; break; }
        if (anyZero)
        {
            var y = d.Cells.Select(c => Y[c]).ToArray();
            if (!ExistenceCheck.Exists(d.X, n, q, y)) return FitStatus.NotExist;
        }
        return FitStatus.Ok;
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
                var ones = d.Ones[r];
                var vals = d.Vals?[r];
                if (vals is null)
                    for (var ia = 0; ia < ones.Length; ia++)
                    {
                        var i = ones[ia];
                        rhs[i] += wz;
                        var rowA = i * q;
                        for (var ib = 0; ib <= ia; ib++) a[rowA + ones[ib]] += w;
                    }
                else
                    for (var ia = 0; ia < ones.Length; ia++)
                    {
                        var i = ones[ia];
                        var wi = w * vals[ia];
                        rhs[i] += wz * vals[ia];
                        var rowA = i * q;
                        for (var ib = 0; ib <= ia; ib++) a[rowA + ones[ib]] += wi * vals[ib];
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
                    var ones = d.Ones[r];
                    var vals = d.Vals?[r];
                    if (vals is null) foreach (var j in ones) e += trial[j];
                    else for (var ia = 0; ia < ones.Length; ia++) e += trial[ones[ia]] * vals[ia];
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
