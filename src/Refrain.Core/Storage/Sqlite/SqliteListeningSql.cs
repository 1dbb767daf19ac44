namespace Refrain.Storage.Sqlite;

/// <summary>Every SQLite-specific listening statement.</summary>
internal static class SqliteListeningSql
{
    // A materialised CTE reads each JSON member once per row and keeps the rows the outer loop (json_each has no index).
    public static readonly ListeningSql Statements = new()
    {
        InsertPlays = $"""
            WITH r AS MATERIALIZED (
                SELECT value ->> '$.k' AS k, value ->> '$.a' AS a, value ->> '$.t' AS t, value ->> '$.al' AS al,
                       value ->> '$.na' AS na, value ->> '$.nt' AS nt, value ->> '$.nk' AS nk, value ->> '$.at' AS at, value ->> '$.ms' AS ms,
                       value ->> '$.s' AS s, value ->> '$.pr' AS pr, value ->> '$.tid' AS tid
                FROM json_each(@rows))
            {ListeningSql.InsertFrom("r")}
            """,
    };
}
