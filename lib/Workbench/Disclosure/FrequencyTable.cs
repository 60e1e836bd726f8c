using System.Globalization;

namespace Workbench.Disclosure;

/// <summary>
/// An immutable frequency table of one to three dimensions together with all its margins (row, column and layer
/// totals, their cross-totals and the grand total). Counts are whole numbers of persons or cases, never negative.
/// </summary>
/// <remarks>
/// Cells are addressed by one index per dimension; the index <see cref="Total"/> (-1) on a dimension means "summed over
/// that dimension", so <c>table[Total, 2]</c> is the total of column 2 and <c>table[Total, Total]</c> the grand total.
/// Build one with <see cref="FromCounts(IReadOnlyList{long}, TableDimension, string?)"/> and its overloads,
/// <see cref="FromMicrodata"/> or <see cref="FrequencyTableCsv.Read"/>. Publish it only through
/// <see cref="Disclosure.Protect(FrequencyTable, DisclosureOptions?)"/> (or the fluent <see cref="WithMinimumCell"/>), which returns a <see cref="ProtectedTable"/>.
/// </remarks>
public sealed class FrequencyTable
{
    /// <summary>The index that stands for the total over a dimension.</summary>
    public const int Total = -1;

    /// <summary>
    /// The largest grand total a table may have: 2^53 = 9,007,199,254,740,992, the largest range in which every whole
    /// number is exact in double precision, which the suppression audit's linear programmes compute in.
    /// </summary>
    public const long MaxTotal = 1L << 53;

    private readonly long[] _cells; // extended table: every dimension has Count + 1 positions, the last is the total
    private readonly int[] _strides;

    private FrequencyTable(IReadOnlyList<TableDimension> dimensions, long[] extended, string? title, Bilingual? readerTitle = null)
    {
        Dimensions = dimensions;
        Title = title;
        ReaderTitle = readerTitle;
        _cells = extended;
        _strides = new int[dimensions.Count];
        var stride = 1;
        for (var d = dimensions.Count - 1; d >= 0; d--)
        {
            _strides[d] = stride;
            stride *= dimensions[d].Count + 1;
        }
    }

    /// <summary>The dimensions, in order: rows, then columns, then layers.</summary>
    public IReadOnlyList<TableDimension> Dimensions { get; }

    /// <summary>Number of dimensions (1, 2 or 3).</summary>
    public int Rank => Dimensions.Count;

    /// <summary>An optional title, used in provenance records and renderings.</summary>
    public string? Title { get; }

    /// <summary>The grand total.</summary>
    public long GrandTotal => _cells[^1];

    /// <summary>The count of a cell or margin; use <see cref="Total"/> (-1) for a dimension summed over.</summary>
    public long this[params int[] index] => _cells[Offset(index)];

    /// <summary>The title readers see in English and Dutch, or null (default) for <see cref="Title"/> in both.</summary>
    public Bilingual? ReaderTitle { get; }

    /// <summary>Returns a copy with <paramref name="title"/>.</summary>
    public FrequencyTable WithTitle(string? title) => new(Dimensions, _cells, title);

    /// <summary>Returns a copy with a title in English and Dutch; <see cref="Title"/> (provenance, messages) is the English one.</summary>
    public FrequencyTable WithTitle(Bilingual title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return new(Dimensions, _cells, title.En, title);
    }

