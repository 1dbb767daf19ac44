using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Scheduling;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Scheduling;

/// <summary>Schedules on both databases with a fake clock: fire times, exactly-once across nodes, misfire, overlap, restart.</summary>
public abstract class SchedulerCompliance : StoreTestBase
{
    private static readonly JobHandlerRegistry Registry = new([new JobHandlerRegistration("system", "noop", _ => throw new InvalidOperationException())]);

    private Scheduler SchedulerOn(RefrainStore store) => new(store, Registry, new SchedulingOptions(), Time, NullLogger<Scheduler>.Instance);

    private ScheduleService Service => new(Store, Registry, Time);

    private Task<ScheduleRecord> SetAsync(string name, string cron, string tz = "UTC", string misfire = "once", string overlap = "skip") =>
        Service.UpsertAsync(new ScheduleDefinition(name, cron, "system/noop") { TimeZone = tz, Misfire = misfire, Overlap = overlap }, CancellationToken.None);

    private async Task<IReadOnlyList<RunRecord>> RunsAsync(string name) =>
        await Store.RunsOfScheduleAsync(null, name, 100, CancellationToken.None);

    [StoreFact]
    public async Task Schedule_InBerlin_FiresAtLocalFourOClockWithTheFireTimeKey()
    {
        // 2026-11-22 12:00Z is 13:00 in Berlin (CET, +01:00): the next 04:00 local is 2026-11-23T03:00Z.
        var schedule = await SetAsync("nightly", "0 4 * * *", "Europe/Berlin");
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture), schedule.NextFire);

        Time.Advance(schedule.NextFire!.Value - Time.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await SchedulerOn(Store).TickAsync(CancellationToken.None));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await SchedulerOn(Store).TickAsync(CancellationToken.None));

        var run = Assert.Single(await RunsAsync("nightly"));
        Assert.Equal(("schedule", RunState.Running), (run.TriggerType, run.State));
        var job = (await Store.GetJobAsync(run.RootJobId!.Value, CancellationToken.None))!;
        Assert.Equal("schedule:system:nightly:2026-11-23T03:00:00Z", job.UniqueKey);
        var after = (await Store.GetScheduleAsync(null, "nightly", CancellationToken.None))!;
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture), after.NextFire);
    }

    [StoreFact]
    public async Task TwoNodes_TickingTogether_FireEachTimeExactlyOnce()
    {
        await SetAsync("every-second", "* * * * * *", overlap: "allow");
        var other = await OpenStoreAsync();
        var nodes = new[] { SchedulerOn(Store), SchedulerOn(other) };
        for (var second = 0; second < 20; second++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => nodes[i % 2].TickAsync(CancellationToken.None))));
        }

        var runs = await RunsAsync("every-second");
        Assert.Equal(20, runs.Count);
        Assert.Equal(20, runs.Select(r => r.FireTime).Distinct().Count());
    }

    [StoreFact]
    public async Task Misfire_Once_RunsOneCatchUpForEveryMissedFireTime()
    {
        var schedule = await SetAsync("minutely", "* * * * *");
        var firstMissed = schedule.NextFire!.Value;

        Time.Advance(TimeSpan.FromMinutes(10));
        await SchedulerOn(Store).TickAsync(CancellationToken.None);

        var run = Assert.Single(await RunsAsync("minutely"));
        Assert.Equal(firstMissed.ToUnixTimeMilliseconds(), run.FireTime);
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T12:11:00Z", System.Globalization.CultureInfo.InvariantCulture),
            (await Store.GetScheduleAsync(null, "minutely", CancellationToken.None))!.NextFire);
    }

    [StoreFact]
    public async Task Misfire_Skip_RunsNothingForMissedFireTimes()
    {
        await SetAsync("minutely", "* * * * *", misfire: "skip");

        Time.Advance(TimeSpan.FromMinutes(10));
        await SchedulerOn(Store).TickAsync(CancellationToken.None);

        Assert.Empty(await RunsAsync("minutely"));
        Time.Advance(TimeSpan.FromMinutes(1));
        await SchedulerOn(Store).TickAsync(CancellationToken.None);
        Assert.Single(await RunsAsync("minutely"));
    }

    [StoreFact]
    public async Task Misfire_WithinTheThreshold_IsNotAMisfire()
    {
        var schedule = await SetAsync("minutely", "* * * * *", misfire: "skip");

        Time.Advance(schedule.NextFire!.Value - Time.GetUtcNow() + TimeSpan.FromSeconds(59));
        await SchedulerOn(Store).TickAsync(CancellationToken.None);

        Assert.Equal(schedule.NextFireAt, Assert.Single(await RunsAsync("minutely")).FireTime);
    }

    [StoreFact]
    public async Task Overlap_Skip_DoesNotStartWhileThePreviousRunIsActive()
    {
        await SetAsync("minutely", "* * * * *");
        Time.Advance(TimeSpan.FromMinutes(1));
        await SchedulerOn(Store).TickAsync(CancellationToken.None);

        Time.Advance(TimeSpan.FromMinutes(1));
        await SchedulerOn(Store).TickAsync(CancellationToken.None);

        Assert.Single(await RunsAsync("minutely"));
    }

    [StoreFact]
    public async Task Overlap_Allow_StartsAlongsideTheActiveRun()
    {
        await SetAsync("minutely", "* * * * *", overlap: "allow");
        Time.Advance(TimeSpan.FromMinutes(1));
        await SchedulerOn(Store).TickAsync(CancellationToken.None);

        Time.Advance(TimeSpan.FromMinutes(1));
        await SchedulerOn(Store).TickAsync(CancellationToken.None);

        Assert.Equal(2, (await RunsAsync("minutely")).Count);
    }

    [StoreFact]
    public async Task Restart_KeepsSchedulesAndTheirNextFireTime()
    {
        var schedule = await SetAsync("nightly", "0 4 * * *");
        await Store.DisposeAsync();

        var restarted = await OpenStoreAsync();
        var kept = (await restarted.GetScheduleAsync(null, "nightly", CancellationToken.None))!;

        Assert.Equal((schedule.Id, schedule.NextFireAt, "0 4 * * *"), (kept.Id, kept.NextFireAt, kept.Cron));
    }

    [StoreFact]
    public async Task Upsert_WithTheSameCron_KeepsTheNextFireTime()
    {
        var first = await SetAsync("nightly", "0 4 * * *");
        Time.Advance(TimeSpan.FromDays(3));

        var again = await SetAsync("nightly", "0 4 * * *");
        var changed = await SetAsync("nightly", "0 5 * * *");

        Assert.Equal(first.NextFireAt, again.NextFireAt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture), changed.NextFire);
    }

    [StoreFact]
    public async Task Pause_StopsFiringAndResumeStartsFromNow()
    {
        await SetAsync("minutely", "* * * * *");
        await Store.SetScheduleEnabledAsync(null, "minutely", false, null, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(5));
        await SchedulerOn(Store).TickAsync(CancellationToken.None);
        Assert.Empty(await RunsAsync("minutely"));

        await Service.ResumeAsync(null, "minutely", CancellationToken.None);
        var resumed = (await Store.GetScheduleAsync(null, "minutely", CancellationToken.None))!;

        Assert.Equal(DateTimeOffset.Parse("2026-11-22T12:06:00Z", System.Globalization.CultureInfo.InvariantCulture), resumed.NextFire);
    }

    [StoreFact]
    public async Task Trigger_StartsAManualRunNow()
    {
        await SetAsync("nightly", "0 4 * * *");

        var fired = await Service.TriggerAsync(null, "nightly", "cli", CancellationToken.None);

        var run = (await Store.GetRunAsync(fired!.RunId!.Value, CancellationToken.None))!;
        Assert.Equal(("manual", "cli", "nightly"), (run.TriggerType, run.RequestedBy, run.ScheduleName));
    }

    [StoreFact]
    public async Task Trigger_WhileItsRunIsActive_TheNextFireTimeIsSkippedByTheOverlapPolicy()
    {
        await SetAsync("minutely", "* * * * *");
        var manual = await Service.TriggerAsync(null, "minutely", "cli", CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));

        await SchedulerOn(Store).TickAsync(CancellationToken.None);

        Assert.Equal(manual!.RunId, (await Store.GetScheduleAsync(null, "minutely", CancellationToken.None))!.LastRunId);
        Assert.Equal([manual.RunId!.Value], (await RunsAsync("minutely")).Select(r => r.Id));
    }

    [StoreFact]
    public async Task Validate_RejectsWhatCanNeverBeStored()
    {
        await Assert.ThrowsAsync<ScheduleValidationException>(() => SetAsync("x", "0 0 30 2 *"));
        await Assert.ThrowsAsync<ScheduleValidationException>(() => SetAsync("x", "61 * * * *"));
        await Assert.ThrowsAsync<ScheduleValidationException>(() => SetAsync("x", "0 4 * * *", tz: "Mars/Olympus"));
        await Assert.ThrowsAsync<ScheduleValidationException>(() =>
            Service.UpsertAsync(new ScheduleDefinition("x", "0 4 * * *", "nope/none"), CancellationToken.None));
        await Assert.ThrowsAsync<ScheduleValidationException>(() =>
            Service.UpsertAsync(new ScheduleDefinition("x", "0 4 * * *", "system/noop") { Args = "{oops" }, CancellationToken.None));

        Assert.Empty(await Store.ListSchedulesAsync(true, null, CancellationToken.None));
    }
}

public sealed class SqliteSchedulerTests : SchedulerCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresSchedulerTests : SchedulerCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
