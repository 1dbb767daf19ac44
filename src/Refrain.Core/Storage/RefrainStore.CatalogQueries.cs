using Dapper;
using Refrain.Rematch;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    private const string CatalogColumns = """
        c.id, c.account_id, c.name, c.created_at, (SELECT COUNT(*) FROM songs s WHERE s.catalog_id = c.id) AS songs
        FROM catalogs c
        """;

    /// <summary>Creates the account's catalog <paramref name="name"/>; null when the account already has one of that name.</summary>
    public Task<CatalogInfo?> CreateCatalogAsync(long accountId, string name, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var now = NowMs;
            // ON CONFLICT rather than look-then-insert: two requests racing for one name get one catalog and one refusal.
            var id = await c.ExecuteScalarAsync<long?>(Command(
                "INSERT INTO catalogs (account_id, name, created_at) VALUES (@accountId, @name, @now) ON CONFLICT (account_id, name) DO NOTHING RETURNING id",
                new { accountId, name, now }, tx, cancellationToken));
            return id is { } created ? new CatalogInfo { Id = created, AccountId = accountId, Name = name, CreatedAt = now } : null;
        }, cancellationToken);

    /// <summary>A catalog; null when unknown or (with <paramref name="accountId"/>) another account's.</summary>
    public Task<CatalogInfo?> GetCatalogAsync(long id, long? accountId, CancellationToken cancellationToken) =>
        ReadAsync(c => c.QuerySingleOrDefaultAsync<CatalogInfo>(Command(
            $"SELECT {CatalogColumns} WHERE c.id = @id AND (@accountId IS NULL OR c.account_id = @accountId)",
            new { id, accountId }, null, cancellationToken)), cancellationToken);

    /// <summary>Catalogs by id after <paramref name="afterId"/>, of one account or (null) all.</summary>
    public async Task<IReadOnlyList<CatalogInfo>> ListCatalogsAsync(long? accountId, long? afterId, int limit, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<CatalogInfo>(Command(
            $"SELECT {CatalogColumns} WHERE (@accountId IS NULL OR c.account_id = @accountId) AND (@afterId IS NULL OR c.id > @afterId) ORDER BY c.id LIMIT @limit",
            new { accountId, afterId, limit }, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>
    /// A catalog's songs with their links, by id after <paramref name="afterId"/>. With <paramref name="mismatchThresholdMs"/>
    /// only songs whose linked track's duration is more than that off the canonical one (both known), as the duration sweep
    /// compares them.
    /// </summary>
    public async Task<IReadOnlyList<CatalogSong>> ListCatalogSongsAsync(long catalogId, long? mismatchThresholdMs, long? afterId, int limit, CancellationToken cancellationToken)
    {
        var mismatch = mismatchThresholdMs is null ? "" : """
             AND s.duration_ms IS NOT NULL AND l.track_duration_ms IS NOT NULL AND l.spotify_track_id IS NOT NULL
             AND (s.duration_ms - l.track_duration_ms > @thresholdMs OR l.track_duration_ms - s.duration_ms > @thresholdMs)
            """;
        var sql = $"""
            SELECT s.id, s.title, s.artists, a.title AS album, s.isrc, s.duration_ms, l.spotify_track_id, l.track_duration_ms,
                   l.state AS link_state, l.decided_by
            FROM songs s LEFT JOIN albums a ON a.id = s.album_id LEFT JOIN links l ON l.song_id = s.id
            WHERE s.catalog_id = @catalogId AND (@afterId IS NULL OR s.id > @afterId){mismatch}
            ORDER BY s.id LIMIT @limit
            """;
        return (await ReadAsync(c => c.QueryAsync<CatalogSong>(Command(sql,
            new { catalogId, thresholdMs = mismatchThresholdMs ?? 0, afterId, limit }, null, cancellationToken)), cancellationToken)).ToList();
    }

    /// <summary>Songs waiting for a human (link state <c>review</c>) by song id after <paramref name="afterSongId"/>.</summary>
    public async Task<IReadOnlyList<SongLink>> ListReviewsPageAsync(long? accountId, long? afterSongId, int limit, CancellationToken cancellationToken) =>
        (await ReadAsync(c => c.QueryAsync<SongLink>(Command(
            $"{SongLinkSelect} WHERE l.state = 'review' AND (@accountId IS NULL OR s.account_id = @accountId) AND (@afterSongId IS NULL OR s.id > @afterSongId) ORDER BY s.id LIMIT @limit",
            new { accountId, afterSongId, limit }, null, cancellationToken)), cancellationToken)).ToList();

    /// <summary>A catalog with how many songs it holds.</summary>
    public sealed class CatalogInfo
    {
        public long Id { get; set; }
        public long AccountId { get; set; }
        public string Name { get; set; } = "";

        /// <summary>Unix ms, as stored.</summary>
        public long CreatedAt { get; set; }

        public long Songs { get; set; }
    }

    /// <summary>A song of a catalog with its link (link columns null when it has none).</summary>
    public sealed class CatalogSong
    {
        public long Id { get; set; }
        public string Title { get; set; } = "";
        public string Artists { get; set; } = "[]";
        public string? Album { get; set; }
        public string? Isrc { get; set; }
        public long? DurationMs { get; set; }
        public string? SpotifyTrackId { get; set; }
        public long? TrackDurationMs { get; set; }
        public string? LinkState { get; set; }
        public string? DecidedBy { get; set; }
    }
}
