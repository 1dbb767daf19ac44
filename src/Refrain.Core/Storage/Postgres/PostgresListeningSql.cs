namespace Refrain.Storage.Postgres;

/// <summary>Every PostgreSQL-specific listening statement.</summary>
internal static class PostgresListeningSql
{
    public static readonly ListeningSql Statements = new()
    {
        InsertPlays = ListeningSql.InsertFrom(
            "jsonb_to_recordset(@rows::jsonb) AS r(k text, a text, t text, al text, na text, nt text, nk bigint, at bigint, ms bigint, s text, pr int, tid text)"),
    };
}
