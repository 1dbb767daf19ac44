namespace Refrain.Storage.Sqlite;

/// <summary>Every SQLite-specific listening statement.</summary>
internal static class SqliteListeningSql
{
    // Each row is a JSON array (see RefrainStore.RowsJson); a materialised CTE reads each position once per row and keeps the rows the outer loop (json_each has no index).
    public static readonly ListeningSql Statements = new()
    {
        InsertPlays = $"""
            WITH r AS MATERIALIZED (
                SELECT value ->> 0 AS k, value ->> 1 AS a, value ->> 2 AS t, value ->> 3 AS al, value ->> 4 AS na, value ->> 5 AS nt,
                       value ->> 6 AS nk, value ->> 7 AS at, value ->> 8 AS ms, value ->> 9 AS s, value ->> 10 AS pr, value ->> 11 AS tid
                FROM json_each(@rows))
            {ListeningSql.InsertFrom("r")}
            """,
    };
}
