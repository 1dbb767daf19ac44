using Refrain.Providers.Spotify;
using Refrain.Tests.Infrastructure;
using Refrain.Tests.Storage;

namespace Refrain.Tests.Providers;

/// <summary>The provider cache tables (<c>spotify_tracks</c>, <c>spotify_searches</c>) on both databases.</summary>
public abstract class ProviderCacheStoreCompliance : StoreTestBase
{
    [StoreFact]
    public async Task Tracks_AreUpsertedAndServedWhileYoungerThanTheAge()
    {
        await Store.UpsertSpotifyTracksAsync([Track("4uLU6hMCjMI75M1A2tKUQC", 200_000), Track("3n3Ppam7vgaVa1iaRUc9Lp", 222_200)], CancellationToken.None);
        Time.Advance(TimeSpan.FromDays(10));
        await Store.UpsertSpotifyTracksAsync([Track("4uLU6hMCjMI75M1A2tKUQC", 201_000), Track("4uLU6hMCjMI75M1A2tKUQC", 201_500)], CancellationToken.None);
        Time.Advance(TimeSpan.FromDays(25));

        var cached = await Store.GetCachedSpotifyTracksAsync(["4uLU6hMCjMI75M1A2tKUQC", "3n3Ppam7vgaVa1iaRUc9Lp", "0000000000000000000000"], TimeSpan.FromDays(30), CancellationToken.None);

        // The second id is 35 days old; the first was replaced 25 days ago by the last copy of its batch.
        var only = Assert.Single(cached);
        Assert.Equal("4uLU6hMCjMI75M1A2tKUQC", only.Key);
        Assert.Contains("201500", only.Value, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Searches_AreUpsertedAndExpire()
    {
        await Store.UpsertSpotifySearchAsync("track|10|isrc:GBAHS1400099", "[]", CancellationToken.None);
        await Store.UpsertSpotifySearchAsync("track|10|isrc:GBAHS1400099", "[{\"id\":\"x\"}]", CancellationToken.None);

        Assert.Equal("[{\"id\":\"x\"}]", await Store.GetCachedSpotifySearchAsync("track|10|isrc:GBAHS1400099", TimeSpan.FromDays(7), CancellationToken.None));
        Time.Advance(TimeSpan.FromDays(7));
        Assert.Null(await Store.GetCachedSpotifySearchAsync("track|10|isrc:GBAHS1400099", TimeSpan.FromDays(7), CancellationToken.None));
    }

    private static SpotifyTrackDocument Track(string id, int durationMs)
    {
        var json = $$$"""{"id":"{{{id}}}","name":"Thinking \"Out\" Loud – 東京","duration_ms":{{{durationMs}}},"external_ids":{"isrc":"GBAHS1400099"}}""";
        return new SpotifyTrackDocument(new SpotifyTrack { Id = id, Name = "Thinking \"Out\" Loud – 東京", DurationMs = durationMs, ExternalIds = new SpotifyExternalIds { Isrc = "GBAHS1400099" } }, json);
    }
}

public sealed class SqliteProviderCacheTests : ProviderCacheStoreCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresProviderCacheTests : ProviderCacheStoreCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
