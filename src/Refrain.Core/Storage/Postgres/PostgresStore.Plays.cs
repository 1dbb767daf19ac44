using System.Data.Common;
using Dapper;
using Npgsql;
using Refrain.Listening;

namespace Refrain.Storage.Postgres;

public sealed partial class PostgresStore
{
    private protected override string LockListenerSql => "SELECT id FROM listeners WHERE id = @listenerId FOR NO KEY UPDATE";

    /// <summary>COPYs every batch into a staging table dropped at commit, then merges the whole file in one INSERT.</summary>
    private protected override async Task<long> WritePlaysAsync(DbConnection c, DbTransaction tx, long listenerId,
        IAsyncEnumerable<IReadOnlyList<PlayRow>> batches, long now, CancellationToken cancellationToken)
    {
        await c.ExecuteAsync(Command(PostgresPlayCopy.CreateStaging, null, tx, cancellationToken));
        await PostgresPlayCopy.WriteAsync((NpgsqlConnection)c, batches, cancellationToken);

        await c.ExecuteAsync(Command(PostgresPlayCopy.Analyze, null, tx, cancellationToken));
        return await c.ExecuteAsync(Command(PostgresPlayCopy.Insert, new { listener = listenerId, now }, tx, cancellationToken));
    }
}
