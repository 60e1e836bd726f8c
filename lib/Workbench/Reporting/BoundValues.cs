using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Text;

namespace Workbench.Reporting;

/// <summary>
/// Values computed in a notebook that its published text states: narrative placeholders <c>{{ ratio:N1 }}</c>, and
/// titles, subtitles and captions built with <see cref="Text(string, string)"/>. Shown as a cell's result, the values
/// are stored in the executed notebook (MIME type <see cref="PublishedMime.Values"/>), where the report reads them to
/// fill placeholders and <c>workbench verify</c> checks that every number in published text is one of them, a year,
/// an ordinal or a number the ledger publishes with its claim.
/// </summary>
/// <remarks>
/// Names are letters, digits and <c>_</c>, starting with a letter. Values are finite numbers. Bind them once per
/// notebook (a later binding of the same name replaces the earlier one).
/// </remarks>
public sealed class BoundValues
{
    private readonly Dictionary<string, double> _values;

    private BoundValues(Dictionary<string, double> values) => _values = values;

    /// <summary>The bound values by name, in the order they were bound.</summary>
    public IReadOnlyDictionary<string, double> Values => _values;

    /// <summary>Binds <paramref name="values"/> (name, value) for the notebook's published text.</summary>
    /// <exception cref="ArgumentException">A name is not a valid placeholder name, is bound twice here, or a value is not finite.</exception>
    public static BoundValues Of(params (string Name, double Value)[] values)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (!Template.IsName(name))
                throw new ArgumentException($"'{name}' is not a value name: use letters, digits and _, starting with a letter (e.g. unregistered_ratio).", nameof(values));
            if (!double.IsFinite(value))
                throw new ArgumentException($"Value '{name}' is {value.ToString(CultureInfo.InvariantCulture)}: only finite numbers can be stated in text.", nameof(values));
            if (!map.TryAdd(name, value))
                throw new ArgumentException($"Value '{name}' is bound twice in one call.", nameof(values));
        }
        return new BoundValues(map);
    }

    /// <summary>These values and <paramref name="more"/> (a name in both takes the value of <paramref name="more"/>).</summary>
    public BoundValues With(params (string Name, double Value)[] more)
    {
        var added = Of(more);
        var map = new Dictionary<string, double>(_values, StringComparer.Ordinal);
        foreach (var (k, v) in added._values) map[k] = v;
        return new BoundValues(map);
    }

    /// <summary>
    /// A text in both languages with its placeholders (<c>{{ name:FORMAT }}</c>) filled from these values, each formatted
    /// in its language's culture (en-GB, nl-NL). For figure titles and subtitles, table captions and other text that states a number.
    /// </summary>
    /// <exception cref="ArgumentException">A placeholder names a value that is not bound, or its format is not a numeric format.</exception>
    public Bilingual Text(string en, string nl) =>
        Bilingual.Of(Template.Fill(en, _values, Language.En, "English text"), Template.Fill(nl, _values, Language.Nl, "Dutch text"));

    /// <summary>The values as the JSON object the notebook output stores (invariant numbers, round-trip precision).</summary>
    public string ToJson()
    {
        var o = new JsonObject();
        foreach (var (k, v) in _values) o[k] = v;
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>Reads the JSON object <see cref="ToJson"/> writes; entries that are not finite numbers are skipped.</summary>
    public static IReadOnlyDictionary<string, double> Parse(string json)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        if (JsonNode.Parse(json) is not JsonObject o) return map;
        foreach (var (k, v) in o)
            if (v is JsonValue jv && jv.TryGetValue<double>(out var d) && double.IsFinite(d) && Template.IsName(k)) map[k] = d;
        return map;
    }

    /// <summary>One line per value, for the notebook's plain-text view: "unregistered_ratio = 2.29".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("Values bound for the published text:");
        foreach (var (k, v) in _values) sb.Append('\n').Append(k).Append(" = ").Append(v.ToString("G6", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
