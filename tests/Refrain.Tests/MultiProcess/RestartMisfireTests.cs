using System.Globalization;
using System.Text.RegularExpressions;
using Refrain.Jobs;
using Refrain.Scheduling;
using Refrain.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Refrain.Tests.MultiProcess;

/// <summary>
/// Schedules live in the database: a node that stops and starts again keeps them, and fire times missed while it was
/// down become one catch-up run (misfire <c>once</c>), not one run per missed fire time (DESIGN §5).
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class RestartMisfireTests(ITestOutputHelper output) : MultiProcessTest(output)
{
    /// <summary>Created at runtime (as the CLI and API do).</summary>
    private const string Runtime = "runtime-every-second";

    /// <summary>Declared in the node's configuration, upserted again when the node restarts.</summary>
    private const string Configured = "config-every-second";

    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(4);

    [PostgresFact]
    public async Task A_restarted_node_keeps_its_schedules_and_runs_one_catch_up_for_the_fire_times_it_missed()
    {
        var settings = NodeSettings(
            ("Schedules:0:Name", Configured),
            ("Schedules:0:Cron", "* * * * * *"),
            ("Schedules:0:Job", "system/noop"),
            ("Schedules:0:Overlap", OverlapPolicy.Allow),
            ("Schedules:0:Misfire", MisfirePolicy.Once),
            ("Schedules:0:MisfireThreshold", "00:00:02"));

        // Node 1 runs both schedules for a few fire times, then stops gracefully.
        var first = StartNode("node-1", settings);
        await WaitReadyAsync(first);

        // Created while node 1 runs (as the CLI or API would), so its first fire time is not already late.
        var registry = new JobHandlerRegistry([new JobHandlerRegistration("system", "noop", _ => new NoopHandler())]);
        var created = await new ScheduleService(Store, registry, TimeProvider.System).UpsertAsync(
            new ScheduleDefinition(Runtime, "* * * * * *", "system/noop")
            {
                Overlap = OverlapPolicy.Allow, Misfire = MisfirePolicy.Once, MisfireThreshold = Threshold,
            },
            CancellationToken.None);
        await EventuallyAsync(
            "three scheduled runs of each schedule on node 1",
            () => RunCountsAsync(long.MinValue),
            c => c.Runtime >= 3 && c.Configured >= 3,
            c => $"{Runtime}={c.Runtime}, {Configured}={c.Configured}");
        Assert.Equal(0, await first.TerminateAsync());
        var stoppedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var before = (await SchedulesAsync()).ToDictionary(s => s.Name);
        Assert.Equal(created.Id, before[Runtime].Id);
        var missedFrom = before.ToDictionary(s => s.Key, s => s.Value.NextFireAt ?? throw new InvalidOperationException($"{s.Key} has no next fire time"));
        Log($"node 1 stopped; first missed fire times: {string.Join(", ", missedFrom.Select(m => $"{m.Key}={Format(m.Value)}"))}");

        // The stimulus: the node stays down while several fire times pass (longer than the misfire threshold).
        var downUntil = Math.Max(stoppedAt, missedFrom.Values.Max()) + (long)Downtime.TotalMilliseconds;
        Assert.True(downUntil - stoppedAt < 60_000, $"the planned downtime ends {downUntil - stoppedAt} ms after the stop");
        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < downUntil)
        {
            await Task.Delay(100);
        }

        var restartedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var second = StartNode("node-2", settings);
        await WaitReadyAsync(second);
        await EventuallyAsync(
            "three regular runs of each schedule after the restart",
            () => RunCountsAsync(restartedAt),
            c => c.Runtime >= 3 && c.Configured >= 3,
            c => $"{Runtime}={c.Runtime}, {Configured}={c.Configured}");

        // The catch-up runs are real: their jobs complete.
        await EventuallyAsync(
            "both catch-up jobs succeeded",
            async () =>
            {
                var states = new List<string>();
                foreach (var (name, fire) in missedFrom)
                {
                    states.AddRange(await QueryAsync<string>(
                        "SELECT j.state FROM runs r JOIN jobs j ON j.id = r.root_job_id WHERE r.schedule_name = @name AND r.fire_time = @fire",
                        new { name, fire }));
                }

                return states;
            },
            states => states.Count == 2 && states.All(s => s == JobState.Succeeded),
            states => string.Join(", ", states));
        Assert.Equal(0, await second.TerminateAsync());

        var after = (await SchedulesAsync()).ToDictionary(s => s.Name);
        foreach (var name in new[] { Runtime, Configured })
        {
            // Kept: the same row, unchanged.
            Assert.Equal(before[name].Id, after[name].Id);
            Assert.Equal("* * * * * *", after[name].Cron);
            Assert.Equal(1, after[name].Enabled);
            Assert.Equal(MisfirePolicy.Once, after[name].Misfire);
            Assert.Equal((long)Threshold.TotalMilliseconds, after[name].MisfireThresholdMs);

            var runs = await QueryAsync<(long Id, string TriggerType, long FireTime, long CreatedAt, string? UniqueKey)>("""
                SELECT r.id, r.trigger_type, r.fire_time, r.created_at, j.unique_key
                FROM runs r LEFT JOIN jobs j ON j.id = r.root_job_id
                WHERE r.schedule_name = @name ORDER BY r.fire_time
                """, new { name });
            Assert.All(runs, r => Assert.Equal("schedule", r.TriggerType));
            Assert.All(runs, r => Assert.Equal($"schedule:system:{name}:{Format(r.FireTime)}", r.UniqueKey));
            Assert.Equal(runs.Count, runs.Select(r => r.FireTime).Distinct().Count());

            // Exactly one run for the whole window missed while down, keyed by the first missed fire time, started by node 2.
            var missed = missedFrom[name];
            var window = runs.Where(r => r.FireTime >= missed && r.FireTime <= restartedAt).ToList();
            Assert.True(window.Count == 1,
                $"{name}: expected one catch-up run for the fire times {Format(missed)} .. {Format(restartedAt)} missed while down, " +
                $"got {window.Count}: {string.Join(", ", window.Select(r => Format(r.FireTime)))}");
            Assert.Equal(missed, window[0].FireTime);
            Assert.True(window[0].CreatedAt >= restartedAt, $"{name}: the catch-up run was created before the restart");

            // Node 1's runs before, and node 2's regular runs after, each form an unbroken series of seconds.
            var beforeStop = runs.Where(r => r.FireTime < missed).Select(r => r.FireTime).ToList();
            var afterRestart = runs.Where(r => r.FireTime > restartedAt).Select(r => r.FireTime).ToList();
            Assert.True(beforeStop.Count >= 3, $"{name}: {beforeStop.Count} runs before the stop");
            Assert.True(afterRestart.Count >= 3, $"{name}: {afterRestart.Count} runs after the restart");
            AssertEverySecond(name, beforeStop);
            AssertEverySecond(name, afterRestart);
            Assert.Equal(missed - 1000, beforeStop[^1]);

            // Node 2 noticed the misfire once, for the first missed fire time.
            var misfires = second.Matches(new Regex($@"Schedule {Regex.Escape(name)} missed (?<fire>\S+); catch-up run: True")).ToList();
            Assert.Single(misfires);
            Assert.Equal(missed, DateTimeOffset.Parse(misfires[0].Groups["fire"].Value, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        }
    }

    private static void AssertEverySecond(string name, IReadOnlyList<long> fires)
    {
        var gaps = fires.Zip(fires.Skip(1)).Where(p => p.Second - p.First != 1000).Select(p => $"{Format(p.First)} -> {Format(p.Second)}").ToList();
        Assert.True(gaps.Count == 0, $"{name}: gaps between consecutive fire times: {string.Join(", ", gaps)}");
    }

    /// <summary>Scheduled runs of each schedule with a fire time after <paramref name="afterMs"/>.</summary>
    private async Task<(long Runtime, long Configured)> RunCountsAsync(long afterMs)
    {
        var rows = await QueryAsync<(string Name, long Count)>(
            "SELECT schedule_name, count(*) FROM runs WHERE trigger_type = 'schedule' AND fire_time > @afterMs GROUP BY schedule_name",
            new { afterMs });
        var counts = rows.ToDictionary(r => r.Name, r => r.Count);
        return (counts.GetValueOrDefault(Runtime), counts.GetValueOrDefault(Configured));
    }

    private async Task<IReadOnlyList<ScheduleRow>> SchedulesAsync() =>
        // Only this test's schedules: the system schedules that ship by default are not part of the scenario.
        await QueryAsync<ScheduleRow>(
            "SELECT id, name, cron, enabled, misfire, misfire_threshold_ms, next_fire_at FROM schedules WHERE name IN (@Runtime, @Configured) ORDER BY name",
            new { Runtime, Configured });

    private static string Format(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed class ScheduleRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Cron { get; set; } = "";
        public long Enabled { get; set; }
        public string Misfire { get; set; } = "";
        public long MisfireThresholdMs { get; set; }
        public long? NextFireAt { get; set; }
    }
}
