using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Apache.Arrow;
using DuckDB.NET.Data;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.ValueSharing;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// The <c>#!sql</c> kernel: one in-memory DuckDB database per notebook, opened on the first SQL cell. A cell's result
/// (the last statement's rows) is a <see cref="DataFrame"/> shown as a table and kept for <c>#!set</c> under the name
/// its first line gives (<c>-- name: x</c>), otherwise <c>lastResult</c>; a table or view the notebook created can be
/// taken by name too, without showing it. Files are queried by path
/// (<c>SELECT * FROM 'data.csv'</c>, <c>read_parquet('x.parquet')</c>); a DataFrame shared into this kernel becomes a
/// table of that name, a validated dataset (<c>Dataset.Load</c>) a table with its dictionary's types
/// (<see cref="DatasetTables"/>), a scalar a DuckDB variable (<c>getvariable('x')</c>), a list of scalars a one-column table.
/// </summary>
/// <remarks>
/// Results come through DuckDB.NET's Arrow export (<c>ExecuteArrowStream</c>) and are copied into owned columns
/// (<see cref="ArrowFrames"/>). DataFrames go in through DuckDB's appender.
/// </remarks>
internal sealed partial class DuckSqlKernel :
    Kernel,
    IKernelCommandHandler<SubmitCode>,
    IKernelCommandHandler<RequestValue>,
    IKernelCommandHandler<RequestValueInfos>,
    IKernelCommandHandler<SendValue>
{
    /// <summary>The name a result gets without a <c>-- name:</c> line.</summary>
    public const string DefaultResultName = "lastResult";

    private readonly Dictionary<string, DataFrame> _results = new(StringComparer.Ordinal);
    private DuckDBConnection? _connection;

    /// <summary>Creates the kernel; the database opens on first use.</summary>
    public DuckSqlKernel() : base("sql")
    {
        KernelInfo.LanguageName = "SQL";
        KernelInfo.DisplayName = "SQL (DuckDB)";
        _failures = ShareFailures.For(this);
    }

    private readonly ShareFailures _failures;

    /// <summary>Called with the type of a value this kernel hands out by reference, before it is handed out.</summary>
    public Action<Type>? OnShare { get; init; }

    /// <summary>The notebook's database (opened on first use).</summary>
    public DuckDBConnection Connection
    {
        get
        {
            if (_connection is null)
            {
                var connection = new DuckDBConnection("DataSource=:memory:");
                connection.Open();
                _connection = connection;
                RegisterForDisposal(connection);
            }
            return _connection;
        }
    }

    [GeneratedRegex(@"^\s*--\s*name\s*:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")]
    private static partial Regex NameLine();

    async Task IKernelCommandHandler<SubmitCode>.HandleAsync(SubmitCode command, KernelInvocationContext context)
    {
        var code = command.Code;
        var first = code.TrimStart().Split('\n', 2)[0].TrimEnd('\r');
        var name = NameLine().Match(first) is { Success: true } m ? m.Groups[1].Value : DefaultResultName;
        if (string.IsNullOrWhiteSpace(StripComments(code))) return;
        DataFrame? frame;
        try
        {
            frame = await QueryAsync(code, context.CancellationToken);
        }
        catch (DuckDBException ex)
        {
            context.Fail(command, new SqlException(ex.Message.Trim(), ex), ex.Message.Trim());
            return;
        }
        catch (Exception ex) when (ex is NotSupportedException or OverflowException)
        {
            context.Fail(command, ex, ex.Message);
            return;
        }
        if (frame is null) return;
        _results[name] = frame;
        context.Publish(new ReturnValueProduced(frame, command, FrameText.Format(frame), valueId: null));
    }

    /// <summary>Runs <paramref name="sql"/> and returns the rows of its last statement, or null when it returns none (CREATE, COPY, ...).</summary>
    public async Task<DataFrame?> QueryAsync(string sql, CancellationToken cancellationToken = default)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        Apache.Arrow.Ipc.IArrowArrayStream stream;
        // DuckDB.NET runs the statements, then finds that the last one returned no rows.
        try { stream = command.ExecuteArrowStream(); }
        catch (InvalidOperationException ex) when (ex.Message.Contains("did not return a result set", StringComparison.Ordinal)) { return null; }
        using var owned = stream;
        var batches = new List<RecordBatch>();
        try
        {
            while (await stream.ReadNextRecordBatchAsync(cancellationToken) is { } batch) batches.Add(batch);
            return ArrowFrames.ToDataFrame(stream.Schema, batches);
        }
        finally
        {
            foreach (var b in batches) b.Dispose();
        }
    }

    private static string StripComments(string code) =>
        string.Join('\n', code.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));

    async Task IKernelCommandHandler<RequestValue>.HandleAsync(RequestValue command, KernelInvocationContext context)
    {
        if (!_results.TryGetValue(command.Name, out var frame) && (frame = await TableAsync(command.Name, context.CancellationToken)) is null)
        {
            context.Fail(command, null, $"The SQL kernel has no result or table named '{command.Name}'. Name a result with a first line '-- name: {command.Name}' or create the table" +
                                        (_results.Count > 0 ? $"; it has the results {string.Join(", ", _results.Keys.Order(StringComparer.Ordinal))}." : "."));
            return;
        }
        OnShare?.Invoke(typeof(DataFrame));
        var mime = command.MimeType ?? "text/plain";
        var formatted = mime == "application/json"
            ? new FormattedValue(mime, FrameJson.Serialize(frame))
            : new FormattedValue("text/plain", FrameText.Plain(frame));
        context.Publish(new ValueProduced(frame, command.Name, formatted, command));
    }

    /// <summary>
    /// The rows of table or view <paramref name="name"/> in the notebook's database, or null when there is none: a cell
    /// can <c>CREATE TABLE x AS SELECT ...</c>, which shows nothing, and another kernel take x (e.g. counts that must go
    /// through disclosure control before anything shows them).
    /// </summary>
    private async Task<DataFrame?> TableAsync(string name, CancellationToken cancellationToken)
    {
        if (_connection is null || !ValidName().IsMatch(name)) return null;
        using (var exists = Connection.CreateCommand())
        {
            exists.CommandText = "SELECT count(*) FROM duckdb_tables() WHERE table_name = $name AND schema_name = current_schema() " +
                                 "UNION ALL SELECT count(*) FROM duckdb_views() WHERE view_name = $name AND schema_name = current_schema() AND NOT internal";
            exists.Parameters.Add(new DuckDBParameter("name", name));
            using var reader = await exists.ExecuteReaderAsync(cancellationToken);
            var found = 0L;
            while (await reader.ReadAsync(cancellationToken)) found += reader.GetInt64(0);
            if (found == 0) return null;
        }
        return await QueryAsync($"SELECT * FROM {FrameTables.Quote(name)}", cancellationToken);
    }

    Task IKernelCommandHandler<RequestValueInfos>.HandleAsync(RequestValueInfos command, KernelInvocationContext context)
    {
        var infos = _results.Select(r => new KernelValueInfo(r.Key, new FormattedValue("text/plain", $"DataFrame {r.Value.Rows.Count} x {r.Value.Columns.Count}"), typeof(DataFrame)))
            .ToArray();
        context.Publish(new ValueInfosProduced(infos, command));
        return Task.CompletedTask;
    }

    async Task IKernelCommandHandler<SendValue>.HandleAsync(SendValue command, KernelInvocationContext context)
    {
        var value = command.Value ?? ValueJson.Parse(command.FormattedValue);
        try
        {
            Store(command.Name, value);
        }
        catch (Exception ex) when (ex is NotSupportedException or DuckDBException or ArgumentException)
        {
            _failures.Add($"The value '{command.Name}' could not be shared into SQL: {ex.Message}");
        }
        await Task.CompletedTask;
    }

    /// <summary>Makes <paramref name="value"/> visible to SQL under <paramref name="name"/> (see the class remarks).</summary>
    public void Store(string name, object? value)
    {
        if (!ValidName().IsMatch(name)) throw new ArgumentException($"'{name}' is not a plain SQL name (letters, digits, underscore).");
        switch (value)
        {
            case DataFrame frame:
                FrameTables.Replace(Connection, name, frame);
                _results[name] = frame;
                break;
            case Workbench.Data.Dataset dataset:
                DatasetTables.Replace(Connection, name, dataset);
                break;
            case null or string or bool or DateTime or DateOnly or decimal
                or byte or sbyte or short or ushort or int or uint or long or ulong or float or double:
                Execute($"SET VARIABLE {FrameTables.Quote(name)} = {SqlLiteral(value)}");
                break;
            case IDictionary<string, object?>:
                throw new NotSupportedException("it arrived as JSON (an object), not as the value; share it with --byref (or #!share) so that a DataFrame or a dataset arrives with its column types.");
            case IEnumerable items:
                var list = items.Cast<object?>().ToList();
                if (list.Any(i => i is not (null or string or bool or DateTime or int or long or double or float or decimal or short)))
                    throw new NotSupportedException($"a {value.GetType().Name} holds values other than numbers, strings, booleans and dates.");
                Execute($"CREATE OR REPLACE TABLE \"{name}\" AS SELECT * FROM (VALUES {(list.Count == 0 ? "(NULL)" : string.Join(", ", list.Select(i => $"({SqlLiteral(i)})")))}) t(value)"
                        + (list.Count == 0 ? " WHERE false" : ""));
                break;
            default:
                throw new NotSupportedException($"a {value.GetType().Name} is neither a DataFrame, a dataset, a scalar nor a list of scalars.");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ValidName();

    private void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string SqlLiteral(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "TRUE" : "FALSE",
        DateTime d => "TIMESTAMP '" + d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'",
        DateOnly d => "DATE '" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        double x => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) + "::DOUBLE" : $"'{x.ToString(CultureInfo.InvariantCulture)}'::DOUBLE",
        float x => ((double)x).ToString("R", CultureInfo.InvariantCulture) + "::FLOAT",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => throw new NotSupportedException($"a {v.GetType().Name} has no SQL literal."),
    };
}

/// <summary>An error DuckDB reported for a SQL cell (the message is DuckDB's, e.g. "Catalog Error: Table ... does not exist").</summary>
public sealed class SqlException(string message, Exception inner) : Exception(message, inner);

/// <summary>JSON forms of values that cross kernels without <c>--byref</c>.</summary>
internal static class ValueJson
{
    /// <summary>The value a JSON-formatted shared value stands for (numbers as double or long, strings, booleans, arrays); null when absent.</summary>
    public static object? Parse(FormattedValue? formatted)
    {
        if (formatted is null) return null;
        if (formatted.MimeType != "application/json") return formatted.Value;
        using var document = JsonDocument.Parse(formatted.Value);
        return From(document.RootElement);
    }

    private static object? From(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.Array => e.EnumerateArray().Select(From).ToList(),
        _ => e.EnumerateObject().ToDictionary(p => p.Name, p => From(p.Value), StringComparer.Ordinal),
    };
}
