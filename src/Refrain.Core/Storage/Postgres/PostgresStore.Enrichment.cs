namespace Refrain.Storage.Postgres;

public sealed partial class PostgresStore
{
    private protected override string TextList => "SELECT jsonb_array_elements_text(@keys::jsonb)";

    private protected override string EnrichmentRows =>
        "jsonb_to_recordset(@rows::jsonb) AS r(k text, tid text, isrc text, d bigint, al text, st text, re text, ch bigint, ra bigint)";
}
