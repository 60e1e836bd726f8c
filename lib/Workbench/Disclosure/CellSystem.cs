using System.Text;

namespace Workbench.Disclosure;

/// <summary>
/// What a reader can write down about tables published together: every distinct quantity (a cell or margin; one
/// quantity where several tables show the same one) with its exact count, and every line (entries, then their total).
/// </summary>
/// <remarks>
/// Two cells of different tables are the same quantity when they fix the same categories of the same dimensions (by
/// name) and sum over everything else: the "girl" margin of sex x age and of sex x region, or every grand total. For
/// one table the quantities are its extended-table offsets, in order.
/// </remarks>
internal sealed class CellSystem
{
    private CellSystem(long[] values, IReadOnlyList<int[]> lines, int[][] quantityOf)
    {
        Values = values;
        Lines = lines;
        QuantityOf = quantityOf;
        LinesOf = TableLines.ByCell(lines, values.Length);
    }

    /// <summary>The exact count of every quantity.</summary>
    public long[] Values { get; }

    /// <summary>Every line as quantities; the last one of each line is its total.</summary>
    public IReadOnlyList<int[]> Lines { get; }

    /// <summary>For each quantity, the indices of the lines through it.</summary>
    public List<int>[] LinesOf { get; }

    /// <summary>Per table, per extended-table offset, the quantity shown there.</summary>
    public int[][] QuantityOf { get; }

    /// <summary>Number of quantities.</summary>
    public int Count => Values.Length;

    /// <summary>The system of one table: quantity = offset.</summary>
    public static CellSystem Of(FrequencyTable table) => Of([table]);

    /// <summary>The system of tables published together.</summary>
    /// <exception cref="ArgumentException">Two tables show the same quantity with different counts (not one population).</exception>
    public static CellSystem Of(IReadOnlyList<FrequencyTable> tables)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var owner = new List<(int Table, int Offset)>();
        var values = new List<long>();
        var quantityOf = new int[tables.Count][];
        var lines = new List<int[]>();
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            var map = new int[table.ExtendedLength];
            for (var k = 0; k < map.Length; k++)
            {
                var key = Key(table, k);
                if (ids.TryGetValue(key, out var id))
                {
                    if (values[id] != table.AtOffset(k))
                    {
                        var (ot, ok) = owner[id];
                        throw new ArgumentException(
                            $"Tables {Name(tables, ot)} and {Name(tables, t)} both show {Describe(tables[ot], ok)} but with different counts, so they do not count the same " +
                            "population. Tables protected together must come from one population; protect tables of different populations separately.",
                            nameof(tables));
                    }
                }
                else
                {
                    id = values.Count;
                    ids[key] = id;
                    values.Add(table.AtOffset(k));
                    owner.Add((t, k));
                }
                map[k] = id;
            }
            quantityOf[t] = map;
            foreach (var line in TableLines.Of(table)) lines.Add(line.Select(k => map[k]).ToArray());
        }
        return new CellSystem(values.ToArray(), lines, quantityOf);
    }

    /// <summary>The fixed (dimension, category) pairs of an offset, sorted by dimension name, length-prefixed so that no label can forge another key.</summary>
    private static string Key(FrequencyTable table, int offset)
    {
        var index = table.IndexOf(offset);
        var parts = new List<(string Name, string Category)>();
        for (var d = 0; d < table.Rank; d++)
            if (index[d] != FrequencyTable.Total) parts.Add((table.Dimensions[d].Name, table.Dimensions[d].Categories[index[d]]));
        var sb = new StringBuilder();
        foreach (var (name, category) in parts.OrderBy(p => p.Name, StringComparer.Ordinal))
            sb.Append(name.Length).Append(':').Append(name).Append(category.Length).Append(':').Append(category);
        return sb.ToString();
    }

    private static string Name(IReadOnlyList<FrequencyTable> tables, int t) =>
        tables[t].Title is { } title ? $"{t + 1} ('{title}')" : (t + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(FrequencyTable table, int offset)
    {
        var index = table.IndexOf(offset);
        var fixedParts = Enumerable.Range(0, table.Rank).Where(d => index[d] != FrequencyTable.Total)
            .Select(d => $"{table.Dimensions[d].Name} = {table.Dimensions[d].Categories[index[d]]}").ToList();
        return fixedParts.Count == 0 ? "the grand total" : "the count of " + string.Join(", ", fixedParts);
    }
}
