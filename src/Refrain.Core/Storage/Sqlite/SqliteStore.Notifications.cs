namespace Refrain.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private protected override string NotificationRows => """
        (SELECT value ->> '$.k' AS k, value ->> '$.kd' AS kd, value ->> '$.a' AS a, value ->> '$.r' AS r, value ->> '$.s' AS s,
                value ->> '$.sj' AS sj, value ->> '$.tx' AS tx, value ->> '$.p' AS p FROM json_each(@rows)) AS j
        """;

    private protected override string DeliveryRows => "(SELECT value ->> '$.n' AS n, value ->> '$.c' AS c FROM json_each(@rows)) AS j";

    private protected override string AlertRows => "(SELECT value ->> '$.k' AS k, value ->> '$.s' AS s FROM json_each(@rows)) AS j";

    private protected override string KeyList => "SELECT value AS k FROM json_each(@keys)";

    private protected override string IdList => "SELECT value AS id FROM json_each(@ids)";
}
