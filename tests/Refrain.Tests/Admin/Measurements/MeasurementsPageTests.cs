using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Measurements.Quota;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Admin.Measurements;

/// <summary>
/// Issue 7, <c>/admin/measurements</c> over real HTTP on both databases: measurement runs (and only those) with counts,
/// summary and a link to the run, the month's quota used of its cap in dollars, the ledger, and backfill coverage.
/// </summary>
public abstract class MeasurementsPageCompliance : ApiTestBase
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Providers:Songstats:MonthlyCallCap"] = "1000",
        ["Providers:Songstats:CostPerCallUsd"] = "0.0125",
    };

    private Task<long> InsertRunAsync(string kind, string state, string? summary) =>
        Store.WriteAsync((c, tx) => c.ExecuteScalarAsync<long>("""
            INSERT INTO runs (account_id, kind, trigger_type, requested_by, state, created_at, ended_at, total, succeeded, no_data, failed, dead, cancelled, summary)
            VALUES (@account, @kind, 'api', 'key 1', @state, 1795000000000, 1795000042000, 12, 9, 2, 1, 0, 0, @summary) RETURNING id
            """, new { account = AlphaId, kind, state, summary }, tx), CancellationToken.None);

    [StoreFact]
    public async Task Page_ShowsMeasurementRuns_WithCountsSummaryAndLink_ButNotOtherRuns()
    {
        var run = await InsertRunAsync("measurement", "succeeded", """{"recordings":12}""");
        var other = await InsertRunAsync("spotify/rematch_duration_mismatches", "succeeded", null);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync("/admin/measurements");
        var text = AdminClient.Text(html);

        Assert.Contains($"href=\"/admin/runs/{run}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/admin/runs/{other}\"", html, StringComparison.Ordinal);
        Assert.Contains($"#{run} measurement succeeded api", text, StringComparison.Ordinal);
        Assert.Contains("42 s 12 9 2 1 0 {\"recordings\":12}", text, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Page_ShowsQuotaUsedOfCap_InDollars_WithLedgerEntriesAndBackfills()
    {
        var quota = Services.GetRequiredService<QuotaService>();
        for (var i = 0; i < 3; i++)
        {
            var (ledger, outcome) = await quota.ReserveUnitAsync("songstats", AlphaId, null, CancellationToken.None);
            Assert.Null(outcome);
            await quota.RecordOutcomeAsync(ledger!.Value, "ok", CancellationToken.None);
        }

        await Store.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO backfills (recording, platform, state, through_date, updated_at)
            VALUES ('recording:1', 'spotify', 'done', '2026-11-01', 1), ('recording:2', 'spotify', 'done', '2026-11-01', 1), ('recording:3', 'spotify', 'pending', NULL, 1)
            """, null, tx), CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var text = AdminClient.Text(await admin.GetPageAsync("/admin/measurements"));

        Assert.Contains("songstats all accounts 2026-11 3 3 of 1,000 $0.0375", text, StringComparison.Ordinal);
        Assert.Contains("songstats alpha 2026-11 3", text, StringComparison.Ordinal);
        Assert.Contains("2026-11 songstats 3 of 1,000 $0.0375", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("songstats alpha 1 $0.0125 — ok").Length - 1);
        Assert.Contains("2 recordings done", text, StringComparison.Ordinal);
        Assert.Contains("1 recordings pending", text, StringComparison.Ordinal);
    }
}

public sealed class SqliteMeasurementsPageTests : MeasurementsPageCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresMeasurementsPageTests : MeasurementsPageCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
