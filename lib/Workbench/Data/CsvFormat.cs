namespace Workbench.Data;

/// <summary>Writing CSV fields: the one quoting rule for every CSV the workbench writes (data samples, tables, estimates).</summary>
public static class CsvFormat
{
    /// <summary>
    /// <paramref name="value"/> as one CSV field (RFC 4180): unchanged unless it holds a comma, a double quote or a line
    /// break; then in double quotes with each inner quote doubled, which <see cref="CsvColumns"/> and the loader read back.
    /// </summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
