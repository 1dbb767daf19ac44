using System.Data.Common;
using System.Text.Json;
using Dapper;
using Refrain.Catalog;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    internal abstract CatalogSql CatalogSql { get; }

    /// <summary>The id of the account's catalog named <paramref name="name"/>, created when missing.</summary>
    public Task<long> EnsureCatalogAsync(long accountId, string name, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var existing = await c.ExecuteScalarAsync<long?>(Command("SELECT id FROM catalogs WHERE account_id = @accountId AND name = @name", new { accountId, name }, tx, cancellationToken));
            return existing ?? await c.ExecuteScalarAsync<long>(Command(
                "INSERT INTO catalogs (account_id, name, created_at) VALUES (@accountId, @name, @now) RETURNING id", new { accountId, name, now = NowMs }, tx, cancellationToken));
        }, cancellationToken);

    public Task<long?> FindAccountAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(c => c.ExecuteScalarAsync<long?>(Command("SELECT id FROM accounts WHERE name = @name", new { name }, null, cancellationToken)), cancellationToken);

    /// <summary>
    /// Writes valid, de-duplicated rows in one transaction: albums, songs (only what changed), import links (never over a
    /// reviewer's decision, each change in the link history), and refresh jobs for unknown durations.
    /// </summary>
    public Task<ImportResult> ImportCatalogAsync(long catalogId, long accountId, IReadOnlyList<CatalogRow> rows, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var now = NowMs;
            int inserted = 0, updated = 0, links = 0, kept = 0;
            var (sql, batches) = await StageImportAsync(c, tx, rows, new ImportArgs(catalogId, accountId, now), cancellationToken);
            foreach (var (batch, args) in batches)
            {
                await c.ExecuteAsync(Command(sql.InsertAlbums, args, tx, cancellationToken));
                var written = (await c.QueryAsync<(long Id, long CreatedAt)>(Command(sql.UpsertSongs, args, tx, cancellationToken))).ToList();
                inserted += written.Count(w => w.CreatedAt == now);
                updated += written.Count(w => w.CreatedAt != now);
                if (batch.Any(r => r.SpotifyTrackId is not null))
                {
                    kept += await c.ExecuteScalarAsync<int>(Command(sql.CountKeptForReviewer, args, tx, cancellationToken));
                    await c.ExecuteAsync(Command(sql.InsertImportHistory, args, tx, cancellationToken));
                    links += await c.ExecuteAsync(Command(sql.UpsertLinks, args, tx, cancellationToken));
                }
            }

            var refresh = await EnqueueCatalogRefreshAsync(c, tx, catalogId, now, cancellationToken);
            return new ImportResult
            {
                CatalogId = catalogId, Rows = rows.Count, SongsInserted = inserted, SongsUpdated = updated,
                SongsUnchanged = rows.Count - inserted - updated, LinksWritten = links, LinksKeptForReviewer = kept, RefreshJobs = refresh, Imported = true,
            };
        }, cancellationToken);

    /// <summary>
    /// How an import's rows reach the database: by default as JSON arrays of <see cref="EnqueueChunk"/> rows, each batch's
    /// arguments carrying its <c>@rows</c>; a dialect with a faster bulk path stages every row once and runs each step once.
    /// </summary>
    private protected virtual Task<(CatalogSql Sql, IEnumerable<(IReadOnlyList<CatalogRow> Rows, object Args)> Batches)> StageImportAsync(
        DbConnection c, DbTransaction tx, IReadOnlyList<CatalogRow> rows, ImportArgs args, CancellationToken cancellationToken) =>
        Task.FromResult<(CatalogSql, IEnumerable<(IReadOnlyList<CatalogRow>, object)>)>((CatalogSql, rows.Chunk(EnqueueChunk).Select(chunk =>
            ((IReadOnlyList<CatalogRow>)chunk, (object)new
            {
                rows = JsonSerializer.Serialize(chunk.Select(SongJson.From), StoreJson.Options), args.catalog, args.account, args.now,
            }))));

    /// <summary>The values every import statement takes besides its rows.</summary>
    private protected sealed record ImportArgs(long catalog, long account, long now);

    /// <summary>Refresh jobs for the catalog's songs without a canonical duration and links without a track duration.</summary>
    private static async Task<int> EnqueueCatalogRefreshAsync(DbConnection c, DbTransaction tx, long catalogId, long now, CancellationToken ct)
    {
        var recordings = await c.ExecuteAsync(Command("""
            INSERT INTO jobs (account_id, source, job_type, subject, unique_key, args, provider, state, priority, max_attempts, run_at, created_at)
            SELECT s.account_id, 'musicbrainz', 'refresh_recording', 'song:' || s.id, 'musicbrainz:refresh_recording:song:' || s.id, '{}',
                   'musicbrainz', 'pending', 0, 10, @now, @now
            FROM songs s
            WHERE s.catalog_id = @catalogId AND s.duration_ms IS NULL AND (s.isrc IS NOT NULL OR s.musicbrainz_recording_id IS NOT NULL)
            ON CONFLICT (unique_key) WHERE state IN ('pending', 'running') DO NOTHING
            """, new { catalogId, now }, tx, ct));
        var tracks = await c.ExecuteAsync(Command("""
            INSERT INTO jobs (account_id, source, job_type, subject, unique_key, args, provider, state, priority, max_attempts, run_at, created_at)
            SELECT s.account_id, 'spotify', 'refresh_link', 'song:' || s.id, 'spotify:refresh_link:song:' || s.id, '{}',
                   'spotify', 'pending', 0, 10, @now, @now
            FROM songs s JOIN links l ON l.song_id = s.id
            WHERE s.catalog_id = @catalogId AND l.spotify_track_id IS NOT NULL AND l.track_duration_ms IS NULL
            ON CONFLICT (unique_key) WHERE state IN ('pending', 'running') DO NOTHING
            """, new { catalogId, now }, tx, ct));
        return recordings + tracks;
    }

    private sealed record SongJson(string K, string T, string Ar, string? Al, string? Ak, string? I, int? D, string? Mb, string? Rd, string? Tid)
    {
        public static SongJson From(CatalogRow r) => new(
            r.SongKey, r.Title, JsonSerializer.Serialize(r.Artists), r.Album, r.AlbumKey, r.Isrc, r.DurationMs,
            r.MusicBrainzRecordingId, r.ReleaseDate, r.SpotifyTrackId);
    }
}
