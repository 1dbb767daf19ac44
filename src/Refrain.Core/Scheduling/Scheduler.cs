using Microsoft.Extensions.Logging;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Scheduling;

/// <summary>
/// Fires due schedules. Any number of nodes may run it: each fire time is claimed by a compare-and-set on the schedule's
/// <c>next_fire_at</c>, in the same transaction that starts the run, so it runs exactly once.
/// </summary>
public sealed class Scheduler(RefrainStore store, JobHandlerRegistry registry, SchedulingOptions options, TimeProvider time, ILogger<Scheduler> logger)
{
    private const int DueBatch = 100;

    /// <summary>Fires every schedule due now; returns the number of runs this node started.</summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken)
    {
        var started = 0;
        for (var pass = 0; pass < 1000; pass++)
        {
            var due = await store.DueSchedulesAsync(DueBatch, cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var schedule in due)
            {
                started += await FireAsync(schedule, cancellationToken) ? 1 : 0;
            }
        }

        return started;
    }

    /// <summary>Ticks until stopped, waking at the next fire time or after the poll interval, whichever is sooner.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var idle = new Signal();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.PollInterval;
            try
            {
                await TickAsync(stoppingToken);
                if (await store.NextDueAsync(stoppingToken) is { } next)
                {
                    var untilNext = next - time.GetUtcNow();
                    wait = untilNext < wait ? (untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext) : wait;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                SchedulingLog.TickFailed(logger, ex);
            }

            await idle.WaitAsync(wait, time, stoppingToken);
        }
    }

    private async Task<bool> FireAsync(ScheduleRecord s, CancellationToken ct)
    {
        var fire = s.NextFire!.Value;
        var now = time.GetUtcNow();
        DateTimeOffset? next;
        TimeZoneInfo zone;
        CronExpression cron;
        try
        {
            zone = TimeZones.Find(s.TimeZone);
            cron = CronExpression.Parse(s.Cron);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // Stored by an older or hand-edited row: park it instead of failing every tick.
            SchedulingLog.Unfireable(logger, s.Name, ex.Message);
            await store.FireScheduleAsync(s, null, null, null, null, ct);
            return false;
        }

        var late = now - fire > s.MisfireThreshold;
        bool run;
        if (late)
        {
            // One catch-up for every missed fire time (misfire once), keyed by the first missed one so every node agrees.
            next = cron.GetNextOccurrence(now, zone);
            run = s.Misfire == MisfirePolicy.Once;
            SchedulingLog.Misfired(logger, s.Name, fire, run);
        }
        else
        {
            next = cron.GetNextOccurrence(fire, zone);
            run = true;
        }

        if (run && s.Overlap == OverlapPolicy.Skip && s.LastRunId is { } last && await store.IsRunActiveAsync(last, ct))
        {
            SchedulingLog.SkippedOverlap(logger, s.Name, fire, last);
            run = false;
        }

        if (!run)
        {
            await store.FireScheduleAsync(s, next, null, null, null, ct);
            return false;
        }

        var start = new RunStart($"{s.Source}/{s.JobType}", s.AccountId, "schedule", $"schedule:{s.Name}") { ScheduleName = s.Name, FireTime = fire };
        var job = ScheduleService.JobFor(s, registry, fire.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        var result = await store.FireScheduleAsync(s, next, fire, start, job, ct);
        if (result?.RunId is { } runId)
        {
            SchedulingLog.Fired(logger, s.Name, fire, runId);
            return true;
        }

        return false;
    }
}
