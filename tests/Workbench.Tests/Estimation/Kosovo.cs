using Workbench.Estimation;

namespace Workbench.Tests.Estimation;

/// <summary>Kosovo 1999 killings, four lists (Ball et al. 2002), as given in issue 5.</summary>
internal static class Kosovo
{
    public static readonly string[] Lists = ["EXH", "ABA", "OSCE", "HRW"];

    public static readonly Dictionary<string, long> Counts = new()
    {
        ["1000"] = 1131, ["0100"] = 845, ["0010"] = 936, ["0001"] = 306, ["1100"] = 177, ["1010"] = 228,
        ["1001"] = 106, ["0110"] = 217, ["0101"] = 31, ["0011"] = 123, ["1110"] = 181, ["1101"] = 18,
        ["1011"] = 42, ["0111"] = 32, ["1111"] = 27,
    };

    public static CaptureHistories Histories => CaptureHistories.FromCounts(Lists, Counts);
}
