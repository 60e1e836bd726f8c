using System.Globalization;

namespace Workbench.Statistics;

/// <summary>How replicate weights were made (R <c>svrepdesign(type = ...)</c>); it sets the default scale.</summary>
public enum ReplicateType
{
    /// <summary>Delete-one jackknife, unstratified: scale (R - 1)/R.</summary>
    JK1,
    /// <summary>Stratified delete-one jackknife: scale 1, per-replicate <see cref="ReplicateWeights.Rscales"/> (n_h - 1)/n_h required.</summary>
    JKn,
    /// <summary>Balanced repeated replication (half samples): scale 1/R.</summary>
    BRR,
    /// <summary>Fay's modified BRR with <see cref="ReplicateWeights.Rho"/>: scale 1/(R (1 - ρ)²).</summary>
    Fay,
    /// <summary>Bootstrap: scale 1/(R - 1).</summary>
    Bootstrap,
}

/// <summary>
/// Replicate weights of a design, as R <c>svrepdesign(repweights = "prefix", type = ..., combined.weights = TRUE)</c>:
/// every column whose name starts with <see cref="Prefix"/> (in file order) is one replicate's full analysis weight.
/// The variance of an estimate θ is scale · Σ_r rscales_r (θ_r - θ̄)², θ̄ the mean of the replicates (R's default
/// <c>mse = FALSE</c>). Options are checked when set.
/// </summary>
/// <remarks>Wolter (2007), Introduction to Variance Estimation, chapters 3-5; Lumley (2010), Complex Surveys, 2.3.</remarks>
public sealed record ReplicateWeights
{
    /// <summary>Creates replicate weights from the columns starting with <paramref name="prefix"/>.</summary>
    /// <param name="prefix">Start of the replicate weight column names, e.g. "repw" for repw1 ... repw80.</param>
    /// <param name="type">How they were made.</param>
    public ReplicateWeights(string prefix, ReplicateType type)
    {
        Prefix = prefix;
        Type = type;
    }

    /// <summary>Start of the replicate weight column names.</summary>
    public string Prefix
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("give the start of the replicate weight column names, e.g. \"repw\" for repw1, repw2, ...", nameof(Prefix))
            : value;
    }

    /// <summary>How the replicates were made.</summary>
    public ReplicateType Type { get; init; }

    /// <summary>Fay's ρ (0 &lt; ρ &lt; 1), required for <see cref="ReplicateType.Fay"/> and not allowed otherwise; default null.</summary>
    public double? Rho
    {
        get;
        init => field = value is null or (> 0 and < 1) ? value : throw new ArgumentOutOfRangeException(nameof(Rho), value,
            string.Create(CultureInfo.InvariantCulture, $"Fay's rho must lie strictly between 0 and 1, e.g. 0.3 or 0.5; got {value}."));
    }

    /// <summary>Overall scale of the variance; default null: R's default for the type (JK1 (R-1)/R, BRR 1/R,
    /// Fay 1/(R(1-ρ)²), bootstrap 1/(R-1), JKn 1). Not allowed for BRR and Fay, whose scale is fixed.</summary>
    public double? Scale
    {
        get;
        init => field = value is null or > 0 && (value is null || double.IsFinite(value.Value)) ? value
            : throw new ArgumentOutOfRangeException(nameof(Scale), value, "the replicate scale must be a positive finite number, e.g. 0.9875 for 80 JK1 replicates.");
    }

    /// <summary>Per-replicate scales (one per replicate, or one for all); default null: 1 for each (JKn requires them).</summary>
    public IReadOnlyList<double>? Rscales
    {
        get;
        init => field = value is null ? null
            : value.Count > 0 && value.All(v => v >= 0 && double.IsFinite(v)) ? value.ToArray()
            : throw new ArgumentException("rscales must be non-negative finite numbers, one per replicate (or one for all).", nameof(Rscales));
    }

    /// <summary>Checks the combination of type, ρ and scales (called when the design is built).</summary>
    internal void Validate()
    {
        if (Type == ReplicateType.Fay && Rho is null)
            throw new ArgumentException("Fay replicate weights need rho (R svrepdesign(type = \"Fay\", rho = ...)); give --rho, e.g. 0.3.");
        if (Type != ReplicateType.Fay && Rho is not null)
            throw new ArgumentException($"rho applies only to Fay replicate weights; remove it or use --replicate-type Fay (type is {Type}).");
        if (Type is ReplicateType.BRR or ReplicateType.Fay && Scale is not null)
            throw new ArgumentException($"the scale of {Type} replicate weights is fixed by the number of replicates{(Type == ReplicateType.Fay ? " and rho" : "")}; remove the scale.");
        if (Type == ReplicateType.JKn && Rscales is null)
            throw new ArgumentException("JKn replicate weights need rscales, (n_h - 1)/n_h for each replicate (R svrepdesign stops: 'Must provide rscales for combined JKn weights'); give --rscales.");
    }

    /// <summary>The scale and per-replicate scales for <paramref name="replicates"/> replicates, as R sets them.</summary>
    internal (double Scale, double[] Rscales) Resolve(int replicates)
    {
        if (Rscales is { } rs && rs.Count != 1 && rs.Count != replicates)
            throw new ArgumentException($"rscales has {rs.Count} values but there are {replicates} replicate weight columns starting with '{Prefix}'; give one per replicate (or one for all).");
        var rscales = new double[replicates];
        for (var r = 0; r < replicates; r++) rscales[r] = Rscales is null ? 1 : Rscales.Count == 1 ? Rscales[0] : Rscales[r];
        var scale = Type switch
        {
            ReplicateType.BRR => 1.0 / replicates,
            ReplicateType.Fay => 1.0 / (replicates * (1 - Rho!.Value) * (1 - Rho.Value)),
            ReplicateType.Bootstrap => Scale ?? 1.0 / (replicates - 1),
            ReplicateType.JK1 => Scale ?? (replicates - 1.0) / replicates,
            _ => Scale ?? 1.0,
        };
        return (scale, rscales);
    }
}
