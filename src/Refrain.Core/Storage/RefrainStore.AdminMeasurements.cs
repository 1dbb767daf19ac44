using Dapper;
using Refrain.Measurements.Jobs;
using Refrain.Runs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>The run kinds that measure: requested measurements and the catalog snapshot schedule's runs.</summary>
    public static readonly IReadOnlyList<string> MeasurementRunKinds =
        [MeasurementJobs.RunKind, $"{CatalogSnapshotHandler.Source}/{CatalogSnapshotHandler.JobType}"];

    /// <summary>Measurement runs newest first (keyset: ids below <paramref name="beforeId"/>), of one account or (null) all.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListMeasurementRunsAsync(long? accountId, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        var account = accountId is null ? "" : " AND account_id = @accountId";
        var before = beforeId is null ? "" : " AND id < @beforeId";
        var sql = $"SELECT {CommonSql.RunColumns} FROM runs WHERE kind IN (@k0, @k1){account}{before} ORDER BY id DESC LIMIT @limit";
        return (await ReadAsync(c => c.QueryAsync<RunRecord>(Command(sql,
            new { k0 = MeasurementRunKinds[0], k1 = MeasurementRunKinds[1], accountId, beforeId, limit }, null, cancellationToken)), cancellationToken)).ToList();
    }

    /// <summary>Each paid provider's whole-provider use per month (the <c>account_id</c> 0 rows), newest month first.</summary>
    public async Task<IReadOnlyList<QuotaMonth>> ListQuotaMonthsAsync(int limit, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<QuotaMonth>(Command(
            "SELECT provider, period, used, cost_micro_usd FROM quota_usage WHERE account_id = 0 ORDER BY period DESC, provider LIMIT @limit",
            new { limit }, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>The latest paid calls, newest first, with the account's name.</summary>
    public async Task<IReadOnlyList<QuotaLedgerEntry>> ListQuotaLedgerAsync(long? accountId, int limit, CancellationToken cancellationToken)
    {
        var account = accountId is null ? "" : " WHERE q.account_id = @accountId";
        return (await ReadAsync(c => c.QueryAsync<QuotaLedgerEntry>(Command($"""
            SELECT q.id, q.provider, q.account_id, a.name AS account_name, q.units, q.cost_micro_usd, q.job_id, q.outcome, q.at
            FROM quota_ledger q LEFT JOIN accounts a ON a.id = q.account_id{account}
            ORDER BY q.id DESC LIMIT @limit
            """, new { accountId, limit }, null, cancellationToken)), cancellationToken)).ToList();
    }

    /// <summary>Historical backfills by state (recordings per state): one grouped pass over <c>backfills</c>.</summary>
    public async Task<IReadOnlyList<(string State, long Recordings)>> CountBackfillsAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<(string, long)>(Command(
            "SELECT state, COUNT(*) FROM backfills GROUP BY state ORDER BY state", null, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>A paid provider's use in one month; cost in micro-USD, as stored.</summary>
    public sealed class QuotaMonth
    {
        public string Provider { get; set; } = "";
        public string Period { get; set; } = "";
        public long Used { get; set; }
        public long CostMicroUsd { get; set; }
    }

    /// <summary>One paid call (or reservation) in the quota ledger; cost in micro-USD and time in Unix ms, as stored.</summary>
    public sealed class QuotaLedgerEntry
    {
        public long Id { get; set; }
        public string Provider { get; set; } = "";
        public long? AccountId { get; set; }
        public string? AccountName { get; set; }
        public long Units { get; set; }
        public long CostMicroUsd { get; set; }
        public long? JobId { get; set; }
        public string? Outcome { get; set; }
        public long At { get; set; }
    }
}
