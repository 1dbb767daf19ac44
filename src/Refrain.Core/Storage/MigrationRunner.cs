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
        var recorded = (await c.QueryAsync<int>(new CommandDefinition("SELECT version FROM schema_version", transaction: tx, cancellationToken: ct))).ToHashSet();
        var current = recorded.Count == 0 ? 0 : recorded.Max();
        if (current > programVersion)
        {
            throw new SchemaTooNewException(current, programVersion);
        }

        // Every known migration not yet recorded, in order: a branch that lands a lower number later still applies.
        var applied = new List<string>();
        foreach (var migration in migrations.Where(m => !recorded.Contains(m.Version)))
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
