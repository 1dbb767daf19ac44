namespace Refrain.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private protected override string TextList => "SELECT value FROM json_each(@keys)";

    private protected override string EnrichmentRows => """
        (SELECT value ->> '$.k' AS k, value ->> '$.tid' AS tid, value ->> '$.isrc' AS isrc, value ->> '$.d' AS d, value ->> '$.al' AS al,
                value ->> '$.st' AS st, value ->> '$.re' AS re, value ->> '$.ch' AS ch, value ->> '$.ra' AS ra
         FROM json_each(@rows)) AS r
        """;
}
