using System.Globalization;
using static Workbench.Statistics.Quantiles;

namespace Workbench.Statistics;

/// <summary>The confidence interval methods of R survey 4.1-1 <c>svyciprop</c> for a proportion 0 &lt; p &lt; 1.</summary>
internal static class SvyCiProp
{
    /// <summary>An interval; NaN bounds mean "undefined" and are replaced by the caller with a flagged convention.</summary>
    public readonly record struct Interval(double Lower, double Upper, string? Note = null);

    /// <summary>Inputs shared by the methods.</summary>
    public sealed class Context
    {
        public required double P { get; init; }
        public required double Variance { get; init; }
        public required int N { get; init; }
        public required int Df { get; init; }
        public required double Level { get; init; }
        /// <summary>Fits the survey GLM and returns it with its sandwich variance (only for logit and likelihood).</summary>
        public required Func<(SurveyGlm Glm, double CoefVariance)> Glm { get; init; }
        public required double SumW1 { get; init; }
        public required double SumW0 { get; init; }
    }

    private static double Expit(double x) => Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>"mean": p ± t·SE, truncated to [0, 1] (R reports the untruncated bound).</summary>
    public static Interval Mean(Context c)
    {
        var (p, se, t) = (c.P, Math.Sqrt(c.Variance), T(c));
        double lower = p - t * se, upper = p + t * se;
        return lower >= 0 && upper <= 1 ? new Interval(lower, upper)
            : new Interval(Math.Max(lower, 0), Math.Min(upper, 1),
                "the 'mean' interval p ± t·SE extends beyond [0, 1] and is truncated (R reports the untruncated bound)");
    }

    /// <summary>"xlogit": the Wald interval on the logit scale by the delta method.</summary>
    public static Interval XLogit(Context c)
    {
        var (p, se, t) = (c.P, Math.Sqrt(c.Variance), T(c));
        var l = Math.Log(p / (1 - p));
        var h = t * se / (p * (1 - p));
        return new Interval(Expit(l - h), Expit(l + h));
    }

    /// <summary>"asin": the Wald interval on the arcsine-square-root scale, truncated where the angle passes 0 or π/2.</summary>
    public static Interval Asin(Context c)
    {
        var (p, se, t) = (c.P, Math.Sqrt(c.Variance), T(c));
        var a = Math.Asin(Math.Sqrt(p));
        var h = t * se / (2 * Math.Sqrt(p * (1 - p)));
        // R squares sin() of an angle past 0 or π/2, which folds the bound back into [0, 1]; truncate instead.
        var wraps = a - h < 0 || a + h > Math.PI / 2;
        return new Interval(a - h < 0 ? 0 : Square(Math.Sin(a - h)), a + h > Math.PI / 2 ? 1 : Square(Math.Sin(a + h)),
            wraps ? "the arcsine interval passes 0 or π/2 and is truncated to [0, 1] (R folds the angle back, giving a wrong bound)" : null);
    }

    /// <summary>"beta": Korn and Graubard (1998), beta quantiles at the df-adjusted effective sample size.</summary>
    public static Interval Beta(Context c)
    {
        var alpha = 1 - c.Level;
        var p = c.P;
        var nEff = p * (1 - p) / c.Variance;
        var ratio = Qt(alpha / 2, c.N - 1) / Qt(alpha / 2, c.Df);
        nEff *= ratio * ratio;
        return new Interval(Qbeta(alpha / 2, nEff * p, nEff * (1 - p) + 1), Qbeta(1 - alpha / 2, nEff * p + 1, nEff * (1 - p)));
    }

    /// <summary>"logit": the Wald interval of the intercept-only survey GLM, back-transformed (R's default).</summary>
    public static Interval Logit(Context c)
    {
        var (glm, v) = c.Glm();
        // confint.svyglm(method = "Wald", ddf = df) takes qnorm(pnorm(qt(alpha/2, df))), which equals the t
        // quantile except where pnorm underflows against 1 (df = 1 at 95%: R returns [0, NA]); use t directly.
        var t = T(c);
        var s = Math.Sqrt(v);
        return new Interval(Expit(glm.Coef - t * s), Expit(glm.Coef + t * s));
    }

