using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Refrain.Hosting;
using Refrain.Scheduling;
using Refrain.Tests.Http;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Scheduling;

/// <summary>
/// <c>/api/schedules</c>: lists scoped to the caller's account, system schedules for admins only, PUT creates, replaces or
/// refuses naming the field with nothing changed, pause/resume/trigger/delete act on the stored schedule, and each
/// schedule shows its next five fire times and last runs.
/// </summary>
public abstract class SchedulesApiCompliance : ApiTestBase
{
    private const string SystemName = "spotify-rematch-monthly";

    private static readonly (string Method, string Suffix)[] NameRoutes =
        [("GET", ""), ("POST", "/pause"), ("POST", "/resume"), ("POST", "/trigger"), ("DELETE", "")];

    private ScheduleService Schedules => Services.GetRequiredService<ScheduleService>();

    [StoreFact]
    public async Task List_AsMember_ShowsOnlyItsOwnAccountsSchedules()
    {
        await SeedSystemAsync();
        await SeedAsync("alpha-nightly", AlphaId);
        await SeedAsync("beta-nightly", BetaId);

        var alpha = await ListAsync(Alpha);
        var beta = await ListAsync(Beta);

        Assert.Equal(["alpha-nightly"], alpha.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(AlphaId, alpha[0].GetProperty("account_id").GetInt64());
        Assert.Equal(["beta-nightly"], beta.Select(s => s.GetProperty("name").GetString()));
    }

    [StoreFact]
    public async Task List_AsAdmin_ShowsSystemSchedulesAndEveryAccount()
    {
        await SeedSystemAsync();
        await SeedAsync("alpha-nightly", AlphaId);
        await SeedAsync("beta-nightly", BetaId);

        var items = await ListAsync(Admin);

        var owners = items.ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("account_id"));
        Assert.Equal(3, owners.Count);
        Assert.Equal(JsonValueKind.Null, owners[SystemName].ValueKind);
        Assert.Equal(AlphaId, owners["alpha-nightly"].GetInt64());
        Assert.Equal(BetaId, owners["beta-nightly"].GetInt64());
    }

    [StoreFact]
    public async Task List_IsOnePageWithoutCursor()
    {
        await SeedAsync("alpha-nightly", AlphaId);

        var body = await ReadJsonAsync(await Alpha.GetAsync("/api/schedules"));

        Assert.Equal(JsonValueKind.Null, body.GetProperty("next_cursor").ValueKind);
    }

