using Workbench.Provenance;

namespace Workbench.Data;

/// <summary>The outcome of <see cref="Dataset.Validate"/>: every problem found (up to the limit), never thrown.</summary>
/// <param name="Path">The CSV file checked.</param>
/// <param name="DictionaryPath">The dictionary it was checked against.</param>
/// <param name="RowCount">The number of data rows read with as many fields as the header (0 when the header or dictionary could not be used).</param>
/// <param name="Errors">The problems, in file order, each as <c>file:line:column: message</c>.</param>
/// <param name="Truncated">True when more problems existed than <see cref="LoadOptions.MaxErrors"/>.</param>
public sealed record DataValidationResult(string Path, string DictionaryPath, int RowCount, IReadOnlyList<DataError> Errors, bool Truncated)
{
    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// A validated, immutable, typed table loaded from a CSV file and its data dictionary
/// (<c>name.dictionary.json</c>, docs/data-dictionary.md). Labels from the dictionary travel with it, so charts and
/// reports can show them in Dutch or English. Converts to a Microsoft.Data.Analysis DataFrame and a Deedle frame.
/// </summary>
/// <remarks>
/// Load with <see cref="Load"/>: every row is validated and all problems are reported together in one
/// <see cref="DataValidationException"/>; a partial table is never returned.
/// </remarks>
public sealed partial class Dataset
{
    private readonly ColumnData[] _columns;
    private readonly Dictionary<string, ColumnData> _byName;

    private Dataset(string path, DataDictionary dictionary, IEnumerable<ColumnData> columns, int rowCount, string sha256)
    {
        Path = System.IO.Path.GetFullPath(path);
        Dictionary = dictionary;
        RowCount = rowCount;
        Sha256 = sha256;
        _byName = columns.ToDictionary(c => c.Definition.Name, StringComparer.Ordinal);
        // Present the columns in dictionary order whatever their order in the file.
        _columns = dictionary.Columns.Where(c => _byName.ContainsKey(c.Name)).Select(c => _byName[c.Name]).ToArray();
        ColumnNames = _columns.Select(c => c.Definition.Name).ToArray();
    }

    /// <summary>The dataset name from the dictionary (the CSV file name without extension).</summary>
    public string Name => Dictionary.Name;

    /// <summary>The full path of the CSV file.</summary>
    public string Path { get; }

    /// <summary>The data dictionary the file was validated against.</summary>
    public DataDictionary Dictionary { get; }

    /// <summary>The number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>The lower-case hex SHA-256 of the file as read.</summary>
    public string Sha256 { get; }

    /// <summary>The column names in dictionary order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>
    /// Loads <paramref name="csvPath"/>, validating every row against its dictionary, and records the file's SHA-256
    /// in the provenance log.
    /// </summary>
    /// <param name="csvPath">The CSV file; its dictionary is <c>name.dictionary.json</c> in the same folder.</param>
    /// <param name="options">Options (default <see cref="LoadOptions.Default"/>: at most 100 problems collected).</param>
    /// <exception cref="DataValidationException">The file, its dictionary or any row is invalid; carries every problem found.</exception>
    public static Dataset Load(string csvPath, LoadOptions? options = null)
    {
        options ??= LoadOptions.Default;
        var (dictionary, result, sha) = Read(csvPath, options);
        if (result.Errors.Count > 0) throw new DataValidationException(result.Errors, result.Truncated);
        var dataset = new Dataset(csvPath, dictionary!, result.Columns.OfType<ColumnData>(), result.RowCount, sha!);
        if (options.RecordProvenance) ProvenanceLog.RecordDataFile(csvPath, dataset.Sha256);
        return dataset;
    }

