using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Notifications;
using Refrain.Tests.Admin;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Notifications;

/// <summary>
/// <c>GET /api/notifications</c> and <c>/admin/notifications</c> on the real server: an admin sees every account's
/// notifications with their delivery per channel, a member only its own account's; the page shows each channel's state.
/// </summary>
public abstract class NotificationsApiCompliance : ApiTestBase
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Notifications:DashboardBaseUrl"] = "http://127.0.0.1:5080",
        ["Notifications:Channels:0:Name"] = "ops",
        ["Notifications:Channels:0:Type"] = "webhook",
        ["Notifications:Channels:0:Url"] = "http://127.0.0.1:9/hook",
        ["Notifications:Channels:0:Secret"] = "s3cret-for-tests",
    };

    /// <summary>A failed run in alpha and one in beta, announced by one check.</summary>
    private async Task SeedAsync()
    {
        var at = Time.GetUtcNow().ToUnixTimeMilliseconds();
        await Store.ReadAsync(c => c.ExecuteAsync("""
            INSERT INTO runs (account_id, kind, trigger_type, state, created_at, ended_at, total, failed) VALUES
                (@alpha, 'spotify/sweep_duration_mismatches', 'api', 'completed_with_errors', @at, @at, 5, 2),
                (@beta, 'spotify/sweep_duration_mismatches', 'api', 'failed', @at, @at, 1, 1)
            """, new { at, alpha = AlphaId, beta = BetaId }), CancellationToken.None);
        Assert.Equal(2, await Services.GetRequiredService<NotificationChecker>().CheckAsync(CancellationToken.None));
    }

    [StoreFact]
    public async Task List_AdminSeesEveryAccount_MemberOnlyItsOwn()
    {
        await SeedAsync();

        var all = await ReadJsonAsync(await Admin.GetAsync(new Uri("/api/notifications", UriKind.Relative)));
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        var first = all.GetProperty("items")[0];
        Assert.Equal("run_failed", first.GetProperty("kind").GetString());
        var delivery = Assert.Single(first.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(("ops", "pending", 0), (delivery.GetProperty("channel").GetString(), delivery.GetProperty("state").GetString(), delivery.GetProperty("attempts").GetInt32()));

        var alpha = await ReadJsonAsync(await Alpha.GetAsync(new Uri("/api/notifications", UriKind.Relative)));
        var mine = Assert.Single(alpha.GetProperty("items").EnumerateArray());
        Assert.Equal(AlphaId, mine.GetProperty("account_id").GetInt64());
        Assert.Equal("completed_with_errors", mine.GetProperty("payload").GetProperty("run").GetProperty("state").GetString());
        Assert.DoesNotContain("s3cret", alpha.ToString(), StringComparison.Ordinal);

        var beta = await ReadJsonAsync(await Beta.GetAsync(new Uri("/api/notifications?kind=run_failed", UriKind.Relative)));
        Assert.Equal(BetaId, Assert.Single(beta.GetProperty("items").EnumerateArray()).GetProperty("account_id").GetInt64());
    }

    [StoreFact]
    public async Task List_UnknownKind_Is400NamingTheField()
    {
        var problem = await AssertProblemAsync(await Admin.GetAsync(new Uri("/api/notifications?kind=everything", UriKind.Relative)), 400);
        Assert.Equal("kind", problem.GetProperty("field").GetString());
    }

    [StoreFact]
    public async Task Page_ShowsEachNotificationWithItsDeliveryPerChannel()
    {
        await SeedAsync();
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync("/admin/notifications");

        Assert.Equal(2, html.Split("data-notification=", StringSplitOptions.None).Length - 1);
        Assert.Contains("completed with errors", html, StringComparison.Ordinal);
        Assert.Contains("data-channel=\"ops\"", html, StringComparison.Ordinal);
        Assert.Contains("ops (webhook)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", html, StringComparison.Ordinal);
        var bad = await admin.GetPageAsync("/admin/notifications?kind=nope");
        Assert.Contains("must be one of", bad, StringComparison.Ordinal);
        using var anonymous = AdminClient.Anonymous(BaseAddress);
        using var response = await anonymous.GetAsync("/admin/notifications");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class SqliteNotificationsApiTests : NotificationsApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresNotificationsApiTests : NotificationsApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
