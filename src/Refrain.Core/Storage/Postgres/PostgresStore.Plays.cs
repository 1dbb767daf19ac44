using System.Data.Common;
using Dapper;
using Npgsql;
using Refrain.Listening;

namespace Refrain.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Locks the listener's row for the transaction (what the dropped foreign key did once per play: a delete waits for this
    /// write, and no play is written for a listener that is gone), COPYs every batch into a staging table dropped at commit,
    /// then one INSERT merges the whole file.
    /// </summary>
    private protected override async Task<long> WritePlaysAsync(DbConnection c, DbTransaction tx, long listenerId,
        IAsyncEnumerable<IReadOnlyList<PlayRow>> batches, long now, CancellationToken cancellationToken)
    {
        var exists = await c.ExecuteScalarAsync<long?>(Command(
            "SELECT id FROM listeners WHERE id = @listenerId FOR KEY SHARE", new { listenerId }, tx, cancellationToken));
        if (exists is null)
        {
            throw new ListenerGoneException(listenerId);
        }

        await c.ExecuteAsync(Command(PostgresPlayCopy.CreateStaging, null, tx, cancellationToken));
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            await PostgresPlayCopy.WriteAsync((NpgsqlConnection)c, batch, cancellationToken);
        }

        await c.ExecuteAsync(Command(PostgresPlayCopy.Analyze, null, tx, cancellationToken));
        return await c.ExecuteAsync(Command(PostgresPlayCopy.Insert, new { listener = listenerId, now }, tx, cancellationToken));
    }
}
