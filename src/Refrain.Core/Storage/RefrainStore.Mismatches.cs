using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// One set-based statement: enqueues a re-match job per eligible song (see <see cref="MismatchSql.Eligible"/>) in run
    /// <paramref name="runId"/>, and adds them to the run's total. Returns how many were enqueued.
    /// </summary>
    public Task<int> EnqueueDurationMismatchesAsync(long? runId, long? accountId, long thresholdMs, string args, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var n = await c.ExecuteAsync(Command(CatalogSql.EnqueueMismatches,
                new { run = runId, account = accountId, thresholdMs, args, now = NowMs }, tx, cancellationToken));
            if (runId is { } id && n > 0)
            {
                await AddRunCountsAsync(c, tx, [new RunDelta(id) { Total = n }], cancellationToken);
            }

            return n;
        }, cancellationToken);

    /// <summary>How many songs the sweep would enqueue now.</summary>
    public Task<long> CountDurationMismatchesAsync(long? accountId, long thresholdMs, CancellationToken cancellationToken) =>
        ReadAsync(c => c.ExecuteScalarAsync<long>(Command(MismatchSql.Count, new { account = accountId, thresholdMs }, null, cancellationToken)), cancellationToken);

    /// <summary>The first eligible songs, for a dry run.</summary>
    public async Task<IReadOnlyList<MismatchSample>> SampleDurationMismatchesAsync(long? accountId, long thresholdMs, int limit, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<MismatchSample>(Command(MismatchSql.Sample, new { account = accountId, thresholdMs, limit }, null, cancellationToken)), cancellationToken)).ToList();
}
