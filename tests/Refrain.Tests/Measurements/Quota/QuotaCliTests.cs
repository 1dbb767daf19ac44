using System.Text.Json;
using Refrain.Measurements.Quota;
using Refrain.Storage;
using Refrain.Tests.Cli;

namespace Refrain.Tests.Measurements.Quota;

/// <summary><c>refrain quota show</c> from the command line, on a fresh SQLite file.</summary>
public sealed class QuotaCliTests
{
    [Fact]
    public async Task Show_ListsUsedCapCostAndResetPerProviderAndAccount()
    {
        using var refrain = new RefrainProcess();
        refrain.Variables["Providers__Songstats__MonthlyCallCap"] = "50";
        refrain.Variables["Providers__Songstats__CostPerCallUsd"] = "0.25";
        Assert.Equal(0, (await refrain.RunAsync("migrate")).ExitCode);
        await using (var store = StoreFactory.Create(refrain.ConnectionString, TimeProvider.System))
        {
            var limits = new QuotaLimits();
            limits.CostPerCallUsd["songstats"] = 0.25m;
            var quota = new QuotaService(store, TimeProvider.System, limits);
            Assert.Null(await quota.ReserveAsync("songstats", 1, null, CancellationToken.None));
            Assert.Null(await quota.ReserveAsync("songstats", 1, null, CancellationToken.None));
        }

        var json = await refrain.RunAsync("quota", "show", "--json");
        var table = await refrain.RunAsync("quota", "show", "--account", "default");
        var unknown = await refrain.RunAsync("quota", "show", "--account", "nobody");

        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        var total = items.Single(i => i.GetProperty("provider").GetString() == "songstats" && i.GetProperty("account_id").ValueKind == JsonValueKind.Null);
        Assert.Equal((2, 50, 0.5m), (total.GetProperty("used").GetInt64(), total.GetProperty("cap").GetInt64(), total.GetProperty("cost_usd").GetDecimal()));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1), total.GetProperty("resets_at").GetDateTimeOffset());
        Assert.Contains(items, i => i.GetProperty("provider").GetString() == "songstats" && i.GetProperty("account").GetString() == "default");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Equal(["PROVIDER", "ACCOUNT", "PERIOD", "USED", "CAP", "COST_USD", "RESETS_AT"], table.StdoutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["songstats", "default"], table.StdoutLines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2]);
        Assert.Equal(["2", "none", "0.5"], table.StdoutLines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3..6]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown account 'nobody'", unknown.Stderr, StringComparison.Ordinal);
    }
}
