namespace Refrain.Storage;

/// <summary>
/// The statements whose text differs between dialects. Each dialect fills one instance in one file
/// (<c>Sqlite/SqliteSql.cs</c>, <c>Postgres/PostgresSql.cs</c>); the statements both dialects share are in <see cref="CommonSql"/>.
/// Bulk statements take their rows as one JSON array parameter <c>@rows</c>.
/// </summary>
internal sealed record StoreSql
{
    /// <summary>Inserts <c>@rows</c> as pending jobs, skipping active unique keys; returns <c>id, run_id</c> of inserted rows.</summary>
    public required string EnqueueMany { get; init; }

    /// <summary>Claims up to <c>@n</c> due jobs of the pool; returns the claimed rows.</summary>
    public required string ClaimForSources { get; init; }

    public required string ClaimExceptSources { get; init; }

    /// <summary>Applies completions in <c>@rows</c> fenced by lease token; returns <c>id, source, job_type, state, run_id</c>.</summary>
    public required string Complete { get; init; }

    /// <summary>Adds per-run outcome deltas from <c>@rows</c>.</summary>
    public required string AddRunCounts { get; init; }

    /// <summary>Text search over subject and args.</summary>
    public required string QueryPredicate { get; init; }

    /// <summary>Serialises rate-limit decisions for one provider (<c>@p</c>) until the transaction ends; empty when the writer already serialises.</summary>
    public required string LockProvider { get; init; }

    /// <summary>Upsert of a schedule keyed by (account, name).</summary>
    public required string UpsertSchedule { get; init; }
}
