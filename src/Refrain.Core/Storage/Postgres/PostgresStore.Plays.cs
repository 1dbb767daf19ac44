using System.Data.Common;
using Dapper;
using Npgsql;
using Refrain.Listening;

namespace Refrain.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>Every batch COPYed into a staging table dropped at commit, then one INSERT merges the whole file.</summary>
    private protected override async Task<long> WritePlaysAsync(DbConnection c, DbTransaction tx, long listenerId,
        IAsyncEnumerable<IReadOnlyList<PlayRow>> batches, long now, CancellationToken cancellationToken)
    {
        await c.ExecuteAsync(Command(PostgresPlayCopy.CreateStaging, null, tx, cancellationToken));
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            await PostgresPlayCopy.WriteAsync((NpgsqlConnection)c, batch, cancellationToken);
        }

        await c.ExecuteAsync(Command(PostgresPlayCopy.Analyze, null, tx, cancellationToken));
        return await c.ExecuteAsync(Command(PostgresPlayCopy.Insert, new { listener = listenerId, now }, tx, cancellationToken));
    }
}
