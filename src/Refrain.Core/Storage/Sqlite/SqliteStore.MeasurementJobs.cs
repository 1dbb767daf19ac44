namespace Refrain.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private protected override string ScopeAlbumIds => "(SELECT value AS id FROM json_each(@albums)) AS k";

    private protected override string ScopeIsrcs => "(SELECT value AS isrc FROM json_each(@isrcs)) AS k";

    private protected override string TrackAlbumId(string column) => $"({column} ->> '$.album.id')";

    private protected override string SnapshotRows => "(SELECT value ->> '$.r' AS r, value ->> '$.t' AS t FROM json_each(@rows)) AS x";
}