    /// <summary>qt(1 - alpha/2, df) &gt; 0.</summary>
    private static double T(Context c) => -Qt((1 - c.Level) / 2, c.Df);

    private static double Square(double x) => x * x;

    /// <summary>
    /// R survey's <c>confint.svyglm(method = "likelihood")</c>: a profile of the binomial deviance scaled by the
    /// design-based dispersion (Rao-Scott), sampled as <c>MASSprofile_glm</c> does (steps of zmax/5 standard errors,
    /// at most 9 each way, stopping beyond zmax), smoothed by an fmm spline and inverted at ±t_df·sqrt(λ), where
    /// λ is the ratio of design-based to model-based variance.
    /// </summary>
    public static Interval Likelihood(Context c)
    {
        var (glm, v) = c.Glm();
        var lambda = v / glm.NaiveVariance;
        var alpha = Pnorm(Qt((1 - c.Level) / 2, c.Df) * Math.Sqrt(lambda)) / 2;
        if (!(alpha > 0))
            // R: qf(0, ...) = Inf, so the profile steps are infinite and spline() stops ("'from' must be a finite number").
            return new Interval(double.NaN, double.NaN, string.Create(CultureInfo.InvariantCulture,
                $"the likelihood interval is undefined: with df = {c.Df} and a variance ratio of {lambda:0.#} the scaled tail probability pnorm(qt(α/2, df)·√λ) underflows to 0 (R stops with an error)"));
        // MASSprofile_glm: zmax = sqrt(qf(alpha, 1, n - 1, lower.tail = FALSE)) = qt(1 - alpha/2, n - 1); R's qf
        // switches to qchisq(alpha, 1) (the normal) above 4e5 denominator df, and so does this.
        var zmax = c.N - 1 > 4e5 ? -Qnorm(alpha / 2) : -Qt(alpha / 2, c.N - 1);
        if (!(zmax > 0 && double.IsFinite(zmax)))
            return new Interval(double.NaN, double.NaN, "the likelihood profile has no finite range (R stops with an error)");
        var del = zmax / 5;
        var se = Math.Sqrt(v);
        var dispersion = glm.Dispersion(c.SumW1, c.SumW0, c.N);
        var pts = new List<(double Z, double B)> { (0, glm.Coef) };
        foreach (var sgn in new[] { -1, 1 })
        {
            double z = 0;
            for (var step = 1; step < 10 && Math.Abs(z) < zmax; step++)
            {
                var bi = glm.Coef + sgn * step * del * se;
                var zz = (glm.DevianceAt(SurveyGlm.LinkInv(bi)) - glm.Deviance) / dispersion;
                if (!(zz > -0.001)) return new Interval(double.NaN, double.NaN, "the likelihood profile found a better fit than the IRLS solution");
                zz = Math.Max(zz, 0);
                z = sgn * Math.Sqrt(zz);
                pts.Add((z, bi));
            }
        }
        var sorted = pts.Select((pt, i) => (pt, i)).OrderBy(q => q.pt.Z).ThenBy(q => q.i).Select(q => q.pt).ToArray();
        if (sorted.Any(q => !double.IsFinite(q.Z) || !double.IsFinite(q.B)))
            return new Interval(double.NaN, double.NaN, "the likelihood profile could not be evaluated (a profile point is not finite)");
        var (sx, sy) = ProfileSpline.Spline(sorted.Select(q => q.B).ToArray(), sorted.Select(q => q.Z).ToArray());
        var cut = Qnorm(2 * alpha);
        var lower = ProfileSpline.Approx(sy, sx, cut);
        var upper = ProfileSpline.Approx(sy, sx, -cut);
        return new Interval(Expit(lower), Expit(upper));
    }
}
