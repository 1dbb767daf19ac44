using System.Data.Common;
using Dapper;

namespace Refrain.Storage;

/// <summary>Applies the missing numbered migrations inside the caller's locked transaction.</summary>
internal static class MigrationRunner
{
    public static async Task<MigrationResult> ApplyAsync(RefrainStore store, DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        var migrations = Migrations.For(store.Dialect);
        var programVersion = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var current = await c.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(version) FROM schema_version", transaction: tx, cancellationToken: ct)) ?? 0;
        if (current > programVersion)
        {
            throw new SchemaTooNewException(current, programVersion);
        }

        var applied = new List<string>();
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await c.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @at)",
                new { migration.Version, migration.Name, at = store.Time.GetUtcNow().ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
            applied.Add(migration.Name);
        }

        return new MigrationResult(current, Math.Max(current, programVersion), applied);
    }
}
