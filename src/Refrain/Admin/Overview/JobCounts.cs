using Microsoft.Extensions.Caching.Memory;
using Refrain.Storage;

namespace Refrain.Admin.Overview;

/// <summary>
/// The overview's job counts, served stale-while-revalidate: counting a million jobs by state is a full scan of the jobs
/// table (about 0.6 s on PostgreSQL at 1,000,000 rows), so a page gets the last counts at once and, when they are older
/// than <see cref="FreshFor"/>, starts one recount in the background for the pages after it. Only the first page after
/// start waits for a count. The counts' age is shown beside them.
/// </summary>
internal sealed class JobCounts(RefrainStore store, TimeProvider time, ILogger<JobCounts> logger)
{
    /// <summary>How long counts are served without starting a recount.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(15);

    private const string CacheKey = "refrain:admin:overview:job-counts";

    private readonly Lock _lock = new();
    private JobCountsSnapshot? _last;
    private Task<JobCountsSnapshot>? _counting;

    /// <summary>The one instance per application, kept in the application's memory cache (no registration needed).</summary>
    public static JobCounts For(IServiceProvider services) =>
        services.GetRequiredService<IMemoryCache>().GetOrCreate(CacheKey, entry =>
        {
            entry.Priority = CacheItemPriority.NeverRemove;
            return ActivatorUtilities.CreateInstance<JobCounts>(services);
        })!;

    public async Task<JobCountsSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        Task<JobCountsSnapshot> first;
        lock (_lock)
        {
            if (_last is null || time.GetUtcNow() - _last.CountedAt >= FreshFor)
            {
                // Task.Run: the recount must not complete inside this lock, where its own cleanup could not run.
                _counting ??= Task.Run(CountAsync, CancellationToken.None);
            }

            if (_last is not null)
            {
                return _last;
            }

            first = _counting!;
        }

        return await first.WaitAsync(cancellationToken);
    }

    private async Task<JobCountsSnapshot> CountAsync()
    {
        try
        {
            var now = time.GetUtcNow();
            // Not the page's token: the count is shared by every page that asks while it runs.
            var rows = await store.CountJobsForOverviewAsync(now, CancellationToken.None);
            var snapshot = new JobCountsSnapshot(now, rows);
            lock (_lock)
            {
                _last = snapshot;
            }

            return snapshot;
        }
        catch (Exception ex)
        {
            OverviewLog.CountFailed(logger, ex);
            throw;
        }
        finally
        {
            lock (_lock)
            {
                _counting = null;
            }
        }
    }
}
