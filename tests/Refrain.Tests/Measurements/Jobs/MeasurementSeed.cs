using Dapper;
using Refrain.Catalog;
using Refrain.Storage;

namespace Refrain.Tests.Measurements.Jobs;

/// <summary>Catalogs with ISRCs, Spotify links and cached tracks (their album ids), for the measurement tests.</summary>
internal static class MeasurementSeed
{
    private const string Header = "title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date";

    /// <summary>Imports <paramref name="rows"/> (CSV lines after the header) into a catalog of the account; returns its id.</summary>
    public static async Task<long> ImportAsync(RefrainStore store, long accountId, string catalog, params string[] rows)
    {
        var result = await new CatalogImporter(store).ImportAsync(
            new StringReader(string.Join('\n', [Header, .. rows])), false, accountId, catalog, false, CancellationToken.None);
        Assert.True(result.Imported, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.CatalogId;
    }

    /// <summary>Caches a Spotify track whose JSON names <paramref name="albumId"/> as its album.</summary>
    public static Task CacheTrackAsync(RefrainStore store, string trackId, string albumId, string? isrc = null) =>
        store.WriteAsync((c, tx) => c.ExecuteAsync(
            "INSERT INTO spotify_tracks (id, isrc, name, duration_ms, body, fetched_at) VALUES (@trackId, @isrc, 'x', 200000, @body, 0)",
            new { trackId, isrc, body = $$$"""{"id":"{{{trackId}}}","album":{"id":"{{{albumId}}}","name":"A"}}""" }, tx), CancellationToken.None);

    public static async Task<IReadOnlyList<long>> GetCatalogSongIdsAsync(this RefrainStore store) =>
        (await store.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM songs ORDER BY id"), CancellationToken.None)).ToList();

    public static async Task<IReadOnlyList<(string Subject, long Priority, long? RunId, long? AccountId)>> JobsAsync(RefrainStore store, string jobType) =>
        (await store.ReadAsync(c => c.QueryAsync<(string, long, long?, long?)>(
            "SELECT subject, priority, run_id, account_id FROM jobs WHERE job_type = @jobType ORDER BY id", new { jobType }), CancellationToken.None)).ToList();
}
