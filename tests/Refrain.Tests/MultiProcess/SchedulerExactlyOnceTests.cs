using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Refrain.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Refrain.Tests.MultiProcess;

/// <summary>Every node runs the scheduler loop; each fire time still runs exactly once across nodes (DESIGN §5).</summary>
[Collection(MultiProcessCollection.Name)]
public sealed partial class SchedulerExactlyOnceTests(ITestOutputHelper output) : MultiProcessTest(output)
{
    private const string Schedule = "every-second";
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    [PostgresFact]
    public async Task Three_scheduler_processes_enqueue_exactly_one_job_per_fire_time_of_a_per_second_schedule()
    {
        // overlap=allow: every fire time must run, whether or not the previous second's job is done yet.
        var (code, cli) = await RefrainProcess.RunCliAsync(
            ["schedules", "set", Schedule, "--cron", "* * * * * *", "--job", "system/noop", "--overlap", "allow", "--database", ConnectionString],
            Patience);
        Assert.True(code == 0, $"schedules set exited {code}: {cli}");
        var scheduleId = await ScalarAsync<long>("SELECT id FROM schedules WHERE name = @Schedule", new { Schedule });
        Assert.Equal(scheduleId.ToString(CultureInfo.InvariantCulture), cli.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim());

        var nodes = Enumerable.Range(1, 3).Select(i => StartNode($"scheduler-{i}", NodeSettings())).ToList();
        foreach (var node in nodes)
        {
            await WaitReadyAsync(node);
        }

        // The stimulus: all three scheduler loops compete for the same fire times during a fixed period of wall-clock time.
        var period = Stopwatch.StartNew();
        while (period.Elapsed < Period)
        {
            await Task.Delay(100);
        }

        var stopping = DateTimeOffset.UtcNow;
        var exits = await Task.WhenAll(nodes.Select(n => n.TerminateAsync()));
        Log($"stopped all schedulers: exit codes {string.Join(", ", exits)}");
        Assert.All(exits, c => Assert.Equal(0, c));

        var runs = await QueryAsync<(long Id, string TriggerType, long? FireTime, string State, long? RootJobId, string? UniqueKey)>("""
            SELECT r.id, r.trigger_type, r.fire_time, r.state, r.root_job_id, j.unique_key
            FROM runs r LEFT JOIN jobs j ON j.id = r.root_job_id
            WHERE r.schedule_name = @Schedule ORDER BY r.fire_time, r.id
            """, new { Schedule });
        Log($"{runs.Count} runs, fire times {FormatMs(runs.Min(r => r.FireTime))} .. {FormatMs(runs.Max(r => r.FireTime))}");

        // One run per fire time, each with its own root job keyed by the fire time; no run was turned away as a duplicate.
        Assert.All(runs, r => Assert.Equal("schedule", r.TriggerType));
        Assert.All(runs, r => Assert.NotNull(r.FireTime));
        Assert.All(runs, r => Assert.True(r.FireTime!.Value % 1000 == 0, $"fire time {r.FireTime} is not a whole second"));
        var duplicates = runs.GroupBy(r => r.FireTime).Where(g => g.Count() > 1).Select(g => $"{FormatMs(g.Key)} x{g.Count()}").ToList();
        Assert.True(duplicates.Count == 0, $"fire times with more than one run: {string.Join(", ", duplicates)}");
        Assert.All(runs, r => Assert.NotEqual("cancelled", r.State));
        Assert.All(runs, r => Assert.Equal($"schedule:system:{Schedule}:{FormatMs(r.FireTime)}", r.UniqueKey));

        var jobsPerKey = await QueryAsync<(string Key, long Count)>(
            "SELECT unique_key, count(*) FROM jobs WHERE unique_key LIKE @prefix GROUP BY unique_key ORDER BY unique_key",
            new { prefix = $"schedule:system:{Schedule}:%" });
        var duplicateJobs = jobsPerKey.Where(k => k.Count != 1).Select(k => $"{k.Key} x{k.Count}").ToList();
        Assert.True(duplicateJobs.Count == 0, $"fire times with more than one job: {string.Join(", ", duplicateJobs)}");
        Assert.Equal(runs.Count, jobsPerKey.Count);
        Assert.Equal(runs.Count, await ScalarAsync<long>("SELECT count(*) FROM jobs"));

        // No gaps: every whole second between the first and the last fire time ran, and the period covered at least 10 of them.
        var fires = runs.Select(r => r.FireTime!.Value).ToList();
        var gaps = fires.Zip(fires.Skip(1)).Where(p => p.Second - p.First != 1000).Select(p => $"{FormatMs(p.First)} -> {FormatMs(p.Second)}").ToList();
        Assert.True(gaps.Count == 0, $"gaps between consecutive fire times: {string.Join(", ", gaps)}");
        Assert.True(fires.Count >= 10, $"expected at least 10 fire times in {Period.TotalSeconds} s of three running schedulers, got {fires.Count}");

        var schedule = await QueryAsync<(long Id, long? LastFireAt, long? NextFireAt)>(
            "SELECT id, last_fire_at, next_fire_at FROM schedules WHERE name = @Schedule", new { Schedule });
        Assert.Equal(scheduleId, schedule.Single().Id);
        Assert.Equal(fires[^1], schedule.Single().LastFireAt);
        Assert.Equal(fires[^1] + 1000, schedule.Single().NextFireAt);

        // Each fire time was claimed by exactly one process: the nodes' "fired" log lines name disjoint runs, all of them real.
        var firedBy = nodes.Select(n => n.Matches(FiredLine()).Select(m => long.Parse(m.Groups["run"].Value, CultureInfo.InvariantCulture)).ToList()).ToList();
        Log($"runs fired per node: {string.Join(", ", firedBy.Select(f => f.Count))}");
        var logged = firedBy.SelectMany(f => f).ToList();
        Assert.Equal(logged.Count, logged.Distinct().Count());
        Assert.Subset(runs.Select(r => r.Id).ToHashSet(), logged.ToHashSet());
        // Fire times well before the stop were all fired (and logged) by some node.
        var settled = runs.Where(r => r.FireTime < stopping.ToUnixTimeMilliseconds() - 2000).Select(r => r.Id).ToHashSet();
        Assert.Superset(settled, logged.ToHashSet());
    }

    private static string FormatMs(long? ms) =>
        ms is { } v
            ? DateTimeOffset.FromUnixTimeMilliseconds(v).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
            : "none";

    [GeneratedRegex(@"Schedule every-second fired for \S+: run (?<run>\d+)")]
    private static partial Regex FiredLine();
}
