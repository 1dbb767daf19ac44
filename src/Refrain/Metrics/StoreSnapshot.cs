using Refrain.Measurements.Quota;
using Refrain.Providers;

namespace Refrain.Metrics;

/// <summary>What <c>/metrics</c> reads from the database, taken at <see cref="TakenAt"/> and reused for a few seconds.</summary>
internal sealed record StoreSnapshot(
    DateTimeOffset TakenAt,
    IReadOnlyList<(string Source, string JobType, string State, long Count)> Jobs,
    IReadOnlyList<QueueStat> Queues,
    IReadOnlyList<(string Kind, string State, long Count)> Runs,
    IReadOnlyList<ProviderPause> Pauses,
    IReadOnlyList<QuotaUsage> Quota,
    IReadOnlyList<ScheduleSuccess> Schedules,
    ListenerSyncLag Listeners);