    [StoreFact]
    public async Task SystemSchedule_ForMemberKey_Is404OnEveryNameRouteAndIsLeftAlone()
    {
        await SeedSystemAsync();

        foreach (var (method, suffix) in NameRoutes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/schedules/{SystemName}{suffix}");
            await AssertProblemAsync(await Alpha.SendAsync(request), 404);
        }

        var stored = await Store.GetScheduleAsync(null, SystemName, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.True(stored.Enabled);
        Assert.Empty(await Store.RunsOfScheduleAsync(null, SystemName, 10, CancellationToken.None));
    }

    [StoreFact]
    public async Task Put_ByMemberOnASystemScheduleName_CreatesItsOwnScheduleAndLeavesTheSystemOneAlone()
    {
        var system = await SeedSystemAsync();

        var response = await Alpha.PutAsync($"/api/schedules/{SystemName}", Json("""{"cron": "*/5 * * * *", "job": "system/noop"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(AlphaId, (await ReadJsonAsync(response)).GetProperty("account_id").GetInt64());
        var after = await Store.GetScheduleAsync(null, SystemName, CancellationToken.None);
        Assert.Equal(system.Cron, after!.Cron);
        Assert.Equal(system.UpdatedAt, after.UpdatedAt);
    }

    [StoreFact]
    public async Task AnotherAccountsSchedule_ByAccountId_Is404OnEveryNameRouteForMembers()
    {
        await SeedAsync("beta-nightly", BetaId);
        var query = $"?account_id={BetaId}";

        foreach (var (method, suffix) in NameRoutes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/schedules/beta-nightly{suffix}{query}");
            await AssertProblemAsync(await Alpha.SendAsync(request), 404);
        }

        await AssertProblemAsync(await Alpha.PutAsync($"/api/schedules/beta-nightly{query}", Json("""{"cron": "* * * * *", "job": "system/noop"}""")), 404);
        var stored = await Store.GetScheduleAsync(BetaId, "beta-nightly", CancellationToken.None);
        Assert.Equal("0 3 * * *", stored!.Cron);
        Assert.True(stored.Enabled);
        Assert.Null(await Store.GetScheduleAsync(AlphaId, "beta-nightly", CancellationToken.None));
    }

    [StoreFact]
    public async Task UnknownSchedule_Is404OnEveryNameRoute()
    {
        foreach (var client in new[] { Alpha, Admin })
        {
            foreach (var (method, suffix) in NameRoutes)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/schedules/nothing-here{suffix}");
                await AssertProblemAsync(await client.SendAsync(request), 404);
            }
        }

        Assert.Empty(await Store.ListRunsAsync(null, null, null, true, 10, CancellationToken.None));
    }

    [StoreFact]
    public async Task Admin_WithoutAccountId_AddressesTheSystemSchedule_AndWithAccountId_ThatAccounts()
    {
        await SeedSystemAsync();
        await SeedAsync(SystemName, AlphaId, "0 5 * * *");

        var system = await ReadJsonAsync(await Admin.GetAsync($"/api/schedules/{SystemName}"));
        var alphas = await ReadJsonAsync(await Admin.GetAsync($"/api/schedules/{SystemName}?account_id={AlphaId}"));
        var paused = await Admin.PostAsync($"/api/schedules/{SystemName}/pause?account_id={AlphaId}", null);

        Assert.Equal(JsonValueKind.Null, system.GetProperty("account_id").ValueKind);
        Assert.Equal("0 4 1 * *", system.GetProperty("cron").GetString());
        Assert.Equal(AlphaId, alphas.GetProperty("account_id").GetInt64());
        Assert.Equal("0 5 * * *", alphas.GetProperty("cron").GetString());
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.False((await Store.GetScheduleAsync(AlphaId, SystemName, CancellationToken.None))!.Enabled);
        Assert.True((await Store.GetScheduleAsync(null, SystemName, CancellationToken.None))!.Enabled);
    }

    [StoreFact]
    public async Task Put_ByAdminForAnAccount_CreatesItThere_AndForAnUnknownAccountIs404WithNothingCreated()
    {
        var created = await Admin.PutAsync($"/api/schedules/for-alpha?account_id={AlphaId}", Json("""{"cron": "0 6 * * *", "job": "system/noop"}"""));
        var unknown = await Admin.PutAsync("/api/schedules/for-nobody?account_id=987654", Json("""{"cron": "0 6 * * *", "job": "system/noop"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/schedules/for-alpha?account_id={AlphaId}", created.Headers.Location?.OriginalString);
        Assert.Equal(["for-alpha"], (await ListAsync(Alpha)).Select(s => s.GetProperty("name").GetString()));
        await AssertProblemAsync(unknown, 404);
        Assert.Single(await Store.ListSchedulesAsync(true, null, CancellationToken.None));
    }

    [StoreFact]
    public async Task Put_New_Is201WithTheScheduleAsStored()
    {
        var response = await Alpha.PutAsync("/api/schedules/hourly-noop", Json("""
            {"cron": "15 * * * *", "time_zone": "Europe/Berlin", "job": "system/noop", "args": {"work_ms": 5},
             "overlap": "allow", "misfire": "skip", "misfire_threshold_seconds": 120, "notify": "always"}
            """));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("hourly-noop", body.GetProperty("name").GetString());
        Assert.Equal(AlphaId, body.GetProperty("account_id").GetInt64());
        Assert.Equal("system/noop", body.GetProperty("job").GetString());
        Assert.Equal("system", body.GetProperty("source").GetString());
        Assert.Equal("noop", body.GetProperty("job_type").GetString());
        Assert.Equal(5, body.GetProperty("args").GetProperty("work_ms").GetInt32());
        Assert.True(body.GetProperty("enabled").GetBoolean());
        Assert.Equal("runtime", body.GetProperty("origin").GetString());
        Assert.Equal(120, body.GetProperty("misfire_threshold_seconds").GetDouble());
        Assert.Equal(0, body.GetProperty("last_runs").GetArrayLength());
        var stored = await Store.GetScheduleAsync(AlphaId, "hourly-noop", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(("15 * * * *", "Europe/Berlin", "allow", "skip", 120_000L, "always", """{"work_ms":5}"""),
            (stored.Cron, stored.TimeZone, stored.Overlap, stored.Misfire, stored.MisfireThresholdMs, stored.Notify, stored.Args));
        // 12:00Z is 13:00 in Berlin: the next :15 is 13:15 local, 12:15Z.
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 15, 0, TimeSpan.Zero), stored.NextFire);
    }

    [StoreFact]
    public async Task Put_Existing_Is200AndReplacesIt_OmittedMembersTakingDefaults()
    {
        await Alpha.PutAsync("/api/schedules/nightly", Json("""{"cron": "0 3 * * *", "job": "system/noop", "overlap": "allow", "args": {"a": 1}}"""));

        var response = await Alpha.PutAsync("/api/schedules/nightly", Json("""{"cron": "0 4 * * *", "job": "system/noop"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0 4 * * *", (await ReadJsonAsync(response)).GetProperty("cron").GetString());
        var stored = await Store.GetScheduleAsync(AlphaId, "nightly", CancellationToken.None);
        Assert.Equal(("0 4 * * *", "skip", "{}"), (stored!.Cron, stored.Overlap, stored.Args));
        Assert.Single(await Store.ListSchedulesAsync(false, AlphaId, CancellationToken.None));
    }

    [StoreFact]
    public async Task Put_WithEnabledFalse_StoresItPaused_AndOmittingEnabledKeepsItPaused()
    {
        var created = await ReadJsonAsync(await Alpha.PutAsync("/api/schedules/nightly", Json("""{"cron": "0 3 * * *", "job": "system/noop", "enabled": false}""")));
        await Alpha.PutAsync("/api/schedules/nightly", Json("""{"cron": "0 4 * * *", "job": "system/noop"}"""));

        Assert.False(created.GetProperty("enabled").GetBoolean());
        Assert.False((await Store.GetScheduleAsync(AlphaId, "nightly", CancellationToken.None))!.Enabled);
    }

    [StoreFact]
    public async Task Put_InvalidCron_Is400NamingCron_AndChangesNothing()
    {
        var before = await SeedAsync("nightly", AlphaId);
        Time.Advance(TimeSpan.FromMinutes(1));

        var problem = await AssertProblemAsync(
            await Alpha.PutAsync("/api/schedules/nightly", Json("""{"cron": "61 * * * *", "job": "system/noop", "overlap": "allow"}""")), 400);
        var created = await Alpha.PutAsync("/api/schedules/brand-new", Json("""{"cron": "not a cron", "job": "system/noop"}"""));

        Assert.Equal("cron", problem.GetProperty("field").GetString());
        Assert.Contains("61 * * * *", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("cron", (await AssertProblemAsync(created, 400)).GetProperty("field").GetString());
        var after = await Store.GetScheduleAsync(AlphaId, "nightly", CancellationToken.None);
        Assert.Equal((before.Cron, before.Overlap, before.UpdatedAt), (after!.Cron, after.Overlap, after.UpdatedAt));
        Assert.Null(await Store.GetScheduleAsync(AlphaId, "brand-new", CancellationToken.None));
    }

    [StoreFact]
    public async Task Put_InvalidMembers_Are400NamingEachField_AndCreateNothing()
    {
        var cases = new (string Body, string Field)[]
        {
            ("""{"cron": "0 3 * * *", "job": "system/noop", "time_zone": "Mars/Olympus_Mons"}""", "time_zone"),
            ("""{"cron": "0 3 * * *", "job": "nobody/nothing"}""", "job"),
            ("""{"cron": "0 3 * * *", "job": "no-slash"}""", "job"),
            ("""{"cron": "0 3 * * *", "job": "system/noop", "args": [1, 2]}""", "args"),
            ("""{"cron": "0 3 * * *", "job": "system/noop", "overlap": "sometimes"}""", "overlap"),
            ("""{"cron": "0 3 * * *", "job": "system/noop", "misfire": "twice"}""", "misfire"),
            ("""{"cron": "0 3 * * *", "job": "system/noop", "notify": "loudly"}""", "notify"),
            ("""{"cron": "0 3 * * *", "job": "system/noop", "misfire_threshold_seconds": -1}""", "misfire_threshold_seconds"),
            ("""{"cron": "0 3 * * *", "job": "system/noop", "misfire_threshold_seconds": 1e300}""", "misfire_threshold_seconds"),
            ("""{"cron": "0 0 30 2 *", "job": "system/noop"}""", "cron"),
            ("""{"job": "system/noop"}""", "cron"),
            ("""{"cron": "0 3 * * *", "job": "system/noop", "colour": "blue"}""", "colour"),
        };

        foreach (var (body, field) in cases)
        {
            var problem = await AssertProblemAsync(await Alpha.PutAsync("/api/schedules/candidate", Json(body)), 400);
            Assert.True(field == problem.GetProperty("field").GetString(), $"{body} named {problem.GetProperty("field")}, not {field}");
        }

        await AssertProblemAsync(await Alpha.PutAsync("/api/schedules/has%20space", Json("""{"cron": "0 3 * * *", "job": "system/noop"}""")), 400);
        Assert.Empty(await Store.ListSchedulesAsync(true, null, CancellationToken.None));
    }

    [StoreFact]
    public async Task Pause_ThenResume_ChangeTheStoredSchedule()
    {
        await SeedAsync("every-ten", AlphaId, "*/10 * * * *");
        Time.Advance(TimeSpan.FromMinutes(25));

        var paused = await ReadJsonAsync(await Alpha.PostAsync("/api/schedules/every-ten/pause", null));
        var whilePaused = await Store.GetScheduleAsync(AlphaId, "every-ten", CancellationToken.None);
        var resumed = await ReadJsonAsync(await Alpha.PostAsync("/api/schedules/every-ten/resume", null));
        var afterResume = await Store.GetScheduleAsync(AlphaId, "every-ten", CancellationToken.None);

        Assert.False(paused.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, paused.GetProperty("next_fire_times").GetArrayLength());
        Assert.False(whilePaused!.Enabled);
        Assert.True(resumed.GetProperty("enabled").GetBoolean());
        Assert.True(afterResume!.Enabled);
        // Resumed from now (12:25Z): the fire times missed while paused are not caught up.
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 30, 0, TimeSpan.Zero), afterResume.NextFire);
    }

    [StoreFact]
    public async Task Resume_OfAnEnabledSchedule_KeepsItsDueFireTime()
    {
        var seeded = await SeedAsync("every-ten", AlphaId, "*/10 * * * *");
        Time.Advance(TimeSpan.FromMinutes(25));

        var response = await Alpha.PostAsync("/api/schedules/every-ten/resume", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(seeded.NextFireAt, (await Store.GetScheduleAsync(AlphaId, "every-ten", CancellationToken.None))!.NextFireAt);
    }

    [StoreFact]
    public async Task Trigger_Is202WithARunAndJobThatExistInTheStore()
    {
        await SeedAsync("nightly", AlphaId);

        var response = await Alpha.PostAsync("/api/schedules/nightly/trigger", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ReadJsonAsync(response);
        var runId = body.GetProperty("run_id").GetInt64();
        var jobId = body.GetProperty("job_id").GetInt64();
        var run = await Store.GetRunAsync(runId, CancellationToken.None);
        var job = await Store.GetJobAsync(jobId, CancellationToken.None);
        Assert.Equal(("running", "manual", "nightly", AlphaId), (run!.State, run.TriggerType, run.ScheduleName, run.AccountId!.Value));
        Assert.Equal(("system", "noop", runId, AlphaId), (job!.Source, job.JobType, job.RunId!.Value, job.AccountId!.Value));
        Assert.Equal($"/api/tasks/runs/{runId}", response.Headers.Location?.OriginalString);
    }

    [StoreFact]
    public async Task Trigger_WhileTheSameTriggerJobIsStillQueued_Is409()
    {
        await SeedAsync("nightly", AlphaId);
        var first = await ReadJsonAsync(await Alpha.PostAsync("/api/schedules/nightly/trigger", null));

        // Same clock reading: the same manual job key, which is still queued.
        var problem = await AssertProblemAsync(await Alpha.PostAsync("/api/schedules/nightly/trigger", null), 409);

        Assert.Contains($"job {first.GetProperty("job_id").GetInt64()}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Delete_Is204AndRemovesTheSchedule_ThenIs404()
    {
        await SeedAsync("nightly", AlphaId);
        await SeedAsync("nightly", BetaId);

        var response = await Alpha.DeleteAsync("/api/schedules/nightly");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await Store.GetScheduleAsync(AlphaId, "nightly", CancellationToken.None));
        Assert.NotNull(await Store.GetScheduleAsync(BetaId, "nightly", CancellationToken.None));
        await AssertProblemAsync(await Alpha.DeleteAsync("/api/schedules/nightly"), 404);
    }

    [StoreFact]
    public async Task NextFireTimes_AreTheNextFiveFromTheServersClockInTheSchedulesZone()
    {
        // Weekdays 09:00 in Berlin (CET, UTC+1 in November); the clock reads Sunday 2026-11-22 12:00Z.
        await Alpha.PutAsync("/api/schedules/workday", Json("""{"cron": "0 9 * * 1-5", "time_zone": "Europe/Berlin", "job": "system/noop"}"""));

        var schedule = (await ListAsync(Alpha)).Single();

        var expected = new[] { 23, 24, 25, 26, 27 }.Select(day => new DateTimeOffset(2026, 11, day, 8, 0, 0, TimeSpan.Zero)).ToList();
        var times = schedule.GetProperty("next_fire_times").EnumerateArray()
            .Select(t => DateTimeOffset.Parse(t.GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, times);
        Assert.Equal(expected[0], DateTimeOffset.Parse(schedule.GetProperty("next_fire_at").GetString()!, CultureInfo.InvariantCulture));
    }

    [StoreFact]
    public async Task NextFireTimes_FollowTheClock()
    {
        await SeedAsync("nightly", AlphaId);
        Time.Advance(TimeSpan.FromDays(1));

        var times = (await ReadJsonAsync(await Alpha.GetAsync("/api/schedules/nightly"))).GetProperty("next_fire_times").EnumerateArray()
            .Select(t => DateTimeOffset.Parse(t.GetString()!, CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(Enumerable.Range(24, 5).Select(day => new DateTimeOffset(2026, 11, day, 3, 0, 0, TimeSpan.Zero)), times);
    }

    [StoreFact]
    public async Task LastRuns_ShowTheFiveNewestRunsOfEachSchedule_InTheListAndForOne()
    {
        await SeedAsync("nightly", AlphaId);
        await SeedAsync("hourly", AlphaId, "0 * * * *");
        await SeedAsync("nightly", BetaId);
        var runIds = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            runIds.Add((await ReadJsonAsync(await Alpha.PostAsync("/api/schedules/nightly/trigger", null))).GetProperty("run_id").GetInt64());
        }

        var betaRun = (await ReadJsonAsync(await Beta.PostAsync("/api/schedules/nightly/trigger", null))).GetProperty("run_id").GetInt64();

        var listed = (await ListAsync(Alpha)).ToDictionary(s => s.GetProperty("name").GetString()!);
        var one = await ReadJsonAsync(await Alpha.GetAsync("/api/schedules/nightly"));
        var newestFive = Enumerable.Reverse(runIds).Take(5).ToList();
        Assert.Equal(newestFive, RunIds(listed["nightly"]));
        Assert.Equal(newestFive, RunIds(one));
        Assert.Empty(RunIds(listed["hourly"]));
        var admin = (await ListAsync(Admin)).Single(s => s.GetProperty("account_id").ValueKind == JsonValueKind.Number
            && s.GetProperty("account_id").GetInt64() == BetaId);
        Assert.Equal([betaRun], RunIds(admin));
        var run = listed["nightly"].GetProperty("last_runs")[0];
        Assert.Equal("running", run.GetProperty("state").GetString());
        Assert.Equal(1, run.GetProperty("counts").GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("ended_at").ValueKind);
    }

    private static List<long> RunIds(JsonElement schedule) =>
        schedule.GetProperty("last_runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();

    private static async Task<List<JsonElement>> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/schedules");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }

    private Task<ScheduleRecord> SeedSystemAsync() =>
        Schedules.UpsertAsync(EngineServices.DefaultSchedules.Single(d => d.Name == SystemName), CancellationToken.None);

    private Task<ScheduleRecord> SeedAsync(string name, long? accountId, string cron = "0 3 * * *") =>
        Schedules.UpsertAsync(new ScheduleDefinition(name, cron, "system/noop") { AccountId = accountId }, CancellationToken.None);
}

public sealed class SqliteSchedulesApiTests : SchedulesApiCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new Storage.SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => Storage.SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresSchedulesApiTests : SchedulesApiCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => Storage.PostgresDb.CreateAsync();
}
