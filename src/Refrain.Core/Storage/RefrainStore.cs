using System.Data.Common;
using Dapper;

namespace Refrain.Storage;

/// <summary>
/// The one store of Refrain: jobs, runs, schedules, providers. Dialect-free logic lives here; a thin subclass per
/// database supplies connections, locking and the statements of <see cref="StoreSql"/>.
/// </summary>
public abstract partial class RefrainStore : IAsyncDisposable
{
    static RefrainStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private protected RefrainStore(TimeProvider time) => Time = time;

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public abstract string Dialect { get; }

    public TimeProvider Time { get; }

    internal abstract StoreSql Sql { get; }

    /// <summary>Runs <paramref name="work"/> in one write transaction (SQLite: the process's single writer).</summary>
    internal abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a reading connection.</summary>
    internal abstract Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Applies the embedded migrations of this dialect under a lock; refuses a schema newer than the program.</summary>
    public abstract Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>True when the database answers a trivial query.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(async c => await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken)) == 1, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Housekeeping the dialect needs under churn (SQLite: a WAL checkpoint so the log stays short).</summary>
    public virtual Task CheckpointAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();

    private protected long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    internal static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    internal static DateTimeOffset? FromMs(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    internal static long? ToMs(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    private protected static CommandDefinition Command(string sql, object? args, DbTransaction? tx, CancellationToken ct) =>
        new(sql, args, tx, cancellationToken: ct);
}
