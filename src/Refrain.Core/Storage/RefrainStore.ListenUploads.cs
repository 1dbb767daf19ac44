using Dapper;
using Refrain.Listening;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    private const string UploadColumns =
        "id AS Id, listener_id AS ListenerId, file_name AS FileName, bytes AS Bytes, status AS Status, imported AS Imported, duplicate AS Duplicate, " +
        "short AS Short, incognito AS Incognito, podcast AS Podcast, invalid AS Invalid, error AS Error, created_at AS CreatedAt, finished_at AS FinishedAt";

    /// <summary>The listener's account when it exists and, with <paramref name="accountId"/>, belongs to that account; else null.</summary>
    public Task<long?> GetListenerAccountAsync(long listenerId, long? accountId, CancellationToken cancellationToken)
    {
        var account = accountId is null ? "" : " AND account_id = @accountId";
        return ReadAsync(c => c.QuerySingleOrDefaultAsync<long?>(Command(
            $"SELECT account_id FROM listeners WHERE id = @listenerId{account}", new { listenerId, accountId }, null, cancellationToken)), cancellationToken);
    }

    /// <summary>Records an upload as <c>running</c>; returns its id.</summary>
    public Task<long> StartListenUploadAsync(long listenerId, string fileName, long bytes, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteScalarAsync<long>(Command(
            "INSERT INTO listen_uploads (listener_id, file_name, bytes, status, created_at) VALUES (@listenerId, @fileName, @bytes, 'running', @now) RETURNING id",
            new { listenerId, fileName, bytes, now = NowMs }, tx, cancellationToken)), cancellationToken);

    /// <summary>Ends an upload: <c>failed</c> with <paramref name="error"/> (counts zero), else <c>succeeded</c> with the counts.</summary>
    public Task FinishListenUploadAsync(long id, ListenCounts counts, string? error, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command("""
            UPDATE listen_uploads SET status = @status, imported = @Imported, duplicate = @Duplicate, short = @Short, incognito = @Incognito,
                   podcast = @Podcast, invalid = @Invalid, error = @error, finished_at = @now
            WHERE id = @id
            """, new
        {
            id, status = error is null ? "succeeded" : "failed", counts.Imported, counts.Duplicate, counts.Short, counts.Incognito, counts.Podcast,
            counts.Invalid, error, now = NowMs,
        }, tx, cancellationToken)), cancellationToken);

    public async Task<ListenUpload?> GetListenUploadAsync(long id, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<UploadRow>(Command(
            $"SELECT {UploadColumns} FROM listen_uploads WHERE id = @id", new { id }, null, cancellationToken)), cancellationToken);
        return row?.ToRecord();
    }

    /// <summary>One keyset page of a listener's uploads, oldest first.</summary>
    public async Task<IReadOnlyList<ListenUpload>> ListListenUploadsAsync(long listenerId, long? afterId, int limit, CancellationToken cancellationToken)
    {
        var after = afterId is null ? "" : " AND id > @afterId";
        var rows = await ReadAsync(c => c.QueryAsync<UploadRow>(Command(
            $"SELECT {UploadColumns} FROM listen_uploads WHERE listener_id = @listenerId{after} ORDER BY id LIMIT @limit",
            new { listenerId, afterId, limit }, null, cancellationToken)), cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private sealed record UploadRow(
        long Id, long ListenerId, string FileName, long Bytes, string Status, long Imported, long Duplicate, long Short, long Incognito, long Podcast,
        long Invalid, string? Error, long CreatedAt, long? FinishedAt)
    {
        public ListenUpload ToRecord() => new(Id, ListenerId, FileName, Bytes, Status,
            new ListenCounts { Imported = Imported, Duplicate = Duplicate, Short = Short, Incognito = Incognito, Podcast = Podcast, Invalid = Invalid },
            Error, FromMs(CreatedAt), FromMs(FinishedAt));
    }
}
