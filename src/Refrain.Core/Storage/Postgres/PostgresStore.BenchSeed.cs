using System.Data.Common;
using Dapper;

namespace Refrain.Storage.Postgres;

public sealed partial class PostgresStore
{
    private protected override string BenchSeries(string count) => $"generate_series(CAST(1 AS BIGINT), CAST({count} AS BIGINT)) AS s(n)";

    /// <summary>Identity columns do not see explicit ids: move each sequence past the seeded rows.</summary>
    private protected override Task BenchSeedAfterExplicitIdsAsync(DbConnection c, DbTransaction tx, string table, CancellationToken cancellationToken) =>
        c.ExecuteAsync(Command($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table})) WHERE EXISTS (SELECT 1 FROM {table})",
            null, tx, cancellationToken));

    /// <summary>
    /// VACUUM ANALYZE, outside a transaction as VACUUM requires: the visibility map lets index-only scans skip the heap, as
    /// it does on a database autovacuum has visited.
    /// </summary>
    private protected override Task BenchSeedAnalyzeAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => c.ExecuteAsync(new CommandDefinition("VACUUM ANALYZE", commandTimeout: 1800, cancellationToken: cancellationToken)), cancellationToken);
}
