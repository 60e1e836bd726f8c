using System.Globalization;
using System.Text;
using Workbench.Data;

namespace Workbench.Synthetic;

/// <summary>Builds CSV text with "\n" line endings and invariant, fixed-format numbers (so output is byte-stable).</summary>
internal sealed class CsvText
{
    private readonly StringBuilder _text = new();
    private readonly int _columns;
    private int _fieldsInRow;

    public CsvText(params string[] header)
    {
        _columns = header.Length;
        foreach (var h in header) Field(h);
        EndRow();
    }

    public CsvText Field(string? value)
    {
        if (_fieldsInRow > 0) _text.Append(',');
        if (value is not null) _text.Append(CsvFormat.Quote(value));
        _fieldsInRow++;
        return this;
    }

    public CsvText Field(int value) => Field(value.ToString(CultureInfo.InvariantCulture));

    public CsvText Field(bool value) => Field(value ? "1" : "0");

    public CsvText Field(bool? value) => Field(value is null ? null : value.Value ? "1" : "0");

    /// <summary>A number with exactly <paramref name="decimals"/> decimals.</summary>
    public CsvText Field(double value, int decimals) => Field(Format(value, decimals));

    public void EndRow()
    {
        if (_fieldsInRow != _columns)
            throw new InvalidOperationException($"row has {_fieldsInRow} fields; the header has {_columns}.");
        _text.Append('\n');
        _fieldsInRow = 0;
    }

    public override string ToString() => _text.ToString();

    /// <summary>Formats with exactly <paramref name="decimals"/> decimals, invariant culture.</summary>
    public static string Format(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The double that the written text parses back to (calibrate on what the file will hold).</summary>
    public static double AsWritten(double value, int decimals) =>
        double.Parse(Format(value, decimals), NumberStyles.Float, CultureInfo.InvariantCulture);
}
