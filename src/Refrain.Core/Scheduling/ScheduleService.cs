using System.Text.Json;
using Refrain.Jobs;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Scheduling;

/// <summary>Validates and stores schedules, and starts manual runs of them. Shared by configuration, CLI and API.</summary>
public sealed class ScheduleService(RefrainStore store, JobHandlerRegistry registry, TimeProvider time)
{
    /// <summary>Checks everything about a definition; throws <see cref="ScheduleValidationException"/> with a one-line reason.</summary>
    public (ScheduleRecord Record, DateTimeOffset? NextFire) Validate(ScheduleDefinition d)
    {
        if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 200 || d.Name.Any(char.IsWhiteSpace))
        {
            throw new ScheduleValidationException($"invalid schedule name '{d.Name}': 1-200 characters, no spaces");
        }

        if (!CronExpression.TryParse(d.Cron, out var cron, out var error))
        {
            throw new ScheduleValidationException($"invalid cron expression '{d.Cron}': {error}");
        }

        if (!cron!.CanEverFire)
        {
            throw new ScheduleValidationException($"cron expression '{d.Cron}' can never fire");
        }

        var zone = TimeZones.Find(d.TimeZone);
        var (source, jobType) = SplitJob(d.Job);
        if (registry.Find(source, jobType) is null)
        {
            throw new ScheduleValidationException($"no handler for job '{source}/{jobType}'");
        }

        var args = NormalizeArgs(d.Args);
        if (!OverlapPolicy.IsKnown(d.Overlap))
        {
            throw new ScheduleValidationException($"invalid overlap policy '{d.Overlap}': use skip or allow");
        }

        if (!MisfirePolicy.IsKnown(d.Misfire))
        {
            throw new ScheduleValidationException($"invalid misfire policy '{d.Misfire}': use once or skip");
        }

        if (d.Notify is not ("failure" or "always" or "never"))
        {
            throw new ScheduleValidationException($"invalid notify policy '{d.Notify}': use failure, always or never");
        }

        if (d.MisfireThreshold < TimeSpan.Zero)
        {
            throw new ScheduleValidationException("misfire threshold must not be negative");
        }

        var record = new ScheduleRecord
        {
            AccountId = d.AccountId, Name = d.Name, Cron = d.Cron.Trim(), TimeZone = zone.Id, Source = source, JobType = jobType,
            Args = args, Overlap = d.Overlap, Misfire = d.Misfire, MisfireThresholdMs = (long)d.MisfireThreshold.TotalMilliseconds,
            Notify = d.Notify, Origin = d.Origin,
        };
        return (record, cron.GetNextOccurrence(time.GetUtcNow(), zone));
    }

    /// <summary>Creates or changes a schedule; returns it as stored.</summary>
    public async Task<ScheduleRecord> UpsertAsync(ScheduleDefinition definition, CancellationToken cancellationToken)
    {
        var (record, next) = Validate(definition);
        await store.UpsertScheduleAsync(record, next, cancellationToken);
        return (await store.GetScheduleAsync(record.AccountId, record.Name, cancellationToken))!;
    }

    /// <summary>Resumes a paused schedule from now on (missed fire times while paused are not caught up).</summary>
    public async Task<bool> ResumeAsync(long? accountId, string name, CancellationToken cancellationToken)
    {
        var schedule = await store.GetScheduleAsync(accountId, name, cancellationToken);
        if (schedule is null)
        {
            return false;
        }

        var next = CronExpression.Parse(schedule.Cron).GetNextOccurrence(time.GetUtcNow(), TimeZones.Find(schedule.TimeZone));
        return await store.SetScheduleEnabledAsync(accountId, name, true, next, cancellationToken);
    }

    /// <summary>
    /// Starts a run of the schedule's job now (trigger <c>manual</c>), whatever its cron says and whether or not a run is
    /// active (an operator asked for it); the run becomes the schedule's last run, so a fire time that comes while it is
    /// still active follows the overlap policy.
    /// </summary>
    public async Task<FireResult?> TriggerAsync(long? accountId, string name, string requestedBy, CancellationToken cancellationToken)
    {
        var s = await store.GetScheduleAsync(accountId, name, cancellationToken);
        if (s is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var run = new RunStart($"{s.Source}/{s.JobType}", s.AccountId, "manual", requestedBy) { ScheduleName = s.Name };
        return await store.StartScheduleRunAsync(s.Id, run, JobFor(s, registry, $"manual:{now:yyyy-MM-ddTHH:mm:ss.fffZ}"), cancellationToken);
    }

    /// <summary>The root job a schedule enqueues, keyed <c>schedule:&lt;account&gt;:&lt;name&gt;:&lt;fire time&gt;</c>.</summary>
    internal static NewJob JobFor(ScheduleRecord s, JobHandlerRegistry registry, string fireKey) =>
        new(s.Source, s.JobType, $"schedule:{s.Name}")
        {
            Args = s.Args,
            AccountId = s.AccountId,
            Provider = registry.Find(s.Source, s.JobType)?.Provider,
            UniqueKey = $"schedule:{(s.AccountId is { } a ? a.ToString(System.Globalization.CultureInfo.InvariantCulture) : "system")}:{s.Name}:{fireKey}",
        };

    public static (string Source, string JobType) SplitJob(string job)
    {
        var parts = job.Split('/', 2);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ScheduleValidationException($"invalid job '{job}': expected SOURCE/TYPE, e.g. system/noop");
        }

        return (parts[0], parts[1]);
    }

    /// <summary>Args must be a JSON object; returns it compacted.</summary>
    public static string NormalizeArgs(string? args)
    {
        if (string.IsNullOrWhiteSpace(args))
        {
            return "{}";
        }

        try
        {
            using var doc = JsonDocument.Parse(args);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ScheduleValidationException($"args must be a JSON object, not {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            return JsonSerializer.Serialize(doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new ScheduleValidationException($"args are not valid JSON: {ex.Message}");
        }
    }
}
