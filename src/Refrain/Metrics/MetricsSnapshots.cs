using Refrain.Measurements.Quota;
using Refrain.Storage;

namespace Refrain.Metrics;

/// <summary>
/// The database side of <c>/metrics</c>, cached on the engine's clock. The jobs-by-state count scans the whole jobs table
/// (about 0.4-0.5 s on 1M jobs on PostgreSQL on a loaded 2-core machine), so it is retaken at most every
/// <see cref="JobCountsTtl"/>, longer than a usual scrape interval; the rest (the due pending jobs through the claim index,
/// runs, providers, quota, schedules, listeners) at most every <see cref="Ttl"/>.
/// </summary>
internal sealed class MetricsSnapshots(RefrainStore store, QuotaService quota, TimeProvider time)
{
    /// <summary>How long the cheap part of a snapshot is served.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    /// <summary>How long the jobs-by-state count is served.</summary>
    public static readonly TimeSpan JobCountsTtl = TimeSpan.FromSeconds(30);

    private readonly TtlCache<IReadOnlyList<(string Source, string JobType, string State, long Count)>> _jobs =
        new(JobCountsTtl, time, () => store.CountJobsAsync(CancellationToken.None));

    private readonly TtlCache<StoreSnapshot> _rest = new(Ttl, time, async () =>
    {
        var ct = CancellationToken.None;
        var now = time.GetUtcNow();
        var usage = await quota.GetUsageAsync(null, ct);
        return new StoreSnapshot(
            now,
            [],
            await store.ListQueueStatsAsync(now, ct),
            await store.CountRunsAsync(ct),
            await store.ListProviderPausesAsync(ct),
            usage.Where(u => u.AccountId is null).ToList(),
            await store.ListScheduleSuccessesAsync(ct),
            await store.GetListenerSyncLagAsync(ct));
    });

    public async Task<StoreSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var jobs = await _jobs.GetAsync(cancellationToken);
        return await _rest.GetAsync(cancellationToken) with { Jobs = jobs };
    }
}
