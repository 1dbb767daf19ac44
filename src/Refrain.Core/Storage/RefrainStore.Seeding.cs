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
}
