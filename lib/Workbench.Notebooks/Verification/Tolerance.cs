using System.Globalization;
using System.Text.RegularExpressions;

namespace Workbench.Notebooks.Verification;

/// <summary>Numeric tolerance for verify: two numbers agree when |fresh - stored| &lt;= Atol + Rtol * |stored| (numpy.isclose).</summary>
/// <param name="Rtol">Relative tolerance. Default 1e-9.</param>
/// <param name="Atol">Absolute tolerance. Default 0.</param>
public sealed record Tolerance(double Rtol = 1e-9, double Atol = 0)
{
    /// <summary>True when the two numbers agree within the tolerance.</summary>
    public bool Close(double stored, double fresh) =>
        stored.Equals(fresh) || Math.Abs(fresh - stored) <= Atol + Rtol * Math.Abs(stored);
}

/// <summary>Compares text with the numbers inside it compared within a tolerance.</summary>
public static partial class TextComparer
{
    /// <summary>
    /// Compares sanitised <paramref name="stored"/> and <paramref name="fresh"/>: the text between numbers must be equal,
    /// each number within <paramref name="tolerance"/>. Returns null when they agree, else a readable description.
    /// </summary>
    public static string? Compare(string stored, string fresh, Tolerance tolerance)
    {
        var a = OutputSanitizer.Sanitize(stored);
        var b = OutputSanitizer.Sanitize(fresh);
        if (a == b) return null;
        var na = Number().Matches(a);
        var nb = Number().Matches(b);
        if (Number().Replace(a, "#") == Number().Replace(b, "#") && na.Count == nb.Count)
        {
            for (var i = 0; i < na.Count; i++)
            {
                var x = double.Parse(na[i].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                var y = double.Parse(nb[i].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!tolerance.Close(x, y))
                    return $"number {i + 1} in \"{Excerpt(a, na[i].Index)}\": stored {na[i].Value}, now {nb[i].Value} " +
                           $"(difference {Math.Abs(x - y).ToString("G4", CultureInfo.InvariantCulture)} beyond rtol {tolerance.Rtol.ToString(CultureInfo.InvariantCulture)}, atol {tolerance.Atol.ToString(CultureInfo.InvariantCulture)})";
            }
            return null;
        }
        var al = a.Split('\n');
        var bl = b.Split('\n');
        for (var i = 0; i < Math.Max(al.Length, bl.Length); i++)
        {
            var x = i < al.Length ? al[i] : "<missing>";
            var y = i < bl.Length ? bl[i] : "<missing>";
            if (x != y) return $"line {i + 1}: stored \"{Clip(x)}\", now \"{Clip(y)}\"";
        }
        return "text differs";
    }

    private static string Excerpt(string text, int at)
    {
        var start = Math.Max(0, at - 30);
        var end = Math.Min(text.Length, at + 30);
        return text[start..end].Replace('\n', ' ');
    }

    private static string Clip(string s) => s.Length > 160 ? s[..157] + "..." : s;

    [GeneratedRegex(@"(?<![\w.])[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(?![\w])")]
    private static partial Regex Number();
}
