using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Refrain.Jobs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>Rows per enqueue statement: large enough to amortise the round trip, small enough to keep a statement short.</summary>
    public const int EnqueueChunk = 5000;

    /// <summary>Enqueues one job; a second enqueue of an active unique key is a no-op that reports the holder.</summary>
    public async Task<EnqueueResult> EnqueueAsync(NewJob job, CancellationToken cancellationToken) =>
        await WriteAsync((c, tx) => EnqueueAsync(c, tx, job, cancellationToken), cancellationToken);

    internal async Task<EnqueueResult> EnqueueAsync(DbConnection c, DbTransaction tx, NewJob job, CancellationToken ct)
    {
        var inserted = await InsertJobsAsync(c, tx, [job], ct);
        if (inserted.Count == 1)
        {
            return new EnqueueResult(inserted[0], true);
        }

        var existing = await c.ExecuteScalarAsync<long>(Command(CommonSql.ActiveJobByKey, new { key = job.EffectiveUniqueKey }, tx, ct));
        return new EnqueueResult(existing, false);
    }

    /// <summary>Enqueues many jobs in multi-row statements; returns how many were inserted (the rest held active keys).</summary>
    public async Task<int> EnqueueManyAsync(IReadOnlyList<NewJob> jobs, CancellationToken cancellationToken)
    {
        var total = 0;
        for (var offset = 0; offset < jobs.Count; offset += EnqueueChunk)
        {
            var chunk = jobs.Skip(offset).Take(EnqueueChunk).ToList();
            total += await WriteAsync(async (c, tx) => (await InsertJobsAsync(c, tx, chunk, cancellationToken)).Count, cancellationToken);
        }

        return total;
    }

    /// <summary>Inserts within the caller's transaction and adds the inserted jobs to their runs' totals.</summary>
    internal async Task<IReadOnlyList<long>> InsertJobsAsync(DbConnection c, DbTransaction tx, IReadOnlyList<NewJob> jobs, CancellationToken ct)
    {
        if (jobs.Count == 0)
        {
            return [];
        }

        var now = NowMs;
        var rows = jobs.Select(j => new EnqueueRow(
            j.AccountId, j.Source, j.JobType, j.Subject, j.EffectiveUniqueKey, j.Args, j.Provider, j.Priority, j.MaxAttempts,
            ToMs(j.RunAt) ?? now, j.RunId)).ToList();
        var json = JsonSerializer.Serialize(rows, StoreJson.Options);
        var inserted = (await c.QueryAsync<(long Id, long? RunId)>(Command(Sql.EnqueueMany, new { rows = json, now }, tx, ct))).ToList();
        var perRun = inserted.Where(r => r.RunId is not null).GroupBy(r => r.RunId!.Value)
            .Select(g => new RunDelta(g.Key) { Total = g.Count() }).ToList();
        await AddRunCountsAsync(c, tx, perRun, ct);
        return inserted.Select(r => r.Id).ToList();
    }

    internal async Task AddRunCountsAsync(DbConnection c, DbTransaction tx, IReadOnlyList<RunDelta> deltas, CancellationToken ct)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        await c.ExecuteAsync(Command(Sql.AddRunCounts, new { rows = JsonSerializer.Serialize(deltas, StoreJson.Options) }, tx, ct));
    }

    private sealed record EnqueueRow(
        [property: JsonPropertyName("a")] long? AccountId,
        [property: JsonPropertyName("s")] string Source,
        [property: JsonPropertyName("t")] string JobType,
        [property: JsonPropertyName("u")] string? Subject,
        [property: JsonPropertyName("k")] string? UniqueKey,
        [property: JsonPropertyName("g")] string Args,
        [property: JsonPropertyName("p")] string? Provider,
        [property: JsonPropertyName("r")] int Priority,
        [property: JsonPropertyName("m")] int MaxAttempts,
        [property: JsonPropertyName("at")] long RunAt,
        [property: JsonPropertyName("run")] long? RunId);
}
