namespace Workbench.Statistics;

/// <summary>
/// The intercept-only quasi-binomial survey GLM that R survey 4.1-1 fits in <c>svyciprop(method = "logit")</c> and
/// <c>"likelihood"</c> (<c>svyglm(y ~ 1, design, family = quasibinomial)</c>), reproduced step by step: R's IRLS
/// (<c>glm.fit</c>, epsilon 1e-8, at most 25 iterations) on weights rescaled to mean 1, the sandwich variance of the
/// coefficient, the naive (model) variance from the last IRLS weights, and the design-based dispersion.
/// </summary>
internal sealed class SurveyGlm
{
    /// <summary>Fitted log-odds (R <c>coef(m)</c>).</summary>
    public double Coef { get; private init; }
    /// <summary>Fitted probability expit(Coef).</summary>
    public double Mu { get; private init; }
    /// <summary>Residual deviance at the fit.</summary>
    public double Deviance { get; private init; }
    /// <summary>Naive variance of the coefficient, 1/Σ(last IRLS weights) (R <c>summary(glm)$cov.unscaled</c>).</summary>
    public double NaiveVariance { get; private init; }
    /// <summary>Σ rescaled weights with outcome 1.</summary>
    public double A { get; private init; }
    /// <summary>Σ rescaled weights with outcome 0.</summary>
    public double B { get; private init; }

    private const double Thresh = 30, MThresh = -30, DblEpsilon = 2.220446049250313e-16;

    /// <summary>R's logit link inverse (C <c>logit_linkinv</c>).</summary>
    public static double LinkInv(double eta)
    {
        var t = eta < MThresh ? DblEpsilon : eta > Thresh ? 1 / DblEpsilon : Math.Exp(eta);
        return t / (1 + t);
    }

    /// <summary>R's d mu / d eta for the logit link (C <c>logit_mu_eta</c>).</summary>
    public static double MuEta(double eta)
    {
        var opexp = 1 + Math.Exp(eta);
        return eta > Thresh || eta < MThresh ? DblEpsilon : Math.Exp(eta) / (opexp * opexp);
    }

    /// <summary>Binomial deviance Σ 2 w (y log(y/μ) + (1-y) log((1-y)/(1-μ))) at a constant μ.</summary>
    public double DevianceAt(double mu) => 2 * (A * Math.Log(1 / mu) + B * Math.Log(1 / (1 - mu)));

    public static SurveyGlm Fit(EncodedDesign design, ReadOnlySpan<int> rows, double sumWeights) => Fit(design.Weights, design.Y, rows, sumWeights);

    /// <summary>The fit on weights <paramref name="w"/> and 0/1 outcome <paramref name="y"/> over <paramref name="rows"/>.</summary>
    public static SurveyGlm Fit(double[] w, double[] y, ReadOnlySpan<int> rows, double sumWeights)
    {
        var mean = sumWeights / rows.Length;
        double a = 0, b = 0, devOld = 0, sw2 = 0, sw2z = 0;
        foreach (var r in rows)
        {
            var wt = w[r] / mean;
            var yi = y[r];
            if (yi == 1) a += wt; else b += wt;
            // glm.fit's binomial initialisation: mustart = (w y + 0.5) / (w + 1), row by row. R then takes
            // eta = logit(mustart), mu = expit(eta) and mu.eta = mu(1 - mu); those equal mustart and
            // mustart(1 - mustart) up to rounding, which the later iterations wash out, so two logs per row suffice.
            var ms = (wt * yi + 0.5) / (wt + 1);
            var oneMinus = yi == 1 ? 0.5 / (wt + 1) : 1 - ms;
            var lm = Math.Log(ms); var l1m = Math.Log(oneMinus);
            var eta0 = lm - l1m;
            devOld -= 2 * wt * (yi == 1 ? lm : l1m);
            var me = ms * oneMinus;
            var z = eta0 + (yi - ms) / me;
            var w2 = wt * me;
            sw2 += w2; sw2z += w2 * z;
        }
        var fit = new SurveyGlm { A = a, B = b };
        var coef = sw2z / sw2;
        var mu = LinkInv(coef);
        var dev = fit.DevianceAt(mu);
        var n = a + b;
        for (var iter = 2; iter <= 25 && !(Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < 1e-8); iter++)
        {
            devOld = dev;
            var me = MuEta(coef);
            sw2 = n * me * me / (mu * (1 - mu));
            coef += (a * (1 - mu) - b * mu) / (me * n);
            mu = LinkInv(coef);
            dev = fit.DevianceAt(mu);
        }
        return new SurveyGlm { A = a, B = b, Coef = coef, Mu = mu, Deviance = dev, NaiveVariance = 1 / sw2 };
    }

    /// <summary>
    /// R survey's <c>summary.svyglm</c> dispersion: the design-weighted variance (divisor n - 1) of the Pearson
    /// residuals (y - μ)/sqrt(μ(1-μ)).
    /// </summary>
    public double Dispersion(double sumW1, double sumW0, int n)
    {
        var s = Math.Sqrt(Mu * (1 - Mu));
        var r1 = (1 - Mu) / s; var r0 = (0 - Mu) / s;
        var total = sumW1 + sumW0;
        var rbar = (sumW1 * r1 + sumW0 * r0) / total;
        var scale = (double)n / (n - 1);
        return (sumW1 * (r1 - rbar) * (r1 - rbar) * scale + sumW0 * (r0 - rbar) * (r0 - rbar) * scale) / total;
    }
}
