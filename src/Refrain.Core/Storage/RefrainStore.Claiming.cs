using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Refrain.Jobs;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>Claims a batch in one statement: sets the lease and one fresh lease token for the batch.</summary>
    public async Task<IReadOnlyList<JobRecord>> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        if (request.Count <= 0)
        {
            return [];
        }

        var token = RandomNumberGenerator.GetInt32(1, int.MaxValue) * 2_147_483_648L + RandomNumberGenerator.GetInt32(0, int.MaxValue);
        var (sql, sources) = request.Sources is { } only
            ? (Sql.ClaimForSources, only)
            : (Sql.ClaimExceptSources, request.ExcludedSources);
        var rows = await WriteAsync(async (c, tx) =>
        {
            // The clock is read inside the transaction: a claim that waited for the writer must not start its lease in the past.
            var now = NowMs;
            var args = new
            {
                now,
                leaseUntil = now + (long)request.Lease.TotalMilliseconds,
                token,
                worker = request.WorkerId,
                n = request.Count,
                sources = SourcesParameter(sources),
                offProviders = SourcesParameter(request.OffProviders),
            };
            return (await c.QueryAsync<JobRow>(Command(sql, args, tx, cancellationToken))).ToList();
        }, cancellationToken);
        return rows.Select(r => r.ToRecord()).OrderByDescending(r => r.Priority).ThenBy(r => r.RunAt).ThenBy(r => r.Id).ToList();
    }

    /// <summary>The dialect's form of a list of sources (a JSON array for SQLite, a text[] for PostgreSQL).</summary>
    private protected abstract object SourcesParameter(IReadOnlyList<string> sources);

    /// <summary>Writes a batch of completions in one transaction; a completion whose lease token no longer matches is refused.</summary>
    public async Task<CompletionResult> CompleteAsync(IReadOnlyList<Completion> completions, CancellationToken cancellationToken)
    {
        if (completions.Count == 0)
        {
            return new CompletionResult(0, 0, []);
        }

        var json = JsonSerializer.Serialize(completions.Select(CompletionRow.From), StoreJson.Options);
        var done = await WriteAsync(async (c, tx) =>
        {
            var rows = (await c.QueryAsync<CompletedRow>(Command(Sql.Complete, new { rows = json, now = NowMs }, tx, cancellationToken))).ToList();
            var ended = await SettleRunsAsync(c, tx, rows.Select(r => (r.RunId, (string?)null, r.State)), cancellationToken);
            return (rows, ended);
        }, cancellationToken);
        return new CompletionResult(done.rows.Count, completions.Count - done.rows.Count,
            done.rows.Select(r => new CompletedJob(r.Id, r.Source, r.JobType, r.State, r.RunId)).ToList())
        {
            EndedRuns = done.ended,
        };
    }

    /// <summary>Extends the lease of every job this worker is running (one statement per heartbeat).</summary>
    public Task<int> HeartbeatAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command(CommonSql.Heartbeat, new { until = NowMs + (long)lease.TotalMilliseconds, worker = workerId }, tx, cancellationToken)), cancellationToken);

    /// <summary>Returns running jobs whose lease expired more than <paramref name="skew"/> ago to the queue (dead when out of attempts).</summary>
    public async Task<int> ReclaimExpiredAsync(TimeSpan skew, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (c, tx) =>
        {
            var now = NowMs;
            var rows = (await c.QueryAsync<CompletedRow>(Command(CommonSql.Reclaim, new { now, cutoff = now - (long)skew.TotalMilliseconds }, tx, cancellationToken))).ToList();
            await SettleRunsAsync(c, tx, rows.Select(r => (r.RunId, (string?)null, r.State)), cancellationToken);
            return rows.Count;
        }, cancellationToken);
    }

    /// <summary>Applies counter moves and ends the runs whose jobs are all terminal; returns the runs it ended.</summary>
    internal async Task<IReadOnlyList<long>> SettleRunsAsync(DbConnection c, DbTransaction tx, IEnumerable<(long? RunId, string? From, string To)> moves, CancellationToken ct)
    {
        var deltas = RunDelta.For(moves);
        if (deltas.Count == 0)
        {
            return [];
        }

        await AddRunCountsAsync(c, tx, deltas, ct);
        var now = NowMs;
        var ended = new List<long>();
        foreach (var delta in deltas)
        {
            if (await c.ExecuteAsync(Command(CommonSql.CloseFinishedRuns, new { id = delta.Id, now }, tx, ct)) == 1)
            {
                ended.Add(delta.Id);
            }
        }

        return ended;
    }

    private sealed class CompletedRow
    {
        public long Id { get; set; }
        public string Source { get; set; } = "";
        public string JobType { get; set; } = "";
        public string State { get; set; } = "";
        public long? RunId { get; set; }
    }

    private sealed record CompletionRow(
        [property: JsonPropertyName("i")] long Id,
        [property: JsonPropertyName("k")] long Token,
        [property: JsonPropertyName("st")] string State,
        [property: JsonPropertyName("ra")] long? RunAt,
        [property: JsonPropertyName("rs")] string? Reason,
        [property: JsonPropertyName("er")] string? Error,
        [property: JsonPropertyName("dt")] string? Detail,
        [property: JsonPropertyName("rf")] int Refund,
        [property: JsonPropertyName("pf")] int ParseFailure)
    {
        public static CompletionRow From(Completion c) =>
            new(c.JobId, c.LeaseToken, c.State, ToMs(c.RunAt), c.Reason, c.Error, c.Detail, c.RefundAttempt, c.ParseFailure);
    }
}
