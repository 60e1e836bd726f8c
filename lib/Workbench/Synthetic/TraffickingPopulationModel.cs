namespace Workbench.Synthetic;

/// <summary>One group of the synthetic victim population, with its share and capture probabilities.</summary>
/// <param name="AgeGroup">"minor" or "adult".</param>
/// <param name="Sex">"F" or "M".</param>
/// <param name="Exploitation">"sexual", "labour", "criminal" or "other".</param>
/// <param name="Domestic">"domestic" or "cross_border".</param>
/// <param name="Share">Share of the yearly population in this group (the shares sum to 1).</param>
/// <param name="Capture">
/// Per registry (in <see cref="TraffickingPopulationModel.Lists"/> order) the probability of being on that registry
/// alone for a person of average visibility: the main effect of the log-linear capture model is logit(Capture).
/// </param>
public sealed record TraffickingGroup(string AgeGroup, string Sex, string Exploitation, string Domestic, double Share,
    IReadOnlyList<double> Capture);

/// <summary>
/// The population model behind <c>trafficking-registrations</c>: how many victims there truly are each year, who they
/// are, and how registries capture them. Public so that tests and notebooks can compare an estimate with the truth.
/// </summary>
/// <remarks>
/// Capture of a person with visibility u follows a log-linear model over the 2^5 registration patterns x:
/// P(x) proportional to exp(sum_j x_j (logit(Capture_j) + u) + sum_{j&lt;k} Interactions[j,k] x_j x_k), with
/// u ~ N(0, HeterogeneitySd). Group-specific main effects (registries specialise in forms of exploitation) and u make
/// capture heterogeneous; the interactions make registries dependent (positive: referral between police and
/// shelters; negative: police and the Marechaussee rarely register the same person). The generator averages this
/// over a nine-point grid of u (<see cref="PatternProbabilities"/>) and allocates each group's true count to the
/// patterns by systematic sampling, so the registrations follow the model closely and a multiple systems estimate
/// lands near what the model implies rather than wherever one random draw takes it.
/// </remarks>
/// <param name="YearlyTotals">The true number of victims per year.</param>
/// <param name="Groups">The population groups with their shares and capture probabilities.</param>
/// <param name="Lists">Column names of the registries.</param>
/// <param name="Interactions">Pairwise log-linear interaction between registries (symmetric, zero diagonal).</param>
/// <param name="HeterogeneitySd">Standard deviation of the individual visibility u on the log-odds scale.</param>
public sealed record TraffickingPopulationModel(
    IReadOnlyDictionary<int, int> YearlyTotals,
    IReadOnlyList<TraffickingGroup> Groups,
    IReadOnlyList<string> Lists,
    double[,] Interactions,
    double HeterogeneitySd)
{
    /// <summary>The registries: police, Royal Netherlands Marechaussee, Inspectorate SZW, care and shelter, others.</summary>
    public static IReadOnlyList<string> DefaultLists { get; } =
        ["police", "kmar", "inspectorate_szw", "care_shelter", "other_reporters"];

    /// <summary>The model of the committed data samples (2015-2019, about 6,000-6,500 victims a year).</summary>
    public static TraffickingPopulationModel Default { get; } = CreateDefault();

    /// <summary>The years covered.</summary>
    public IEnumerable<int> Years => YearlyTotals.Keys.Order();

    /// <summary>The true number of victims in <paramref name="year"/>.</summary>
    public int TruePopulation(int year) =>
        YearlyTotals.TryGetValue(year, out var n)
            ? n
            : throw new ArgumentOutOfRangeException(nameof(year), year, "the model has no such year.");

    /// <summary>
    /// The true number of victims per group in <paramref name="year"/>: the total split by the shares with the
    /// largest-remainder method, so the counts are exact integers that sum to <see cref="TruePopulation"/>.
    /// </summary>
    public IReadOnlyList<int> GroupCounts(int year)
    {
        var total = TruePopulation(year);
        var exact = Groups.Select(g => g.Share * total).ToArray();
        var counts = exact.Select(x => (int)Math.Floor(x)).ToArray();
        var left = total - counts.Sum();
        foreach (var i in Enumerable.Range(0, Groups.Count).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(left))
            counts[i]++;
        return counts;
    }

    /// <summary>The true number of victims in <paramref name="year"/> in the groups that satisfy <paramref name="predicate"/>.</summary>
    public int TrueCount(int year, Func<TraffickingGroup, bool> predicate)
    {
        var counts = GroupCounts(year);
        return Enumerable.Range(0, Groups.Count).Where(i => predicate(Groups[i])).Sum(i => counts[i]);
    }

    /// <summary>True number of child victims (minors) of domestic sexual exploitation in <paramref name="year"/> (about 1,300).</summary>
    public int TrueChildDomesticSexual(int year) =>
        TrueCount(year, g => g is { AgeGroup: "minor", Exploitation: "sexual", Domestic: "domestic" });

    /// <summary>True number of victims of labour or criminal exploitation in <paramref name="year"/> (about 1,400).</summary>
    public int TrueLabourOrCriminal(int year) =>
        TrueCount(year, g => g.Exploitation is "labour" or "criminal");

    // Standard normal quantiles at (i + 0.5) / 9, i = 0..8: a fixed grid over which visibility is averaged.
    private static readonly double[] VisibilityGrid =
        [-1.5932188, -0.9674216, -0.5894558, -0.2822893, 0.0, 0.2822893, 0.5894558, 0.9674216, 1.5932188];

    /// <summary>
    /// The probability of each registration pattern (bit j set = on list j; pattern 0 = on no list) for a person of
    /// <paramref name="group"/>, averaged over the visibility distribution (a nine-point quantile grid).
    /// </summary>
    public double[] PatternProbabilities(TraffickingGroup group)
    {
        var k = Lists.Count;
        var patterns = 1 << k;
        var main = group.Capture.Select(p => Math.Log(p / (1 - p))).ToArray();
        var result = new double[patterns];
        var weights = new double[patterns];
        foreach (var z in VisibilityGrid)
        {
            var u = HeterogeneitySd * z;
            var total = 0.0;
            for (var x = 0; x < patterns; x++)
            {
                var eta = 0.0;
                for (var j = 0; j < k; j++)
                {
                    if ((x & (1 << j)) == 0) continue;
                    eta += main[j] + u;
                    for (var l = j + 1; l < k; l++)
                        if ((x & (1 << l)) != 0) eta += Interactions[j, l];
                }
                weights[x] = Math.Exp(eta);
                total += weights[x];
            }
            for (var x = 0; x < patterns; x++) result[x] += weights[x] / total / VisibilityGrid.Length;
        }
        return result;
    }

    private static TraffickingPopulationModel CreateDefault()
    {
        var totals = new Dictionary<int, int> { [2015] = 6_150, [2016] = 6_300, [2017] = 6_450, [2018] = 6_250, [2019] = 6_050 };
        var groups = new List<TraffickingGroup>
        {
            Group("minor", "F", "sexual", "domestic", 0.190),
            Group("minor", "M", "sexual", "domestic", 0.029),
            Group("minor", "F", "sexual", "cross_border", 0.012),
            Group("minor", "M", "criminal", "domestic", 0.030),
            Group("minor", "F", "criminal", "domestic", 0.012),
            Group("minor", "M", "labour", "cross_border", 0.006),
            Group("adult", "F", "sexual", "domestic", 0.189),
            Group("adult", "M", "sexual", "domestic", 0.015),
            Group("adult", "F", "sexual", "cross_border", 0.210),
            Group("adult", "M", "sexual", "cross_border", 0.010),
            Group("adult", "M", "labour", "cross_border", 0.090),
            Group("adult", "F", "labour", "cross_border", 0.030),
            Group("adult", "M", "labour", "domestic", 0.020),
            Group("adult", "M", "criminal", "cross_border", 0.030),
            Group("adult", "F", "criminal", "domestic", 0.010),
            Group("adult", "F", "other", "cross_border", 0.056),
            Group("adult", "F", "other", "domestic", 0.030),
            Group("adult", "M", "other", "cross_border", 0.031),
        };
        var k = DefaultLists.Count;
        var interactions = new double[k, k];
        void Pair(string a, string b, double value)
        {
            var i = IndexOf(a);
            var j = IndexOf(b);
            interactions[i, j] = value;
            interactions[j, i] = value;
        }
        Pair("police", "kmar", -0.5);
        Pair("police", "care_shelter", 1.0);
        return new TraffickingPopulationModel(totals, groups, DefaultLists, interactions, HeterogeneitySd: 0.3);
    }

    private static int IndexOf(string list)
    {
        for (var i = 0; i < DefaultLists.Count; i++)
            if (DefaultLists[i] == list) return i;
        throw new ArgumentException($"unknown registry '{list}'.", nameof(list));
    }

    // Registries specialise: the police see most sexual exploitation, the Marechaussee cross-border cases, the
    // Inspectorate SZW labour exploitation, youth care and other reporters more often minors.
    private static TraffickingGroup Group(string age, string sex, string exploitation, string domestic, double share)
    {
        var minor = age == "minor";
        var police = exploitation switch { "sexual" => 0.14, "criminal" => 0.11, _ => 0.07 };
        var kmar = domestic == "cross_border" ? 0.065 : 0.012;
        var szw = exploitation switch { "labour" => 0.18, "criminal" => 0.04, "other" => 0.025, _ => 0.006 };
        var care = minor ? 0.05 : 0.075;
        var other = minor ? 0.14 : 0.035;
        return new TraffickingGroup(age, sex, exploitation, domestic, share, [police, kmar, szw, care, other]);
    }
}
