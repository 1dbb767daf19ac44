using Dapper;
using Refrain.Storage;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Storage;

/// <summary>Migrations on both databases: once, under a lock, refusing a newer schema.</summary>
public abstract class MigrationCompliance : StoreTestBase
{
    [StoreFact]
    public async Task Migrate_Again_AppliesNothing()
    {
        var result = await Store.MigrateAsync(CancellationToken.None);

        Assert.Empty(result.Applied);
        Assert.Equal(result.FromVersion, result.ToVersion);
    }

    [StoreFact]
    public async Task Migrate_ConcurrentlyFromSeveralNodes_AppliesEachMigrationOnce()
    {
        var fresh = await CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => StoreFactory.Create(fresh, Time)).ToList();
        try
        {
            var results = await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(CancellationToken.None))));

            Assert.Equal(1, results.Count(r => r.Applied.Count > 0));
            var recorded = await stores[0].ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version"), CancellationToken.None);
            Assert.Equal(results[0].ToVersion, recorded);
        }
        finally
        {
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }
        }
    }

    [StoreFact]
    public async Task Migrate_WhenTheSchemaIsNewer_Refuses()
    {
        await Store.WriteAsync((c, tx) => c.ExecuteAsync("INSERT INTO schema_version (version, name, applied_at) VALUES (999, '0999_future', 0)", transaction: tx), CancellationToken.None);

        var error = await Assert.ThrowsAsync<SchemaTooNewException>(() => Store.MigrateAsync(CancellationToken.None));

        Assert.Equal(999, error.DatabaseVersion);
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task FirstMigration_CreatesTheDefaultAccount()
    {
        var name = await Store.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT name FROM accounts WHERE id = 1"), CancellationToken.None);

        Assert.Equal("default", name);
    }
}

public sealed class SqliteMigrationTests : MigrationCompliance
{
    protected override Task<string> CreateDatabaseAsync() => new SqliteDb().CreateAsync();

    protected override Task DropDatabaseAsync() => SqliteDb.DropAsync(ConnectionString);
}

public sealed class PostgresMigrationTests : MigrationCompliance, IRequiresPostgres
{
    protected override Task<string> CreateDatabaseAsync() => PostgresDb.CreateAsync();
}
