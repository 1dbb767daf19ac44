using Dapper;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>
    /// Benchmarks only: fills catalog <paramref name="catalogId"/> with <paramref name="songs"/> synthetic songs, each linked,
    /// where every <paramref name="mismatchEvery"/>-th link's duration is 90 s off and the rest are within 7 s.
    /// </summary>
    public Task SeedSyntheticCatalogAsync(long catalogId, long accountId, int songs, int mismatchEvery, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var now = NowMs;
            await c.ExecuteAsync(new CommandDefinition(CatalogSql.SeedSongs, new { catalog = catalogId, account = accountId, count = songs, now }, tx, 600, cancellationToken: cancellationToken));
            await c.ExecuteAsync(new CommandDefinition(CatalogSql.SeedLinks, new { catalog = catalogId, every = mismatchEvery, now }, tx, 600, cancellationToken: cancellationToken));
            return 0;
        }, cancellationToken);

    /// <summary>Benchmarks only: gives every song a canonical duration and sets every link's track duration 90 s off it.</summary>
    public Task MakeEveryLinkMismatchedAsync(CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition("UPDATE songs SET duration_ms = COALESCE(duration_ms, 200000)", transaction: tx, cancellationToken: cancellationToken));
            return await c.ExecuteAsync(new CommandDefinition(
                "UPDATE links SET track_duration_ms = (SELECT s.duration_ms FROM songs s WHERE s.id = links.song_id) + 90000 WHERE spotify_track_id IS NOT NULL",
                transaction: tx, cancellationToken: cancellationToken));
        }, cancellationToken);
}
