using Refrain.Measurements.Quota;
using Refrain.Storage;

namespace Refrain.Metrics;

/// <summary>
/// The database side of <c>/metrics</c>, cached for <see cref="Ttl"/> on the engine's clock. The jobs-by-state count is a scan
/// that grows with the table; the cache bounds it to one per <see cref="Ttl"/> however many scrapers ask, and concurrent
/// scrapes share one query.
/// </summary>
internal sealed class MetricsSnapshots(RefrainStore store, QuotaService quota, TimeProvider time)
{
    /// <summary>How long a snapshot is served: shorter than any sensible scrape interval, so each scrape sees fresh counts.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private Task<StoreSnapshot>? _current;
    private DateTimeOffset _takenAt;

    public Task<StoreSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        Task<StoreSnapshot> task;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_current is null || _current.IsFaulted || _current.IsCanceled || (_current.IsCompleted && now - _takenAt >= Ttl))
            {
                _takenAt = now;
                // Not tied to one request's token: the query is shared by every scrape that arrives while it runs.
                _current = TakeAsync();
            }

            task = _current;
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task<StoreSnapshot> TakeAsync()
    {
        var ct = CancellationToken.None;
        var now = time.GetUtcNow();
        var usage = await quota.GetUsageAsync(null, ct);
        return new StoreSnapshot(
            now,
            await store.CountJobsAsync(ct),
            await store.ListQueueStatsAsync(now, ct),
            await store.CountRunsAsync(ct),
            await store.ListProviderPausesAsync(ct),
            usage.Where(u => u.AccountId is null).ToList(),
            await store.ListScheduleSuccessesAsync(ct),
            await store.GetListenerSyncLagAsync(ct));
    }
}
