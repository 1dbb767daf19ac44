using System.Data.Common;
using Dapper;
using Refrain.Listening;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    private const string ListenerColumns =
        "l.id AS Id, l.account_id AS AccountId, a.name AS AccountName, l.display_name AS DisplayName, l.spotify_user_id AS SpotifyUserId, " +
        "l.status AS Status, l.last_sync_at AS LastSyncAt, l.last_error AS LastError, l.created_at AS CreatedAt";

    public Task<long> CreateListenerAsync(long accountId, string displayName, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteScalarAsync<long>(Command(
            "INSERT INTO listeners (account_id, display_name, created_at) VALUES (@accountId, @displayName, @now) RETURNING id",
            new { accountId, displayName, now = NowMs }, tx, cancellationToken)), cancellationToken);

    /// <summary>Every listener, or those of one account, oldest first.</summary>
    public async Task<IReadOnlyList<ListenerRecord>> ListListenersAsync(long? accountId, CancellationToken cancellationToken)
    {
        // Two texts rather than "@accountId IS NULL OR ...": PostgreSQL cannot type a parameter that is only ever null.
        var filter = accountId is null ? "" : "WHERE l.account_id = @accountId";
        var rows = await ReadAsync(c => c.QueryAsync<ListenerRow>(Command(
            $"SELECT {ListenerColumns} FROM listeners l JOIN accounts a ON a.id = l.account_id {filter} ORDER BY l.id",
            new { accountId }, null, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<ListenerRecord?> GetListenerAsync(long id, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<ListenerRow>(Command(
            $"SELECT {ListenerColumns} FROM listeners l JOIN accounts a ON a.id = l.account_id WHERE l.id = @id", new { id }, null, cancellationToken)), cancellationToken);
        return row?.ToRecord();
    }

    /// <summary>
    /// Stores every batch in one transaction (a failing source rolls all of it back), merging each play with a stored one of
    /// the same listener, names and end time; returns how many plays were new.
    /// </summary>
    internal Task<long> StorePlaysAsync(long listenerId, IAsyncEnumerable<IReadOnlyList<PlayRow>> batches, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            await LockListenerAsync(c, tx, listenerId, cancellationToken);
            return await WritePlaysAsync(c, tx, listenerId, batches, NowMs, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The dialect's statement that locks listener <c>@listenerId</c>'s row until the transaction ends and returns its id
    /// (PostgreSQL <c>FOR NO KEY UPDATE</c>; SQLite's writer transaction already excludes every other writer).
    /// </summary>
    private protected abstract string LockListenerSql { get; }

    /// <summary>
    /// Locks the listener before its plays change: writes and deletes of one listener's plays run one after the other (each
    /// merge sees what the other stored), a listener delete waits for them (on PostgreSQL plays have no foreign key), and a
    /// listener that is gone is a <see cref="ListenerGoneException"/>. Foreign-key checks of other tables stay free; an update
    /// of the listener's row (a token refresh) waits.
    /// </summary>
    private protected async Task LockListenerAsync(DbConnection c, DbTransaction tx, long listenerId, CancellationToken cancellationToken)
    {
        if (await c.ExecuteScalarAsync<long?>(Command(LockListenerSql, new { listenerId }, tx, cancellationToken)) is null)
        {
            throw new ListenerGoneException(listenerId);
        }
    }

    /// <summary>
    /// The dialect's way to write and merge plays inside the import's transaction (SQLite: batch by batch from JSON rows;
    /// PostgreSQL: COPY every batch into a staging table and merge once).
    /// </summary>
    private protected abstract Task<long> WritePlaysAsync(DbConnection c, DbTransaction tx, long listenerId,
        IAsyncEnumerable<IReadOnlyList<PlayRow>> batches, long now, CancellationToken cancellationToken);

    private sealed record ListenerRow(
        long Id, long AccountId, string AccountName, string DisplayName, string? SpotifyUserId, string Status, long? LastSyncAt, string? LastError, long CreatedAt)
    {
        public ListenerRecord ToRecord() =>
            new(Id, AccountId, AccountName, DisplayName, SpotifyUserId, Status, FromMs(LastSyncAt), LastError, FromMs(CreatedAt));
    }
}
