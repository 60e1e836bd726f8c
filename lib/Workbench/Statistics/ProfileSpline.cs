namespace Workbench.Statistics;

/// <summary>
/// R's <c>spline(method = "fmm")</c> (Forsythe, Malcolm and Moler cubic spline, R splines.c) and
/// <c>approx(rule = 1)</c>, as used by <c>confint_profile</c> to invert a likelihood profile.
/// </summary>
internal static class ProfileSpline
{
    /// <summary>
    /// R <c>spline(x, y)</c>: the spline through (x, y) at 3·n equally spaced points, n the number of distinct x. As R's
    /// <c>regularize.values</c>, the points are first sorted by x (stably) and y is averaged over tied x: a likelihood
    /// profile that saturates (the fitted probability clamped at R's 2.2e-16) has z in order but not its parameter.
    /// </summary>
    public static (double[] X, double[] Y) Spline(double[] xs, double[] ys)
    {
        var (x, y) = Regularize(xs, ys);
        var n = x.Length;
        if (n < 2) return (x, y); // R stops here ("need at least two non-NA values"); callers check for 2 or more
        var (b, c, d) = FmmCoefficients(x, y);
        var nout = 3 * n;
        var xout = SeqLength(x[0], x[n - 1], nout);
        var yout = new double[nout];
        var i = 0;
        for (var l = 0; l < nout; l++)
        {
            var ul = xout[l];
            if (ul < x[i] || (i < n - 1 && x[i + 1] < ul))
            {
                i = 0;
                var j = n;
                do
                {
                    var k = (i + j) / 2;
                    if (ul < x[k]) j = k; else i = k;
                } while (j > i + 1);
            }
            var dx = ul - x[i];
            yout[l] = y[i] + dx * (b[i] + dx * (c[i] + dx * d[i]));
        }
        return (xout, yout);
    }

    /// <summary>Sorted by x (stable), y averaged over tied x (R <c>regularize.values(ties = mean)</c>).</summary>
    private static (double[] X, double[] Y) Regularize(double[] x, double[] y)
    {
        var order = Enumerable.Range(0, x.Length).OrderBy(k => x[k]).ToArray();
        var xs = new List<double>(); var ys = new List<double>(); var counts = new List<int>();
        foreach (var k in order)
        {
            if (xs.Count > 0 && xs[^1] == x[k]) { ys[^1] += y[k]; counts[^1]++; }
            else { xs.Add(x[k]); ys.Add(y[k]); counts.Add(1); }
        }
        for (var k = 0; k < ys.Count; k++) ys[k] /= counts[k];
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>R <c>seq.int(from, to, length.out = n)</c>, filled from both ends as R's C code does.</summary>
    private static double[] SeqLength(double from, double to, int n)
    {
        var r = new double[n];
        r[0] = from;
        if (n > 1) r[n - 1] = to;
        if (n > 2)
        {
            var by = (to - from) / (n - 1);
            for (var i = 1; i < n - 1; i++) r[i] = i < n / 2 ? from + i * by : to - (n - 1 - i) * by;
        }
        return r;
    }

    private static (double[] B, double[] C, double[] D) FmmCoefficients(double[] xs, double[] ys)
    {
        var n = xs.Length;
        // 1-based copies, following R's splines.c fmm_spline line by line.
        var x = new double[n + 1]; var y = new double[n + 1];
        var b = new double[n + 1]; var c = new double[n + 1]; var d = new double[n + 1];
        for (var k = 0; k < n; k++) { x[k + 1] = xs[k]; y[k + 1] = ys[k]; }
        if (n < 3)
        {
            var t0 = y[2] - y[1];
            b[1] = t0 / (x[2] - x[1]); b[2] = b[1];
            return (b[1..], c[1..], d[1..]);
        }
        var nm1 = n - 1;
        d[1] = x[2] - x[1];
        c[2] = (y[2] - y[1]) / d[1];
        for (var i = 2; i < n; i++)
        {
            d[i] = x[i + 1] - x[i];
            b[i] = 2.0 * (d[i - 1] + d[i]);
            c[i + 1] = (y[i + 1] - y[i]) / d[i];
            c[i] = c[i + 1] - c[i];
        }
        b[1] = -d[1];
        b[n] = -d[nm1];
        c[1] = c[n] = 0.0;
        if (n > 3)
        {
            c[1] = c[3] / (x[4] - x[2]) - c[2] / (x[3] - x[1]);
            c[n] = c[nm1] / (x[n] - x[n - 2]) - c[n - 2] / (x[nm1] - x[n - 3]);
            c[1] = c[1] * d[1] * d[1] / (x[4] - x[1]);
            c[n] = -c[n] * d[nm1] * d[nm1] / (x[n] - x[n - 3]);
        }
        for (var i = 2; i <= n; i++)
        {
            var t = d[i - 1] / b[i - 1];
            b[i] = b[i] - t * d[i - 1];
            c[i] = c[i] - t * c[i - 1];
        }
        c[n] = c[n] / b[n];
        for (var i = nm1; i >= 1; i--) c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
        b[n] = (y[n] - y[n - 1]) / d[n - 1] + d[n - 1] * (c[n - 1] + 2.0 * c[n]);
        for (var i = 1; i <= nm1; i++)
        {
            b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2.0 * c[i]);
            d[i] = (c[i + 1] - c[i]) / d[i];
            c[i] = 3.0 * c[i];
        }
        c[n] = 3.0 * c[n];
        d[n] = d[nm1];
        return (b[1..], c[1..], d[1..]);
    }

    /// <summary>
    /// R <c>approx(x, y, xout, rule = 1, ties = mean)</c>: sorts by x (stable), averages ties, interpolates linearly;
    /// NaN outside the range of x.
    /// </summary>
    public static double Approx(double[] x, double[] y, double v)
    {
        var (xs, ys) = Regularize(x, y);
        var n = xs.Length;
        if (n == 0 || double.IsNaN(v) || v < xs[0] || v > xs[n - 1]) return double.NaN;
        int i = 0, j = n - 1;
        while (i < j - 1)
        {
            var ij = (i + j) / 2;
            if (v < xs[ij]) j = ij; else i = ij;
        }
        if (v == xs[j]) return ys[j];
        if (v == xs[i]) return ys[i];
        return ys[i] + (ys[j] - ys[i]) * ((v - xs[i]) / (xs[j] - xs[i]));
    }
}
