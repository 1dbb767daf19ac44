namespace Refrain.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private protected override string MeasurementRows => "(SELECT value ->> '$.d' AS d, value ->> '$.t' AS t FROM json_each(@rows)) AS r";

    private protected override string PreviousDay(string column) => $"date({column}, '-1 day')";
}
