using System.CommandLine;
using System.Globalization;
using Workbench.Statistics;

namespace Workbench.Cli.Commands;

/// <summary>
/// The replicate-weight options of <c>workbench survey</c> and <c>workbench prevalence</c> (R <c>svrepdesign</c>:
/// <c>repweights</c>, <c>type</c>, <c>rho</c>, <c>scale</c>, <c>rscales</c>), declared and read in one place.
/// </summary>
internal sealed class ReplicateWeightOptions
{
    private readonly Option<string?> _prefix;
    private readonly Option<string?> _type = new("--replicate-type") { Description = "JK1, JKn, BRR, Fay or bootstrap (R svrepdesign type)." };
    private readonly Option<double?> _rho = new("--rho") { Description = "Fay's rho (0 < rho < 1), for --replicate-type Fay." };
    private readonly Option<double?> _scale = new("--scale") { Description = "Replicate variance scale. Default: R's for the type." };
    private readonly Option<string?> _rscales = new("--rscales") { Description = "Per-replicate scales, comma-separated (required for JKn)." };

    /// <param name="prefixNote">Said after the <c>--replicate-weights</c> description (e.g. which options it replaces), or "".</param>
    public ReplicateWeightOptions(string prefixNote = "")
    {
        _prefix = new("--replicate-weights") { Description = ("Start of the replicate weight column names (e.g. repw for repw1..repw80); needs --replicate-type. " + prefixNote).TrimEnd() };
        _type.AcceptOnlyFromAmong("JK1", "JKn", "BRR", "Fay", "bootstrap");
    }

    /// <summary>The options, in the order the help lists them.</summary>
    public IEnumerable<Option> All => [_prefix, _type, _rho, _scale, _rscales];

    /// <summary>The replicate weights asked for, or null for none.</summary>
    /// <exception cref="ArgumentException">A prefix without a type (or the reverse), a scale option without replicate weights, or a scale that is not a number.</exception>
    public ReplicateWeights? Read(ParseResult parse)
    {
        var prefix = parse.GetValue(_prefix);
        var type = parse.GetValue(_type);
        if ((prefix is null) != (type is null))
            throw new ArgumentException("give --replicate-weights PREFIX and --replicate-type TYPE together (R svrepdesign(repweights = , type = )).");
        if (prefix is null)
        {
            if (parse.GetValue(_rho) is not null || parse.GetValue(_scale) is not null || parse.GetValue(_rscales) is not null)
                throw new ArgumentException("--rho, --scale and --rscales apply to replicate weights; give --replicate-weights and --replicate-type too.");
            return null;
        }
        return new ReplicateWeights(prefix, Enum.Parse<ReplicateType>(type!, ignoreCase: true))
        {
            Rho = parse.GetValue(_rho),
            Scale = parse.GetValue(_scale),
            Rscales = parse.GetValue(_rscales) is { } rs
                ? rs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v =>
                    double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x
                        : throw new ArgumentException($"--rscales has '{v}'; expected numbers separated by commas, e.g. 0.5,0.5,0.667.")).ToArray()
                : null,
        };
    }
}
