using System.Text.Json;
using Dapper;
using Npgsql;
using Refrain.Listening;
using Refrain.Storage.Postgres;
using Refrain.Storage.Sqlite;

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
    /// the same listener, names and end time; returns how many plays were new. PostgreSQL COPYs every batch into a staging
    /// table and merges once; SQLite, in process, merges batch by batch from JSON rows.
    /// </summary>
    internal Task<long> StorePlaysAsync(long listenerId, IAsyncEnumerable<IReadOnlyList<PlayRow>> batches, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var now = NowMs;
            if (c is NpgsqlConnection npgsql)
            {
                await c.ExecuteAsync(Command(PostgresPlayCopy.CreateStaging, null, tx, cancellationToken));
                await foreach (var batch in batches.WithCancellation(cancellationToken))
                {
                    await PostgresPlayCopy.WriteAsync(npgsql, batch, cancellationToken);
                }

                await c.ExecuteAsync(Command(PostgresPlayCopy.Analyze, null, tx, cancellationToken));
                return (long)await c.ExecuteAsync(Command(PostgresPlayCopy.Insert, new { listener = listenerId, now }, tx, cancellationToken));
            }

            var sql = SqliteListeningSql.Statements.InsertPlays;
            var inserted = 0L;
            await foreach (var batch in batches.WithCancellation(cancellationToken))
            {
                var rows = RowsJson(batch);
                inserted += await c.ExecuteAsync(Command(sql, new { listener = listenerId, rows, now }, tx, cancellationToken));
            }

            return inserted;
        }, cancellationToken);

    /// <summary>
    /// The batch as a JSON array of arrays in the column order of <see cref="SqliteListeningSql"/>: positions read faster
    /// than member names, and writing by hand skips reflection.
    /// </summary>
    private static string RowsJson(IReadOnlyList<PlayRow> batch)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(batch.Count * 200);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var p in batch)
            {
                w.WriteStartArray();
                w.WriteStringValue(p.IngestKey);
                w.WriteStringValue(p.Artist);
                w.WriteStringValue(p.Title);
                Text(w, p.Album);
                w.WriteStringValue(p.NormArtist);
                w.WriteStringValue(p.NormTitle);
                w.WriteNumberValue(p.NameKey);
                w.WriteNumberValue(p.PlayedAt);
                w.WriteNumberValue(p.MsPlayed);
                w.WriteStringValue(p.Source);
                w.WriteNumberValue(p.PrecisionMs);
                Text(w, p.SpotifyTrackId);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);

        static void Text(Utf8JsonWriter w, string? value)
        {
            if (value is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStringValue(value);
            }
        }
    }

    private sealed record ListenerRow(
        long Id, long AccountId, string AccountName, string DisplayName, string? SpotifyUserId, string Status, long? LastSyncAt, string? LastError, long CreatedAt)
    {
        public ListenerRecord ToRecord() =>
            new(Id, AccountId, AccountName, DisplayName, SpotifyUserId, Status, FromMs(LastSyncAt), LastError, FromMs(CreatedAt));
    }
}
