using System.Data.Common;
using Dapper;
using Npgsql;
using Refrain.Listening;

namespace Refrain.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Locks the listener's row for the transaction, then COPYs every batch into a staging table dropped at commit and
    /// merges the whole file in one INSERT. The lock does what the dropped foreign key did once per play (a delete waits for
    /// this write; no play is written for a listener that is gone) and serialises the listener's writes, so the merge of a
    /// second import or sync sees the plays the first committed. <c>NO KEY UPDATE</c> leaves foreign-key checks of other
    /// tables (an upload's record) free; updates of the listener row (a token refresh) wait for the write.
    /// </summary>
    private protected override async Task<long> WritePlaysAsync(DbConnection c, DbTransaction tx, long listenerId,
        IAsyncEnumerable<IReadOnlyList<PlayRow>> batches, long now, CancellationToken cancellationToken)
    {
        var exists = await c.ExecuteScalarAsync<long?>(Command(
            "SELECT id FROM listeners WHERE id = @listenerId FOR NO KEY UPDATE", new { listenerId }, tx, cancellationToken));
        if (exists is null)
        {
            throw new ListenerGoneException(listenerId);
        }

        await c.ExecuteAsync(Command(PostgresPlayCopy.CreateStaging, null, tx, cancellationToken));
        await PostgresPlayCopy.WriteAsync((NpgsqlConnection)c, batches, cancellationToken);

        await c.ExecuteAsync(Command(PostgresPlayCopy.Analyze, null, tx, cancellationToken));
        return await c.ExecuteAsync(Command(PostgresPlayCopy.Insert, new { listener = listenerId, now }, tx, cancellationToken));
    }
}
