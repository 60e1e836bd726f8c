using DuckDB.NET.Data;
using Workbench.Data;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// Makes a validated <see cref="Dataset"/> a DuckDB table whose columns have its dictionary's types: integer BIGINT,
/// decimal DOUBLE, boolean BOOLEAN, date DATE, category an ENUM of the dictionary's codes (in dictionary order), text
/// and identifier VARCHAR; a missing value is NULL.
/// </summary>
/// <remarks>
/// The ENUM holds only the dictionary's codes and <c>ORDER BY</c> sorts a category in the dictionary's code order
/// (as R's factor levels), not alphabetically. A query's ENUM column
/// comes back to C# as strings (<see cref="ArrowFrames"/>). Rows go in through DuckDB's appender in file order.
/// </remarks>
internal static class DatasetTables
{
    /// <summary>The DuckDB type of a dictionary column.</summary>
    public static string SqlType(ColumnDefinition column) => column.Type switch
    {
        ColumnType.Integer => "BIGINT",
        ColumnType.Decimal => "DOUBLE",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Date => "DATE",
        ColumnType.Category when column.Codes is { Count: > 0 } codes =>
            "ENUM(" + string.Join(", ", codes.Select(c => "'" + c.Code.Replace("'", "''", StringComparison.Ordinal) + "'")) + ")",
        _ => "VARCHAR",
    };

    /// <summary>Creates (or replaces) table <paramref name="name"/> in <paramref name="connection"/> holding <paramref name="dataset"/>.</summary>
    public static void Replace(DuckDBConnection connection, string name, Dataset dataset)
    {
        var columns = dataset.ColumnNames.Select(dataset.Column).ToList();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE OR REPLACE TABLE {FrameTables.Quote(name)} ({string.Join(", ", columns.Select(c => $"{FrameTables.Quote(c.Name)} {SqlType(c)}"))})";
            create.ExecuteNonQuery();
        }
        var writers = columns.Select(c => Writer(dataset, c)).ToArray();
        using var appender = connection.CreateAppender(name);
        for (var r = 0; r < dataset.RowCount; r++)
        {
            var row = appender.CreateRow();
            foreach (var write in writers) write(row, r);
            row.EndRow();
        }
    }

    private static Action<IDuckDBAppenderRow, int> Writer(Dataset dataset, ColumnDefinition column)
    {
        switch (column.Type)
        {
            case ColumnType.Integer:
            {
                var values = dataset.Integers(column.Name);
                return (row, r) => { if (values.IsMissing(r)) row.AppendNullValue(); else row.AppendValue(values.Values[r]); };
            }
            case ColumnType.Decimal:
            {
                var values = dataset.Decimals(column.Name);
                return (row, r) => { if (values.IsMissing(r)) row.AppendNullValue(); else row.AppendValue(values.Values[r]); };
            }
            case ColumnType.Boolean:
            {
                var values = dataset.Booleans(column.Name);
                return (row, r) => { if (values.IsMissing(r)) row.AppendNullValue(); else row.AppendValue(values.Values[r]); };
            }
            case ColumnType.Date:
            {
                var values = dataset.Dates(column.Name);
                return (row, r) => { if (values.IsMissing(r)) row.AppendNullValue(); else row.AppendValue((DateOnly?)values.Values[r]); };
            }
            default:
            {
                var values = dataset.Strings(column.Name);
                return (row, r) => { if (values[r] is { } s) row.AppendValue(s); else row.AppendNullValue(); };
            }
        }
    }
}
