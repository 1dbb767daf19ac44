using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Refrain.Storage.Sqlite;

/// <summary>
/// SQLite in WAL mode with one writer connection per process: claims, completions and enqueues are serialised through it
/// (many writers would only spin on SQLITE_BUSY); readers open their own pooled connections.
/// </summary>
public sealed partial class SqliteStore : RefrainStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writerGate = new(1, 1);
    private SqliteConnection? _writer;

    public SqliteStore(string connectionString, TimeProvider time)
        : base(time)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public override string Dialect => "sqlite";

    public string DataSource { get; }

    internal override StoreSql Sql => SqliteSql.Statements;

    internal override CatalogSql CatalogSql => SqliteCatalogSql.Statements;

    private protected override object SourcesParameter(IReadOnlyList<string> sources) => JsonSerializer.Serialize(sources);

    internal override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken);
        try
        {
            var writer = await WriterAsync(cancellationToken);
            await using var tx = (SqliteTransaction)await writer.BeginTransactionAsync(cancellationToken);
            var result = await work(writer, tx);
            await tx.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writerGate.Release();
        }
    }

    internal override async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return await work(connection);
    }

    private protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public override async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE (the writer's transaction) is the lock: a second process waits, then finds nothing to do.
        return await WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
                transaction: tx, cancellationToken: cancellationToken));
            return await MigrationRunner.ApplyAsync(this, c, tx, cancellationToken);
        }, cancellationToken);
    }

    public override async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken);
        try
        {
            var writer = await WriterAsync(cancellationToken);
            await writer.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(PASSIVE)", cancellationToken: cancellationToken));
        }
        finally
        {
            _writerGate.Release();
        }
    }

    private async Task<SqliteConnection> WriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return _writer;
        }

        var writer = new SqliteConnection(_connectionString);
        await writer.OpenAsync(cancellationToken);
        await writer.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;");
        _writer = writer;
        return writer;
    }

    public override async ValueTask DisposeAsync()
    {
        await _writerGate.WaitAsync();
        try
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }
        }
        finally
        {
            _writerGate.Release();
        }
    }
}