    private static readonly Dictionary<string, Bilingual> BooleanLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = Phrases.Of(Phrase.Yes), ["true"] = Phrases.Of(Phrase.Yes), ["1"] = Phrases.Of(Phrase.Yes),
        ["no"] = Phrases.Of(Phrase.No), ["false"] = Phrases.Of(Phrase.No), ["0"] = Phrases.Of(Phrase.No),
    };

    /// <summary>
    /// Returns a copy whose dimensions readers see with the labels of <paramref name="dictionary"/>: a dimension named
    /// after a column gets the column's label as heading and its code labels as category labels; a dimension whose
    /// categories are column names (e.g. one per registry) gets those columns' labels. The categories of a 0/1 column
    /// written as yes/no, true/false or 1/0 read "yes"/"ja" and "no"/"nee". Other dimensions stay as they are.
    /// </summary>
    public FrequencyTable WithLabels(Workbench.Data.DataDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        var columns = dictionary.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var dims = Dimensions.Select(d =>
        {
            if (columns.TryGetValue(d.Name, out var column))
            {
                var headed = d.WithHeading(column.Label);
                var codes = column.Type == Workbench.Data.ColumnType.Boolean ? BooleanLabels
                    : column.Codes?.ToDictionary(c => c.Code, c => c.Label, StringComparer.Ordinal);
                return codes is null ? headed
                    : headed.WithLabels(c => codes.TryGetValue(c, out var l) ? l : d.Labels?[d.IndexOf(c)] ?? Bilingual.Same(c));
            }
            return d.Categories.All(columns.ContainsKey) ? d.WithLabels(c => columns[c].Label) : d;
        }).ToArray();
        return new(dims, _cells, Title, ReaderTitle);
    }

    /// <summary>Protects the table with the default options (<see cref="DisclosureOptions"/>) and the given minimum cell count.</summary>
    /// <param name="minimumCell">Counts from 1 up to this value minus one are suppressed (default in the options: 10).</param>
    public ProtectedTable WithMinimumCell(int minimumCell) =>
        Disclosure.Protect(this, new DisclosureOptions() with { MinimumCell = minimumCell });

    /// <summary>Protects the table with the default options and the given rounding base.</summary>
    /// <param name="roundingBase">Published counts are rounded to a multiple of this (1 means no rounding; default in the options: 5).</param>
    public ProtectedTable WithRounding(int roundingBase) =>
        Disclosure.Protect(this, new DisclosureOptions() with { RoundingBase = roundingBase });

    /// <summary>Protects the table with <paramref name="options"/> (default: <see cref="DisclosureOptions"/> defaults).</summary>
    public ProtectedTable Protect(DisclosureOptions? options = null) => Disclosure.Protect(this, options ?? new DisclosureOptions());

    /// <summary>A one-dimensional table from counts per category.</summary>
    /// <param name="counts">One count per category of <paramref name="dimension"/>.</param>
    /// <param name="dimension">The categories.</param>
    /// <param name="title">Optional title (default none).</param>
    public static FrequencyTable FromCounts(IReadOnlyList<long> counts, TableDimension dimension, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return Build([dimension], counts.Count, i => counts[i], title);
    }

    /// <summary>A two-dimensional table from counts [row, column].</summary>
    /// <param name="counts">Counts indexed [row, column].</param>
    /// <param name="rows">The row dimension.</param>
    /// <param name="columns">The column dimension.</param>
    /// <param name="title">Optional title (default none).</param>
    public static FrequencyTable FromCounts(long[,] counts, TableDimension rows, TableDimension columns, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) != rows.Count || counts.GetLength(1) != columns.Count)
            throw new ArgumentException($"The counts are {counts.GetLength(0)} x {counts.GetLength(1)} but the dimensions have {rows.Count} x {columns.Count} categories.", nameof(counts));
        var m = columns.Count;
        return Build([rows, columns], counts.Length, i => counts[i / m, i % m], title);
    }

    /// <summary>A three-dimensional table from counts [row, column, layer].</summary>
    /// <param name="counts">Counts indexed [row, column, layer].</param>
    /// <param name="rows">The row dimension.</param>
    /// <param name="columns">The column dimension.</param>
    /// <param name="layers">The layer dimension.</param>
    /// <param name="title">Optional title (default none).</param>
    public static FrequencyTable FromCounts(long[,,] counts, TableDimension rows, TableDimension columns, TableDimension layers, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) != rows.Count || counts.GetLength(1) != columns.Count || counts.GetLength(2) != layers.Count)
            throw new ArgumentException($"The counts are {counts.GetLength(0)} x {counts.GetLength(1)} x {counts.GetLength(2)} but the dimensions have {rows.Count} x {columns.Count} x {layers.Count} categories.", nameof(counts));
        var m = columns.Count;
        var l = layers.Count;
        return Build([rows, columns, layers], counts.Length, i => counts[i / (m * l), i / l % m, i % l], title);
    }

    /// <summary>
    /// A table from interior counts in row-major order (last dimension fastest), for any rank from 1 to 3.
    /// </summary>
    /// <param name="dimensions">One to three dimensions.</param>
    /// <param name="counts">The interior counts, row-major; length = product of the category counts.</param>
    /// <param name="title">Optional title (default none).</param>
    public static FrequencyTable FromCounts(IReadOnlyList<TableDimension> dimensions, IReadOnlyList<long> counts, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(counts);
        return Build(dimensions, counts.Count, i => counts[i], title);
    }

    /// <summary>
    /// Cross-tabulates microdata: one category array per dimension, one entry per person or case. Categories appear
    /// in ordinal (culture-independent) sort order unless <paramref name="categoryOrder"/> gives an order.
    /// </summary>
    /// <param name="columns">One to three (name, values) pairs of equal length; a null value is an error (recode missing values first).</param>
    /// <param name="categoryOrder">Optional display order per dimension name (default none); listed categories absent from the data show as 0, unlisted ones follow in ordinal order.</param>
    /// <param name="title">Optional title (default none).</param>
    public static FrequencyTable FromMicrodata(
        IReadOnlyList<(string Name, IReadOnlyList<string> Values)> columns,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? categoryOrder = null,
        string? title = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count is < 1 or > 3)
            throw new ArgumentException($"A frequency table has one to three dimensions; {columns.Count} columns were given.", nameof(columns));
        var n = columns[0].Values.Count;
        foreach (var (name, values) in columns)
        {
            if (values.Count != n)
                throw new ArgumentException($"Column '{name}' has {values.Count} values but '{columns[0].Name}' has {n}; the columns must be of equal length.", nameof(columns));
            for (var i = 0; i < n; i++)
                if (values[i] is null)
                    throw new ArgumentException($"Column '{name}' has a missing value at position {i}; recode missing values to a category such as \"unknown\" first.", nameof(columns));
        }
        var dims = columns.Select(c =>
        {
            var present = c.Values.Distinct(StringComparer.Ordinal).ToList();
            var order = categoryOrder is not null && categoryOrder.TryGetValue(c.Name, out var o) ? o : [];
            // listed categories are kept even when absent from the data, so an empty category shows as 0
            var ordered = order.Distinct(StringComparer.Ordinal).ToList();
            ordered.AddRange(present.Where(p => !ordered.Contains(p, StringComparer.Ordinal)).OrderBy(p => p, StringComparer.Ordinal));
            return new TableDimension(c.Name, ordered);
        }).ToList();
        var lookups = dims.Select(d => d.Categories.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i, StringComparer.Ordinal)).ToList();
        var size = dims.Aggregate(1, (a, d) => a * d.Count);
        var interior = new long[size];
        for (var i = 0; i < n; i++)
        {
            var offset = 0;
            for (var d = 0; d < dims.Count; d++) offset = offset * dims[d].Count + lookups[d][columns[d].Values[i]];
            interior[offset]++;
        }
        return Build(dims, size, i => interior[i], title);
    }

    internal static FrequencyTable Build(IReadOnlyList<TableDimension> dimensions, int count, Func<int, long> interior, string? title)
    {
        if (dimensions.Count is < 1 or > 3)
            throw new ArgumentException($"A frequency table has one to three dimensions; {dimensions.Count} were given.", nameof(dimensions));
        foreach (var d in dimensions) ArgumentNullException.ThrowIfNull(d);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in dimensions)
            if (!names.Add(d.Name)) throw new ArgumentException($"Two dimensions are named '{d.Name}'; give each a distinct name.", nameof(dimensions));
        var size = dimensions.Aggregate(1, (a, d) => a * d.Count);
        if (count != size)
            throw new ArgumentException($"{count} counts were given but the dimensions have {size} cells.", nameof(dimensions));
        var ext = dimensions.Select(d => d.Count + 1).ToArray();
        var cells = new long[ext.Aggregate(1, (a, e) => a * e)];
        var idx = new int[dimensions.Count];
        for (var i = 0; i < size; i++)
        {
            var rest = i;
            for (var d = dimensions.Count - 1; d >= 0; d--) { idx[d] = rest % dimensions[d].Count; rest /= dimensions[d].Count; }
            var v = interior(i);
            if (v < 0)
                throw new ArgumentException($"Cell ({Describe(dimensions, idx)}) has count {v.ToString(CultureInfo.InvariantCulture)}; counts cannot be negative.", nameof(interior));
            // add v to every cell of the extended table that sums over a subset of the dimensions (2^rank targets)
            for (var mask = 0; mask < 1 << dimensions.Count; mask++)
            {
                var off = 0;
                for (var d = 0; d < dimensions.Count; d++)
                    off = off * ext[d] + ((mask >> d & 1) == 1 ? dimensions[d].Count : idx[d]);
                cells[off] += v;
            }
            if (v > MaxTotal || cells[^1] > MaxTotal)
                throw new ArgumentException(
                    $"Cell ({Describe(dimensions, idx)}) has count {v.ToString(CultureInfo.InvariantCulture)}, which brings the grand total above " +
                    $"{MaxTotal.ToString("N0", CultureInfo.InvariantCulture)} (2^53), the largest total the disclosure check computes exactly. " +
                    "Check the counts (counts of persons or cases are far smaller).", nameof(interior));
        }
        return new FrequencyTable(dimensions.ToArray(), cells, title);
    }

    private static string Describe(IReadOnlyList<TableDimension> dims, int[] idx) =>
        string.Join(", ", dims.Select((d, k) => $"{d.Name} = {d.Categories[idx[k]]}"));

    internal int ExtendedLength => _cells.Length;

    internal long AtOffset(int offset) => _cells[offset];

    internal int Extent(int dimension) => Dimensions[dimension].Count + 1;

    internal int Stride(int dimension) => _strides[dimension];

    /// <summary>The offset in the extended table of an index where -1 (or the category count) means total.</summary>
    internal int Offset(IReadOnlyList<int> index)
    {
        if (index.Count != Rank)
            throw new ArgumentException($"The table has {Rank} dimension(s); {index.Count} indices were given.", nameof(index));
        var off = 0;
        for (var d = 0; d < Rank; d++)
        {
            var i = index[d];
            var n = Dimensions[d].Count;
            if (i == Total) i = n;
            if (i < 0 || i > n)
                throw new ArgumentOutOfRangeException(nameof(index), $"Index {index[d]} is outside dimension '{Dimensions[d].Name}' (0..{n - 1}, or -1 for the total).");
            off += i * _strides[d];
        }
        return off;
    }

    /// <summary>The index (category positions, -1 for a total) of an extended-table offset.</summary>
    internal int[] IndexOf(int offset)
    {
        var idx = new int[Rank];
        for (var d = 0; d < Rank; d++)
        {
            var i = offset / _strides[d] % (Dimensions[d].Count + 1);
            idx[d] = i == Dimensions[d].Count ? Total : i;
        }
        return idx;
    }
}
