using System.Data.Common;
using Dapper;
using Refrain.Measurements.Quota;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// Takes one unit of a scope's count for the period in one conditional statement: the row is created at 1 or raised by
    /// one, but only while it is under <c>@cap</c> (no cap: always). Under concurrency the database serialises the update of
    /// the row and re-checks the condition on the latest count, so parallel workers cannot overshoot. No row back = spent.
    /// </summary>
    private const string TakeUnit = """
        INSERT INTO quota_usage (provider, account_id, period, used, cost_micro_usd) VALUES (@provider, @scope, @period, 1, @cost)
        ON CONFLICT (provider, account_id, period) DO UPDATE
        SET used = quota_usage.used + 1, cost_micro_usd = quota_usage.cost_micro_usd + excluded.cost_micro_usd
        WHERE @cap IS NULL OR quota_usage.used < @cap
        RETURNING used
        """;

    /// <summary>
    /// Reserves one paid call in one transaction: the account's count (capped when <paramref name="accountCap"/> is set;
    /// counted whenever there is an account, so usage can be reported per account) and the provider's count (scope 0,
    /// capped when <paramref name="providerCap"/> is set), plus the ledger row. When either is spent nothing is kept.
    /// </summary>
    public Task<QuotaReservation> ReserveQuotaAsync(
        string provider, long? accountId, long? accountCap, long? providerCap, long costMicroUsd, long? jobId, string period,
        CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            if (accountId is { } account && !await TakeAsync(c, tx, provider, account, period, accountCap, costMicroUsd, cancellationToken))
            {
                return new QuotaReservation(null, QuotaScope.Account);
            }

            if (!await TakeAsync(c, tx, provider, 0, period, providerCap, costMicroUsd, cancellationToken))
            {
                if (accountId is { } taken)
                {
                    // Give back the account's unit taken above: the call is not made.
                    await c.ExecuteAsync(Command("""
                        UPDATE quota_usage SET used = used - 1, cost_micro_usd = cost_micro_usd - @cost
                        WHERE provider = @provider AND account_id = @taken AND period = @period
                        """, new { provider, taken, period, cost = costMicroUsd }, tx, cancellationToken));
                }

                return new QuotaReservation(null, QuotaScope.Provider);
            }

            var ledgerId = await c.ExecuteScalarAsync<long>(Command("""
                INSERT INTO quota_ledger (account_id, provider, units, cost_micro_usd, job_id, outcome, at)
                VALUES (@accountId, @provider, 1, @cost, @jobId, 'reserved', @now) RETURNING id
                """, new { accountId, provider, cost = costMicroUsd, jobId, now = NowMs }, tx, cancellationToken));
            return new QuotaReservation(ledgerId, null);
        }, cancellationToken);

    /// <summary>What became of a reserved call (e.g. <c>ok</c>, <c>no_data</c>, <c>timeout</c>): the unit stays spent whatever it is.</summary>
    public Task SetQuotaOutcomeAsync(long ledgerId, string outcome, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command(
            "UPDATE quota_ledger SET outcome = @outcome WHERE id = @ledgerId", new { ledgerId, outcome }, tx, cancellationToken)), cancellationToken);

    /// <summary>The units used in a period by a provider as a whole (scope 0) and by one account (0 when none).</summary>
    public Task<(long Provider, long Account)> GetQuotaUsedAsync(string provider, long? accountId, string period, CancellationToken cancellationToken) =>
        ReadAsync(async c =>
        {
            var rows = (await c.QueryAsync<(long AccountId, long Used)>(Command("""
                SELECT account_id, used FROM quota_usage WHERE provider = @provider AND period = @period AND account_id IN (0, @account)
                """, new { provider, period, account = accountId ?? 0 }, null, cancellationToken))).ToList();
            return (rows.Where(r => r.AccountId == 0).Sum(r => r.Used), accountId is { } a and not 0 ? rows.Where(r => r.AccountId == a).Sum(r => r.Used) : 0);
        }, cancellationToken);

    /// <summary>The counts of a period: every scope when <paramref name="accountId"/> is null, else that account's only.</summary>
    public async Task<IReadOnlyList<QuotaUsageRow>> ListQuotaUsageAsync(string period, long? accountId, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<QuotaUsageRow>(Command("""
            SELECT q.provider AS Provider, q.account_id AS AccountId, a.name AS AccountName, q.used AS Used, q.cost_micro_usd AS CostMicroUsd
            FROM quota_usage q LEFT JOIN accounts a ON a.id = q.account_id
            WHERE q.period = @period AND (@accountId IS NULL OR q.account_id = @accountId)
            ORDER BY q.provider, q.account_id
            """, new { period, accountId }, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>Ledger rows and their cost of a provider (and account, when given): what was paid for, whatever came of it.</summary>
    public Task<(long Units, long CostMicroUsd)> SumQuotaLedgerAsync(string provider, long? accountId, CancellationToken cancellationToken) =>
        ReadAsync(c => c.QuerySingleAsync<(long Units, long CostMicroUsd)>(Command("""
            SELECT COALESCE(SUM(units), 0), COALESCE(SUM(cost_micro_usd), 0) FROM quota_ledger
            WHERE provider = @provider AND (@accountId IS NULL OR account_id = @accountId)
            """, new { provider, accountId }, null, cancellationToken)), cancellationToken);

    /// <summary>The account's name, or null when there is no such account.</summary>
    public Task<string?> GetAccountNameAsync(long accountId, CancellationToken cancellationToken) =>
        ReadAsync(c => c.ExecuteScalarAsync<string?>(Command("SELECT name FROM accounts WHERE id = @accountId", new { accountId }, null, cancellationToken)), cancellationToken);

    private static async Task<bool> TakeAsync(
        DbConnection c, DbTransaction tx, string provider, long scope, string period, long? cap, long cost, CancellationToken cancellationToken) =>
        (await c.QueryAsync<long>(Command(TakeUnit, new { provider, scope, period, cap, cost }, tx, cancellationToken))).Any();
}
