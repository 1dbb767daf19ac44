using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>Re-match jobs for the links decided under a matcher version other than <paramref name="version"/>.</summary>
    public Task<int> EnqueueOutdatedMatchesAsync(long? runId, long? accountId, string version, CancellationToken cancellationToken) =>
        SweepAsync(SweepSql.OutdatedMatches, runId, new { run = runId, account = accountId, version, now = NowMs }, cancellationToken);

    /// <summary>Refresh jobs for links not read since <paramref name="maxAge"/> ago.</summary>
    public Task<int> EnqueueStaleLinksAsync(long? runId, long? accountId, TimeSpan maxAge, CancellationToken cancellationToken) =>
        SweepAsync(SweepSql.StaleLinks, runId, new { run = runId, account = accountId, before = NowMs - (long)maxAge.TotalMilliseconds, now = NowMs }, cancellationToken);

    /// <summary>MusicBrainz refresh jobs for songs without a canonical duration.</summary>
    public Task<int> EnqueueMissingDurationsAsync(long? runId, long? accountId, CancellationToken cancellationToken) =>
        SweepAsync(SweepSql.MissingDurations, runId, new { run = runId, account = accountId, now = NowMs }, cancellationToken);

    private Task<int> SweepAsync(string sql, long? runId, object args, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var n = await c.ExecuteAsync(Command(sql, args, tx, cancellationToken));
            if (runId is { } id && n > 0)
            {
                await AddRunCountsAsync(c, tx, [new RunDelta(id) { Total = n }], cancellationToken);
            }

            return n;
        }, cancellationToken);

    /// <summary>Link changes made by the jobs of a run (a re-evaluation's "outcomes changed").</summary>
    public Task<long> CountLinkChangesOfRunAsync(long runId, CancellationToken cancellationToken) =>
        ReadAsync(c => c.ExecuteScalarAsync<long>(Command(
            "SELECT COUNT(*) FROM link_history h WHERE h.job_id IN (SELECT id FROM jobs WHERE run_id = @runId)", new { runId }, null, cancellationToken)), cancellationToken);
}
