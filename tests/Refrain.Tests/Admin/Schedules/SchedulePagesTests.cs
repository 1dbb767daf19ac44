using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Scheduling;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Admin.Schedules;

/// <summary>
/// Issue 7, dashboard schedules: the list with each cron in words, a schedule's next five fire times from the real
/// evaluator, pause and enable, trigger now, and the edit form validated by the API's rules. The clock is
/// <see cref="ApiTestBase.Time"/> (2026-11-22T12:00Z, a Sunday; Europe/Berlin is on CET, UTC+1, in November).
/// </summary>
public abstract class SchedulePagesCompliance : ApiTestBase
{
    private ScheduleService Service => Services.GetRequiredService<ScheduleService>();

    [StoreFact]
    public async Task List_ShowsEverySchedule_SystemAndAccounts_WithTheirCronInWords()
    {
        var system = await Service.UpsertAsync(new ScheduleDefinition("quarter-hourly", "*/15 * * * *", "system/noop"), CancellationToken.None);
        var alpha = await Service.UpsertAsync(
            new ScheduleDefinition("nightly", "30 3 * * *", "system/noop") { AccountId = AlphaId, TimeZone = "Europe/Berlin", Notify = "always" },
            CancellationToken.None);
        await Store.SetScheduleEnabledAsync(AlphaId, "nightly", false, null, CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync("/admin/schedules");

        Assert.Contains($"href=\"/admin/schedules/{system.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/schedules/{alpha.Id}\"", html, StringComparison.Ordinal);
        var text = AdminClient.Text(html);
        Assert.Contains("quarter-hourly system */15 * * * * every 15 minutes UTC enabled 2026-11-22 12:15:00Z (in 15 min) never ran failure", text, StringComparison.Ordinal);
        Assert.Contains("nightly alpha 30 3 * * * at 03:30 every day Europe/Berlin paused — never ran always", text, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Page_ShowsTheNextFiveFireTimes_InUtcAndTheSchedulesZone()
    {
        var schedule = await Service.UpsertAsync(
            new ScheduleDefinition("quarter-hourly", "*/15 * * * *", "system/noop") { TimeZone = "Europe/Berlin" }, CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        var html = await admin.GetPageAsync($"/admin/schedules/{schedule.Id}");

        Assert.Contains("*/15 * * * * — every 15 minutes", AdminClient.Text(html), StringComparison.Ordinal);
        var rows = Regex.Matches(Table(html, "fire-times"), "<tr><td>(.*?)</td><td>(.*?)</td></tr>")
            .Select(m => WebUtility.HtmlDecode($"{m.Groups[1].Value} | {m.Groups[2].Value}"));
        Assert.Equal(
        [
            "2026-11-22 12:15:00Z | 2026-11-22 13:15:00 +01:00",
            "2026-11-22 12:30:00Z | 2026-11-22 13:30:00 +01:00",
            "2026-11-22 12:45:00Z | 2026-11-22 13:45:00 +01:00",
            "2026-11-22 13:00:00Z | 2026-11-22 14:00:00 +01:00",
            "2026-11-22 13:15:00Z | 2026-11-22 14:15:00 +01:00",
        ], rows);
    }

    [StoreFact]
    public async Task Pause_StoresItDisabled_AndEnable_TurnsItBackOn()
    {
        var schedule = await Service.UpsertAsync(new ScheduleDefinition("nightly", "0 3 * * *", "system/noop"), CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);
        var page = $"/admin/schedules/{schedule.Id}";

        using var paused = await admin.PostFormAsync($"{page}?handler=Pause", new Dictionary<string, string>());
        var afterPause = await Store.GetScheduleAsync(null, "nightly", CancellationToken.None);
        var shown = AdminClient.Text(await admin.GetPageAsync(page));
        using var enabled = await admin.PostFormAsync($"{page}?handler=Enable", new Dictionary<string, string>());
        var afterEnable = await Store.GetScheduleAsync(null, "nightly", CancellationToken.None);

        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Equal(page, paused.Headers.Location?.OriginalString);
        Assert.False(afterPause!.Enabled);
        Assert.Contains("Schedule nightly is paused", shown, StringComparison.Ordinal);
        Assert.Contains("Enable", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.True(afterEnable!.Enabled);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), afterEnable.NextFireAt);
    }

    [StoreFact]
    public async Task TriggerNow_StartsAManualRun_ShownOnThePage()
    {
        var schedule = await Service.UpsertAsync(new ScheduleDefinition("nightly", "0 3 * * *", "system/noop") { AccountId = AlphaId }, CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);
        var page = $"/admin/schedules/{schedule.Id}";

        using var response = await admin.PostFormAsync($"{page}?handler=Trigger", new Dictionary<string, string>());
        var runs = await Store.RunsOfScheduleAsync(AlphaId, "nightly", 5, CancellationToken.None);
        var html = await admin.GetPageAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var run = Assert.Single(runs);
        Assert.Equal("manual", run.TriggerType);
        Assert.StartsWith("dashboard:api-key:", run.RequestedBy, StringComparison.Ordinal);
        Assert.Contains($"Started run {run.Id} of nightly.", AdminClient.Text(html), StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/runs/{run.Id}\"", html, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Edit_WithInvalidCron_ShowsTheErrorBesideTheField_KeepsTheInput_AndStoresNothing()
    {
        var schedule = await Service.UpsertAsync(new ScheduleDefinition("nightly", "0 3 * * *", "system/noop"), CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);
        var page = $"/admin/schedules/{schedule.Id}";

        using var response = await admin.PostFormAsync($"{page}?handler=Save", Edit("61 * * * *", "Europe/Berlin", notify: "always"));
        var html = await response.Content.ReadAsStringAsync();
        var stored = await Store.GetScheduleAsync(null, "nightly", CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("<input id=\"cron\" name=\"Form.Cron\" value=\"61 \\* \\* \\* \\*\"[^>]*>\\s*<span class=\"field-error\">invalid cron expression &#x27;61 \\* \\* \\* \\*&#x27;: [^<]+</span>", html);
        Assert.Contains("value=\"Europe/Berlin\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"always\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Equal("0 3 * * *", stored!.Cron);
        Assert.Equal("UTC", stored.TimeZone);
        Assert.Equal("failure", stored.Notify);
    }

    [StoreFact]
    public async Task Edit_WithUnknownZoneOrOutOfRangeThreshold_ShowsTheErrorBesideThatField()
    {
        var schedule = await Service.UpsertAsync(new ScheduleDefinition("nightly", "0 3 * * *", "system/noop"), CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);
        var page = $"/admin/schedules/{schedule.Id}";

        using var zone = await admin.PostFormAsync($"{page}?handler=Save", Edit("0 4 * * *", "Mars/Olympus_Mons"));
        var zoneHtml = await zone.Content.ReadAsStringAsync();
        using var threshold = await admin.PostFormAsync($"{page}?handler=Save", Edit("0 4 * * *", "UTC", threshold: "-5"));
        var thresholdHtml = await threshold.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, zone.StatusCode);
        Assert.Matches("name=\"Form.TimeZone\" value=\"Mars/Olympus_Mons\"[^>]*>\\s*<span class=\"field-error\">unknown time zone", zoneHtml);
        Assert.Contains("value=\"0 4 * * *\"", zoneHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, threshold.StatusCode);
        Assert.Matches("name=\"Form.MisfireThresholdSeconds\" value=\"-5\"[^>]*>\\s*<span class=\"field-error\">misfire threshold must be", thresholdHtml);
        Assert.Equal("0 3 * * *", (await Store.GetScheduleAsync(null, "nightly", CancellationToken.None))!.Cron);
    }

    [StoreFact]
    public async Task Edit_WithValidValues_StoresThem_AndRedirectsWithANotice()
    {
        var schedule = await Service.UpsertAsync(new ScheduleDefinition("nightly", "0 3 * * *", "system/noop") { Args = """{"limit":5}""" }, CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);
        var page = $"/admin/schedules/{schedule.Id}";

        using var response = await admin.PostFormAsync($"{page}?handler=Save", Edit("30 6 * * mon-fri", "Europe/Berlin", "allow", "skip", "120", "never"));
        var stored = await Store.GetScheduleAsync(null, "nightly", CancellationToken.None);
        var html = await admin.GetPageAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(page, response.Headers.Location?.OriginalString);
        Assert.Equal("30 6 * * mon-fri", stored!.Cron);
        Assert.Equal("Europe/Berlin", stored.TimeZone);
        Assert.Equal("allow", stored.Overlap);
        Assert.Equal("skip", stored.Misfire);
        Assert.Equal(120_000, stored.MisfireThresholdMs);
        Assert.Equal("never", stored.Notify);
        Assert.Equal("""{"limit":5}""", stored.Args);
        Assert.Equal("system", stored.Source);
        // Monday 2026-11-23 06:30 in Berlin (CET, UTC+1) is 05:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 5, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), stored.NextFireAt);
        Assert.Contains("Saved nightly.", AdminClient.Text(html), StringComparison.Ordinal);
        Assert.Contains("at 06:30 on Monday through Friday", AdminClient.Text(html), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Post_WithoutAntiforgeryToken_Answers400_AndChangesNothing()
    {
        var schedule = await Service.UpsertAsync(new ScheduleDefinition("nightly", "0 3 * * *", "system/noop"), CancellationToken.None);
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);
        var page = $"/admin/schedules/{schedule.Id}";

        using var pause = await admin.PostRawAsync($"{page}?handler=Pause", []);
        using var save = await admin.PostRawAsync($"{page}?handler=Save", Edit("0 4 * * *", "UTC"));
        using var trigger = await admin.PostRawAsync($"{page}?handler=Trigger", []);

        Assert.Equal(HttpStatusCode.BadRequest, pause.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, trigger.StatusCode);
        var stored = await Store.GetScheduleAsync(null, "nightly", CancellationToken.None);
        Assert.True(stored!.Enabled);
        Assert.Equal("0 3 * * *", stored.Cron);
        Assert.Empty(await Store.RunsOfScheduleAsync(null, "nightly", 5, CancellationToken.None));
    }

    [StoreFact]
    public async Task Page_OfAnUnknownSchedule_Is404()
    {
        using var admin = await AdminClient.LoginAsync(BaseAddress, AdminKey);

        using var response = await admin.GetAsync("/admin/schedules/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Dictionary<string, string> Edit(
        string cron, string zone, string overlap = "skip", string misfire = "once", string threshold = "60", string notify = "failure") => new()
    {
        ["Form.Cron"] = cron,
        ["Form.TimeZone"] = zone,
        ["Form.Overlap"] = overlap,
        ["Form.Misfire"] = misfire,
        ["Form.MisfireThresholdSeconds"] = threshold,
        ["Form.Notify"] = notify,
    };

    private static string Table(string html, string tableClass)
    {
        var match = Regex.Match(html, $"<table class=\"{tableClass}\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no table {tableClass}");
        return match.Groups[1].Value;
    }
}

public sealed class SqliteSchedulePagesTests : SchedulePagesCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresSchedulePagesTests : SchedulePagesCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
