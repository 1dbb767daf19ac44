using Microsoft.Data.Sqlite;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Storage;

/// <summary>A temporary SQLite file.</summary>
internal sealed class SqliteDb
{
    public Task<string> CreateAsync() =>
        Task.FromResult($"Data Source={Path.Combine(Path.GetTempPath(), $"refrain-test-{Guid.NewGuid():N}.db")}");

    public static Task DropAsync(string connectionString)
    {
        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A fresh database on the throwaway PostgreSQL server.</summary>
internal static class PostgresDb
{
    public static async Task<string> CreateAsync() =>
        await PostgresServer.CreateDatabaseAsync("t")
        ?? throw new InvalidOperationException("PostgreSQL is not available: " + PostgresServer.UnavailableReason);
}
