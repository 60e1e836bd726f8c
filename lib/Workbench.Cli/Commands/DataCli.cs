using System.Globalization;
using Workbench.Data;

namespace Workbench.Cli.Commands;

/// <summary>The work behind <c>workbench data check</c> and <c>workbench data describe</c>, writing to the given writers.</summary>
public static class DataCli
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Validates a CSV file, or every CSV in a folder (recursively). A CSV without a dictionary and a dictionary without
    /// a CSV are problems too; nothing is skipped silently. Returns 0 (all valid), 1 (a problem) or 2 (no such path).
    /// </summary>
    public static int Check(string path, int maxErrors, TextWriter output, TextWriter error, string? sheet = null, int headerRow = 1)
    {
        List<string> files;
        var orphans = new List<string>();
        if (File.Exists(path))
        {
            if (!IsDataFile(path))
            {
                error.WriteLine($"workbench: {path} is not a CSV, .xlsx or .parquet file; give such a file or a folder.");
                return ExitCodes.Usage;
            }
            files = [path];
        }
        else if (Directory.Exists(path))
        {
            files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(IsDataFile).Order(StringComparer.Ordinal).ToList();
            const string suffix = ".dictionary.json";
            orphans = Directory.EnumerateFiles(path, "*" + suffix, SearchOption.AllDirectories)
                .Where(d => !DataExtensions.Any(e => File.Exists(d[..^suffix.Length] + e)))
                .Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0 && orphans.Count == 0)
            {
                output.WriteLine($"no CSV files found in {path}; nothing was checked.");
                return ExitCodes.CheckFailed;
            }
        }
        else
        {
            error.WriteLine($"workbench: {path} does not exist; give a CSV file or a folder.");
            return ExitCodes.Usage;
        }

        var options = new LoadOptions { MaxErrors = Math.Max(1, maxErrors), RecordProvenance = false, Sheet = sheet, HeaderRow = headerRow };
        int valid = 0, invalid = 0, problems = 0;
        long rows = 0;
        foreach (var file in files)
        {
            var result = Dataset.Validate(file, options);
            if (result.IsValid)
            {
                valid++;
                rows += result.RowCount;
                output.WriteLine(string.Create(Invariant, $"ok    {file} ({result.RowCount:N0} rows)"));
                continue;
            }
            invalid++;
            problems += result.Errors.Count;
            output.WriteLine(string.Create(Invariant,
                $"FAIL  {file} ({result.Errors.Count}{(result.Truncated ? "+" : "")} problem{(result.Errors.Count == 1 ? "" : "s")})"));
            foreach (var e in result.Errors) output.WriteLine(e.ToString());
            if (result.Truncated)
                output.WriteLine($"      (more problems not shown; stopped after {options.MaxErrors}; fix these or use --max-errors)");
        }
        foreach (var orphan in orphans)
        {
            invalid++;
            problems++;
            output.WriteLine($"FAIL  {orphan}");
            output.WriteLine(new DataError(orphan, 0, 0,
                $"data dictionary without its CSV: expected {Path.GetFileName(orphan[..^".dictionary.json".Length])}.csv (or .xlsx, .parquet) beside it. Add the data or remove the dictionary.").ToString());
        }
        var checkedCount = files.Count + orphans.Count;
        output.WriteLine(string.Create(Invariant,
            $"checked {checkedCount} file{(checkedCount == 1 ? "" : "s")}: {valid} valid ({rows:N0} rows), {invalid} with problems ({problems} problem{(problems == 1 ? "" : "s")})."));
        return invalid == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    /// <summary>The extensions of the data files <c>data check</c> reads (CSV, workbooks, Parquet).</summary>
    private static readonly string[] DataExtensions = [".csv", ".xlsx", ".parquet"];

    private static bool IsDataFile(string path) => DataExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Prints the dictionary and per-column summaries of a valid dataset. Returns 0, 1 (invalid) or 2 (no such file).</summary>
    public static int Describe(string path, TextWriter output, TextWriter error, string? sheet = null, int headerRow = 1)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"workbench: {path} does not exist; give a CSV file.");
            return ExitCodes.Usage;
        }
        Dataset dataset;
        try
        {
            dataset = Dataset.Load(path, new LoadOptions { RecordProvenance = false, Sheet = sheet, HeaderRow = headerRow });
        }
        catch (DataValidationException ex)
        {
            output.WriteLine(ex.Message);
            output.WriteLine($"{path} is not valid; run 'workbench data check {path}' after fixing the problems above.");
            return ExitCodes.CheckFailed;
        }
        var d = dataset.Dictionary;
        output.WriteLine(d.Name);
        Field(output, "title (en)", d.Title.En);
        Field(output, "title (nl)", d.Title.Nl);
        Field(output, "source", d.Source);
        Field(output, "synthetic", d.Synthetic ? "yes (generated data, not observations)" : "no");
        Field(output, "licence", d.Licence);
        Field(output, "unit", d.UnitOfObservation);
        Field(output, "key", d.PrimaryKey.Count == 0 ? "(none)" : string.Join(", ", d.PrimaryKey));
        Field(output, "file", $"delimiter '{(d.File.Delimiter == "\t" ? "\\t" : d.File.Delimiter)}', culture {d.File.Culture}, {d.File.Encoding}");
        Field(output, "rows", dataset.RowCount.ToString("N0", Invariant));
        Field(output, "sha256", dataset.Sha256);
        if (!string.IsNullOrWhiteSpace(d.Description)) Field(output, "description", d.Description!);
        output.WriteLine();
        output.WriteLine($"columns ({d.Columns.Count}):");
        var summaries = dataset.Summarize();
        for (var i = 0; i < d.Columns.Count; i++)
        {
            var c = d.Columns[i];
            var s = summaries[i];
            var flags = new List<string> { DataDictionary.TypeName(c.Type), c.Required ? "required" : "optional" };
            if (c.Role != ColumnRole.None) flags.Add("role " + c.Role.ToString().ToLowerInvariant());
            if (!string.IsNullOrEmpty(c.Unit)) flags.Add("unit " + c.Unit);
            if (c.Min is not null || c.Max is not null) flags.Add($"range [{Num(c.Min)}, {Num(c.Max)}]");
            output.WriteLine($"  {c.Name}: {string.Join(", ", flags)}");
            output.WriteLine($"    label: {c.Label.En} | {c.Label.Nl}");
            output.WriteLine("    " + SummaryLine(c, s));
        }
        return ExitCodes.Success;
    }

    private static string SummaryLine(ColumnDefinition c, ColumnSummary s)
    {
        var text = string.Create(Invariant, $"non-missing {s.NonMissing:N0}, missing {s.Missing:N0}");
        if (s.Min is { } min) text += $", min {Num(min)}, mean {Num(s.Mean)}, max {Num(s.Max)}";
        if (s.FirstDate is { } first) text += string.Create(Invariant, $", first {first:yyyy-MM-dd}, last {s.LastDate:yyyy-MM-dd}");
        if (s.Distinct is { } distinct) text += string.Create(Invariant, $", distinct {distinct:N0}");
        if (s.Counts.Count > 0)
        {
            var labels = c.Codes?.ToDictionary(k => k.Code, k => k.Label.En, StringComparer.Ordinal);
            text += "; " + string.Join(", ", s.Counts.Select(v =>
                string.Create(Invariant, $"{v.Value}{(labels is not null && labels.TryGetValue(v.Value, out var l) ? $" ({l})" : "")} {v.Count:N0}")));
        }
        return text;
    }

    private static void Field(TextWriter output, string name, string value) => output.WriteLine($"  {name + ":",-12} {value}");

    private static string Num(double? value) => value is { } v ? v.ToString("0.####", Invariant) : "";
}
