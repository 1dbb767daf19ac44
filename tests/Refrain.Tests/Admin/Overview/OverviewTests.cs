using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Jobs;
using Refrain.Measurements.Quota;
using Refrain.Scheduling;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Admin.Overview;

/// <summary>
/// Issue 7, dashboard overview: jobs per state, queue depth and oldest due age per source, each provider's pause and quota,
/// failing and stale schedules, each linking to its page. The clock is <see cref="ApiTestBase.Time"/> (2026-11-22T12:00Z).
/// </summary>
public abstract class OverviewCompliance : ApiTestBase
{
    protected override Dictionary<string, string?> Settings => new() { ["Providers:Songstats:MonthlyCallCap"] = "100" };

    [StoreFact]
    public async Task Overview_CountsJobsPerState_AndQueuePerSource_WithOldestDueAge()
    {
        var now = Time.GetUtcNow();
        await EnqueueAsync("spotify", "song:1", now.AddMinutes(-30));
        await EnqueueAsync("spotify", "song:2", now.AddMinutes(-30));
        await EnqueueAsync("spotify", "song:3", now.AddMinutes(-30));
        await EnqueueAsync("spotify", "song:4", now.AddMinutes(-20));
        await EnqueueAsync("musicbrainz", "isrc:1", now.AddMinutes(-10));
        await EnqueueAsync("musicbrainz", "isrc:2", now.AddMinutes(-5));
        await EnqueueAsync("musicbrainz", "isrc:3", now.AddHours(1)); // retrying later: not due
        var claimed = await Store.ClaimAsync(new ClaimRequest("w1", 3, TimeSpan.FromMinutes(5), ["spotify"], []), CancellationToken.None);
        Assert.Equal(3, claimed.Count);
        await Store.CompleteAsync(
            [new Completion(claimed[0].Id, claimed[0].LeaseToken!.Value, "succeeded"), new Completion(claimed[1].Id, claimed[1].LeaseToken!.Value, "dead")],
            CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync("/admin");

        Assert.Equal("pending 4", Card(html, "pending"));
        Assert.Equal("running 1", Card(html, "running"));
        Assert.Equal("succeeded 1", Card(html, "succeeded"));
        Assert.Equal("dead 1", Card(html, "dead"));
        Assert.Equal("failed 0", Card(html, "failed"));
        // Source, due now, waiting, oldest due, running, failed, dead.
        Assert.Equal("spotify 1 0 waiting 20 min 1 0 1", Row(html, "data-source", "spotify"));
        Assert.Equal("musicbrainz 2 1 waiting 10 min 0 0 0", Row(html, "data-source", "musicbrainz"));
        Assert.Contains("href=\"/admin/research?source=spotify&amp;state=pending\"", html, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Overview_ServesJobCountsUpTo15sOld_ThenRecountsInTheBackground()
    {
        var now = Time.GetUtcNow();
        await EnqueueAsync("spotify", "song:1", now);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);
        Assert.Equal("pending 1", Card(await admin.GetPageAsync("/admin"), "pending"));
        await EnqueueAsync("spotify", "song:2", now);

        Time.Advance(TimeSpan.FromSeconds(14));
        var fresh = await admin.GetPageAsync("/admin");
        Time.Advance(TimeSpan.FromSeconds(1));
        var stale = await admin.GetPageAsync("/admin");

        // Within 15 s the first count is served as is; at 15 s the page still gets it, and starts the recount that the next pages see.
        Assert.Equal("pending 1", Card(fresh, "pending"));
        Assert.Contains("Job counts from 2026-11-22 12:00:00Z (14 s ago)", AdminClient.Text(fresh), StringComparison.Ordinal);
        Assert.Equal("pending 1", Card(stale, "pending"));
        await Eventually.WaitAsync(async () => Card(await admin.GetPageAsync("/admin"), "pending") == "pending 2", "the background recount");
    }

    [StoreFact]
    public async Task Overview_ShowsAPausedProvider_WithItsReasonAndEnd_AndPaidQuotaAgainstItsCap()
    {
        await Store.PauseProviderAsync("spotify", Time.GetUtcNow().AddHours(2), "rate", extendOnly: false, CancellationToken.None);
        var quota = Services.GetRequiredService<QuotaService>();
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await quota.ReserveAsync("songstats", AlphaId, null, CancellationToken.None));
        }

        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync("/admin");

        var spotify = Row(html, "data-provider", "spotify");
        Assert.Contains("paused until 2026-11-22 14:00:00Z (in 2 h), reason rate", spotify, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", Row(html, "data-provider", "musicbrainz"), StringComparison.Ordinal);
        Assert.Contains("3 of 100", Row(html, "data-provider", "songstats"), StringComparison.Ordinal);
        Assert.Contains("not paid", Row(html, "data-provider", "spotify"), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Overview_ListsAFailingSchedule_LinkingToItAndItsRun()
    {
        var service = Services.GetRequiredService<ScheduleService>();
        var failing = await service.UpsertAsync(new ScheduleDefinition("nightly-rematch", "0 3 * * *", "system/noop") { AccountId = AlphaId }, CancellationToken.None);
        var healthy = await service.UpsertAsync(new ScheduleDefinition("hourly-sync", "0 * * * *", "system/noop"), CancellationToken.None);
        var failedRun = await RunAndEndAsync(service, AlphaId, failing.Name, "failed");
        await RunAndEndAsync(service, null, healthy.Name, "succeeded");
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync("/admin");

        var table = Section(html, "failing");
        Assert.Contains($"href=\"/admin/schedules/{failing.Id}\"", table, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/runs/{failedRun}\"", table, StringComparison.Ordinal);
        Assert.Contains("nightly-rematch alpha", AdminClient.Text(table), StringComparison.Ordinal);
        Assert.Contains("failed", AdminClient.Text(table), StringComparison.Ordinal);
        Assert.DoesNotContain("hourly-sync", table, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Overview_ListsAStaleSchedule_OnceAFireTimeAndTheGapAfterItPassWithoutSuccess()
    {
        var service = Services.GetRequiredService<ScheduleService>();
        var schedule = await service.UpsertAsync(new ScheduleDefinition("quarter-hourly", "*/15 * * * *", "system/noop"), CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        // Created at 12:00: fire time 12:15, the following one 12:30. At 12:30 it is not yet late.
        Time.Advance(TimeSpan.FromMinutes(30));
        var onTime = await admin.GetPageAsync("/admin");
        Time.Advance(TimeSpan.FromMinutes(1));
        var late = await admin.GetPageAsync("/admin");

        Assert.Empty(Section(onTime, "stale"));
        var table = Section(late, "stale");
        Assert.Contains($"href=\"/admin/schedules/{schedule.Id}\"", table, StringComparison.Ordinal);
        Assert.Contains("quarter-hourly system", AdminClient.Text(table), StringComparison.Ordinal);
        Assert.Contains("2026-11-22 12:15:00Z", AdminClient.Text(table), StringComparison.Ordinal);
        Assert.Contains("never", AdminClient.Text(table), StringComparison.Ordinal);
    }

    private async Task EnqueueAsync(string source, string subject, DateTimeOffset runAt) =>
        await Store.EnqueueAsync(new NewJob(source, "refresh", subject) { RunAt = runAt, AccountId = AlphaId }, CancellationToken.None);

    /// <summary>Triggers the schedule and ends its root job in <paramref name="state"/>; returns the run's id.</summary>
    private async Task<long> RunAndEndAsync(ScheduleService service, long? accountId, string name, string state)
    {
        var fired = await service.TriggerAsync(accountId, name, "test", CancellationToken.None);
        var claimed = Assert.Single(await Store.ClaimAsync(new ClaimRequest("w1", 1, TimeSpan.FromMinutes(5), ["system"], []), CancellationToken.None));
        Assert.Equal(fired!.JobId, claimed.Id);
        await Store.CompleteAsync([new Completion(claimed.Id, claimed.LeaseToken!.Value, state)], CancellationToken.None);
        return fired.RunId!.Value;
    }

    /// <summary>The visible text of the state card.</summary>
    private static string Card(string html, string state)
    {
        var match = Regex.Match(html, $"<div class=\"card\" data-state=\"{state}\">(.*?)</div>\\s*</div>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no card for {state}");
        return AdminClient.Text(match.Groups[1].Value + "</div>");
    }

    /// <summary>The visible text of the table row marked with the attribute.</summary>
    private static string Row(string html, string attribute, string value)
    {
        var match = Regex.Match(html, $"<tr {attribute}=\"{value}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row {attribute}={value}");
        return AdminClient.Text(match.Groups[1].Value);
    }

    /// <summary>The HTML of the table with this class, or "" when the page has none.</summary>
    private static string Section(string html, string tableClass)
    {
        var match = Regex.Match(html, $"<table class=\"{tableClass}\">(.*?)</table>", RegexOptions.Singleline);
        return match.Success ? match.Groups[1].Value : "";
    }
}

public sealed class SqliteOverviewTests : OverviewCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresOverviewTests : OverviewCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