    /// <summary>Checks <paramref name="csvPath"/> against its dictionary and returns every problem found, without throwing.</summary>
    /// <param name="csvPath">The CSV file.</param>
    /// <param name="options">Options (default <see cref="LoadOptions.Default"/>).</param>
    public static DataValidationResult Validate(string csvPath, LoadOptions? options = null)
    {
        options ??= LoadOptions.Default;
        var dictionaryPath = options.DictionaryPath ?? DataDictionary.PathFor(csvPath);
        var (_, result, _) = Read(csvPath, options);
        return new DataValidationResult(csvPath, dictionaryPath, result.RowCount,
            result.Errors, result.Truncated);
    }

    private static (DataDictionary?, ReadResult, string?) Read(string csvPath, LoadOptions options)
    {
        if (Directory.Exists(csvPath))
            return (null, Failed(new DataError(csvPath, 0, 0, "is a folder; expected a CSV file (use 'workbench data check <folder>' for a folder).")), null);
        if (!File.Exists(csvPath))
            return (null, Failed(new DataError(csvPath, 0, 0, "file not found. Check the path.")), null);
        var dictionaryPath = options.DictionaryPath ?? DataDictionary.PathFor(csvPath);
        if (!File.Exists(dictionaryPath))
            return (null, Failed(new DataError(csvPath, 0, 0,
                $"no data dictionary: expected {dictionaryPath}. Every dataset needs one beside it (format: docs/data-dictionary.md).")), null);
        DataDictionary dictionary;
        try
        {
            dictionary = DataDictionary.Load(dictionaryPath);
        }
        catch (DataValidationException ex)
        {
            return (null, new ReadResult([], 0, ex.Errors, ex.Truncated), null);
        }
        var expectedName = System.IO.Path.GetFileNameWithoutExtension(csvPath);
        var nameError = dictionary.Name == expectedName || options.DictionaryPath is not null
            ? null
            : new DataError(dictionaryPath, 0, 0,
                $"$.name: the dictionary is named '{dictionary.Name}' but describes {System.IO.Path.GetFileName(csvPath)}; set \"name\": \"{expectedName}\".");
        var unknown = options.Columns?.Where(c => !dictionary.Columns.Any(d => d.Name == c)).ToList() ?? [];
        if (unknown.Count > 0)
            return (dictionary, Failed(new DataError(csvPath, 0, 0,
                $"LoadOptions.Columns names unknown column(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the columns are: {string.Join(", ", dictionary.Columns.Select(c => c.Name))}.")), null);
        ReadResult result;
        try
        {
            result = FormatOf(csvPath) switch
            {
                DataFileFormat.Xlsx => XlsxDatasetReader.Read(csvPath, dictionary, options),
                DataFileFormat.Parquet => ParquetDatasetReader.Read(csvPath, dictionary, options),
                _ => CsvDatasetReader.Read(csvPath, dictionary, options),
            };
        }
        catch (DataValidationException ex)
        {
            result = new ReadResult([], 0, ex.Errors, ex.Truncated);
        }
        if (nameError is not null)
            result = result with { Errors = [nameError, .. result.Errors] };
        return (dictionary, result, result.Sha256);
    }

    private static ReadResult Failed(DataError error) => new([], 0, [error], false);

    /// <summary>The format of a data file, from its extension: .xlsx, .parquet, else CSV.</summary>
    internal static DataFileFormat FormatOf(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".xlsx" or ".xlsm" => DataFileFormat.Xlsx,
        ".parquet" => DataFileFormat.Parquet,
        _ => DataFileFormat.Csv,
    };

    /// <summary>The definition of <paramref name="column"/> in the dictionary.</summary>
    /// <exception cref="ArgumentException">The dataset has no such column.</exception>
    public ColumnDefinition Column(string column) => Data(column).Definition;

    /// <summary>True when the dataset has a column called <paramref name="column"/>.</summary>
    public bool HasColumn(string column) => _byName.ContainsKey(column);

    /// <summary>An integer column (values as long; missing as null).</summary>
    public ValueColumn<long> Integers(string column) => new(Data(column, ColumnType.Integer));

