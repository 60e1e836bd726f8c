using CsvHelper;
using Workbench.Provenance;

namespace Workbench.Data;

public sealed partial class Dataset
{
    /// <summary>
    /// Validates <paramref name="csvPath"/> against its dictionary, then streams its rows as <typeparamref name="T"/>,
    /// a CsvHelper 34 record type (<c>[CsvRecord] public partial record Row(...)</c>, declared in compiled code, not in
    /// a notebook cell), one at a time: memory stays flat however large the file. The file's delimiter and culture
    /// come from the dictionary; empty fields read as null for nullable members.
    /// </summary>
    /// <typeparam name="T">The record type; its members are matched to columns by name.</typeparam>
    /// <param name="csvPath">The CSV file; its dictionary is <c>name.dictionary.json</c> beside it.</param>
    /// <param name="options">Options (default <see cref="LoadOptions.Default"/>).</param>
    /// <exception cref="DataValidationException">The file, its dictionary or a row is invalid (thrown before any row is returned).</exception>
    /// <remarks>The file is read twice: once to validate every row (so no caller ever sees part of an invalid
    /// file), once to stream the records.</remarks>
    public static IEnumerable<T> ReadRecords<T>(string csvPath, LoadOptions? options = null)
    {
        options ??= LoadOptions.Default;
        var (dictionary, result, sha) = Read(csvPath, options);
        if (result.Errors.Count > 0) throw new DataValidationException(result.Errors, result.Truncated);
        if (options.RecordProvenance) ProvenanceLog.RecordDataFile(csvPath, sha!);
        return Stream<T>(csvPath, dictionary!);
    }

    private static IEnumerable<T> Stream<T>(string csvPath, DataDictionary dictionary)
    {
        var readerOptions = new CsvReaderOptions
        {
            Separator = dictionary.File.Delimiter[0],
            FormatProvider = dictionary.FileCulture(),
            DetectSeparatorHint = false,
            SkipEmptyLines = true,
        };
        using var reader = CsvReader.FromFile(csvPath, readerOptions);
        foreach (var record in reader.GetRecords<T>()) yield return record;
    }
}
