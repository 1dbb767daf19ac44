using System.Data.Common;
using Dapper;
using Npgsql;

namespace Refrain.Storage.Postgres;

/// <summary>PostgreSQL: pooled connections, <c>FOR UPDATE SKIP LOCKED</c> claims, advisory locks for migrations and rate limits.</summary>
public sealed partial class PostgresStore : RefrainStore
{
    private const long MigrationLockKey = 0x5265_6672_6169_6E01; // "Refrain" + 1
    private readonly NpgsqlDataSource _dataSource;

    public PostgresStore(string connectionString, TimeProvider time)
        : base(time)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // The queue runs the same few statements all day: prepare them once per connection, and skip the reset
        // round trip (DISCARD ALL) each time a connection returns to the pool, since no session state is changed.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        builder.NoResetOnClose = true;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override string Dialect => "postgres";

    internal override StoreSql Sql => PostgresSql.Statements;

    internal override CatalogSql CatalogSql => PostgresCatalogSql.Statements;

    private protected override object SourcesParameter(IReadOnlyList<string> sources) => sources.ToArray();

    internal override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, tx);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    internal override async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await work(connection);
    }

    private protected override DbConnection OpenConnection() => _dataSource.OpenConnection();

    public override async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = MigrationLockKey }, cancellationToken: cancellationToken));
        try
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                transaction: tx, cancellationToken: cancellationToken));
            var result = await MigrationRunner.ApplyAsync(this, connection, tx, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = MigrationLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    public override async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
