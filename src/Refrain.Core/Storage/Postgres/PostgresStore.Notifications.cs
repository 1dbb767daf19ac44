namespace Refrain.Storage.Postgres;

public sealed partial class PostgresStore
{
    private protected override string NotificationRows =>
        "jsonb_to_recordset(@rows::jsonb) AS j(k text, kd text, a bigint, r bigint, s text, sj text, tx text, p text)";

    private protected override string DeliveryRows => "jsonb_to_recordset(@rows::jsonb) AS j(n bigint, c text)";

    private protected override string AlertRows => "jsonb_to_recordset(@rows::jsonb) AS j(k text, s bigint)";

    private protected override string KeyList => "SELECT jsonb_array_elements_text(@keys::jsonb) AS k";

    private protected override string IdList => "SELECT CAST(jsonb_array_elements_text(@ids::jsonb) AS bigint) AS id";
}
