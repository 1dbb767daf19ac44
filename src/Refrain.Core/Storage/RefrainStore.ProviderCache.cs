using System.Text.Json;
using Dapper;
using Refrain.Providers.Spotify;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    // Dapper expands a list for SQLite; Npgsql takes the array as one parameter.
    private const string SqliteSelectCachedTracks =
        "SELECT id, body FROM spotify_tracks WHERE id IN @ids AND fetched_at > @cutoff";

    private const string PostgresSelectCachedTracks =
        "SELECT id, body FROM spotify_tracks WHERE id = ANY(@ids) AND fetched_at > @cutoff";

    private const string SelectCachedSearch =
        "SELECT results FROM spotify_searches WHERE query = @query AND fetched_at > @cutoff";

    private const string UpsertSearch = """
        INSERT INTO spotify_searches (query, results, fetched_at) VALUES (@query, @results, @now)
        ON CONFLICT (query) DO UPDATE SET results = excluded.results, fetched_at = excluded.fetched_at
        """;

    private const string UpsertTracksConflict = """
        ON CONFLICT (id) DO UPDATE SET
            isrc = excluded.isrc, name = excluded.name, duration_ms = excluded.duration_ms, body = excluded.body, fetched_at = excluded.fetched_at
        """;

    private const string SqliteUpsertTracks = """
        INSERT INTO spotify_tracks (id, isrc, name, duration_ms, body, fetched_at)
        SELECT value ->> '$.id', value ->> '$.isrc', value ->> '$.name', value ->> '$.duration_ms', value ->> '$.body', @now
        FROM json_each(@rows) WHERE true
        """ + "\n" + UpsertTracksConflict;

    private const string PostgresUpsertTracks = """
        INSERT INTO spotify_tracks (id, isrc, name, duration_ms, body, fetched_at)
        SELECT r.id, r.isrc, r.name, r.duration_ms, r.body, @now
        FROM jsonb_to_recordset(@rows::jsonb) AS r(id text, isrc text, name text, duration_ms bigint, body text)
        """ + "\n" + UpsertTracksConflict;

    /// <summary>The cached JSON of those of <paramref name="ids"/> fetched less than <paramref name="maxAge"/> ago, by id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetCachedSpotifyTracksAsync(
        IReadOnlyCollection<string> ids, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var sql = Dialect == "postgres" ? PostgresSelectCachedTracks : SqliteSelectCachedTracks;
        var rows = await ReadAsync(c => c.QueryAsync<(string Id, string Body)>(Command(
            sql, new { ids = ids.ToArray(), cutoff = NowMs - (long)maxAge.TotalMilliseconds }, null, cancellationToken)), cancellationToken);
        return rows.ToDictionary(r => r.Id, r => r.Body, StringComparer.Ordinal);
    }

    /// <summary>Stores tracks as read (one statement), replacing older copies and restarting their age.</summary>
    public Task UpsertSpotifyTracksAsync(IReadOnlyList<SpotifyTrackDocument> tracks, CancellationToken cancellationToken)
    {
        if (tracks.Count == 0)
        {
            return Task.CompletedTask;
        }

        // One row per id: PostgreSQL refuses to update the same row twice in one statement.
        var rows = tracks.GroupBy(t => t.Track.Id, StringComparer.Ordinal).Select(g => g.Last()).Select(t => new
        {
            id = t.Track.Id, isrc = t.Track.Isrc, name = t.Track.Name ?? "", duration_ms = t.Track.DurationMs, body = t.Json,
        });
        var sql = Dialect == "postgres" ? PostgresUpsertTracks : SqliteUpsertTracks;
        return WriteAsync((c, tx) => c.ExecuteAsync(Command(sql, new { rows = JsonSerializer.Serialize(rows), now = NowMs }, tx, cancellationToken)), cancellationToken);
    }

    /// <summary>A cached search answer (a JSON array of track objects) younger than <paramref name="maxAge"/>, or null.</summary>
    public Task<string?> GetCachedSpotifySearchAsync(string query, TimeSpan maxAge, CancellationToken cancellationToken) =>
        ReadAsync(c => c.QueryFirstOrDefaultAsync<string?>(Command(
            SelectCachedSearch, new { query, cutoff = NowMs - (long)maxAge.TotalMilliseconds }, null, cancellationToken)), cancellationToken);

    /// <summary>Stores a search answer (a JSON array of track objects; empty is an answer too).</summary>
    public Task UpsertSpotifySearchAsync(string query, string results, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteAsync(Command(UpsertSearch, new { query, results, now = NowMs }, tx, cancellationToken)), cancellationToken);
}
