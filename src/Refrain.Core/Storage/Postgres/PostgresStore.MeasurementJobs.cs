namespace Refrain.Storage.Postgres;

public sealed partial class PostgresStore
{
    private protected override string ScopeAlbumIds => "(SELECT e.value::bigint AS id FROM jsonb_array_elements_text(@albums::jsonb) AS e(value)) AS k";

    private protected override string ScopeIsrcs => "(SELECT e.value AS isrc FROM jsonb_array_elements_text(@isrcs::jsonb) AS e(value)) AS k";

    private protected override string TrackAlbumId(string column) => $"({column}::jsonb -> 'album' ->> 'id')";

    private protected override string WithoutJit => "SET LOCAL jit = off";

    private protected override string SnapshotRows => "jsonb_to_recordset(@rows::jsonb) AS x(r text, t bigint)";
}
