using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Measurements.Quota;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Measurements.Quota;

/// <summary><c>GET /api/quota</c>: a member key sees its own account's use; an admin key also the provider totals and every account.</summary>
public abstract class QuotaApiCompliance : ApiTestBase
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Providers:Songstats:MonthlyCallCap"] = "100",
        ["Providers:Songstats:CostPerCallUsd"] = "0.05",
        ["Accounts:alpha:SongstatsMonthlyCap"] = "10",
    };

    private async Task ReserveAsync(long accountId, int units)
    {
        var quota = Services.GetRequiredService<QuotaService>();
        for (var i = 0; i < units; i++)
        {
            Assert.Null(await quota.ReserveAsync("songstats", accountId, null, CancellationToken.None));
        }
    }

    private static (string?, long?, string?, long, long?, decimal, string?) Row(JsonElement e) => (
        e.GetProperty("provider").GetString(), e.GetProperty("account_id").ValueKind == JsonValueKind.Null ? null : e.GetProperty("account_id").GetInt64(),
        e.GetProperty("account").GetString(), e.GetProperty("used").GetInt64(),
        e.GetProperty("cap").ValueKind == JsonValueKind.Null ? null : e.GetProperty("cap").GetInt64(), e.GetProperty("cost_usd").GetDecimal(),
        e.GetProperty("resets_at").GetString());

    [StoreFact]
    public async Task Get_AsAMember_ShowsOnlyItsOwnAccountWithItsCap()
    {
        await ReserveAsync(AlphaId, 2);
        await ReserveAsync(BetaId, 1);

        var page = await ReadJsonAsync(await Alpha.GetAsync("/api/quota"));

        var items = page.GetProperty("items").EnumerateArray().Select(Row).ToList();
        Assert.Equal(
            [
                ("songstats", AlphaId, "alpha", 2L, 10L, 0.10m, "2026-12-01T00:00:00+00:00"),
                ("snapshot", AlphaId, "alpha", 0L, null, 0m, "2026-12-01T00:00:00+00:00"),
            ],
            items);
        Assert.Equal("2026-11", page.GetProperty("items")[0].GetProperty("period").GetString());
    }

    [StoreFact]
    public async Task Get_AsAnAdmin_ShowsTheProviderTotalsAndEveryAccount()
    {
        await ReserveAsync(AlphaId, 2);
        await ReserveAsync(BetaId, 1);

        var items = (await ReadJsonAsync(await Admin.GetAsync("/api/quota"))).GetProperty("items").EnumerateArray().Select(Row).ToList();

        Assert.Contains(("songstats", null, null, 3L, 100L, 0.15m, "2026-12-01T00:00:00+00:00"), items);
        Assert.Contains(("songstats", AlphaId, "alpha", 2L, 10L, 0.10m, "2026-12-01T00:00:00+00:00"), items);
        Assert.Contains(("songstats", BetaId, "beta", 1L, null, 0.05m, "2026-12-01T00:00:00+00:00"), items);
        Assert.Contains(items, i => i.Item1 == "snapshot" && i.Item2 is null);
    }

    [StoreFact]
    public async Task Get_WithoutAKey_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().GetAsync("/api/quota")).StatusCode);
    }
}

public sealed class SqliteQuotaApiTests : QuotaApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Tests.Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Tests.Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresQuotaApiTests : QuotaApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Tests.Storage.PostgresDb.CreateAsync();
}
