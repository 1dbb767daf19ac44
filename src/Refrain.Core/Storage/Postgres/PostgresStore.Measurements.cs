namespace Refrain.Storage.Postgres;

public sealed partial class PostgresStore
{
    private protected override string MeasurementRows => "jsonb_to_recordset(@rows::jsonb) AS r(d text, t bigint)";

    private protected override string PreviousDay(string column) => $"to_char({column}::date - 1, 'YYYY-MM-DD')";
}
