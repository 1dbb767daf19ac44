using Dapper;
using Refrain.Jobs;
using Refrain.Measurements.Quota;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Measurements.Quota;

/// <summary>
/// Spend control on both databases: one unit reserved per paid call by an atomic conditional update, never past a cap even
/// with parallel workers on separate connections; a spent cap snoozes until the first instant of the next UTC month.
/// </summary>
public abstract class QuotaCompliance : StoreTestBase
{
    /// <summary>The test clock is 2026-11-22T12:00Z: the period resets on 1 December at midnight UTC.</summary>
    private static readonly DateTimeOffset December = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static QuotaLimits Limits(long providerCap, decimal costUsd = 0.01m, Dictionary<string, long>? accountCaps = null)
    {
        var limits = new QuotaLimits();
        limits.ProviderCaps["songstats"] = providerCap;
        limits.CostPerCallUsd["songstats"] = costUsd;
        foreach (var (name, cap) in accountCaps ?? [])
        {
            limits.SongstatsAccountCaps[name] = cap;
        }

        return limits;
    }

    private Task<long> CountAsync(string sql) => Store.ReadAsync(c => c.ExecuteScalarAsync<long>(sql), CancellationToken.None);

    [StoreFact]
    public async Task Reserve_EightWorkersAgainstACapOfTwenty_ReserveExactlyTwenty()
    {
        var limits = Limits(providerCap: 20);
        // Each worker has its own store (its own connections, as separate nodes would) and keeps reserving until refused.
        var workers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => OpenStoreAsync()));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = workers.Select(store => Task.Run(async () =>
        {
            var quota = new QuotaService(store, Time, limits);
            await start.Task;
            int mine = 0, refused = 0;
            while (refused < 3)
            {
                if (await quota.ReserveAsync("songstats", 1, null, CancellationToken.None) is null)
                {
                    mine++;
                }
                else
                {
                    refused++;
                }
            }

            return mine;
        })).ToList();
        start.SetResult();
        var reserved = await Task.WhenAll(running);

        Assert.Equal(20, reserved.Sum());
        Assert.Equal(20, await CountAsync("SELECT used FROM quota_usage WHERE provider = 'songstats' AND account_id = 0"));
        Assert.Equal(20, await CountAsync("SELECT COUNT(*) FROM quota_ledger WHERE provider = 'songstats'"));
        Assert.Equal((20L, 200_000L), await Store.SumQuotaLedgerAsync("songstats", null, CancellationToken.None));
    }

    [StoreFact]
    public async Task Reserve_WhenTheCapIsSpent_SnoozesUntilTheNextMonthAndResumesThen()
    {
        var quota = new QuotaService(Store, Time, Limits(providerCap: 2));
        Assert.Null(await quota.ReserveAsync("songstats", 1, 7, CancellationToken.None));
        Assert.Null(await quota.ReserveAsync("songstats", 1, 7, CancellationToken.None));

        var snooze = Assert.IsType<JobOutcome.Snooze>(await quota.ReserveAsync("songstats", 1, 7, CancellationToken.None));

        Assert.Equal(December, snooze.Until);
        Assert.Contains("songstats monthly cap of 2 calls is reached for 2026-11", snooze.Reason, StringComparison.Ordinal);
        Assert.Equal(December, await quota.IsSpentAsync("songstats", 1, CancellationToken.None));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM quota_ledger WHERE job_id = 7"));
        var pause = await Store.GetProviderPauseAsync("songstats", CancellationToken.None);
        Assert.Equal((December, "quota"), (pause!.PausedUntil, pause.Reason));

        Time.SetUtcNow(December);

        Assert.Null(await quota.IsSpentAsync("songstats", 1, CancellationToken.None));
        Assert.Null(await quota.ReserveAsync("songstats", 1, 7, CancellationToken.None));
        Assert.Equal(1, await CountAsync("SELECT used FROM quota_usage WHERE account_id = 0 AND period = '2026-12'"));
    }

    [StoreFact]
    public async Task Reserve_AnAccountCap_StopsThatAccountOnlyAndCostsTheProviderNothing()
    {
        var label = (await Store.CreateAccountAsync("label", CancellationToken.None))!.Id;
        var quota = new QuotaService(Store, Time, Limits(providerCap: 5, accountCaps: new() { ["label"] = 2 }));

        Assert.Null(await quota.ReserveAsync("songstats", label, null, CancellationToken.None));
        Assert.Null(await quota.ReserveAsync("songstats", label, null, CancellationToken.None));
        var account = Assert.IsType<JobOutcome.Snooze>(await quota.ReserveAsync("songstats", label, null, CancellationToken.None));

        Assert.Contains("for this account", account.Reason, StringComparison.Ordinal);
        Assert.Equal(December, account.Until);
        Assert.Equal(December, await quota.IsSpentAsync("songstats", label, CancellationToken.None));
        Assert.Null(await quota.IsSpentAsync("songstats", 1, CancellationToken.None));
        Assert.Null(await Store.GetProviderPauseAsync("songstats", CancellationToken.None)); // one account's cap pauses nobody else

        // The default account has no cap of its own: it takes the provider's remaining three, then meets the provider cap.
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await quota.ReserveAsync("songstats", 1, null, CancellationToken.None));
        }

        var provider = Assert.IsType<JobOutcome.Snooze>(await quota.ReserveAsync("songstats", 1, null, CancellationToken.None));
        Assert.Contains("songstats monthly cap of 5 calls is reached", provider.Reason, StringComparison.Ordinal);
        Assert.Equal(5, await CountAsync("SELECT used FROM quota_usage WHERE account_id = 0"));
        Assert.Equal(5, await CountAsync("SELECT COUNT(*) FROM quota_ledger"));
    }

    [StoreFact]
    public async Task Reserve_RefusedByTheProviderCap_GivesTheAccountItsUnitBack()
    {
        var label = (await Store.CreateAccountAsync("label", CancellationToken.None))!.Id;
        var quota = new QuotaService(Store, Time, Limits(providerCap: 1, accountCaps: new() { ["label"] = 10 }));
        Assert.Null(await quota.ReserveAsync("songstats", 1, null, CancellationToken.None));

        Assert.IsType<JobOutcome.Snooze>(await quota.ReserveAsync("songstats", label, null, CancellationToken.None));

        Assert.Equal(0, await CountAsync($"SELECT used FROM quota_usage WHERE account_id = {label}"));
    }

    [StoreFact]
    public async Task Usage_ReportsUsedCapCostAndResetPerProviderAndAccount()
    {
        var label = (await Store.CreateAccountAsync("label", CancellationToken.None))!.Id;
        var limits = Limits(providerCap: 100, costUsd: 0.05m, accountCaps: new() { ["label"] = 10 });
        limits.CostPerCallUsd["snapshot"] = 0.003m;
        var quota = new QuotaService(Store, Time, limits);
        await quota.ReserveAsync("songstats", label, null, CancellationToken.None);
        await quota.ReserveAsync("songstats", label, null, CancellationToken.None);
        await quota.ReserveAsync("songstats", 1, null, CancellationToken.None);
        await quota.ReserveAsync("snapshot", label, null, CancellationToken.None);

        var all = await quota.GetUsageAsync(null, CancellationToken.None);
        var mine = await quota.GetUsageAsync(label, CancellationToken.None);

        Assert.Contains(new QuotaUsage("songstats", null, null, "2026-11", 3, 100, 0.15m, December), all);
        Assert.Contains(new QuotaUsage("snapshot", null, null, "2026-11", 1, null, 0.003m, December), all);
        Assert.Contains(new QuotaUsage("songstats", 1, "default", "2026-11", 1, null, 0.05m, December), all);
        Assert.Equal(
            [
                new QuotaUsage("songstats", label, "label", "2026-11", 2, 10, 0.10m, December),
                new QuotaUsage("snapshot", label, "label", "2026-11", 1, null, 0.003m, December),
            ],
            mine);
    }
}

public sealed class SqliteQuotaTests : QuotaCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresQuotaTests : QuotaCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
