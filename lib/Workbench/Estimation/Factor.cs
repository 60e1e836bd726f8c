namespace Workbench.Estimation;

/// <summary>
/// A covariate as it enters the design: a value per crossed covariate level for each of its columns. Indicator
/// (treatment) coding with the first level as reference, as R's default contrasts; or, for year, orthogonal
/// polynomials of a chosen degree in the year's position (as MaartenCruyff/mse <c>model_search</c> with
/// <c>degree_year</c>: <c>poly(as.numeric(year), degree)</c>, i.e. in the level index 1, 2, ...).
/// </summary>
internal sealed class Factor
{
    private Factor(string name, double[][] columns, bool indicator)
    {
        Name = name;
        Columns = columns;
        Indicator = indicator;
    }

    /// <summary>The covariate's name (crossed covariates: their names joined by '|').</summary>
    public string Name { get; }

    /// <summary>Per design column, its value at each crossed level.</summary>
    public double[][] Columns { get; }

    /// <summary>True for indicator coding: the fit then reproduces the observed count of every level.</summary>
    public bool Indicator { get; }

    /// <summary>Indicators of levels 2..n of a factor whose level at crossed level l is <paramref name="levelOf"/>[l].</summary>
    public static Factor Indicators(string name, int[] levelOf, int levels) =>
        new(name, Enumerable.Range(1, levels - 1).Select(j => levelOf.Select(v => v == j ? 1.0 : 0.0).ToArray()).ToArray(), true);

    /// <summary>
    /// Orthogonal polynomials of degree 1..<paramref name="degree"/> in the level index (equally weighted over the
    /// levels, as R <c>poly</c> on a table where every year has the same number of cells), evaluated at each crossed level.
    /// </summary>
    public static Factor Polynomial(string name, int[] levelOf, int levels, int degree)
    {
        if (degree < 1 || degree >= levels)
            throw new MseModelException($"degree_year {degree} must be at least 1 and below the number of years ({levels}).");
        // Gram-Schmidt on 1, x, x^2, ... over the level positions x = 1..levels.
        var basis = new List<double[]> { Enumerable.Repeat(1.0, levels).ToArray() };
        for (var d = 1; d <= degree; d++)
        {
            var v = Enumerable.Range(1, levels).Select(x => Math.Pow(x, d)).ToArray();
            foreach (var b in basis)
            {
                var dot = v.Zip(b, (p, q) => p * q).Sum() / b.Sum(q => q * q);
                for (var i = 0; i < levels; i++) v[i] -= dot * b[i];
            }
            var norm = Math.Sqrt(v.Sum(p => p * p));
            for (var i = 0; i < levels; i++) v[i] /= norm;
            basis.Add(v);
        }
        return new(name, basis.Skip(1).Select(b => levelOf.Select(l => b[l]).ToArray()).ToArray(), false);
    }

    /// <summary>Columns of the interaction of two factors: the products of their columns.</summary>
    public static double[][] Product(Factor a, Factor b) =>
        a.Columns.SelectMany(x => b.Columns.Select(y => x.Zip(y, (p, q) => p * q).ToArray())).ToArray();
}