    /// <summary>A decimal column (values as double; missing as null).</summary>
    public ValueColumn<double> Decimals(string column) => new(Data(column, ColumnType.Decimal));

    /// <summary>An integer or decimal column as doubles (integers are converted; missing as null).</summary>
    public ValueColumn<double> Numbers(string column)
    {
        var data = Data(column);
        return data switch
        {
            PrimitiveData<double> => new ValueColumn<double>(data),
            PrimitiveData<long> l => new ValueColumn<double>(data, ToDoubles(l.Values)),
            _ => throw WrongType(data, "Numbers", "integer or decimal"),
        };
    }

    /// <summary>A boolean column (missing as null).</summary>
    public ValueColumn<bool> Booleans(string column) => new(Data(column, ColumnType.Boolean));

    /// <summary>A date column (missing as null).</summary>
    public ValueColumn<DateOnly> Dates(string column) => new(Data(column, ColumnType.Date));

    /// <summary>A category, text or identifier column as strings (category values are their codes; missing as null).</summary>
    public StringColumn Strings(string column)
    {
        var data = Data(column);
        return data.Kind is StorageKind.Category or StorageKind.String ? new StringColumn(data) : throw WrongType(data, "Strings", "category, text or identifier");
    }

    /// <summary>The dataset title in English and Dutch (<c>Title().In(Language.Nl)</c> for one).</summary>
    public Bilingual Title() => Dictionary.Title;

    /// <summary>The label of <paramref name="column"/> in English and Dutch.</summary>
    public Bilingual Label(string column) => Column(column).Label;

    /// <summary>The unit of <paramref name="column"/>, or null when the dictionary gives none.</summary>
    public string? Unit(string column) => Column(column).Unit;

    /// <summary>The label of <paramref name="code"/> in category <paramref name="column"/>, in English and Dutch.</summary>
    /// <exception cref="ArgumentException">The column is not a category or has no such code.</exception>
    public Bilingual CodeLabel(string column, string code)
    {
        var definition = Column(column);
        if (definition.Type != ColumnType.Category)
            throw new ArgumentException($"column '{column}' is {DataDictionary.TypeName(definition.Type)}, not a category; only categories have code labels.", nameof(column));
        var match = definition.Codes!.FirstOrDefault(c => c.Code == code)
            ?? throw new ArgumentException($"column '{column}' has no code '{code}'; its codes are: {string.Join(", ", definition.Codes!.Select(c => c.Code))}.", nameof(code));
        return match.Label;
    }

    internal IReadOnlyList<ColumnData> ColumnsInOrder => _columns;

    private ColumnData Data(string column) =>
        _byName.TryGetValue(column, out var data)
            ? data
            : throw new ArgumentException($"dataset '{Name}' has no column '{column}'; its columns are: {string.Join(", ", ColumnNames)}.", nameof(column));

    private ColumnData Data(string column, ColumnType type)
    {
        var data = Data(column);
        if (data.Definition.Type != type)
            throw WrongType(data, type + "s", DataDictionary.TypeName(type));
        return data;
    }

    private static ArgumentException WrongType(ColumnData data, string accessor, string expected)
    {
        var type = data.Definition.Type;
        var right = type switch
        {
            ColumnType.Integer => "Integers",
            ColumnType.Decimal => "Decimals",
            ColumnType.Boolean => "Booleans",
            ColumnType.Date => "Dates",
            _ => "Strings",
        };
        return new ArgumentException(
            $"column '{data.Definition.Name}' is {DataDictionary.TypeName(type)}, but {accessor} reads {expected} columns; use {right}(\"{data.Definition.Name}\").");
    }

    private static double[] ToDoubles(ReadOnlySpan<long> values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}

/// <summary>The file formats <see cref="Dataset.Load"/> reads.</summary>
internal enum DataFileFormat { Csv, Xlsx, Parquet }
